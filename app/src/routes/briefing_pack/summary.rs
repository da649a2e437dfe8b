//! The print view's summary (counts) and, for a route, its legs: the diagram and a
//! table of each leg with its neighbours, coverage and gaps.

use accord::briefing_pack::BriefingPack;
use leptos::prelude::*;

/// A `<table>` whose rows never split across printed pages (main.css).
#[component]
pub(super) fn PackTable(
    caption: &'static str,
    headers: &'static [&'static str],
    rows: Vec<Vec<String>>,
    test: &'static str,
) -> impl IntoView {
    view! {
        <table class="govuk-table accord-briefing__table" data-test=test>
            <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    {headers.iter().map(|h| view! { <th scope="col" class="govuk-table__header">{*h}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {rows.into_iter().map(|row| view! {
                    <tr class="govuk-table__row">
                        {row.into_iter().map(|c| view! { <td class="govuk-table__cell">{c}</td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Counts by status and RAG, overdue and reviews due; then a route's legs.
#[component]
pub(super) fn Summary(pack: BriefingPack) -> impl IntoView {
    let s = &pack.summary;
    let mut rows: Vec<Vec<String>> = s
        .agreements_by_status
        .iter()
        .map(|c| {
            vec![format!("Agreements: {}", c.status.label().to_lowercase()), c.count.to_string()]
        })
        .collect();
    rows.extend(s.commitments_by_rag.iter().map(|c| {
        vec![format!("Commitments rated {}", c.label().to_lowercase()), c.count.to_string()]
    }));
    rows.push(vec!["Commitments in all (not withdrawn)".into(), s.commitments_total.to_string()]);
    rows.push(vec!["Overdue commitments".into(), s.overdue.to_string()]);
    rows.push(vec!["Reviews due within 90 days or overdue".into(), s.reviews_due.to_string()]);
    let legs: Vec<Vec<String>> = pack
        .legs
        .iter()
        .map(|l| {
            vec![
                l.position.to_string(),
                format!("{} ({})", l.partner_name, l.alpha2),
                l.stage.label().to_owned(),
                l.from.clone().unwrap_or_else(|| "—".into()),
                l.to.clone().unwrap_or_else(|| "—".into()),
                l.coverage.label().to_owned(),
                if l.gaps.is_empty() { "None".into() } else { l.gaps.join("; ") },
            ]
        })
        .collect();
    let diagram = pack.route_diagram_svg.clone();
    view! {
        <section class="accord-briefing__section" data-test="briefing-summary">
            <h2 class="govuk-heading-l">"Summary"</h2>
            <PackTable caption="Agreements, commitments and reviews" headers=&["Measure", "Count"] rows test="briefing-summary-table" />
        </section>
        {(!legs.is_empty()).then(|| view! {
            <section class="accord-briefing__section" data-test="briefing-legs">
                <h2 class="govuk-heading-l">"Route legs"</h2>
                // The route page's own drawing (standalone SVG, painted with
                // presentation attributes); the table below says the same in words.
                {diagram.map(|svg| view! { <div class="accord-briefing__picture" inner_html=svg></div> })}
                <PackTable
                    caption="Legs in order, with coverage and gaps"
                    headers=&["Leg", "Partner", "Stage", "From", "To", "Coverage", "Gaps"]
                    rows=legs
                    test="briefing-legs-table"
                />
            </section>
        })}
    }
}
