//! `/account`'s "Calendar feed" section: make, renew or stop the personal iCalendar
//! feed, and choose whether it carries the titles of plain OFFICIAL records.
//!
//! The feed's address holds a secret token that Accord keeps only as a hash, so the
//! address is shown once, on the page that answers the post that made it (the server
//! hands it in as [`IssuedFeed`]), like a one-time password; later only renewing gives
//! a new one. Every form posts with its anti-forgery token and works without JavaScript.

use crate::error::AppError;
use crate::forms::csrf::CsrfField;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The address of a feed just made, shown once in answer to the post that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedFeed {
    pub url: String,
}

/// What the section shows of an existing feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedStatus {
    pub include_titles: bool,
    /// When its address was made, as people read dates ("1 December 2026").
    pub created_on: String,
}

/// The signed-in user's feed, `None` when they have none.
#[server]
pub async fn fetch_feed_status() -> Result<Option<FeedStatus>, AppError> {
    let user = crate::state::current_user().ok_or(AppError::Unauthorized)?;
    let pool = crate::state::pool()?;
    let settings = accord::storage::calendar::feeds::settings(&pool, user.id).await?;
    Ok(settings.map(|s| FeedStatus {
        include_titles: s.include_titles,
        created_on: s
            .created_at
            .get(..10)
            .and_then(accord::dates::parse_iso)
            .map_or_else(|| s.created_at.clone(), accord::dates::long),
    }))
}

#[component]
pub fn CalendarFeedSection() -> impl IntoView {
    let issued = use_context::<IssuedFeed>();
    let status = Resource::new_blocking(|| (), |_| fetch_feed_status());
    view! {
        <section class="govuk-!-margin-top-8" aria-labelledby="calendar-feed-heading" data-test="calendar-feed">
            <h2 class="govuk-heading-m" id="calendar-feed-heading">"Calendar feed"</h2>
            <p class="govuk-body">
                "Subscribe to your "<a class="govuk-link" href="/calendar">"review calendar"</a>
                " in Outlook, Google Calendar or another calendar application with a private address. It shows the review, due and expiry dates of the records you may see, as your clearance allows on the day your calendar asks."
            </p>
            <p class="govuk-body">
                "Calendar applications are outside Accord, so each date carries only the record’s reference, what the date is and a link back to Accord, unless you choose to include the titles of records marked OFFICIAL without a caveat."
            </p>
            {issued.map(|issued| view! { <IssuedPanel issued /> })}
            <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(status) => view! { <FeedForms status /> }.into_any(),
                        Err(_) => view! {
                            <p class="govuk-body">"Your calendar feed could not be loaded. Try again later."</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn IssuedPanel(issued: IssuedFeed) -> impl IntoView {
    view! {
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="calendar-feed-issued-title" data-module="govuk-notification-banner">
            <div class="govuk-notification-banner__header">
                <h3 class="govuk-notification-banner__title" id="calendar-feed-issued-title">"Success"</h3>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">"Your calendar feed address is ready"</p>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="calendar-feed-url">"Calendar feed address"</label>
                    <div class="govuk-hint" id="calendar-feed-url-hint">
                        "Copy it now and add it to your calendar application as a subscription (“From URL” or “Subscribe to calendar”). It will not be shown again. Anyone with it can read your feed: do not share it."
                    </div>
                    <input class="govuk-input" id="calendar-feed-url" type="text" readonly value=issued.url
                        spellcheck="false" autocomplete="off" aria-describedby="calendar-feed-url-hint" data-test="calendar-feed-url" />
                </div>
            </div>
        </div>
    }
}

#[component]
fn FeedForms(status: Option<FeedStatus>) -> impl IntoView {
    match status {
        None => view! {
            <p class="govuk-body" data-test="calendar-feed-state">"You do not have a calendar feed."</p>
            <form method="post" action="/account/calendar-feed">
                <CsrfField />
                <input type="hidden" name="titles_form" value="yes" />
                <TitlesCheckbox checked=false />
                <button type="submit" class="govuk-button" data-module="govuk-button" data-test="calendar-feed-create">
                    "Create calendar feed address"
                </button>
            </form>
        }
        .into_any(),
        Some(status) => view! {
            <p class="govuk-body" data-test="calendar-feed-state">
                {format!("Your calendar feed address was made on {}. ", status.created_on)}
                "It was shown once, when it was made. If you have lost it, or someone else may have it, make a new address: the old one stops working at once."
            </p>
            <form method="post" action="/account/calendar-feed">
                <CsrfField />
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-test="calendar-feed-renew">
                    "Make a new calendar feed address"
                </button>
            </form>
            <form method="post" action="/account/calendar-feed/titles">
                <CsrfField />
                <TitlesCheckbox checked=status.include_titles />
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-test="calendar-feed-save">
                    "Save calendar feed settings"
                </button>
            </form>
            <form method="post" action="/account/calendar-feed/stop">
                <CsrfField />
                <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" data-test="calendar-feed-stop">
                    "Stop calendar feed"
                </button>
            </form>
        }
        .into_any(),
    }
}

#[component]
fn TitlesCheckbox(checked: bool) -> impl IntoView {
    view! {
        <div class="govuk-form-group">
            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id="include_titles" name="include_titles" type="checkbox" value="yes"
                        checked=checked aria-describedby="include_titles-hint" data-test="calendar-feed-titles" />
                    <label class="govuk-label govuk-checkboxes__label" for="include_titles">
                        "Include titles of OFFICIAL records"
                    </label>
                    <div class="govuk-hint govuk-checkboxes__hint" id="include_titles-hint">
                        "Only of records marked OFFICIAL without a caveat or releasability. Records marked higher always show their reference only."
                    </div>
                </div>
            </div>
        </div>
    }
}
