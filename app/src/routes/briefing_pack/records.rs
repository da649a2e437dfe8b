//! The print view's record sections: agreements with their timeline, commitments,
//! sharing arrangements and upcoming reviews.

use super::summary::PackTable;
use accord::briefing_pack::BriefingPack;
use accord::dates;
use leptos::prelude::*;
use time::Date;

fn date(on: Option<Date>) -> String {
    on.map_or_else(|| "—".to_owned(), dates::long)
}

/// A section: its heading, and its table or a line saying there is nothing.
#[component]
fn Section(
    title: &'static str,
    test: &'static str,
    empty: bool,
    none: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="accord-briefing__section" data-test=test>
            <h2 class="govuk-heading-l">{title}</h2>
            {if empty { view! { <p class="govuk-body">{none}</p> }.into_any() } else { children().into_any() }}
        </section>
    }
}

#[component]
pub(super) fn Records(pack: BriefingPack) -> impl IntoView {
    let timeline = (!pack.timeline.is_empty()).then(|| pack.timeline_svg());
    let agreements: Vec<Vec<String>> = pack
        .agreements
        .iter()
        .map(|a| {
            vec![
                a.reference.clone(),
                a.title.clone(),
                a.status.label().to_owned(),
                date(a.signed_on),
                date(a.in_force_on),
                date(a.expires_on),
                date(a.next_review_on),
                a.marking.to_string(),
            ]
        })
        .collect();
    let commitments: Vec<Vec<String>> = pack
        .commitments
        .iter()
        .map(|c| {
            let due =
                if c.overdue { format!("{} (overdue)", date(c.due_on)) } else { date(c.due_on) };
            let assessment = match (c.latest_assessment_on, &c.latest_assessment_note) {
                (Some(on), Some(note)) => format!("{}: {note}", dates::long(on)),
                (Some(on), None) => dates::long(on),
                _ => "None".to_owned(),
            };
            vec![
                c.agreement_reference.clone(),
                c.text.clone(),
                c.owner.clone(),
                due,
                c.status.label().to_owned(),
                c.rag.map_or("Not rated", |r| r.label()).to_owned(),
                assessment,
                c.marking.to_string(),
            ]
        })
        .collect();
    let more = pack.commitments_more();
    let sharing: Vec<Vec<String>> = pack
        .sharing
        .iter()
        .map(|s| {
            vec![
                s.reference.clone(),
                s.title.clone(),
                s.partner.clone(),
                if s.caveats.trim().is_empty() { "None".into() } else { s.caveats.clone() },
                date(s.next_review_on),
                s.marking.to_string(),
            ]
        })
        .collect();
    let reviews: Vec<Vec<String>> = pack
        .upcoming_reviews
        .iter()
        .map(|r| vec![dates::long(r.due_on), r.kind.clone(), r.reference.clone()])
        .collect();
    view! {
        <Section title="Agreements" test="briefing-agreements" empty=agreements.is_empty() none="No agreements.">
            <PackTable
                caption="Agreements with their key dates"
                headers=&["Reference", "Title", "Status", "Signed", "In force", "Expires", "Next review", "Marking"]
                rows=agreements.clone()
                test="briefing-agreements-table"
            />
            {timeline.clone().map(|svg| view! {
                <h3 class="govuk-heading-m">"Timeline of agreements"</h3>
                <div class="accord-briefing__picture" data-test="briefing-timeline" inner_html=svg></div>
            })}
        </Section>
        <Section title="Commitments" test="briefing-commitments" empty=commitments.is_empty() none="No commitments.">
            <PackTable
                caption="Commitments with owner, due date, status, RAG and latest assessment"
                headers=&["Agreement", "Commitment", "Owner", "Due", "Status", "RAG", "Latest assessment", "Marking"]
                rows=commitments.clone()
                test="briefing-commitments-table"
            />
            {more.clone().map(|m| view! { <p class="govuk-body">{m}</p> })}
        </Section>
        <Section title="Sharing arrangements" test="briefing-sharing" empty=sharing.is_empty() none="No sharing arrangements.">
            <PackTable
                caption="Sharing arrangements with their handling caveats"
                headers=&["Reference", "Title", "Partner", "Handling caveats", "Next review", "Marking"]
                rows=sharing.clone()
                test="briefing-sharing-table"
            />
        </Section>
        <Section title="Upcoming reviews" test="briefing-reviews" empty=reviews.is_empty() none="No reviews due.">
            <PackTable
                caption="Reviews due within 90 days, and overdue ones"
                headers=&["Due", "Record", "Reference"]
                rows=reviews.clone()
                test="briefing-reviews-table"
            />
        </Section>
    }
}
