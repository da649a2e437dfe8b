//! `/commitments`: the register across all agreements.

use crate::components::{
    date_or_unset, list_page, list_title, ExportLinks, FilterLayout, FilterTag, MarkingTag,
    OverdueTag, Page, Pagination, RagTag,
};
use crate::forms::choices::Choices;
use crate::forms::fields::{DateField, SelectField, TextField};
use crate::server_fns::commitments::{fetch_commitments, CommitmentListPage};
use accord::commitment_record::{NOT_RATED, OPEN, OPEN_LABEL};
use accord::{
    CommitmentFilter, CommitmentRow, CommitmentSort, CommitmentStatus, ContestStrand, ListFilter,
    Rag, ReviewState, PAGE_SIZE,
};
use leptos::prelude::*;

#[component]
pub fn CommitmentList() -> impl IntoView {
    list_page("Commitments", fetch_commitments, |page, filter| {
        view! { <ListView page filter /> }.into_any()
    })
}

#[component]
fn ListView(page: CommitmentListPage, filter: CommitmentFilter) -> impl IntoView {
    let export_filter = filter.clone();
    let total = page.rows.total;
    let title = list_title("Commitments", filter.applied().len(), filter.page, total);
    let link_filter = filter.clone();
    let mut statuses =
        Choices::of(CommitmentStatus::ALL, CommitmentStatus::code, CommitmentStatus::label);
    statuses.0.push((OPEN.into(), OPEN_LABEL.into()));
    let mut rags = Choices::of(Rag::ALL, Rag::code, Rag::label);
    rags.0.push((NOT_RATED.into(), "Not rated".into()));
    let strands = Choices::of(ContestStrand::ALL, ContestStrand::code, ContestStrand::label);
    let reviews = Choices::of(ReviewState::ALL, ReviewState::code, ReviewState::label);
    let sorts = Choices::of(CommitmentSort::ALL, CommitmentSort::code, CommitmentSort::label);
    let (routes, bodies) = (page.routes.clone(), page.uk_bodies.clone());
    let tags = FilterTag::all(
        "/commitments",
        &filter.to_query(),
        filter.applied(),
        |key, value| match key {
            "route" => routes
                .iter()
                .find(|(slug, _)| *slug == value)
                .map_or(value, |(_, name)| name.clone()),
            "lead" => bodies.iter().find(|(id, _)| *id == value).map_or(value, |(_, n)| n.clone()),
            _ => value,
        },
    );
    let filters = view! {
        <SelectField name="partner" label="Partner" options=Choices::partners() blank="Any partner" />
        <SelectField name="route" label="Route" options=page.routes blank="Any route" />
        <SelectField name="status" label="Status" options=statuses blank="Any status" />
        <SelectField name="rag" label="RAG" options=rags blank="Any rating" />
        <SelectField name="strand" label="CONTEST strand" options=strands blank="Any strand" />
        <SelectField name="party" label="Committing party" options=Choices::partners_and_home() blank="Any party" />
        <SelectField name="lead" label="Lead department" options=page.uk_bodies blank="Any department" />
        <TextField name="owner" label="Owner" />
        <DateField name="due_before" legend="Due before" />
        <SelectField name="overdue" label="Overdue" options=[("true", "Overdue only")] blank="All" />
        <SelectField name="review" label="Next review" options=reviews blank="Any date" />
        <SelectField name="withdrawn" label="Withdrawn" options=[("exclude", "Leave out withdrawn")] blank="Include" />
        <SelectField name="sort" label="Sort by" options=sorts />
        <SelectField name="dir" label="Order" options=[("asc", "Ascending"), ("desc", "Descending")] />
        {filter.agreement.map(|a| view! { <input type="hidden" name="agreement" value=a.to_string() /> })}
        {filter.owner_exact.then(|| view! { <input type="hidden" name="owner_match" value="exact" /> })}
    }
    .into_any();
    view! {
        <Page title marking=page.rows.marking>
            <h1 class="govuk-heading-xl">"Commitments"</h1>
            <FilterLayout noun="commitments" action="/commitments" tags filters>
                <h2 class="govuk-heading-m" data-test="result-count">{format!("{total} {}", if total == 1 { "commitment" } else { "commitments" })}</h2>
                <table class="govuk-table" data-test="commitment-table">
                    <caption class="govuk-visually-hidden">"Commitments matching the filter"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Commitment"</th>
                        <th scope="col" class="govuk-table__header">"Agreement"</th>
                        <th scope="col" class="govuk-table__header">"Party"</th>
                        <th scope="col" class="govuk-table__header">"Due"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                        <th scope="col" class="govuk-table__header">"RAG"</th>
                        <th scope="col" class="govuk-table__header">"Marking"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body" inner_html=page.rows.html></tbody>
                </table>
                <ExportLinks filter=export_filter.clone() />
                <crate::routes::briefing_pack::ListBriefingLinks filter=export_filter />
                <Pagination page=filter.page total page_size=PAGE_SIZE href=move |p| format!("/commitments?{}", link_filter.with_page(p).to_query()) />
            </FilterLayout>
        </Page>
    }
}

/// One commitment's row of the table (rendered with its page, see `ListRows`).
pub fn row(c: CommitmentRow) -> impl IntoView {
    view! {
        <tr class="govuk-table__row" data-test="commitment-row">
            <td class="govuk-table__cell"><a class="govuk-link" href=format!("/commitments/{}", c.id)>{c.text}</a></td>
            <td class="govuk-table__cell"><a class="govuk-link" href=format!("/agreements/{}", c.agreement_id)>{c.agreement_reference}</a></td>
            <td class="govuk-table__cell">{c.committing_party}</td>
            <td class="govuk-table__cell">{date_or_unset(c.due_on)}" "<OverdueTag overdue=c.overdue /></td>
            <td class="govuk-table__cell">{c.status.label()}</td>
            <td class="govuk-table__cell"><RagTag rag=c.rag /></td>
            <td class="govuk-table__cell"><MarkingTag marking=c.classification /></td>
        </tr>
    }
}
