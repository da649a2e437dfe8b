//! Service header with navigation, and the footer.

use crate::access::current_user;
use crate::forms::csrf::CsrfField;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

const NAV: &[(&str, &str)] = &[
    ("/", "Dashboard"),
    ("/partners", "Partners"),
    ("/routes", "Routes"),
    ("/agreements", "Agreements"),
    ("/commitments", "Commitments"),
    ("/sharing", "Sharing"),
    ("/reviews", "Reviews"),
    ("/search", "Search"),
];

#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    let user = current_user();
    // The header is never hydrated (islands mode): the path it was rendered for is the page's.
    let path = location.pathname.get_untracked();
    view! {
        <header class="govuk-header" data-module="govuk-header">
            <div class="govuk-header__container govuk-width-container">
                <div class="govuk-header__logo">
                    <a href="/" class="govuk-header__link govuk-header__link--homepage">
                        <span class="govuk-header__logotype-text accord-logotype">"Accord"</span>
                    </a>
                </div>
                <div class="govuk-header__content">
                    <span class="govuk-header__service-name accord-service-tagline">
                        "Border security partnership agreements"
                    </span>
                </div>
                {user.clone().map(|user| view! { <SignedInAs user /> })}
            </div>
        </header>
        {user.is_some().then(|| view! { <ServiceNavigation path /> })}
    }
}

/// GOV.UK service navigation: on narrow screens GOV.UK Frontend's JavaScript folds the
/// links behind its "Menu" button (without JavaScript they stay a wrapping list), with
/// the header search beside them on wide screens and under them on narrow ones.
#[component]
fn ServiceNavigation(path: String) -> impl IntoView {
    let current = |href: &str| {
        if href == "/" {
            path == "/"
        } else {
            path == href || path.starts_with(&format!("{href}/"))
        }
    };
    let items = NAV
        .iter()
        .map(|(href, label)| {
            let (href, label) = (*href, *label);
            let here = current(href);
            view! {
                <li class="govuk-service-navigation__item" class:govuk-service-navigation__item--active=here>
                    <a class="govuk-service-navigation__link" href=href aria-current=here.then_some("page")>
                        // Bold text marks the current page where the page's colours are overridden.
                        {if here {
                            Either::Left(view! { <strong class="govuk-service-navigation__active-fallback">{label}</strong> })
                        } else {
                            Either::Right(label)
                        }}
                        {(href == "/reviews").then(|| view! { <ReviewsBadge /> })}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="govuk-service-navigation accord-nav" data-module="govuk-service-navigation" data-test="service-navigation">
            <div class="govuk-width-container accord-nav__bar">
                <div class="govuk-service-navigation__container">
                    <nav aria-label="Main" class="govuk-service-navigation__wrapper">
                        <button
                            type="button"
                            class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                            aria-controls="navigation"
                            hidden
                            data-test="menu-button"
                        >
                            "Menu"
                        </button>
                        <ul class="govuk-service-navigation__list" id="navigation">{items}</ul>
                    </nav>
                </div>
                <HeaderSearch />
            </div>
        </div>
    }
}

/// The signed-in user's own reviews beside "Reviews": a tag each for overdue and due
/// this week, and every group's count in words for screen readers and as the tags'
/// tooltip ("Reviews 2 3", read as "Reviews, yours: 2 overdue, 3 due this week, 1 due
/// in the next 30 days"); nothing when the user has none in any group.
#[component]
fn ReviewsBadge() -> impl IntoView {
    use accord::QueueGroup;
    let badge = use_context::<crate::server_fns::review_queue::ReviewBadge>();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let counts = badge.and_then(|b| b.0.get()).and_then(Result::ok).flatten().unwrap_or_default();
                let said: Vec<String> = counts
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(group, n)| format!("{n} {}", group.label().to_lowercase()))
                    .collect();
                let tags = counts.into_iter().filter_map(|(group, n)| {
                    let colour = match group {
                        QueueGroup::Overdue => "govuk-tag--red",
                        QueueGroup::ThisWeek => "govuk-tag--yellow",
                        QueueGroup::Next30Days | QueueGroup::Later => return None,
                    };
                    (n > 0).then(|| view! {
                        " "
                        <strong class=format!("govuk-tag {colour} accord-nav__badge") data-test=format!("review-badge-{}", group.code()) aria-hidden="true">{n}</strong>
                    })
                });
                (!said.is_empty()).then(|| {
                    let said = format!("yours: {}", said.join(", "));
                    view! {
                        <span title=said.clone()>{tags.collect_view()}</span>
                        <span class="govuk-visually-hidden" data-test="review-badge">{format!(" ({said})")}</span>
                    }
                })
            }}
        </Suspense>
    }
}

/// Who is signed in, their clearance, a link to their account and the sign-out button
/// (a POST, so a link or an image elsewhere cannot sign anyone out).
#[component]
fn SignedInAs(user: accord::User) -> impl IntoView {
    view! {
        <div class="accord-account" data-test="signed-in-as">
            <a class="govuk-header__link" href="/account">{user.display_name.clone()}</a>
            <span class="accord-account__clearance">{format!(" · {} · {}", user.role.label(), user.clearance.label())}</span>
            <form method="post" action="/sign-out" class="accord-account__sign-out">
                <CsrfField />
                <button type="submit" class="accord-link-button" data-test="sign-out">"Sign out"</button>
            </form>
        </div>
    }
}

/// A compact search box on every page: a plain GET form to `/search`, so it works
/// with JavaScript off and lands on a shareable results address.
#[component]
fn HeaderSearch() -> impl IntoView {
    view! {
        <form class="accord-header-search" method="get" action="/search" role="search" aria-label="Site search" data-test="header-search">
            <label class="govuk-visually-hidden" for="header-search-q">"Search Accord"</label>
            <input class="govuk-input accord-header-search__input" id="header-search-q" name="q" type="search" autocomplete="off" spellcheck="false" />
            <button class="govuk-button accord-header-search__button" type="submit" data-module="govuk-button">
                "Search"
            </button>
        </form>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="govuk-footer">
            <div class="govuk-width-container">
                <div class="govuk-footer__meta">
                    <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                        <p class="govuk-body-s">
                            "Accord — the UK's register of international partnership agreements on border security and irregular migration."
                        </p>
                    </div>
                    <div class="govuk-footer__meta-item">
                        <a class="govuk-footer__link" href="/healthz">"Service status"</a>
                    </div>
                </div>
            </div>
        </footer>
    }
}
