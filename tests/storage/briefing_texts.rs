//! Briefing text storage tests: sections within clearance, versions, markings, audit.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use accord::storage::audit::Actor;
use accord::storage::{begin_write, briefing_texts, StorageError};
use accord::{
    BriefingSection, BriefingSubject, BriefingTextDraft, Classification, Clearance, Level,
};
use sqlx::SqlitePool;

const OFFICIAL: Clearance = Clearance(Level::Official);
const SECRET: Clearance = Clearance(Level::Secret);

fn libya() -> BriefingSubject {
    BriefingSubject::Partner("LY".to_owned())
}

fn draft(body: &str, marking: Classification) -> BriefingTextDraft {
    BriefingTextDraft { body: body.to_owned(), marking }
}

async fn save(
    pool: &SqlitePool,
    clearance: Clearance,
    subject: &BriefingSubject,
    section: BriefingSection,
    version: Option<i64>,
    text: &BriefingTextDraft,
) -> Result<i64, StorageError> {
    let mut tx = begin_write(pool).await.unwrap();
    let saved = briefing_texts::save(
        &mut tx,
        &Actor::system("test"),
        clearance,
        subject,
        section,
        version,
        text,
    )
    .await;
    if saved.is_ok() {
        tx.commit().await.unwrap();
    }
    saved
}

async fn rows(pool: &SqlitePool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM briefing_texts").fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn sections_come_in_briefing_order_and_a_secret_one_is_absent_for_an_official_reader() {
    let (_dir, pool) = crate::fresh().await;
    let official = Classification::new(Level::Official);
    let secret = Classification::new(Level::Secret);
    // Saved out of order, and alphabetically "lines_to_take" < "objectives" < "top_lines".
    save(&pool, SECRET, &libya(), BriefingSection::TopLines, None, &draft("Top", official.clone()))
        .await
        .unwrap();
    save(&pool, SECRET, &libya(), BriefingSection::Objectives, None, &draft("Aims", secret))
        .await
        .unwrap();
    save(&pool, SECRET, &libya(), BriefingSection::LinesToTake, None, &draft("Say", official))
        .await
        .unwrap();

    let seen = briefing_texts::for_subject(&pool, &libya(), SECRET).await.unwrap();
    let sections: Vec<_> = seen.iter().map(|t| t.section).collect();
    assert_eq!(sections, BriefingSection::ALL);

    let seen = briefing_texts::for_subject(&pool, &libya(), OFFICIAL).await.unwrap();
    let sections: Vec<_> = seen.iter().map(|t| t.section).collect();
    assert_eq!(sections, [BriefingSection::TopLines, BriefingSection::LinesToTake]);
    assert!(seen.iter().all(|t| t.body != "Aims"));
    let other = BriefingSubject::Partner("FR".to_owned());
    assert!(briefing_texts::for_subject(&pool, &other, SECRET).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_route_section_is_hidden_with_its_secret_route_and_cannot_be_written_there() {
    let (_dir, pool) = crate::fresh().await;
    let route: i64 = sqlx::query_scalar(
        "INSERT INTO routes (slug, name, classification) VALUES ('hidden', 'Hidden', 'secret')
         RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let subject = BriefingSubject::Route(route);
    let text = draft("Route aims", Classification::new(Level::Official));
    let refused = save(&pool, OFFICIAL, &subject, BriefingSection::Objectives, None, &text).await;
    assert!(matches!(refused, Err(StorageError::NotFound)), "{refused:?}");
    assert_eq!(rows(&pool).await, 0);

    save(&pool, SECRET, &subject, BriefingSection::Objectives, None, &text).await.unwrap();
    assert_eq!(briefing_texts::for_subject(&pool, &subject, SECRET).await.unwrap().len(), 1);
    assert!(briefing_texts::for_subject(&pool, &subject, OFFICIAL).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_and_changes_nothing() {
    let (_dir, pool) = crate::fresh().await;
    let official = Classification::new(Level::Official);
    let top = BriefingSection::TopLines;
    let v1 =
        save(&pool, SECRET, &libya(), top, None, &draft("First", official.clone())).await.unwrap();
    assert_eq!(v1, 1);
    let v2 = save(&pool, SECRET, &libya(), top, Some(v1), &draft("Second", official.clone())).await;
    assert_eq!(v2.unwrap(), 2);

    let third = draft("Third", official.clone());
    let stale = save(&pool, SECRET, &libya(), top, Some(v1), &third).await;
    assert!(matches!(stale, Err(StorageError::Conflict)), "{stale:?}");
    // Adding a section someone else added meanwhile is a conflict too, not an overwrite.
    let added = save(&pool, SECRET, &libya(), top, None, &draft("Fourth", official)).await;
    assert!(matches!(added, Err(StorageError::Conflict)));

    let text = briefing_texts::section(&pool, &libya(), top, SECRET).await.unwrap().unwrap();
    assert_eq!((text.body.as_str(), text.version), ("Second", 2));
}

#[tokio::test]
async fn a_marking_is_never_lowered_nor_set_above_the_writers_clearance() {
    let (_dir, pool) = crate::fresh().await;
    let objectives = BriefingSection::Objectives;
    let sensitive = Classification::with_caveat(Level::Official, Some("SENSITIVE".to_owned()));
    save(&pool, SECRET, &libya(), objectives, None, &draft("Aims", sensitive)).await.unwrap();

    let lower = draft("Aims", Classification::new(Level::Official));
    let lowered = save(&pool, SECRET, &libya(), objectives, Some(1), &lower).await;
    let Err(StorageError::Invalid(errors)) = lowered else { panic!("{lowered:?}") };
    assert!(errors.get("classification").unwrap().contains("cannot be lowered"));

    let higher = draft("Aims", Classification::new(Level::TopSecret));
    let above = save(&pool, SECRET, &libya(), objectives, Some(1), &higher).await;
    let Err(StorageError::Invalid(errors)) = above else { panic!("{above:?}") };
    assert!(errors.get("classification").unwrap().contains("no higher than your clearance"));

    let text = briefing_texts::section(&pool, &libya(), objectives, SECRET).await.unwrap().unwrap();
    assert_eq!((text.marking.to_string().as_str(), text.version), ("OFFICIAL-SENSITIVE", 1));
}

#[tokio::test]
async fn a_writer_who_cannot_see_the_section_gets_not_found() {
    let (_dir, pool) = crate::fresh().await;
    let top = BriefingSection::TopLines;
    let secret = draft("Hidden", Classification::new(Level::Secret));
    save(&pool, SECRET, &libya(), top, None, &secret).await.unwrap();
    let official = draft("Overwrite", Classification::new(Level::Official));
    for version in [None, Some(1)] {
        let refused = save(&pool, OFFICIAL, &libya(), top, version, &official).await;
        assert!(matches!(refused, Err(StorageError::NotFound)), "{refused:?}");
    }
    let missing = BriefingSubject::Partner("ZZ".to_owned());
    let refused = save(&pool, SECRET, &missing, top, None, &official).await;
    assert!(matches!(refused, Err(StorageError::NotFound)), "{refused:?}");
    assert_eq!(rows(&pool).await, 1);
}

#[tokio::test]
async fn every_save_is_audited_with_before_and_after() {
    let (_dir, pool) = crate::fresh().await;
    let top = BriefingSection::TopLines;
    let official = Classification::new(Level::Official);
    save(&pool, SECRET, &libya(), top, None, &draft("First", official.clone())).await.unwrap();
    save(&pool, SECRET, &libya(), top, Some(1), &draft("Second", official)).await.unwrap();
    let entries: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT action, before_json, after_json FROM audit_log
          WHERE entity = 'briefing_text' ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0].0, "create");
    assert!(entries[0].1.is_none());
    assert!(entries[0].2.as_deref().unwrap().contains("\"First\""));
    assert_eq!(entries[1].0, "update");
    assert!(entries[1].1.as_deref().unwrap().contains("\"First\""));
    let after = entries[1].2.as_deref().unwrap();
    assert!(after.contains("\"Second\"") && after.contains("\"version\":2"), "{after}");
}
