//! `/sharing`: the sharing-arrangement list, filtered by query parameters (a shareable link).

use super::SharingStatusTag;
use crate::components::{
    date_or_unset, list_page, list_title, ExportLinks, FilterLayout, FilterTag, MarkingTag, Page,
    Pagination,
};
use crate::forms::choices::Choices;
use crate::forms::fields::{DateField, SelectField};
use crate::server_fns::sharing::{fetch_sharing_list, SharingListPage};
use accord::{
    DataCategory, Direction, ListFilter, OsjaStatus, ReviewState, SharingFilter, SharingRow,
    SharingSort, SharingStatus, PAGE_SIZE,
};
use leptos::prelude::*;

#[component]
pub fn SharingList() -> impl IntoView {
    list_page("Sharing arrangements", fetch_sharing_list, |page, filter| {
        view! { <ListView page filter /> }.into_any()
    })
}

#[component]
fn ListView(page: SharingListPage, filter: SharingFilter) -> impl IntoView {
    let export_filter = filter.clone();
    let total = page.rows.total;
    let title = list_title("Sharing arrangements", filter.applied().len(), filter.page, total);
    let link_filter = filter.clone();
    let noun = if total == 1 { "sharing arrangement" } else { "sharing arrangements" };
    let sorts = Choices::of(SharingSort::ALL, SharingSort::code, SharingSort::label);
    let orders = [("asc", "Ascending"), ("desc", "Descending")];
    let reviews = Choices::of(ReviewState::ALL, ReviewState::code, ReviewState::label);
    let tags = FilterTag::all("/sharing", &filter.to_query(), filter.applied(), |_, value| value);
    let filters = view! {
        <SelectField name="partner" label="Partner" options=Choices::partners() blank="Any partner" />
        <SelectField name="data_category" label="Data category" options=Choices::of(DataCategory::ALL, DataCategory::code, DataCategory::label) blank="Any category" />
        <SelectField name="direction" label="Direction" options=Choices::of(Direction::ALL, Direction::code, Direction::label) blank="Either way" />
        <SelectField name="status" label="Status" options=Choices::of(SharingStatus::ALL, SharingStatus::code, SharingStatus::label) blank="Any status" />
        <SelectField name="osja" label="OSJA assessment" options=Choices::of(OsjaStatus::ALL, OsjaStatus::code, OsjaStatus::label) blank="Any" />
        <SelectField name="review" label="Next review" options=reviews blank="Any date" />
        <DateField name="review_due" legend="Review due before" />
        <SelectField name="sort" label="Sort by" options=sorts />
        <SelectField name="dir" label="Order" options=orders />
    }
    .into_any();
    view! {
        <Page title marking=page.rows.marking>
            <div class="accord-title-row">
                <h1 class="govuk-heading-xl">"Sharing arrangements"</h1>
                {crate::access::may(accord::Action::Edit).then(|| view! { <a href="/sharing/new" role="button" draggable="false" class="govuk-button" data-module="govuk-button">"Add a sharing arrangement"</a> })}
            </div>
            <FilterLayout noun="sharing arrangements" action="/sharing" tags filters>
                <h2 class="govuk-heading-m" data-test="result-count">{format!("{total} {noun}")}</h2>
                <table class="govuk-table" data-test="sharing-table">
                    <caption class="govuk-visually-hidden">"Sharing arrangements matching the filter"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Reference"</th>
                        <th scope="col" class="govuk-table__header">"Title"</th>
                        <th scope="col" class="govuk-table__header">"Partner"</th>
                        <th scope="col" class="govuk-table__header">"Data categories"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                        <th scope="col" class="govuk-table__header">"OSJA"</th>
                        <th scope="col" class="govuk-table__header">"Next review"</th>
                        <th scope="col" class="govuk-table__header">"Marking"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body" inner_html=page.rows.html></tbody>
                </table>
                <ExportLinks filter=export_filter />
                <Pagination page=filter.page total page_size=PAGE_SIZE href=move |p| format!("/sharing?{}", link_filter.with_page(p).to_query()) />
            </FilterLayout>
        </Page>
    }
}

/// One arrangement's row of the table (rendered with its page, see `ListRows`).
pub fn row(row: SharingRow) -> impl IntoView {
    let categories = row.data_categories.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ");
    view! {
        <tr class="govuk-table__row" data-test="sharing-row">
            <td class="govuk-table__cell"><a class="govuk-link" href=format!("/sharing/{}", row.id)>{row.reference}</a></td>
            <td class="govuk-table__cell">{row.title}<br /><span class="govuk-body-s accord-muted">{row.uk_body}" · "{row.direction.label()}</span></td>
            <td class="govuk-table__cell">{row.partner_name}</td>
            <td class="govuk-table__cell">{categories}</td>
            <td class="govuk-table__cell"><SharingStatusTag status=row.status /></td>
            <td class="govuk-table__cell">{row.osja_status.label()}</td>
            <td class="govuk-table__cell">{date_or_unset(row.next_review_on)}</td>
            <td class="govuk-table__cell"><MarkingTag marking=row.classification /></td>
        </tr>
    }
}
