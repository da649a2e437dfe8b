//! `/admin/audit`: the audit log, newest first, filtered by who, what kind of record,
//! what happened and when (a plain GET form, so a filtered log is a link).

use crate::components::{ErrorPage, Page, Pagination};
use crate::forms::fields::DateField;
use crate::forms::FormValues;
use crate::server_fns::users::fetch_audit;
use accord::domain::audit::AuditAction;
use accord::domain::audit_log::{AuditFilter, AuditPage, AUDIT_PAGE_SIZE};
use accord::FormData;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditLog() -> impl IntoView {
    let filter = use_query_map().with_untracked(|q| {
        let pairs: Vec<(String, String)> =
            q.clone().into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        AuditFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    let data = Resource::new_blocking(
        {
            let filter = filter.clone();
            move || filter.clone()
        },
        fetch_audit,
    );
    view! {
        <Suspense fallback=|| view! { <Page title="Audit log"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || {
                let filter = filter.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <AuditView page filter /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn AuditView(page: AuditPage, filter: AuditFilter) -> impl IntoView {
    // The date inputs show the dates applied (one the filter could not use is dropped).
    let dates = [("from", &filter.from), ("to", &filter.to)];
    let values = FormData(dates.iter().map(|(k, v)| ((*k).to_owned(), (*v).clone())).collect());
    provide_context(FormValues { values, errors: Default::default() });
    let actions: String = std::iter::once(("", "Any action"))
        .chain(AuditAction::ALL.iter().map(|a| (a.code(), a.label())))
        .map(|(code, label)| {
            let selected = filter.action.map(|a| a.code()) == Some(code)
                || (code.is_empty() && filter.action.is_none());
            format!(
                "<option value=\"{}\"{}>{}</option>",
                code,
                if selected { " selected" } else { "" },
                html_escape::encode_text(label)
            )
        })
        .collect();
    let href = {
        let filter = filter.clone();
        move |n: i64| format!("/admin/audit?{}", filter.query(n))
    };
    view! {
        <Page title="Audit log">
            <h1 class="govuk-heading-xl">"Audit log"</h1>
            <p class="govuk-body">
                "Every change, sign-in, refusal, user change and backup, newest first. The log is a hash chain: "
                <code>"accord audit verify"</code>" checks it has not been edited."
            </p>
            <form method="get" action="/admin/audit" class="accord-panel" data-test="audit-filter">
                <div class="accord-filters__row">
                    <div class="govuk-form-group">
                        <label class="govuk-label" for="actor">"Who (name or email contains)"</label>
                        <input class="govuk-input govuk-input--width-20" id="actor" name="actor" type="text" value=filter.actor.clone() />
                    </div>
                    <div class="govuk-form-group">
                        <label class="govuk-label" for="entity">"Kind of record"</label>
                        <input class="govuk-input govuk-input--width-10" id="entity" name="entity" type="text" value=filter.entity.clone() />
                    </div>
                    <div class="govuk-form-group">
                        <label class="govuk-label" for="action">"Action"</label>
                        <select class="govuk-select" id="action" name="action" inner_html=actions></select>
                    </div>
                    <DateField name="from" legend="From" />
                    <DateField name="to" legend="To" />
                </div>
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Filter"</button>
            </form>
            {page.withheld.then(|| view! {
                <div class="govuk-inset-text">"Record values are shown only to administrators cleared to TOP SECRET, and entries about records above your clearance are not listed."</div>
            })}
            <table class="govuk-table" data-test="audit-log">
                <caption class="govuk-table__caption govuk-table__caption--m" data-test="audit-count">{format!("{} entries", page.total)}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"When (UTC)"</th>
                        <th scope="col" class="govuk-table__header">"Who"</th>
                        <th scope="col" class="govuk-table__header">"Action"</th>
                        <th scope="col" class="govuk-table__header">"Record"</th>
                        <th scope="col" class="govuk-table__header">"Values"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {page.entries.into_iter().map(|entry| view! {
                        <tr class="govuk-table__row" data-test="audit-row">
                            <td class="govuk-table__cell">{entry.at.clone()}</td>
                            <td class="govuk-table__cell">{entry.actor.clone()}</td>
                            <td class="govuk-table__cell">{entry.action.parse::<AuditAction>().map(|a| a.label().to_owned()).unwrap_or(entry.action.clone())}</td>
                            <td class="govuk-table__cell">{format!("{} {}", entry.entity, entry.entity_id.clone().unwrap_or_default())}</td>
                            <td class="govuk-table__cell accord-audit-values">
                                {entry.before.clone().map(|b| view! { <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Before"</span></summary><div class="govuk-details__text"><code>{b}</code></div></details> })}
                                {entry.after.clone().map(|a| view! { <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">"After"</span></summary><div class="govuk-details__text"><code>{a}</code></div></details> })}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <Pagination page=filter.page total=page.total page_size=AUDIT_PAGE_SIZE href />
        </Page>
    }
}
