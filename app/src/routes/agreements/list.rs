//! `/agreements`: the register, filtered by query parameters (a shareable link).

use crate::components::{
    list_page, list_title, ExportLinks, FilterLayout, FilterTag, MarkingTag, Page, Pagination,
    StatusTag,
};
use crate::forms::choices::Choices;
use crate::forms::fields::{DateField, SelectField, TextField};
use crate::server_fns::agreements::{fetch_agreements, AgreementListPage};
use accord::{
    AgreementFilter, AgreementKind, AgreementRow, AgreementSort, AgreementStatus, ContestStrand,
    Level, ListFilter, ReviewState, PAGE_SIZE,
};
use leptos::prelude::*;

#[component]
pub fn AgreementList() -> impl IntoView {
    list_page("Agreements", fetch_agreements, |page, filter| {
        view! { <ListView page filter /> }.into_any()
    })
}

#[component]
fn ListView(page: AgreementListPage, filter: AgreementFilter) -> impl IntoView {
    let export_filter = filter.clone();
    let total = page.rows.total;
    let title = list_title("Agreements", filter.applied().len(), filter.page, total);
    let link_filter = filter.clone();
    let noun = if total == 1 { "agreement" } else { "agreements" };
    let o = page.options;
    let (routes, bodies) = (o.routes.clone(), o.uk_bodies.clone());
    let tags = FilterTag::all("/agreements", &filter.to_query(), filter.applied(), |key, value| {
        let from = match key {
            "route" => &routes,
            "lead" => &bodies,
            _ => return value,
        };
        from.iter().find(|(code, _)| *code == value).map_or(value, |(_, name)| name.clone())
    });
    let filters = view! {
        <SelectField name="partner" label="Partner" options=Choices::partners() blank="Any partner" />
        <SelectField name="route" label="Route" options=o.routes blank="Any route" />
        <SelectField name="kind" label="Kind" options=Choices::of(AgreementKind::ALL, AgreementKind::code, AgreementKind::label) blank="Any kind" />
        <SelectField name="status" label="Status" options=Choices::of(AgreementStatus::ALL, AgreementStatus::code, AgreementStatus::label) blank="Any status" />
        <SelectField name="strand" label="CONTEST strand" options=Choices::of(ContestStrand::ALL, ContestStrand::code, ContestStrand::label) blank="Any strand" />
        <SelectField name="legally_binding" label="Legally binding" options=[("yes", "Yes"), ("no", "No")] blank="Either" />
        <SelectField name="lead" label="Lead department" options=o.uk_bodies blank="Any department" />
        <TextField name="owner" label="Owner" />
        <SelectField name="review" label="Next review" options=Choices::of(ReviewState::ALL, ReviewState::code, ReviewState::label) blank="Any date" />
        <DateField name="review_before" legend="Review due before" />
        <SelectField name="expiring" label="Expiry" options=[("true", "In force, expiring in the next 90 days")] blank="Any" />
        <SelectField name="classification" label="Classification" options=Choices::of(Level::ALL, Level::code, Level::label) blank="Any" />
        <SelectField name="sort" label="Sort by" options=Choices::of(AgreementSort::ALL, AgreementSort::code, AgreementSort::label) />
        <SelectField name="dir" label="Order" options=[("asc", "Ascending"), ("desc", "Descending")] />
    }
    .into_any();
    view! {
        <Page title marking=page.rows.marking>
            <div class="accord-title-row">
                <h1 class="govuk-heading-xl">"Agreements"</h1>
                {crate::access::may(accord::Action::Edit).then(|| view! { <a href="/agreements/new" role="button" draggable="false" class="govuk-button" data-module="govuk-button">"Add an agreement"</a> })}
            </div>
            <FilterLayout noun="agreements" action="/agreements" tags filters>
                <h2 class="govuk-heading-m" data-test="result-count">{format!("{total} {noun}")}</h2>
                <table class="govuk-table" data-test="agreement-table">
                    <caption class="govuk-visually-hidden">"Agreements matching the filter"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Reference"</th>
                            <th scope="col" class="govuk-table__header">"Title"</th>
                            <th scope="col" class="govuk-table__header">"Partners"</th>
                            <th scope="col" class="govuk-table__header">"Status"</th>
                            <th scope="col" class="govuk-table__header">"Next review"</th>
                            <th scope="col" class="govuk-table__header">"Marking"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body" inner_html=page.rows.html></tbody>
                </table>
                <ExportLinks filter=export_filter.clone() />
                <crate::routes::briefing_pack::ListBriefingLinks filter=export_filter />
                <Pagination page=filter.page total page_size=PAGE_SIZE href=move |p| format!("/agreements?{}", link_filter.with_page(p).to_query()) />
            </FilterLayout>
        </Page>
    }
}

/// One agreement's row of the table (rendered with its page, see `ListRows`).
pub fn row(row: AgreementRow) -> impl IntoView {
    view! {
        <tr class="govuk-table__row" data-test="agreement-row">
            <td class="govuk-table__cell"><a class="govuk-link" href=format!("/agreements/{}", row.id)>{row.reference}</a></td>
            <td class="govuk-table__cell">{row.title}<br /><span class="govuk-body-s accord-muted">{row.kind.label()}</span></td>
            <td class="govuk-table__cell">{row.partners}</td>
            <td class="govuk-table__cell"><StatusTag status=row.status /></td>
            <td class="govuk-table__cell">{crate::components::date_or_unset(row.next_review_on)}</td>
            <td class="govuk-table__cell"><MarkingTag marking=row.classification /></td>
        </tr>
    }
}
