//! `/agreements/{id}`: every field, parties, status history, commitments, arrangements.

use super::status_form::StatusForm;
use crate::components::{
    date_or_unset, ErrorPage, MarkingTag, OverdueTag, Page, RagTag, StatusTag, SummaryRow,
};
use crate::server_fns::agreements::fetch_agreement;
use accord::agreement_record::AgreementLink;
use accord::AgreementDetail;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `id` path parameter (0 when missing or not a number, which is never found).
pub fn id_param() -> impl Fn() -> i64 + Copy {
    let params = use_params_map();
    move || params.with(|p| p.get("id").and_then(|id| id.parse().ok()).unwrap_or(0))
}

/// Commitments listed on the page; the rest are one link away, in the register.
const COMMITMENTS_SHOWN: usize = 50;

#[component]
pub fn AgreementPage() -> impl IntoView {
    let id = id_param();
    let data = Resource::new_blocking(id, fetch_agreement);
    let history = crate::components::history_resource(
        accord::domain::audit_log::RecordKind::Agreement,
        move || id().to_string(),
    );
    let reviews = crate::routes::review_forms::history::reviews_resource(move || {
        accord::domain::assessment::ReviewSubject::Agreement(id())
    });
    view! {
        <Suspense fallback=|| view! { <Page title="Agreement"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match (data.await, history.await, reviews.await) {
                    (Ok(detail), history, reviews) => view! { <DetailView detail history reviews /> }.into_any(),
                    (Err(error), _, _) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn link_list(links: Vec<AgreementLink>) -> impl IntoView {
    if links.is_empty() {
        return view! { "None" }.into_any();
    }
    links
        .into_iter()
        .map(|l| view! { <a class="govuk-link" href=format!("/agreements/{}", l.id)>{l.reference}" – "{l.title}</a><br /> })
        .collect_view()
        .into_any()
}

#[component]
fn DetailView(
    detail: AgreementDetail,
    history: crate::components::History,
    reviews: crate::routes::review_forms::history::Reviews,
) -> impl IntoView {
    let mut marking = detail.page_marking();
    marking.raise(&crate::routes::review_forms::history::reviews_marking(&reviews));
    let (red, amber, green, unrated) = detail.rag_counts();
    let d = detail.draft.clone();
    let id = detail.id;
    let may_edit = crate::access::may(accord::Action::Edit);
    let money = d
        .funding_gbp
        .map(|n| format!("£{}", accord::thousands(n)))
        .unwrap_or_else(|| "None recorded".into());
    let strands = if d.strands.is_empty() {
        "None".to_owned()
    } else {
        d.strands.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ")
    };
    view! {
        <Page title=format!("{} – {}", d.reference, d.title) marking>
            <nav class="govuk-breadcrumbs" aria-label="Breadcrumb">
                <ol class="govuk-breadcrumbs__list">
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/agreements">"Agreements"</a></li>
                </ol>
            </nav>
            <span class="govuk-caption-l" data-test="agreement-reference">{d.reference.clone()}</span>
            <h1 class="govuk-heading-xl">{d.title.clone()}</h1>
            <super::status_form::StatusErrorSummary id />
            <p class="govuk-body"><StatusTag status=detail.status />" "<MarkingTag marking=d.classification.clone() /></p>
            {may_edit.then(|| view! { <div class="govuk-button-group">
                <a class="govuk-button govuk-button--secondary" href=format!("/agreements/{id}/edit") role="button" draggable="false">"Edit agreement"</a>
                <a class="govuk-button govuk-button--secondary" href=format!("/agreements/{id}/commitments/new") role="button" draggable="false">"Add a commitment"</a>
            </div> })}
            <h2 class="govuk-heading-m">"Details"</h2>
            <dl class="govuk-summary-list" data-test="agreement-summary">
                <SummaryRow key="Kind">{d.kind.label()}</SummaryRow>
                <SummaryRow key="Legally binding">{if d.legally_binding { "Yes" } else { "No" }}</SummaryRow>
                <SummaryRow key="Parties" test="agreement-parties">
                    {detail.parties.iter().map(|p| view! { <a class="govuk-link" href=format!("/partners/{}", p.alpha2)>{p.name.clone()}</a><br /> }).collect_view()}
                </SummaryRow>
                <SummaryRow key="Date signed">{date_or_unset(d.signed_on)}</SummaryRow>
                <SummaryRow key="Date in force">{date_or_unset(d.in_force_on)}</SummaryRow>
                <SummaryRow key="Expires">{date_or_unset(d.expires_on)}</SummaryRow>
                <SummaryRow key="Lead department">{detail.lead_department.clone().unwrap_or_else(|| "Not set".into())}</SummaryRow>
                <SummaryRow key="Owner">{if d.owner.is_empty() { "Not set".to_owned() } else { d.owner.clone() }}</SummaryRow>
                <SummaryRow key="CONTEST strands" test="agreement-strands">{strands}</SummaryRow>
                <SummaryRow key="Scope tags">{if d.scope_tags.is_empty() { "None".to_owned() } else { d.scope_tags.join(", ") }}</SummaryRow>
                <SummaryRow key="Funding">{money}{(!d.funding_note.is_empty()).then(|| view! { <br /><span class="govuk-body-s">{d.funding_note.clone()}</span> })}</SummaryRow>
                <SummaryRow key="Next review" test="agreement-next-review">{date_or_unset(d.next_review_on)}</SummaryRow>
                <SummaryRow key="Supersedes">{link_list(detail.supersedes.clone().into_iter().collect())}</SummaryRow>
                <SummaryRow key="Superseded by" test="agreement-superseded-by">{link_list(detail.superseded_by.clone())}</SummaryRow>
                <SummaryRow key="Amends">{link_list(detail.amends.clone().into_iter().collect())}</SummaryRow>
                <SummaryRow key="Amended by">{link_list(detail.amended_by.clone())}</SummaryRow>
                <SummaryRow key="Classification" test="agreement-classification">{d.classification.to_string()}</SummaryRow>
                <SummaryRow key="Summary"><p class="govuk-body accord-prewrap">{d.summary.clone()}</p></SummaryRow>
            </dl>

            <h2 class="govuk-heading-m" id="commitments">{format!("Commitments ({})", detail.commitments.len())}</h2>
            <p class="govuk-body" data-test="agreement-rag-counts">{format!("Red {red} · Amber {amber} · Green {green} · Not rated {unrated}")}</p>
            <p class="govuk-body"><a class="govuk-link" href=format!("/agreements/{id}/reciprocity") data-test="agreement-reciprocity">"Reciprocity: each party's commitments and their delivery, side by side"</a></p>
            <table class="govuk-table" data-test="agreement-commitments">
                <caption class="govuk-visually-hidden">"Commitments under this agreement"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Commitment"</th>
                    <th scope="col" class="govuk-table__header">"Party"</th>
                    <th scope="col" class="govuk-table__header">"Due"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                    <th scope="col" class="govuk-table__header">"RAG"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {detail.commitments.iter().take(COMMITMENTS_SHOWN).cloned().map(|c| view! {
                        <tr class="govuk-table__row" data-test="commitment-row">
                            <td class="govuk-table__cell"><a class="govuk-link" href=format!("/commitments/{}", c.id)>{c.text}</a></td>
                            <td class="govuk-table__cell">{c.committing_party}</td>
                            <td class="govuk-table__cell">{date_or_unset(c.due_on)}" "<OverdueTag overdue=c.overdue /></td>
                            <td class="govuk-table__cell">{c.status.label()}</td>
                            <td class="govuk-table__cell"><RagTag rag=c.rag /></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(detail.commitments.len() > COMMITMENTS_SHOWN).then(|| view! {
                <p class="govuk-body"><a class="govuk-link" href=format!("/commitments?agreement={id}") data-test="all-commitments">{format!("View all {} commitments", detail.commitments.len())}</a></p>
            })}

            <h2 class="govuk-heading-m">{format!("Sharing arrangements it governs ({})", detail.sharing.len())}</h2>
            <ul class="govuk-list" data-test="agreement-sharing">
                {detail.sharing.iter().cloned().map(|s| view! {
                    <li><a class="govuk-link" href=format!("/sharing/{}", s.id)>{s.reference}" – "{s.title}</a>" ("{s.status.label()}")"</li>
                }).collect_view()}
            </ul>

            <h2 class="govuk-heading-m" id="status">"Status history"</h2>
            <table class="govuk-table" data-test="status-history">
                <caption class="govuk-visually-hidden">"Status changes, oldest first"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Date"</th>
                    <th scope="col" class="govuk-table__header">"Change"</th>
                    <th scope="col" class="govuk-table__header">"Note"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {detail.history.iter().cloned().map(|h| view! {
                        <tr class="govuk-table__row" data-test="history-row">
                            <td class="govuk-table__cell">{accord::dates::long(h.changed_on)}</td>
                            <td class="govuk-table__cell">{match h.from_status { Some(from) => format!("{} → {}", from.label(), h.to_status.label()), None => h.to_status.label().to_owned() }}</td>
                            <td class="govuk-table__cell">{h.note}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {may_edit.then(|| view! { <StatusForm id status=detail.status version=detail.version /> })}
            <crate::routes::review_forms::history::RecordReviews subject=accord::domain::assessment::ReviewSubject::Agreement(detail.id) reviews />
            <crate::components::RecordHistory history />
            {detail.illustrative.then(|| view! { <p class="govuk-body-s accord-muted">"This is an illustrative record, not a real agreement."</p> })}
        </Page>
    }
}
