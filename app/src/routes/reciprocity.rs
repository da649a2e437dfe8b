//! Reciprocity: `/agreements/{id}/reciprocity` (each party's commitments under the
//! agreement) and `/partners/{alpha2}/reciprocity` (the UK's beside the partner's,
//! across the partner's agreements): delivery counted side by side, every count a link
//! to its list, then each side's commitments.

mod sides;

use crate::components::{ErrorPage, Page};
use crate::error::AppError;
use crate::server_fns::rollups::{fetch_agreement_reciprocity, fetch_partner_reciprocity};
use accord::rollup::reciprocity::{Reciprocity, Subject};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use sides::{DeliveryTable, SideList};

#[component]
pub fn AgreementReciprocity() -> impl IntoView {
    let params = use_params_map();
    // An id that is not a number names no agreement: 0 is never one.
    let id =
        move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0));
    let data = Resource::new_blocking(id, fetch_agreement_reciprocity);
    view! { <Loaded data /> }
}

#[component]
pub fn PartnerReciprocity() -> impl IntoView {
    let params = use_params_map();
    let alpha2 = move || params.with(|p| p.get("alpha2").unwrap_or_default());
    let data = Resource::new_blocking(alpha2, fetch_partner_reciprocity);
    view! { <Loaded data /> }
}

#[component]
fn Loaded(data: Resource<Result<Reciprocity, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <Page title="Reciprocity"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => view! { <ReciprocityView r /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReciprocityView(r: Reciprocity) -> impl IntoView {
    let Reciprocity { subject, sides, marking } = r;
    let (crumb, crumb_href, back, caption, lede) = match &subject {
        Subject::Agreement { id, reference, title } => (
            "Agreements",
            "/agreements".to_owned(),
            format!("/agreements/{id}"),
            format!("{reference}: {title}"),
            "Each party's commitments under this agreement, side by side.".to_owned(),
        ),
        Subject::Partner { alpha2, name } => (
            "Partners",
            "/partners".to_owned(),
            format!("/partners/{alpha2}"),
            name.clone(),
            format!(
                "The United Kingdom's commitments beside {name}'s, under every agreement to which {name} is a party."
            ),
        ),
    };
    let with_agreement = matches!(subject, Subject::Partner { .. });
    let title = format!("Reciprocity: {caption}");
    // Two sides sit side by side; more (a multilateral agreement) one under another.
    let column =
        if sides.len() == 2 { "govuk-grid-column-one-half" } else { "govuk-grid-column-full" };
    view! {
        <Page title marking>
            <nav class="govuk-breadcrumbs" aria-label="Breadcrumb">
                <ol class="govuk-breadcrumbs__list">
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href=crumb_href>{crumb}</a></li>
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href=back>{caption.clone()}</a></li>
                </ol>
            </nav>
            <span class="govuk-caption-xl">{caption}</span>
            <h1 class="govuk-heading-xl">"Reciprocity"</h1>
            <p class="govuk-body-l">{lede}</p>
            <DeliveryTable sides=sides.clone() />
            <div class="govuk-grid-row">
                {sides.into_iter().map(|side| view! {
                    <div class=column><SideList side with_agreement /></div>
                }).collect_view()}
            </div>
        </Page>
    }
}
