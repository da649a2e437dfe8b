//! Clearance end to end: records marked SECRET and TOP SECRET carry marker strings; an
//! OFFICIAL viewer follows every link, an OFFICIAL editor opens every form, both search
//! and ask for hidden records by id, and no answer holds a marker, a hidden record's
//! reference or title, or a banner above OFFICIAL. The figures an OFFICIAL reader sees
//! are counts over OFFICIAL records only, and a SECRET reader's differ, so the test can tell.

mod figures;
mod probe;
mod seed;

use super::{data_test, Session, TestApp};
use accord::{Level, Role};
use leptos::server_fn::ServerFn;
use probe::{
    crawl, fail_on, forbidden, ids, leaks, normalise, same_as_missing, search_path, signed_in,
};
use seed::{seed, Seeded, MARKERS, OWNER, SECRET_ROUTE, WORD};

const MISSING_ID: &str = "99999999";
const MISSING_SLUG: &str = "no-such-route-abcdefgh";

#[tokio::test]
async fn an_official_viewer_finds_no_trace_of_hidden_records_anywhere() {
    let app = TestApp::spawn(true).await;
    let seeded = seed(&app).await;
    let forbidden = forbidden(&app).await;
    let viewer = signed_in(&app, "viewer@test.example", Role::Viewer, Level::Official).await;

    let mut starts = vec!["/".to_owned(), "/calendar".to_owned()];
    // Partner and route pages whose briefing has sections above OFFICIAL (issue 12).
    starts.extend(["/partners/TV", "/routes/central-mediterranean"].map(String::from));
    starts.extend(seeded.official_pages.iter().cloned());
    // The review queue, whole and as one group filtered (issue 11).
    starts.extend(["/reviews".to_owned(), "/reviews?group=overdue&kind=commitment".to_owned()]);
    // The roll-ups, each dimension (issue 11); reciprocity pages are linked from
    // agreement and partner pages.
    starts.push("/reviews/rollups".to_owned());
    starts.extend(
        accord::rollup::Dimension::ALL.iter().map(|d| format!("/reviews/rollups/{}", d.code())),
    );
    // The lists' CSV and JSON exports, whole and filtered (issue 12).
    for list in ["/agreements", "/commitments", "/sharing"] {
        starts.extend(["csv", "json"].map(|ext| format!("{list}.{ext}")));
    }
    starts.push("/commitments.csv?rag=red".to_owned());
    starts.push("/agreements.json?partner=LY".to_owned());
    // Briefing packs' print views, of partners and routes holding hidden records (issue 12).
    starts.extend(
        [
            "/partners/LY/briefing",
            "/partners/TV/briefing",
            "/routes/central-mediterranean/briefing",
        ]
        .map(String::from),
    );
    // Filtered lists' briefing print views and the review queue's exports (issue 12).
    starts.extend(
        [
            "/agreements/briefing",
            "/agreements/briefing?partner=LY",
            "/commitments/briefing?rag=red",
            "/reviews.csv",
            "/reviews.json?kind=commitment",
        ]
        .map(String::from),
    );
    let started = std::time::Instant::now();
    let (visited, mut problems) = crawl(&app, &viewer, &starts, &forbidden).await;
    eprintln!("crawled {} pages in {:?}", visited.len(), started.elapsed());
    for page in &seeded.official_pages {
        assert!(visited.contains(page), "the crawl reached {page}");
    }
    assert!(visited.len() >= 100, "a real crawl: {} pages", visited.len());

    // Searches that would match hidden records: markers, references, the seeded word,
    // and the title of every hidden record. A search shows its query back; that is
    // not a leak, so the query is taken out before looking.
    let mut queries: Vec<String> = MARKERS.iter().map(|m| m.to_string()).collect();
    queries.extend(
        [
            "ZZSECRETMARKER1",
            "zzsecretmarker4",
            "ZZSECRETMARKER8",
            "ZZTOPSECRETMARKER10",
            "ZZSECRETMARKER15",
            OWNER,
        ]
        .map(String::from),
    );
    queries.extend(
        ids(
            &app,
            "SELECT title FROM agreements WHERE classification <> 'official'
             UNION SELECT title FROM sharing_arrangements WHERE classification <> 'official'",
        )
        .await,
    );
    for q in &queries {
        let path = search_path(q);
        let (status, html) = app.get_as(&viewer, &path).await;
        assert_eq!(status, 200, "{path}");
        problems.extend(leaks(&forbidden, &path, &html, &[q]));
    }
    let (_, html) = app.get_as(&viewer, &search_path(WORD)).await;
    let hits = html.matches("data-test=\"search-result\"").count();
    if hits != 5 {
        problems.push(format!("{WORD}: {hits} hits, not the five OFFICIAL records"));
    }

    // Lists filtered by a hidden record or a hidden owner.
    let secret = seeded.secret_agreement;
    for (path, echo) in [
        (format!("/commitments?agreement={secret}"), String::new()),
        (format!("/agreements?route={SECRET_ROUTE}"), SECRET_ROUTE.to_owned()),
        (format!("/commitments?route={SECRET_ROUTE}"), SECRET_ROUTE.to_owned()),
        (format!("/agreements?owner={OWNER}"), OWNER.to_owned()),
        (format!("/commitments?owner={OWNER}"), OWNER.to_owned()),
        (format!("/reviews?owner={OWNER}"), OWNER.to_owned()),
        ("/agreements?classification=secret".to_owned(), String::new()),
        ("/agreements?classification=top_secret".to_owned(), String::new()),
    ] {
        let (status, html) = app.get_as(&viewer, &path).await;
        assert_eq!(status, 200, "{path}");
        problems.extend(leaks(&forbidden, &path, &html, &[&echo]));
        let count = data_test(&html, "result-count").unwrap_or_default();
        if !count.starts_with("0 ") {
            problems.push(format!("{path}: {count}"));
        }
    }

    // Hidden records asked for by address answer exactly as missing ones: the seeded
    // ones and every demo record above OFFICIAL.
    let mut hidden: Vec<(String, String)> = Vec::new();
    let missing = |kind: &str| format!("/{kind}/{MISSING_ID}");
    for id in
        ids(&app, "SELECT CAST(id AS TEXT) FROM agreements WHERE classification <> 'official'")
            .await
    {
        hidden.push((format!("/agreements/{id}"), missing("agreements")));
        hidden.push((
            format!("/agreements/{id}/status"),
            format!("{}/status", missing("agreements")),
        ));
        hidden.push((
            format!("/agreements/{id}/reciprocity"),
            format!("{}/reciprocity", missing("agreements")),
        ));
    }
    for id in ids(
        &app,
        "SELECT CAST(c.id AS TEXT) FROM commitments c JOIN agreements a ON a.id = c.agreement_id
          WHERE c.classification <> 'official' OR a.classification <> 'official'",
    )
    .await
    {
        hidden.push((format!("/commitments/{id}"), missing("commitments")));
    }
    for id in ids(
        &app,
        "SELECT CAST(id AS TEXT) FROM sharing_arrangements WHERE classification <> 'official'",
    )
    .await
    {
        hidden.push((format!("/sharing/{id}"), missing("sharing")));
    }
    for slug in ids(&app, "SELECT slug FROM routes WHERE classification <> 'official'").await {
        hidden.push((format!("/routes/{slug}"), format!("/routes/{MISSING_SLUG}")));
    }
    assert!(hidden.len() >= 8, "{} hidden records", hidden.len());
    for (path, missing) in &hidden {
        problems.extend(same_as_missing(&app, &viewer, path, missing, &forbidden).await);
    }

    problems.extend(server_functions(&app, &viewer, &seeded, &forbidden).await);
    fail_on(problems);
}

/// The server functions the pages call, asked directly: a hidden record's answer is a
/// missing one's, and no answer holds hidden text.
async fn server_functions(
    app: &TestApp,
    session: &Session,
    seeded: &Seeded,
    forbidden: &[String],
) -> Vec<String> {
    use app::server_fns::{
        agreements, commitments, dashboard, migration_routes, partners, route_forms, search,
        sharing,
    };
    let (secret, top) = (seeded.secret_agreement.to_string(), seeded.top_agreement.to_string());
    let (under, top_c) = (seeded.under_secret.to_string(), seeded.top_commitment.to_string());
    let shared = seeded.secret_sharing.to_string();
    let slug = SECRET_ROUTE;
    let pairs: Vec<(&str, &str, &str, &str)> = vec![
        (agreements::FetchAgreement::PATH, "id", &secret, MISSING_ID),
        (agreements::FetchAgreement::PATH, "id", &top, MISSING_ID),
        (agreements::FetchAgreementForm::PATH, "id", &secret, MISSING_ID),
        (commitments::FetchCommitment::PATH, "id", &under, MISSING_ID),
        (commitments::FetchCommitment::PATH, "id", &top_c, MISSING_ID),
        (commitments::FetchCommitmentParties::PATH, "agreement_id", &secret, MISSING_ID),
        (sharing::FetchSharing::PATH, "id", &shared, MISSING_ID),
        (sharing::FetchSharingForm::PATH, "id", &shared, MISSING_ID),
        (migration_routes::FetchRoute::PATH, "slug", slug, MISSING_SLUG),
        (route_forms::FetchRouteForm::PATH, "slug", slug, MISSING_SLUG),
    ];
    let mut problems = Vec::new();
    for (path, field, hidden, missing) in pairs {
        let answer = app.post_as(session, path, &[(field, hidden)]).await;
        let other = app.post_as(session, path, &[(field, missing)]).await;
        problems.extend(leaks(forbidden, path, &answer.body, &[]));
        if (answer.status, answer.body.replace(hidden, ""))
            != (other.status, other.body.replace(missing, ""))
        {
            problems.push(format!(
                "{path} {field}={hidden}: {} {:?}, missing: {} {:?}",
                answer.status, answer.body, other.status, other.body
            ));
        }
    }
    let (carrier, successor) = (seeded.carrier.to_string(), seeded.successor.to_string());
    let governed = seeded.governed.to_string();
    let visible: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (dashboard::LoadDashboard::PATH, vec![]),
        (migration_routes::ListRoutes::PATH, vec![]),
        (partners::FetchPartner::PATH, vec![("alpha2", "LY")]),
        (search::SearchRegistry::PATH, vec![("q", WORD)]),
        (agreements::FetchAgreement::PATH, vec![("id", &carrier)]),
        (agreements::FetchAgreement::PATH, vec![("id", &successor)]),
        (agreements::FetchAgreementForm::PATH, vec![("id", &successor)]),
        (sharing::FetchSharing::PATH, vec![("id", &governed)]),
        (sharing::FetchSharingForm::PATH, vec![("id", &governed)]),
    ];
    for (path, args) in visible {
        let answer = app.post_as(session, path, &args).await;
        // A form-encoded call from a client accepting HTML is answered 302 (leptos's
        // redirect for forms without JavaScript), with the value as its body.
        if ![200, 302].contains(&answer.status) {
            problems.push(format!("{path} {args:?}: {} {}", answer.status, answer.body));
        }
        problems.extend(leaks(forbidden, path, &answer.body, &[]));
    }
    problems
}

#[tokio::test]
async fn an_official_editor_opens_every_form_without_a_trace_of_hidden_records() {
    let app = TestApp::spawn(true).await;
    let seeded = seed(&app).await;
    let forbidden = forbidden(&app).await;
    let editor = signed_in(&app, "editor@test.example", Role::Editor, Level::Official).await;
    let viewer = signed_in(&app, "viewer@test.example", Role::Viewer, Level::Official).await;

    // Every form an OFFICIAL editor may open, pre-filled from every record it may see;
    // a viewer is refused each one.
    let mut forms: Vec<String> =
        ["/agreements/new", "/sharing/new", "/routes/new"].map(String::from).to_vec();
    for id in
        ids(&app, "SELECT CAST(id AS TEXT) FROM agreements WHERE classification = 'official'").await
    {
        forms.push(format!("/agreements/{id}/edit"));
        forms.push(format!("/agreements/{id}/commitments/new"));
    }
    for id in ids(
        &app,
        "SELECT CAST(c.id AS TEXT) FROM commitments c JOIN agreements a ON a.id = c.agreement_id
          WHERE c.classification = 'official' AND a.classification = 'official'",
    )
    .await
    {
        forms.push(format!("/commitments/{id}/edit"));
    }
    for id in ids(
        &app,
        "SELECT CAST(id AS TEXT) FROM sharing_arrangements WHERE classification = 'official'",
    )
    .await
    {
        forms.push(format!("/sharing/{id}/edit"));
    }
    for slug in ids(&app, "SELECT slug FROM routes WHERE classification = 'official'").await {
        forms.push(format!("/routes/{slug}/edit"));
    }
    // Each briefing section of partners with hidden ones and of every OFFICIAL route.
    let routes = "SELECT '/routes/' || slug FROM routes WHERE classification = 'official'";
    for subject in ["/partners/LY".to_owned(), "/partners/TV".to_owned()]
        .into_iter()
        .chain(ids(&app, routes).await)
    {
        for section in accord::BriefingSection::ALL {
            forms.push(format!("{subject}/briefing/{}/edit", section.code()));
        }
    }
    let mut problems = Vec::new();
    for form in &forms {
        let (status, html) = app.get_as(&editor, form).await;
        if status != 200 {
            problems.push(format!("{form}: {status} for an editor"));
        }
        problems.extend(leaks(&forbidden, form, &html, &[]));
        let (status, html) = app.get_as(&viewer, form).await;
        if status != 403 {
            problems.push(format!("{form}: {status} for a viewer"));
        }
        problems.extend(leaks(&forbidden, form, &html, &[]));
    }

    // The forms of hidden records answer as those of missing ones.
    let (secret, under) = (seeded.secret_agreement, seeded.under_secret);
    let (top, shared) = (seeded.top_agreement, seeded.secret_sharing);
    let route = SECRET_ROUTE;
    for (hidden, missing) in [
        (format!("/agreements/{secret}/edit"), format!("/agreements/{MISSING_ID}/edit")),
        (format!("/agreements/{top}/edit"), format!("/agreements/{MISSING_ID}/edit")),
        (
            format!("/agreements/{secret}/commitments/new"),
            format!("/agreements/{MISSING_ID}/commitments/new"),
        ),
        (format!("/commitments/{under}/edit"), format!("/commitments/{MISSING_ID}/edit")),
        (
            format!("/commitments/{}/edit", seeded.top_commitment),
            format!("/commitments/{MISSING_ID}/edit"),
        ),
        (format!("/sharing/{shared}/edit"), format!("/sharing/{MISSING_ID}/edit")),
        (format!("/routes/{route}/edit"), format!("/routes/{MISSING_SLUG}/edit")),
        (
            format!("/routes/{route}/briefing/objectives/edit"),
            format!("/routes/{MISSING_SLUG}/briefing/objectives/edit"),
        ),
    ] {
        for session in [&editor, &viewer] {
            problems.extend(same_as_missing(&app, session, &hidden, &missing, &forbidden).await);
        }
    }

    // Posting to a hidden agreement, or naming one, is answered as for a missing one,
    // and writes nothing.
    let count =
        "SELECT (SELECT count(*) FROM commitments) + (SELECT count(*) FROM sharing_arrangements)";
    let before: i64 = sqlx::query_scalar(count).fetch_one(&app.pool).await.expect("count");
    let commitment = [
        ("committing_party", "LY"),
        ("text", "A probe commitment"),
        ("category", "returns"),
        ("owner", ""),
        ("due_on", ""),
        ("status", "not_started"),
        ("rag", ""),
        ("next_review_on", ""),
        ("classification", "official"),
    ];
    let hidden =
        app.post_as(&editor, &format!("/agreements/{secret}/commitments/new"), &commitment).await;
    let missing = app
        .post_as(&editor, &format!("/agreements/{MISSING_ID}/commitments/new"), &commitment)
        .await;
    problems.extend(leaks(&forbidden, "commitment post", &hidden.body, &[]));
    let path = |id: &str| format!("/agreements/{id}/commitments/new");
    if (hidden.status, normalise(&hidden.body, &path(&secret.to_string())))
        != (missing.status, normalise(&missing.body, &path(MISSING_ID)))
    {
        problems.push(format!(
            "a commitment posted to a hidden agreement: {}, to a missing one: {}",
            hidden.status, missing.status
        ));
    }
    let sharing = |agreement: &'static str| {
        [
            ("reference", "OFF-SHR-PROBE"),
            ("title", "A probe arrangement"),
            ("uk_body_id", "4"),
            ("partner", "LY"),
            ("partner_body", "Coast guard"),
            ("data_categories", "passenger_data"),
            ("direction", "two_way"),
            ("legal_basis", ""),
            ("handling_caveats", ""),
            ("onward_sharing", "prohibited"),
            ("osja_status", "not_started"),
            ("osja_assessed_on", ""),
            ("agreement", agreement),
            ("status", "proposed"),
            ("classification", "official"),
            ("caveat", ""),
            ("releasability", ""),
            ("next_review_on", ""),
        ]
    };
    let hidden = app.post_as(&editor, "/sharing/new", &sharing("ZZS-AGR-0001")).await;
    let missing = app.post_as(&editor, "/sharing/new", &sharing("ZZS-AGR-9999")).await;
    problems.extend(leaks(&forbidden, "sharing post", &hidden.body, &["ZZS-AGR-0001"]));
    if (hidden.status, normalise(&hidden.body, "ZZS-AGR-0001"))
        != (missing.status, normalise(&missing.body, "ZZS-AGR-9999"))
    {
        problems.push(format!(
            "a hidden governing agreement: {}, a missing one: {}",
            hidden.status, missing.status
        ));
    }
    // Otherwise valid, so the agreement is what was checked.
    let errors = data_test(&missing.body, "error-summary").unwrap_or_default();
    if !errors.ends_with("There is no agreement with the reference ZZS-AGR-9999") {
        problems.push(format!("the probe arrangement: {errors}"));
    }
    if hidden.status == 303 || missing.status == 303 {
        problems
            .push("an arrangement was saved under an agreement its writer cannot see".to_owned());
    }
    let after: i64 = sqlx::query_scalar(count).fetch_one(&app.pool).await.expect("count");
    if after != before {
        problems.push(format!("refused posts wrote {} rows", after - before));
    }
    fail_on(problems);
}
