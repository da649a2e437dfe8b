//! `/agreements/{id}/commitments/new` and `/commitments/{id}/edit`.

use super::form::CommitmentForm;
use crate::components::{ErrorPage, Page};
use crate::routes::agreements::detail::id_param;
use crate::server_fns::commitments::{fetch_commitment, fetch_commitment_parties};
use accord::FormData;
use leptos::prelude::*;

/// How many words of a commitment's text name it in a page title.
const TITLE_WORDS: usize = 6;

/// The first words of a commitment's text, "…" marking the cut.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let more = if words.len() > TITLE_WORDS { "…" } else { "" };
    format!("{}{more}", words.iter().take(TITLE_WORDS).copied().collect::<Vec<_>>().join(" "))
}

/// A commitment's page title: "Commitment 42: Readmit nationals within thirty days of…"
/// (commitments have no reference, so their id and first words tell them apart).
pub fn commitment_title(id: i64, text: &str) -> String {
    format!("Commitment {id}: {}", first_words(text))
}

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
                            <Page title=format!("Add a commitment to {reference}")>
                                <a class="govuk-back-link" href=format!("/agreements/{id}")>"Back"</a>
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
                            <Page title=format!("Edit commitment {}: {}", detail.id, first_words(&detail.draft.text)) marking>
                                <a class="govuk-back-link" href=format!("/commitments/{}", detail.id)>"Back"</a>
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

#[cfg(test)]
mod tests {
    use super::commitment_title;

    #[test]
    fn a_commitment_title_is_its_id_and_first_words() {
        assert_eq!(commitment_title(7, "Readmit  nationals"), "Commitment 7: Readmit nationals");
        assert_eq!(
            commitment_title(42, "Readmit nationals within thirty days of a request being made"),
            "Commitment 42: Readmit nationals within thirty days of…"
        );
    }
}
