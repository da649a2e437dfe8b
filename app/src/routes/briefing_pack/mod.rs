//! `/partners/{alpha2}/briefing` and `/routes/{slug}/briefing` (and a filtered list's,
//! `/agreements/briefing?…`, in `list`): a briefing pack as a print-ready page. The same pack (`accord::briefing_pack`) is what the DOCX and PDF
//! downloads lay out; print CSS (main.css, "Briefing packs") drops the page chrome,
//! keeps the marking at the top and bottom, starts each section on a new page and
//! keeps table rows whole.

mod data;
#[cfg(feature = "ssr")]
mod diagram;
mod list;
mod records;
mod summary;

pub use data::{fetch_partner_pack, fetch_route_pack};
#[cfg(feature = "ssr")]
pub use diagram::diagram_svg;
pub use list::{
    fetch_agreements_pack, fetch_commitments_pack, list_briefing_href, AgreementsBriefing,
    CommitmentsBriefing, ListBriefingLinks,
};

use crate::components::briefing_download::DownloadLinks;
use crate::components::{ErrorPage, MarkingTag, Page};
use accord::briefing_pack::{BriefingPack, PackSubject, PackText};
use accord::dates;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The print view of a partner's pack.
#[component]
pub fn PartnerBriefing() -> impl IntoView {
    let params = use_params_map();
    let alpha2 = move || params.with(|p| p.get("alpha2").unwrap_or_default());
    let data = Resource::new_blocking(alpha2, fetch_partner_pack);
    view! {
        <Suspense fallback=|| view! { <Page title="Briefing pack"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(pack) => view! { <PackView pack /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The print view of a route's pack.
#[component]
pub fn RouteBriefing() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new_blocking(slug, fetch_route_pack);
    view! {
        <Suspense fallback=|| view! { <Page title="Briefing pack"><p class="govuk-body">"Loading…"</p></Page> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(pack) => view! { <PackView pack /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PackView(pack: BriefingPack) -> impl IntoView {
    let page = pack.subject.page_path();
    // Breadcrumbs: the kind of page, then the partner, route or filtered list.
    let (kind, list, here) = match &pack.subject {
        PackSubject::Partner { name, .. } => ("Partners", "/partners", name.clone()),
        PackSubject::Route { name, .. } => ("Routes", "/routes", name.clone()),
        PackSubject::List { name, .. } => ("Home", "/", format!("Filtered {name}")),
    };
    let links = match &pack.subject {
        PackSubject::List { .. } => view! { <PackLinks subject=pack.subject.clone() /> }.into_any(),
        _ => view! { <DownloadLinks page=page.clone() /> }.into_any(),
    };
    let marking = pack.marking.clone();
    view! {
        <Page title=pack.title.clone() marking>
            <nav class="govuk-breadcrumbs accord-no-print" aria-label="Breadcrumb">
                <ol class="govuk-breadcrumbs__list">
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href=list>{kind}</a></li>
                    <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href=page.clone()>{here}</a></li>
                </ol>
            </nav>
            <article class="accord-briefing" data-test="briefing-pack">
                <span class="govuk-caption-xl">"Briefing pack"</span>
                <h1 class="govuk-heading-xl">{pack.title.clone()}</h1>
                <p class="govuk-body" data-test="briefing-produced">
                    {format!("Produced on {} by {}.", dates::long(pack.produced_on), pack.produced_by)}
                </p>
                <p class="govuk-body accord-no-print">
                    "To print it or save it as a PDF, use your browser’s print command. Or download it: "
                    {links}
                </p>
                <dl class="govuk-summary-list" data-test="briefing-filters">
                    {pack.filters.iter().map(|f| view! {
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">{f.label.clone()}</dt>
                            <dd class="govuk-summary-list__value">{f.value.clone()}</dd>
                        </div>
                    }).collect_view()}
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"Marking"</dt>
                        <dd class="govuk-summary-list__value" data-test="briefing-marking">{pack.marking.to_string()}</dd>
                    </div>
                </dl>
                <Texts texts=pack.texts.clone() />
                <summary::Summary pack=pack.clone() />
                <records::Records pack />
            </article>
        </Page>
    }
}

/// A list pack's own links (its query string after `/briefing.docx`).
#[component]
fn PackLinks(subject: PackSubject) -> impl IntoView {
    view! {
        <ul class="govuk-list accord-briefing-links" data-test="briefing-links">
            <li><a class="govuk-link" href=subject.briefing_path(None) data-test="briefing-print">"Print view"</a></li>
            <li><a class="govuk-link" href=subject.briefing_path(Some("docx")) download data-test="briefing-docx">"Download briefing as Word document (DOCX)"</a></li>
            <li><a class="govuk-link" href=subject.briefing_path(Some("pdf")) download data-test="briefing-pdf">"Download briefing as PDF"</a></li>
        </ul>
    }
}

/// Objectives, top lines and lines to take: each section once, each piece with its
/// own marking.
#[component]
fn Texts(texts: Vec<PackText>) -> impl IntoView {
    let mut sections: Vec<(String, Vec<PackText>)> = Vec::new();
    for text in texts {
        match sections.last_mut() {
            Some((heading, pieces)) if *heading == text.heading => pieces.push(text),
            _ => sections.push((text.heading.clone(), vec![text])),
        }
    }
    sections
        .into_iter()
        .map(|(heading, pieces)| {
            view! {
                <section class="accord-briefing__text" data-test="briefing-text">
                    <h2 class="govuk-heading-l">{heading}</h2>
                    {pieces.into_iter().map(|piece| view! {
                        <p class="govuk-body"><MarkingTag marking=piece.marking.clone() /></p>
                        {accord::briefing_text::paragraphs(&piece.body).into_iter().map(|p| view! {
                            <p class="govuk-body">{p}</p>
                        }).collect_view()}
                    }).collect_view()}
                </section>
            }
        })
        .collect_view()
}
