//! Looking for hidden records in answers: what may not be shown, where it is shown, a
//! crawl that follows every link, and the comparison of a hidden record's 404 with a
//! missing one's.

use super::seed::MARKERS;
use crate::{data_test, Session, TestApp, PASSWORD};
use accord::{Level, Role};
use std::collections::{HashSet, VecDeque};

/// The crawl's bound (pages, de-duplicated by path and query).
const CRAWL_LIMIT: usize = 5000;

/// Text of every record above OFFICIAL (demo ones too), effective marking for commitments.
const HIDDEN: &str = "
    SELECT reference FROM agreements WHERE classification <> 'official'
    UNION SELECT title FROM agreements WHERE classification <> 'official'
    UNION SELECT c.text FROM commitments c JOIN agreements a ON a.id = c.agreement_id
           WHERE c.classification <> 'official' OR a.classification <> 'official'
    UNION SELECT reference FROM sharing_arrangements WHERE classification <> 'official'
    UNION SELECT title FROM sharing_arrangements WHERE classification <> 'official'
    UNION SELECT name FROM routes WHERE classification <> 'official'
    UNION SELECT slug FROM routes WHERE classification <> 'official'
    UNION SELECT body FROM briefing_texts WHERE classification <> 'official'";

/// Text an OFFICIAL reader may see: a hidden string that is part of one is not a leak.
const SHOWN: &str = "
    SELECT reference || ' ' || title || ' ' || summary || ' ' || owner FROM agreements WHERE classification = 'official'
    UNION ALL SELECT c.text || ' ' || c.owner FROM commitments c JOIN agreements a ON a.id = c.agreement_id
           WHERE c.classification = 'official' AND a.classification = 'official'
    UNION ALL SELECT reference || ' ' || title || ' ' || partner_body || ' ' || legal_basis FROM sharing_arrangements
           WHERE classification = 'official'
    UNION ALL SELECT slug || ' ' || name || ' ' || description FROM routes WHERE classification = 'official'
    UNION ALL SELECT name FROM partners";

/// Lower-cased strings no answer to an OFFICIAL reader may hold.
pub async fn forbidden(app: &TestApp) -> Vec<String> {
    let hidden: Vec<String> =
        sqlx::query_scalar(HIDDEN).fetch_all(&app.pool).await.expect("hidden");
    let shown: Vec<String> = sqlx::query_scalar(SHOWN).fetch_all(&app.pool).await.expect("shown");
    let shown: Vec<String> = shown.iter().map(|s| s.to_lowercase()).collect();
    let mut out: Vec<String> = MARKERS.iter().map(|m| m.to_lowercase()).collect();
    out.extend(
        hidden
            .iter()
            .map(|h| h.trim().to_lowercase())
            .filter(|h| h.len() >= 8 && !shown.iter().any(|s| s.contains(h.as_str()))),
    );
    out
}

fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// What `body` (the answer to `what`) shows that it must not: hidden text, once what the
/// reader typed (`echoes`, shown back to them) is taken out, or a banner above OFFICIAL.
pub fn leaks(forbidden: &[String], what: &str, body: &str, echoes: &[&str]) -> Vec<String> {
    let mut text = unescape(body).to_lowercase();
    for echo in echoes {
        text = text.replace(&echo.to_lowercase(), " ");
    }
    let mut found: Vec<String> = forbidden
        .iter()
        .filter(|f| text.contains(f.as_str()))
        .map(|f| format!("{what}: shows {f:?}"))
        .collect();
    if let Some(top) =
        data_test(body, "classification-top").filter(|top| !top.starts_with("OFFICIAL"))
    {
        found.push(format!("{what}: marked {top}"));
    }
    found
}

/// The same-site links on a page worth following: not assets, not signing out, no
/// list page beyond the third.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| {
            let href = unescape(&rest[..rest.find('"')?]);
            let href = href.split('#').next()?.to_owned();
            let path = href.split('?').next().unwrap_or_default();
            let asset = path.starts_with("/pkg/")
                || path.rsplit('/').next().is_some_and(|last| last.contains('.'));
            let deep = href
                .split(['?', '&'])
                .filter_map(|p| p.strip_prefix("page="))
                .any(|n| n.parse::<u32>().map_or(true, |n| n > 3));
            let ours = href.starts_with('/') && !href.starts_with("//");
            (ours && !asset && !deep && path != "/sign-out").then_some(href)
        })
        .collect()
}

/// Visits pages breadth-first from `starts` in `session`, following links: the paths
/// visited, and every problem met (a leak, or an answer other than 200 to a link).
pub async fn crawl(
    app: &TestApp,
    session: &Session,
    starts: &[String],
    forbidden: &[String],
) -> (HashSet<String>, Vec<String>) {
    let mut queue: VecDeque<String> = starts.iter().cloned().collect();
    let mut seen: HashSet<String> = starts.iter().cloned().collect();
    let mut problems = Vec::new();
    let mut visited = 0;
    while let Some(path) = queue.pop_front() {
        if visited == CRAWL_LIMIT {
            problems.push(format!(
                "the crawl stopped at {CRAWL_LIMIT} pages, {} unvisited",
                queue.len() + 1
            ));
            break;
        }
        visited += 1;
        let (status, body) = app.get_as(session, &path).await;
        if status != 200 {
            problems.push(format!("{path}: {status} (a link the reader was shown)"));
        }
        problems.extend(leaks(forbidden, &path, &body, &[]));
        for link in links(&body) {
            if seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
    }
    (seen, problems)
}

/// `body` with what depends on the address asked for and on the response (`path`, the
/// CSP nonce) taken out, to compare a hidden record's 404 with a missing one's.
pub fn normalise(body: &str, path: &str) -> String {
    let mut out = body.replace(path, "{path}");
    // The nonce is also in other attributes (leptos puts it in `crossorigin`).
    let nonces: HashSet<&str> =
        body.split("nonce=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    for nonce in nonces.into_iter().filter(|n| !n.is_empty()) {
        out = out.replace(nonce, "NONCE");
    }
    out
}

/// Asks for `hidden` and `missing` in `session`: the same status and the same page,
/// but for the address, and no hidden text. Returns the problems.
pub async fn same_as_missing(
    app: &TestApp,
    session: &Session,
    hidden: &str,
    missing: &str,
    forbidden: &[String],
) -> Vec<String> {
    let (hidden_status, hidden_body) = app.get_as(session, hidden).await;
    let (missing_status, missing_body) = app.get_as(session, missing).await;
    let mut problems = leaks(forbidden, hidden, &normalise(&hidden_body, hidden), &[]);
    if hidden_status != missing_status {
        problems.push(format!("{hidden}: {hidden_status}, but {missing}: {missing_status}"));
    } else {
        let (a, b) = (normalise(&hidden_body, hidden), normalise(&missing_body, missing));
        if let Some(at) =
            a.bytes().zip(b.bytes()).position(|(x, y)| x != y).or((a.len() != b.len()).then_some(0))
        {
            let near = |s: &str| {
                s.get(at.saturating_sub(60)..(at + 60).min(s.len())).unwrap_or_default().to_owned()
            };
            problems.push(format!(
                "{hidden}: not the page {missing} gets: {:?} vs {:?}",
                near(&a),
                near(&b)
            ));
        }
    }
    problems
}

/// The first column of every row `sql` returns, as text.
pub async fn ids(app: &TestApp, sql: &'static str) -> Vec<String> {
    sqlx::query_scalar::<_, String>(sql).fetch_all(&app.pool).await.expect(sql)
}

/// The address of a search for `q`.
pub fn search_path(q: &str) -> String {
    let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    format!("/search?q={q}")
}

/// Fails listing every problem, so one run shows them all.
pub fn fail_on(problems: Vec<String>) {
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// A new account's session.
pub async fn signed_in(app: &TestApp, email: &str, role: Role, clearance: Level) -> Session {
    app.add_user(email, role, clearance).await;
    app.sign_in(email, PASSWORD).await
}
