//! The "Briefing" block at the top of a partner's or route's page: objectives, top
//! lines and lines to take, each with its own marking, as plain-text paragraphs.

use crate::components::MarkingTag;
use crate::server_fns::briefing_texts::BriefingOf;
use accord::{BriefingSection, BriefingText};
use leptos::prelude::*;

/// The sections the reader may see, in order. An editor is offered "Add …" for each
/// empty section and "Change" for each written one; anyone else sees only the text,
/// and nothing at all when there is none.
#[component]
pub fn BriefingSections(of: BriefingOf, texts: Vec<BriefingText>) -> impl IntoView {
    let editor = crate::access::may(accord::Action::Edit);
    if texts.is_empty() && !editor {
        return ().into_any();
    }
    let sections = BriefingSection::ALL
        .iter()
        .map(|section| {
            let text = texts.iter().find(|t| t.section == *section).cloned();
            let edit = of.edit_path(*section);
            match text {
                Some(text) => view! { <Written text edit editor /> }.into_any(),
                None if editor => view! {
                    <p class="govuk-body" data-test="briefing-add" data-section=section.code()>
                        <a class="govuk-link" href=edit>{format!("Add {}", section.lower_label())}</a>
                    </p>
                }
                .into_any(),
                None => ().into_any(),
            }
        })
        .collect_view();
    view! {
        <section class="accord-briefing" aria-labelledby="briefing-heading" data-test="briefing">
            <h2 class="govuk-heading-l" id="briefing-heading">"Briefing"</h2>
            {sections}
        </section>
    }
    .into_any()
}

/// One written section: heading, marking, paragraphs, and "Change" for editors.
#[component]
fn Written(text: BriefingText, edit: String, editor: bool) -> impl IntoView {
    let section = text.section;
    // Text nodes, never markup: whatever an editor typed is shown as typed.
    let paragraphs = text
        .paragraphs()
        .into_iter()
        .map(|p| view! { <p class="govuk-body">{p}</p> })
        .collect_view();
    view! {
        <div class="accord-briefing__section" data-test="briefing-section" data-section=section.code()>
            <h3 class="govuk-heading-m">{section.label()}</h3>
            <p class="govuk-body-s"><MarkingTag marking=text.marking.clone() /></p>
            {paragraphs}
            {editor.then(|| view! {
                <p class="govuk-body">
                    <a class="govuk-link" href=edit data-test="briefing-change">
                        "Change"<span class="govuk-visually-hidden">{format!(" {}", section.lower_label())}</span>
                    </a>
                </p>
            })}
        </div>
    }
}
