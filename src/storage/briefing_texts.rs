//! Briefing text per partner and per route: reading the sections a reader may see,
//! and saving one section (see [`write`]).
//!
//! A section is visible when its own marking is within the reader's clearance and,
//! for a route's section, the route's too (the section is shown under the route).

mod write;

pub use write::{save, subject_for_partner, subject_for_route};

use super::visibility::{visible, visible_levels};
use super::Result;
use crate::domain::briefing_text::{BriefingSection, BriefingSubject, BriefingText};
use crate::domain::{Classification, Clearance, Level};
use sqlx::{FromRow, SqliteExecutor};

#[derive(FromRow)]
struct Row {
    id: i64,
    section: BriefingSection,
    body: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
    version: i64,
}

impl Row {
    fn into_text(self) -> BriefingText {
        BriefingText {
            id: self.id,
            section: self.section,
            body: self.body,
            marking: Classification {
                level: self.classification,
                caveat: self.caveat.filter(|c| !c.trim().is_empty()),
                releasability: self.releasability.filter(|r| !r.trim().is_empty()),
            },
            version: self.version,
        }
    }
}

/// The subject's sections the reader may see, in section order (objectives, top
/// lines, lines to take). A section above the clearance is simply absent, as is
/// every section of a route the reader cannot see.
pub async fn for_subject(
    db: impl SqliteExecutor<'_>,
    subject: &BriefingSubject,
    clearance: Clearance,
) -> Result<Vec<BriefingText>> {
    let rows: Vec<Row> = match subject {
        BriefingSubject::Partner(alpha2) => {
            sqlx::query_as(concat!(
                "WITH ",
                visible_levels!("?2"),
                " SELECT b.id, b.section, b.body, b.classification, b.caveat, b.releasability,
                         b.version
                    FROM briefing_texts b
                   WHERE b.partner = ?1 AND ",
                visible!("b.classification")
            ))
            .bind(alpha2)
            .bind(clearance.rank())
            .fetch_all(db)
            .await?
        }
        BriefingSubject::Route(id) => {
            sqlx::query_as(concat!(
                "WITH ",
                visible_levels!("?2"),
                " SELECT b.id, b.section, b.body, b.classification, b.caveat, b.releasability,
                         b.version
                    FROM briefing_texts b
                    JOIN routes r ON r.id = b.route_id
                   WHERE b.route_id = ?1 AND ",
                visible!("b.classification", "r.classification")
            ))
            .bind(id)
            .bind(clearance.rank())
            .fetch_all(db)
            .await?
        }
    };
    let mut texts: Vec<BriefingText> = rows.into_iter().map(Row::into_text).collect();
    // Section order is the enum's declaration order, not the codes' alphabetical one.
    texts.sort_by_key(|t| t.section);
    Ok(texts)
}

/// One section of the subject when the reader may see it; `None` when it has no text
/// yet or is above the clearance (the two look the same to the reader).
pub async fn section(
    db: impl SqliteExecutor<'_>,
    subject: &BriefingSubject,
    section: BriefingSection,
    clearance: Clearance,
) -> Result<Option<BriefingText>> {
    Ok(for_subject(db, subject, clearance).await?.into_iter().find(|t| t.section == section))
}
