//! "Download briefing" on a partner's or a route's page: the print view and the files
//! of its briefing pack, as plain links (they work without JavaScript).

use leptos::prelude::*;

/// The formats a pack downloads as, after the print view: (extension, link text).
const FILES: &[(&str, &str)] = &[("docx", "Word document (DOCX)"), ("pdf", "PDF")];

/// The links to the pack of the partner or route whose page is at `page`
/// (`/partners/LY`, `/routes/central-mediterranean`).
#[component]
pub fn DownloadLinks(#[prop(into)] page: String) -> impl IntoView {
    view! {
        <ul class="govuk-list accord-briefing-links" data-test="briefing-links">
            <li><a class="govuk-link" href=format!("{page}/briefing") data-test="briefing-print">"Print view"</a></li>
            {FILES.iter().map(|(extension, label)| view! {
                <li>
                    <a class="govuk-link" href=format!("{page}/briefing.{extension}") download data-test=format!("briefing-{extension}")>
                        {format!("Download briefing as {label}")}
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The page's "Download briefing" section.
#[component]
pub fn BriefingDownload(#[prop(into)] page: String) -> impl IntoView {
    view! {
        <section class="accord-briefing-download" aria-labelledby="briefing-download-heading" data-test="briefing-download">
            <h2 class="govuk-heading-m" id="briefing-download-heading">"Download briefing"</h2>
            <p class="govuk-body">"A briefing pack of everything here you may see, marked with the highest marking it holds."</p>
            <DownloadLinks page />
        </section>
    }
}
