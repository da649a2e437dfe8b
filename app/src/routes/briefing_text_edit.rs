//! `/partners/{alpha2}/briefing/{section}/edit` and `/routes/{slug}/briefing/{section}/edit`:
//! one section of a briefing (objectives, top lines or lines to take), added or changed.
//! Posts to itself; the server saves and returns to the partner's or route's page.

use crate::components::{ErrorPage, Page};
use crate::forms::conflict::ConflictPanel;
use crate::forms::csrf::CsrfField;
use crate::forms::fields::{ClassificationFields, ErrorSummary, TextArea};
use crate::forms::FormValues;
use crate::server_fns::briefing_texts::{fetch_briefing_form, BriefingForm, BriefingOf};
use accord::{BriefingTextDraft, Classification, FormData, Level};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

const FIELDS: &[(&str, &str)] = &[
    ("body", "Text"),
    ("classification", "Classification"),
    ("caveat", "Handling caveat"),
    ("releasability", "Releasability"),
];

#[component]
pub fn PartnerBriefingEdit() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            let alpha2 = p.get("alpha2").unwrap_or_default();
            (BriefingOf::Partner(alpha2), p.get("section").unwrap_or_default())
        })
    };
    view! { <BriefingEditPage key=Signal::derive(key) /> }
}

#[component]
pub fn RouteBriefingEdit() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            let slug = p.get("slug").unwrap_or_default();
            (BriefingOf::Route(slug), p.get("section").unwrap_or_default())
        })
    };
    view! { <BriefingEditPage key=Signal::derive(key) /> }
}

#[component]
fn BriefingEditPage(key: Signal<(BriefingOf, String)>) -> impl IntoView {
    let data =
        Resource::new_blocking(move || key.get(), |(of, section)| fetch_briefing_form(of, section));
    view! {
        <Suspense fallback=|| view! { <Page title="Briefing"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(form) => view! { <BriefingEdit form /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BriefingEdit(form: BriefingForm) -> impl IntoView {
    let BriefingForm { of, name, section, text, marking } = form;
    let path = of.edit_path(section);
    let back = of.page_path();
    let record = match &text {
        Some(text) => {
            BriefingTextDraft { body: text.body.clone(), marking: text.marking.clone() }.to_form()
        }
        None => {
            let mut blank = FormData::default();
            blank.push("body", "");
            Classification::new(Level::Official).to_form(&mut blank);
            blank
        }
    };
    let heading = match &text {
        Some(_) => format!("Change {}", section.lower_label()),
        None => format!("Add {}", section.lower_label()),
    };
    let (values, submission) = FormValues::for_path(&path, record.clone());
    let errors = values.errors.clone();
    provide_context(values);
    let conflict = submission.as_ref().filter(|s| s.conflict).map(|s| s.values.clone());
    let version = text.as_ref().map(|t| t.version);
    view! {
        <Page title=format!("{heading} for {name}") marking>
            <a class="govuk-back-link" href=back.clone()>"Back"</a>
            {conflict.map(|yours| view! { <ConflictPanel fields=FIELDS yours current=record.clone() /> })}
            {submission.map(|_| view! { <ErrorSummary errors=errors.clone() /> })}
            <span class="govuk-caption-l">{format!("Briefing: {name}")}</span>
            <h1 class="govuk-heading-xl">{heading}</h1>
            <form method="post" action=path novalidate data-test="briefing-form">
                <CsrfField />
                <input type="hidden" name="version" value=version.map(|v| v.to_string()).unwrap_or_default() />
                <TextArea name="body" label=section.label() hint="Plain text. Leave a blank line between paragraphs. Up to 5,000 characters." rows=8 />
                <ClassificationFields />
                <div class="govuk-button-group">
                    <button type="submit" class="govuk-button" data-module="govuk-button">{format!("Save {}", section.lower_label())}</button>
                    <a class="govuk-link" href=back>"Cancel"</a>
                </div>
            </form>
        </Page>
    }
}
