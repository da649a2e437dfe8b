//! The "E-mail reminders" section of `/account`: whether the daily digest is on, when
//! the last one went, and a button that switches it (a form posting to
//! `/account/digest`, so it works without JavaScript).

use crate::components::SummaryRow;
use crate::error::AppError;
use crate::forms::csrf::CsrfField;
use accord::domain::digest::{DigestSettings, WINDOW_DAYS};
use leptos::prelude::*;

/// The signed-in user's digest setting.
#[server]
pub async fn fetch_digest_settings() -> Result<DigestSettings, AppError> {
    let user = crate::state::current_user().ok_or(AppError::Unauthorized)?;
    let pool = crate::state::pool()?;
    Ok(accord::storage::digests::settings(&pool, user.id).await?)
}

/// The section, with its heading (for the account page).
#[component]
pub fn DigestSection() -> impl IntoView {
    let settings = Resource::new_blocking(|| (), |_| fetch_digest_settings());
    view! {
        <h2 class="govuk-heading-m" id="email-reminders">"E-mail reminders"</h2>
        <p class="govuk-body">
            {format!(
                "Once a day Accord can e-mail you a list of the records you own or review \
                 that are overdue or due in the next {WINDOW_DAYS} days, for review or delivery. \
                 The e-mail gives references, dates and links; it names records marked above \
                 OFFICIAL by reference only."
            )}
        </p>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => view! { <DigestSwitch settings /> }.into_any(),
                    Err(_) => view! {
                        <p class="govuk-body" data-test="digest-unavailable">
                            "Your e-mail reminder setting cannot be shown at the moment. Try again later."
                        </p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DigestSwitch(settings: DigestSettings) -> impl IntoView {
    let (state, tag, button, value) = if settings.enabled {
        ("On", "govuk-tag govuk-tag--green", "Switch off e-mail reminders", "off")
    } else {
        ("Off", "govuk-tag govuk-tag--grey", "Switch on e-mail reminders", "on")
    };
    let last = settings.last_sent_on.map_or_else(|| "None yet".to_owned(), accord::dates::long);
    view! {
        <dl class="govuk-summary-list" data-test="digest">
            <SummaryRow key="Daily e-mail">
                <strong class=tag data-test="digest-state">{state}</strong>
            </SummaryRow>
            <SummaryRow key="Last sent" test="digest-last-sent">{last}</SummaryRow>
        </dl>
        <form method="post" action="/account/digest" data-test="digest-form">
            <CsrfField />
            <input type="hidden" name="digest" value=value />
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-test="digest-switch">
                {button}
            </button>
        </form>
    }
}
