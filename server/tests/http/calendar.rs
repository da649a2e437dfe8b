//! The review calendar over HTTP: the personal iCalendar feed (made on /account, read
//! without a session, parsed with the `icalendar` parser, holding exactly the events
//! the user may see, titles only where allowed, dead once renewed, stopped or its
//! account disabled) and the month page within the reader's clearance.

use super::{client, data_test, Session, TestApp};
use accord::calendar::{day_href, feed_range, CalendarEvent, Month, DAY_PAGE_SIZE, SHOWN_A_DAY};
use accord::storage::audit::Actor;
use accord::storage::{calendar, users};
use accord::{Clearance, Level, Role};
use accord_server::auth::AccessConfig;
use icalendar::{Calendar, Component};
use std::collections::BTreeMap;

/// The value of the `<input>` carrying `data-test="{test}"`.
fn input_value(html: &str, test: &str) -> Option<String> {
    let at = html.find(&format!("data-test=\"{test}\""))?;
    let start = html[..at].rfind("<input")?;
    let tag = &html[start..at + html[at..].find('>')?];
    let value = tag.split("value=\"").nth(1)?;
    Some(value[..value.find('"')?].replace("&amp;", "&"))
}

/// Makes (or renews) the session's feed through /account; its path and query.
async fn make_feed(app: &TestApp, session: &Session, form: &[(&str, &str)]) -> String {
    let answer = app.post_as(session, "/account/calendar-feed", form).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let url = input_value(&answer.body, "calendar-feed-url").expect("the address, shown once");
    let prefix = format!("http://{}/calendar.ics?token=", app.addr);
    assert!(url.starts_with(&prefix), "{url}");
    assert_eq!(url.len() - prefix.len(), 43, "32 random bytes in base64url");
    url.trim_start_matches(&format!("http://{}", app.addr)).to_owned()
}

/// GETs a feed as a calendar application would: no cookie, no session.
async fn fetch(app: &TestApp, path: &str) -> client::Response {
    client::send(app.addr, "GET", path, None).await
}

/// The feed's events by UID, with their summaries, after checking the answer.
fn parse(answer: &client::Response) -> BTreeMap<String, (String, String)> {
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("text/calendar; charset=utf-8"));
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    let calendar: Calendar = answer.body.parse().expect("the feed parses as iCalendar");
    calendar
        .events()
        .map(|e| {
            let uid = e.get_uid().expect("uid").to_owned();
            (uid, (e.get_summary().unwrap_or("").to_owned(), e.get_url().unwrap_or("").to_owned()))
        })
        .collect()
}

async fn expected(app: &TestApp, level: Level) -> Vec<CalendarEvent> {
    let (from, to) = feed_range(accord::dates::today());
    calendar::events(&app.pool, from, to, Clearance(level)).await.expect("events")
}

/// The feed holds exactly `events`, each summarised as the titles rule says.
fn assert_feed(
    feed: &BTreeMap<String, (String, String)>,
    events: &[CalendarEvent],
    titles: bool,
    app: &TestApp,
) {
    assert_eq!(feed.len(), events.len(), "one feed event per event the user may see");
    for event in events {
        let (summary, url) = feed.get(&event.uid()).expect("every event is in the feed");
        let plain = format!("{}: {}", event.kind.label(), event.name());
        match event.feed_title(titles) {
            Some(title) => assert_eq!(summary, &format!("{plain} – {title}")),
            None => assert_eq!(summary, &plain, "reference only"),
        }
        assert_eq!(url, &format!("http://{}{}", app.addr, event.href()));
    }
}

async fn set_clearance(app: &TestApp, id: i64, level: Level) {
    let mut tx = accord::storage::begin_write(&app.pool).await.expect("begin");
    users::change(&mut tx, &Actor::system("test"), id, &users::Change::Clearance(level))
        .await
        .expect("clearance");
    tx.commit().await.expect("commit");
}

#[tokio::test]
async fn the_feed_holds_exactly_what_the_user_may_see_now_and_titles_only_when_allowed() {
    let app = TestApp::spawn(true).await;
    let id = app.add_user("feed@test.example", Role::Reviewer, Level::Secret).await;
    let session = app.sign_in("feed@test.example", super::PASSWORD).await;
    let path = make_feed(&app, &session, &[("titles_form", "yes")]).await;

    let secret = expected(&app, Level::Secret).await;
    let official = expected(&app, Level::Official).await;
    assert!(official.len() < secret.len(), "the demo data has SECRET dates in range");
    assert!(official.iter().any(|e| e.feed_title(true).is_some()), "and plain OFFICIAL ones");
    assert!(official.iter().any(|e| e.feed_title(true).is_none()), "and OFFICIAL-SENSITIVE ones");
    assert_feed(&parse(&fetch(&app, &path).await), &secret, false, &app);

    // The clearance is the user's at each request.
    set_clearance(&app, id, Level::Official).await;
    assert_feed(&parse(&fetch(&app, &path).await), &official, false, &app);

    let saved =
        app.post_as(&session, "/account/calendar-feed/titles", &[("include_titles", "yes")]);
    assert_eq!(saved.await.status, 303);
    let feed = fetch(&app, &path).await;
    assert_feed(&parse(&feed), &official, true, &app);
    set_clearance(&app, id, Level::Secret).await;
    let feed = fetch(&app, &path).await;
    assert_feed(&parse(&feed), &secret, true, &app);
    for event in secret.iter().filter(|e| e.feed_title(true).is_none()) {
        assert!(!feed.body.contains(&event.title), "no title above plain OFFICIAL: {event:?}");
    }

    let (_, account) = app.get_as(&session, "/account").await;
    assert!(input_value(&account, "calendar-feed-url").is_none(), "the address is shown once");
    assert!(!account.contains(path.trim_start_matches("/calendar.ics?token=")));
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE entity = 'calendar_feed'")
            .fetch_one(&app.pool)
            .await
            .expect("audit");
    assert_eq!(audited, 2, "made, then titles chosen");
}

/// Behind a proxy the request's host is not the users' address: a configured base URL
/// (`--base-url`) starts the feed's address on /account and every link in the feed.
#[tokio::test]
async fn a_configured_base_url_starts_the_feed_address_and_every_link_in_it() {
    let base = "https://accord.example";
    let access = AccessConfig { base_url: Some(base.to_owned()), ..AccessConfig::default() };
    let app = TestApp::spawn_with(true, access).await;
    app.add_user("proxied@test.example", Role::Reviewer, Level::Secret).await;
    let session = app.sign_in("proxied@test.example", super::PASSWORD).await;
    let answer = app.post_as(&session, "/account/calendar-feed", &[]).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let url = input_value(&answer.body, "calendar-feed-url").expect("the address, shown once");
    let path = url.strip_prefix(base).unwrap_or_else(|| panic!("{url} starts with {base}"));
    assert!(path.starts_with("/calendar.ics?token="), "{url}");

    let events = expected(&app, Level::Secret).await;
    assert!(!events.is_empty(), "the demo data has dates in the feed's range");
    let feed = parse(&fetch(&app, path).await);
    assert_eq!(feed.len(), events.len(), "one feed event per event the user may see");
    for event in &events {
        let (_, link) = feed.get(&event.uid()).expect("every event is in the feed");
        assert_eq!(link, &format!("{base}{}", event.href()));
    }
}

#[tokio::test]
async fn a_renewed_stopped_wrong_or_disabled_feed_answers_404() {
    let app = TestApp::spawn(false).await;
    let id = app.add_user("renew@test.example", Role::Viewer, Level::Official).await;
    let session = app.sign_in("renew@test.example", super::PASSWORD).await;
    let first = make_feed(&app, &session, &[]).await;
    parse(&fetch(&app, &first).await);
    let second = make_feed(&app, &session, &[]).await;
    assert_ne!(first, second);
    let not_found = fetch(&app, &first).await;
    assert_eq!(not_found.status, 404, "the old address stops at once");
    parse(&fetch(&app, &second).await);
    let same = |answer: client::Response| {
        assert_eq!((answer.status, &answer.body), (404, &not_found.body), "the same 404");
    };
    same(fetch(&app, "/calendar.ics?token=not-a-token").await);
    same(fetch(&app, "/calendar.ics").await);

    let mut tx = accord::storage::begin_write(&app.pool).await.expect("begin");
    users::change(&mut tx, &Actor::system("test"), id, &users::Change::Active(false))
        .await
        .expect("disable");
    tx.commit().await.expect("commit");
    same(fetch(&app, &second).await);
    let mut tx = accord::storage::begin_write(&app.pool).await.expect("begin");
    users::change(&mut tx, &Actor::system("test"), id, &users::Change::Active(true))
        .await
        .expect("enable");
    tx.commit().await.expect("commit");
    parse(&fetch(&app, &second).await);

    // Stopping needs the session (and its token); then the address is dead too.
    let session = app.sign_in("renew@test.example", super::PASSWORD).await;
    let stopped = app.post_as(&session, "/account/calendar-feed/stop", &[]).await;
    assert_eq!(stopped.status, 303);
    same(fetch(&app, &second).await);
    let forged = client::send(app.addr, "POST", "/account/calendar-feed", Some(&[])).await;
    assert_ne!(forged.status, 200, "no feed is made without a session");
}

#[tokio::test]
async fn the_month_page_lists_the_dates_the_reader_may_see() {
    let app = TestApp::spawn(true).await;
    let viewer = {
        app.add_user("calviewer@test.example", Role::Viewer, Level::Official).await;
        app.sign_in("calviewer@test.example", super::PASSWORD).await
    };
    let month = Month::of(accord::dates::today());
    for (session, level) in [(&viewer, Level::Official), (&app.session, Level::TopSecret)] {
        let events =
            calendar::events(&app.pool, month.first_day(), month.last_day(), Clearance(level))
                .await
                .expect("events");
        // A month lists each day's first few; a crowded day links to its own page.
        let mut shown = 0;
        let (mut crowded, mut busy) = (Vec::new(), Vec::new());
        let mut day = month.first_day();
        while day <= month.last_day() {
            let n = events.iter().filter(|e| e.date == day).count() as i64;
            shown += n.min(SHOWN_A_DAY);
            if n > SHOWN_A_DAY {
                crowded.push((day, n));
            }
            if n > 0 {
                busy.push((day, n));
            }
            day = day.next_day().expect("a next day");
        }
        assert!(!busy.is_empty(), "the demo data has dates this month");
        for view in ["", "&view=list"] {
            let path = format!("/calendar?month={}{view}", month.code());
            let (status, html) = app.get_as(session, &path).await;
            assert_eq!(status, 200, "{path}");
            let listed = html.matches("data-test=\"calendar-event\"").count() as i64;
            assert_eq!(listed, shown, "{path} at {level:?}");
            assert_eq!(html.matches("data-test=\"calendar-day-all\"").count(), crowded.len());
            let marking = accord::calendar::page_marking(&events).to_string();
            assert_eq!(data_test(&html, "classification-top").as_deref(), Some(marking.as_str()));
            assert_eq!(html.contains("data-test=\"calendar-grid\""), view.is_empty());
        }
        // Every event of a day, page by page, on the day's own page.
        for (day, n) in crowded.iter().take(1).chain(busy.iter().take(2)) {
            let mut seen = 0;
            for page in 1..=(n + DAY_PAGE_SIZE - 1) / DAY_PAGE_SIZE {
                let (status, html) = app.get_as(session, &day_href(*day, page)).await;
                assert_eq!(status, 200);
                seen += html.matches("data-test=\"calendar-event\"").count() as i64;
            }
            assert_eq!(seen, *n, "{day} at {level:?}");
        }
    }
    let (status, html) = app.get_as(&viewer, "/calendar?month=2026-13").await;
    assert_eq!(status, 200);
    assert_eq!(data_test(&html, "calendar-month"), Some(month.label()), "this month instead");
}
