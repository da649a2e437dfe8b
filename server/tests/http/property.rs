//! A property test of the whole surface: several hundred generated bodies posted to
//! every form (missing, extra, repeated, over-long, wrong-typed and non-UTF-8 values,
//! unknown ids, odd dates, NUL bytes, the wrong content type) and generated query
//! strings on every list page. Every answer must be a 303, or a 4xx page with a
//! message, never a 5xx; a refused post must write no row.
//!
//! Deterministic: the generator is seeded, so a failure replays. Each post starts from
//! the form as its page renders it (hidden fields included), filled in validly, then
//! changed: first each field in turn (left out, or given each of a few odd values),
//! then in one to three generated ways.

mod form_html;
mod generate;

use super::hardening::{assert_names_no_cause, cause_named, excerpt, refusal_message};
use super::TestApp;
use form_html::PageForm;
use generate::{Body, Change, Rng};
use std::collections::BTreeMap;

const SEED: u64 = 0x0ACC_02D9_2026_0009;
const POSTS_PER_FORM: usize = 250;
const QUERIES_PER_PAGE: usize = 60;

/// Tables a refused post must leave as they were.
const TABLES: &[&str] =
    &["agreements", "commitments", "sharing_arrangements", "routes", "route_legs", "audit_log"];

async fn row_counts(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in TABLES {
        let sql = format!("SELECT count(*) FROM {table}");
        counts.push(
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&app.pool).await.expect("count"),
        );
    }
    counts
}

/// Ids of OFFICIAL demo records (any reader may open them).
struct Demo {
    agreement: i64,
    commitment: i64,
    route: i64,
    sharing: i64,
}

impl Demo {
    async fn load(app: &TestApp) -> Demo {
        let id = |sql: &'static str| async move {
            sqlx::query_scalar::<_, i64>(sql).fetch_one(&app.pool).await.expect(sql)
        };
        Demo {
            agreement: id("SELECT id FROM agreements WHERE classification = 'official' \
                 AND status IN ('proposed', 'negotiating', 'signed', 'in_force') ORDER BY id LIMIT 1").await,
            commitment: id("SELECT c.id FROM commitments c JOIN agreements a ON a.id = c.agreement_id \
                 WHERE c.classification = 'official' AND a.classification = 'official' ORDER BY c.id LIMIT 1").await,
            route: id("SELECT id FROM routes WHERE classification = 'official' ORDER BY id LIMIT 1").await,
            sharing: id("SELECT id FROM sharing_arrangements WHERE classification = 'official' \
                 AND agreement_id IS NULL ORDER BY id LIMIT 1").await,
        }
    }

    /// Every form: (page that shows it, address it posts to). Read afresh because a
    /// saved route edit may change the route's slug.
    async fn forms(&self, app: &TestApp) -> Vec<(String, String)> {
        let slug: String = sqlx::query_scalar("SELECT slug FROM routes WHERE id = ?1")
            .bind(self.route)
            .fetch_one(&app.pool)
            .await
            .expect("route slug");
        let (a, c, s) = (self.agreement, self.commitment, self.sharing);
        [
            ("/agreements/new".to_owned(), "/agreements/new".to_owned()),
            (format!("/agreements/{a}/edit"), format!("/agreements/{a}/edit")),
            (format!("/agreements/{a}"), format!("/agreements/{a}/status")),
            (
                format!("/agreements/{a}/commitments/new"),
                format!("/agreements/{a}/commitments/new"),
            ),
            (format!("/commitments/{c}/edit"), format!("/commitments/{c}/edit")),
            ("/routes/new".to_owned(), "/routes/new".to_owned()),
            (format!("/routes/{slug}/edit"), format!("/routes/{slug}/edit")),
            ("/sharing/new".to_owned(), "/sharing/new".to_owned()),
            (format!("/sharing/{s}/edit"), format!("/sharing/{s}/edit")),
        ]
        .to_vec()
    }
}

/// Fields a valid post needs that a blank form leaves empty.
const CHOSEN: &[&str] = &[
    "kind",
    "legally_binding",
    "partners",
    "classification",
    "committing_party",
    "category",
    "status",
    "to",
    "leg_1_partner",
    "leg_1_role",
    "uk_body_id",
    "partner",
    "data_categories",
    "direction",
    "onward_sharing",
    "osja_status",
];

/// The form as a user would complete it: required choices made, required text typed.
fn fill(rng: &mut Rng, form: &mut PageForm, n: usize) {
    for name in CHOSEN {
        let offered = form.options.get(*name).cloned().unwrap_or_default();
        if !offered.is_empty() && form.get(name).unwrap_or("").is_empty() {
            let choice: &String = rng.pick(&offered);
            form.set(name, choice);
        }
    }
    if form.get("partner") == Some("GB") {
        form.set("partner", "LY");
    }
    let today = accord::dates::iso(accord::dates::today());
    for (name, value) in [
        ("reference", format!("PROP-{n}")),
        ("title", format!("Property test {n}")),
        ("text", format!("Property test commitment {n}")),
        ("name", format!("Property route {n}")),
        ("note", "Property test".to_owned()),
        ("partner_body", "Coastguard".to_owned()),
        ("changed_on", today),
    ] {
        if form.get(name).is_some_and(str::is_empty) {
            form.set(name, &value);
        }
    }
}

async fn send(app: &TestApp, path: &str, body: &Body) -> super::client::Response {
    match body.text_pairs() {
        Some(pairs) => app.post_form(path, &pairs).await,
        None => app.post_raw(path, &[("Content-Type", body.content_type)], &body.encode()).await,
    }
}

#[tokio::test]
async fn generated_posts_are_303_or_4xx_with_a_message_and_refused_ones_write_nothing() {
    let app = TestApp::spawn(true).await;
    let demo = Demo::load(&app).await;
    let mut rng = Rng::new(SEED);
    let mut statuses: BTreeMap<(usize, u16), usize> = BTreeMap::new();
    // One example of each kind of bad answer (form, status, what was wrong).
    let mut problems: BTreeMap<String, String> = BTreeMap::new();
    let mut n = 0;
    for which in 0..9 {
        let mut page_form: Option<(String, PageForm)> = None;
        let mut stale = true;
        let mut plan: Vec<Change> = Vec::new();
        let mut step = 0;
        while step < plan.len() + POSTS_PER_FORM {
            step += 1;
            n += 1;
            // The form as it stands now (after a saved post its version has moved on);
            // the one before if a saved change took it away (a final status).
            if stale {
                let (page, action) = demo.forms(&app).await[which].clone();
                let (status, html) = app.get(&page).await;
                assert_eq!(status, 200, "{page}");
                match PageForm::find(&html, &action) {
                    Some(mut form) => {
                        // The harness adds the session's anti-forgery token to every post.
                        form.fields.retain(|(name, _)| name != "csrf_token");
                        if page_form.is_none() {
                            plan = generate::one_at_a_time(&form);
                        }
                        page_form = Some((action, form));
                    }
                    None if page_form.is_some() => {}
                    None => panic!("{page} has no form posting to {action}"),
                }
                stale = false;
            }
            let Some((action, form)) = page_form.clone() else { continue };
            let mut form = form;
            fill(&mut rng, &mut form, n);
            let change = plan.get(step - 1).cloned().unwrap_or(Change::Random);
            let body = generate::apply(&mut rng, &form, &change);
            let path = match change {
                Change::Random if rng.chance(4) => odd_path(&mut rng, &action),
                _ => action.clone(),
            };
            let before = row_counts(&app).await;
            let response = send(&app, &path, &body).await;
            let status = response.status;
            *statuses.entry((which, status)).or_default() += 1;
            let what = || format!("POST {path} {}\n→ {status}", body.describe());
            let mut problem = |kind: String| {
                let example = format!("{}\n{}", what(), excerpt(&response.body));
                problems.entry(format!("{action} → {status}: {kind}")).or_insert(example);
            };
            if !(status == 303 || (400..500).contains(&status)) {
                problem("neither 303 nor 4xx".into());
            }
            if let Some(leak) = cause_named(&response.body) {
                problem(format!("names a cause ({leak})"));
            }
            if status == 303 {
                stale = true;
                continue;
            }
            if refusal_message(status, &response.body).is_none() {
                problem("no message".into());
            }
            let after = row_counts(&app).await;
            for ((table, b), a) in TABLES.iter().zip(&before).zip(&after) {
                // A refused permission is audited; nothing else may be written.
                if a != b && !(status == 403 && *table == "audit_log") {
                    problem(format!("wrote to {table}"));
                }
            }
        }
    }
    eprintln!("property test: (form, status) → posts: {statuses:?}");
    let report: Vec<String> = problems.iter().map(|(k, e)| format!("{k}\n  e.g. {e}")).collect();
    assert!(
        problems.is_empty(),
        "{} kinds of bad answer:\n\n{}",
        problems.len(),
        report.join("\n\n")
    );
    let count = |wanted: u16| {
        statuses.iter().filter(|((_, s), _)| *s == wanted).map(|(_, n)| n).sum::<usize>()
    };
    assert!(
        count(303) > 0 && count(422) > 0,
        "the generator must reach both outcomes: {statuses:?}"
    );
}

/// The form's address with its id or slug replaced by one that is not a record.
fn odd_path(rng: &mut Rng, action: &str) -> String {
    let odd = *rng.pick(&[
        "999999",
        "0",
        "-1",
        "abc",
        "9223372036854775808",
        "%FF",
        "1%00",
        "1.0",
        "no-such-route",
        "a%00b",
        "%2E%2E",
    ]);
    let parts: Vec<&str> = action.split('/').collect();
    match parts.as_slice() {
        ["", kind, _, rest @ ..] if !rest.is_empty() => format!("/{kind}/{odd}/{}", rest.join("/")),
        _ => action.to_owned(),
    }
}

#[tokio::test]
async fn generated_queries_on_every_list_page_are_answered_never_5xx() {
    let app = TestApp::spawn(true).await;
    let mut rng = Rng::new(SEED ^ 0x51);
    let pages = ["/", "/agreements", "/commitments", "/sharing", "/partners", "/routes", "/search"];
    for page in pages {
        for _ in 0..QUERIES_PER_PAGE {
            let path = format!("{page}?{}", generate::query(&mut rng));
            let (status, body) = app.get(&path).await;
            let shown: String = path.chars().take(300).collect();
            assert!(status < 500, "GET {shown} → {status}:\n{}", excerpt(&body));
            if status >= 400 {
                assert!(
                    refusal_message(status, &body).is_some(),
                    "GET {shown} → {status} without a message"
                );
            }
            assert_names_no_cause(&body);
        }
    }
}
