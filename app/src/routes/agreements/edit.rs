//! `/agreements/new` and `/agreements/{id}/edit`.

use super::detail::id_param;
use super::form::AgreementForm;
use crate::components::{ErrorPage, Page};
use crate::server_fns::agreements::fetch_agreement_form;
use leptos::prelude::*;

#[component]
pub fn AgreementNew() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| fetch_agreement_form(None));
    view! {
        <Suspense fallback=|| view! { <Page title="Add an agreement"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((_, options)) => view! {
                        <Page title="Add an agreement">
                            <a class="govuk-back-link" href="/agreements">"Back"</a>
                            <h1 class="govuk-heading-xl">"Add an agreement"</h1>
                            <AgreementForm path="/agreements/new".to_owned() record=Default::default() version=None options submit_label="Save agreement" />
                        </Page>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn AgreementEdit() -> impl IntoView {
    let id = id_param();
    let data = Resource::new_blocking(id, |id| fetch_agreement_form(Some(id)));
    view! {
        <Suspense fallback=|| view! { <Page title="Edit agreement"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((Some(detail), options)) => {
                        let path = format!("/agreements/{}/edit", detail.id);
                        let marking = detail.draft.classification.clone();
                        view! {
                            <Page title=format!("Edit agreement {}", detail.draft.reference) marking>
                                <a class="govuk-back-link" href=format!("/agreements/{}", detail.id)>"Back"</a>
                                <span class="govuk-caption-l">{detail.draft.reference.clone()}</span>
                                <h1 class="govuk-heading-xl">"Edit agreement"</h1>
                                <AgreementForm path record=detail.draft.to_form() version=Some(detail.version) options submit_label="Save changes" />
                            </Page>
                        }.into_any()
                    }
                    Ok((None, _)) => view! { <ErrorPage error=crate::error::AppError::NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
