//! `/sharing/new` and `/sharing/{id}/edit`.

use super::form::SharingForm;
use crate::components::{ErrorPage, Page};
use crate::forms::submission_for;
use crate::routes::agreements::detail::id_param;
use crate::server_fns::sharing::fetch_sharing_form;
use accord::{Classification, FormReader};
use leptos::prelude::*;

/// The page marking: the record's, raised to what the user typed when their refused
/// submission is shown again (the page displays those values).
fn marking(path: &str, record: Classification) -> Classification {
    let mut marking = record;
    if let Some(submission) = submission_for(path) {
        let mut reader = FormReader::new(&submission.values);
        marking.raise(&Classification::from_form(&mut reader));
    }
    marking
}

#[component]
pub fn SharingNew() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| fetch_sharing_form(None));
    view! {
        <Suspense fallback=|| view! { <Page title="Add a sharing arrangement"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((_, options)) => {
                        let path = "/sharing/new".to_owned();
                        let marking = marking(&path, Classification::default());
                        view! {
                            <Page title="Add a sharing arrangement" marking>
                                <a class="govuk-back-link" href="/sharing">"Back"</a>
                                <h1 class="govuk-heading-xl">"Add a sharing arrangement"</h1>
                                <SharingForm path record=Default::default() version=None options cancel="/sharing".to_owned() submit_label="Save sharing arrangement" />
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
pub fn SharingEdit() -> impl IntoView {
    let id = id_param();
    let data = Resource::new_blocking(id, |id| fetch_sharing_form(Some(id)));
    view! {
        <Suspense fallback=|| view! { <Page title="Edit sharing arrangement"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((Some(detail), options)) => {
                        let path = format!("/sharing/{}/edit", detail.id);
                        let marking = marking(&path, detail.page_marking());
                        view! {
                            <Page title=format!("Edit sharing arrangement {}", detail.draft.reference) marking>
                                <a class="govuk-back-link" href=format!("/sharing/{}", detail.id)>"Back"</a>
                                <span class="govuk-caption-l">{detail.draft.reference.clone()}</span>
                                <h1 class="govuk-heading-xl">"Edit sharing arrangement"</h1>
                                <SharingForm path record=detail.draft.to_form() version=Some(detail.version) options cancel=format!("/sharing/{}", detail.id) submit_label="Save changes" />
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
