//! `/agreements/{id}/commitments/new` and `/commitments/{id}/edit`.

use super::form::CommitmentForm;
use crate::components::{ErrorPage, Page};
use crate::routes::agreements::detail::id_param;
use crate::server_fns::commitments::{fetch_commitment, fetch_commitment_parties};
use accord::FormData;
use leptos::prelude::*;

#[component]
pub fn CommitmentNew() -> impl IntoView {
    let agreement_id = id_param();
    let data = Resource::new_blocking(agreement_id, fetch_commitment_parties);
    view! {
        <Suspense fallback=|| view! { <Page title="Add a commitment"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                let id = agreement_id();
                match data.await {
                    Ok((reference, parties)) => {
                        let mut blank = FormData::default();
                        blank.push("status", "not_started");
                        view! {
                            <Page title="Add a commitment">
                                <span class="govuk-caption-l">{reference}</span>
                                <h1 class="govuk-heading-xl">"Add a commitment"</h1>
                                <CommitmentForm path=format!("/agreements/{id}/commitments/new") record=blank version=None parties cancel=format!("/agreements/{id}") submit_label="Save commitment" />
                            </Page>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CommitmentEdit() -> impl IntoView {
    let id = id_param();
    let data = Resource::new_blocking(id, fetch_commitment);
    view! {
        <Suspense fallback=|| view! { <Page title="Edit commitment"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(detail) => {
                        let marking = detail.page_marking();
                        view! {
                            <Page title="Edit commitment" marking>
                                <span class="govuk-caption-l">{detail.agreement_reference.clone()}</span>
                                <h1 class="govuk-heading-xl">"Edit commitment"</h1>
                                <CommitmentForm path=format!("/commitments/{}/edit", detail.id) record=detail.draft.to_form() version=Some(detail.version) parties=detail.parties.clone() cancel=format!("/commitments/{}", detail.id) submit_label="Save changes" />
                            </Page>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
