//! Spreadsheet import into storage: a file with one bad row writes nothing and reports
//! that row with the form's message; a good file writes every row, audited; a second
//! import of the same rows is refused as duplicates; the importer's clearance holds.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::agreements::{actor, TODAY};
use accord::domain::import::{self, ImportRefusal};
use accord::storage::import::{import, ImportError, Importer};
use accord::{Clearance, ImportKind, Level};
use sqlx::SqlitePool;

const AGREEMENTS: &str = "reference,title,kind,status,next_review_on,marking,partner_codes,legally_binding,signed_on,in_force_on,expires_on,lead_department,owner,summary,funding_gbp,funding_note,scope_tags,strands,supersedes,amends";
const COMMITMENTS: &str = "text,agreement_reference,owner,due_on,status,rag,marking,committing_party_code,category,next_review_on,strands";

fn agreement(reference: &str, title: &str, marking: &str) -> String {
    format!("{reference},{title},memorandum_of_understanding,in_force,2027-03-01,{marking},LY,no,2026-01-10,2026-02-01,,Home Office,Jo Bloggs,,250000,,maritime,pursue,,")
}

fn commitment(text: &str, reference: &str) -> String {
    format!("{text},{reference},Desk officer,2027-01-31,in_progress,amber,OFFICIAL,LY,returns,2027-02-01,pursue;protect")
}

/// A file as the exports write it: BOM, marking row, header, rows.
fn file(header: &str, rows: &[String]) -> Vec<u8> {
    format!("\u{feff}OFFICIAL\r\n{header}\r\n{}\r\n", rows.join("\r\n")).into_bytes()
}

async fn run(
    pool: &SqlitePool,
    kind: ImportKind,
    bytes: &[u8],
    clearance: Clearance,
) -> Result<usize, ImportError> {
    let sheet = import::read(kind, bytes).expect("a readable file");
    let actor = actor();
    let importer = Importer { actor: &actor, clearance, today: TODAY };
    let mut seen = 0;
    let result = import(pool, &sheet, &importer, &mut |done| seen = done).await;
    assert_eq!(seen, sheet.rows.len(), "progress reaches every row");
    result
}

async fn count(pool: &SqlitePool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// (agreements, commitments, audit entries).
async fn counts(pool: &SqlitePool) -> (i64, i64, i64) {
    (
        count(pool, "SELECT count(*) FROM agreements").await,
        count(pool, "SELECT count(*) FROM commitments").await,
        count(pool, "SELECT count(*) FROM audit_log").await,
    )
}

fn rows(result: Result<usize, ImportError>) -> Vec<(usize, Vec<(String, String)>)> {
    match result {
        Err(ImportError::Refused(ImportRefusal::Rows(rows))) => {
            rows.into_iter().map(|p| (p.row, p.errors)).collect()
        }
        other => panic!("expected refused rows, got {other:?}"),
    }
}

fn pair(column: &str, message: &str) -> (String, String) {
    (column.to_owned(), message.to_owned())
}

#[tokio::test]
async fn a_file_with_one_bad_row_writes_nothing_and_reports_that_row() {
    let (_dir, pool) = super::fresh().await;
    let before = counts(&pool).await;
    let bytes = file(
        AGREEMENTS,
        &[
            agreement("HO-LY-1", "First", "OFFICIAL"),
            agreement("HO-LY-2", "", "OFFICIAL"),
            agreement("HO-LY-3", "Third", "OFFICIAL-SENSITIVE"),
        ],
    );
    let problems = rows(run(&pool, ImportKind::Agreements, &bytes, Clearance::HIGHEST).await);
    // Marking row 1, header row 2: the second record is row 4.
    assert_eq!(problems, [(4, vec![pair("title", "Enter a title")])]);
    assert_eq!(counts(&pool).await, before, "nothing written, nothing audited");
}

#[tokio::test]
async fn a_good_file_writes_every_row_with_an_audit_entry_each() {
    let (_dir, pool) = super::fresh().await;
    let bytes = file(
        AGREEMENTS,
        &[
            agreement("HO-LY-1", "First", "OFFICIAL"),
            agreement("HO-LY-2", "Second", "SECRET UK EYES ONLY"),
        ],
    );
    assert_eq!(run(&pool, ImportKind::Agreements, &bytes, Clearance::HIGHEST).await.unwrap(), 2);
    let bytes = file(
        COMMITMENTS,
        &[commitment("Return flights", "HO-LY-1"), commitment("'=Patrols", "ho-ly-2")],
    );
    assert_eq!(run(&pool, ImportKind::Commitments, &bytes, Clearance::HIGHEST).await.unwrap(), 2);
    assert_eq!(counts(&pool).await.0, 2);
    assert_eq!(counts(&pool).await.1, 2);
    let audited = "SELECT count(*) FROM audit_log WHERE action = 'create' AND entity = 'agreement'";
    assert_eq!(count(&pool, audited).await, 2);
    let audited =
        "SELECT count(*) FROM audit_log WHERE action = 'create' AND entity = 'commitment'";
    assert_eq!(count(&pool, audited).await, 2);
    let releasability: String =
        sqlx::query_scalar("SELECT releasability FROM agreements WHERE reference = 'HO-LY-2'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(releasability, "UK EYES ONLY");
    let neutralised: i64 =
        count(&pool, "SELECT count(*) FROM commitments WHERE text = '=Patrols'").await;
    assert_eq!(neutralised, 1, "the exports' formula guard is read back");
}

#[tokio::test]
async fn importing_the_same_rows_again_is_refused_as_duplicates() {
    let (_dir, pool) = super::fresh().await;
    let agreements = file(
        AGREEMENTS,
        &[agreement("HO-LY-1", "First", "OFFICIAL"), agreement("HO-LY-2", "Second", "OFFICIAL")],
    );
    let commitments = file(COMMITMENTS, &[commitment("Return flights", "HO-LY-1")]);
    run(&pool, ImportKind::Agreements, &agreements, Clearance::HIGHEST).await.unwrap();
    run(&pool, ImportKind::Commitments, &commitments, Clearance::HIGHEST).await.unwrap();
    let before = counts(&pool).await;
    let problems = rows(run(&pool, ImportKind::Agreements, &agreements, Clearance::HIGHEST).await);
    assert_eq!(
        problems,
        [
            (3, vec![pair("reference", "Agreement reference HO-LY-1 already exists")]),
            (4, vec![pair("reference", "Agreement reference HO-LY-2 already exists")]),
        ]
    );
    let problems =
        rows(run(&pool, ImportKind::Commitments, &commitments, Clearance::HIGHEST).await);
    assert_eq!(
        problems,
        [(3, vec![pair("text", "Agreement HO-LY-1 already has this commitment by LY")])]
    );
    assert_eq!(counts(&pool).await, before);
    // The same row twice in one file is a duplicate too.
    let twice =
        file(COMMITMENTS, &[commitment("Patrols", "HO-LY-2"), commitment("Patrols", "HO-LY-2")]);
    let problems = rows(run(&pool, ImportKind::Commitments, &twice, Clearance::HIGHEST).await);
    assert_eq!(problems.iter().map(|p| p.0).collect::<Vec<_>>(), [4]);
    assert_eq!(counts(&pool).await, before);
}

#[tokio::test]
async fn the_importers_clearance_bounds_what_they_import_and_name() {
    let (_dir, pool) = super::fresh().await;
    let secret = file(AGREEMENTS, &[agreement("HO-LY-9", "Hidden", "SECRET")]);
    run(&pool, ImportKind::Agreements, &secret, Clearance::HIGHEST).await.unwrap();
    let before = counts(&pool).await;
    let official = Clearance(Level::Official);
    let problems = rows(
        run(
            &pool,
            ImportKind::Agreements,
            &file(AGREEMENTS, &[agreement("HO-LY-8", "Above", "SECRET")]),
            official,
        )
        .await,
    );
    assert_eq!(
        problems,
        [(
            3,
            vec![pair(
                "marking",
                "Select a classification no higher than your clearance, OFFICIAL"
            )]
        )]
    );
    let commitments = file(
        COMMITMENTS,
        &[commitment("Hidden work", "HO-LY-9"), commitment("Nowhere", "HO-XX-1")],
    );
    let problems = rows(run(&pool, ImportKind::Commitments, &commitments, official).await);
    assert_eq!(
        problems,
        [
            (3, vec![pair("agreement_reference", "No agreement with reference HO-LY-9")]),
            (4, vec![pair("agreement_reference", "No agreement with reference HO-XX-1")]),
        ],
        "a hidden agreement is reported exactly as a missing one"
    );
    assert_eq!(counts(&pool).await, before);
}

#[tokio::test]
async fn unknown_or_missing_columns_refuse_the_file() {
    let bytes = file("reference,title,colour", &["HO-LY-1,First,red".to_owned()]);
    let message = import::read(ImportKind::Agreements, &bytes).unwrap_err();
    assert!(message.contains("unknown columns: colour"), "{message}");
    assert!(message.contains("missing columns: kind, status"), "{message}");
}

#[tokio::test]
async fn a_commitment_hidden_from_the_importer_is_not_named_as_a_duplicate() {
    let (_dir, pool) = super::fresh().await;
    let agreements = file(AGREEMENTS, &[agreement("HO-LY-1", "First", "OFFICIAL")]);
    run(&pool, ImportKind::Agreements, &agreements, Clearance::HIGHEST).await.unwrap();
    let secret = commitment("Return flights", "HO-LY-1").replace(",OFFICIAL,", ",SECRET,");
    run(&pool, ImportKind::Commitments, &file(COMMITMENTS, &[secret]), Clearance::HIGHEST)
        .await
        .unwrap();
    // Refusing the row would tell an OFFICIAL importer that a SECRET commitment exists.
    let official = file(COMMITMENTS, &[commitment("Return flights", "HO-LY-1")]);
    let imported = run(&pool, ImportKind::Commitments, &official, Clearance(Level::Official)).await;
    assert_eq!(imported.unwrap(), 1);
    assert_eq!(count(&pool, "SELECT count(*) FROM commitments").await, 2);
}
