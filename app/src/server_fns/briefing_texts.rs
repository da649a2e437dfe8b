//! Briefing text: the form that edits one section of a partner's or a route's
//! briefing, and the action it posts to. (The sections themselves reach the partner
//! and route pages inside those pages' own data: `partners`, `migration_routes`.)

use crate::error::AppError;
use accord::{BriefingSection, BriefingText, Classification};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Whose briefing, as its address names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BriefingOf {
    /// `/partners/{alpha2}`
    Partner(String),
    /// `/routes/{slug}`
    Route(String),
}

impl BriefingOf {
    /// The partner's or route's page.
    pub fn page_path(&self) -> String {
        match self {
            BriefingOf::Partner(alpha2) => format!("/partners/{alpha2}"),
            BriefingOf::Route(slug) => format!("/routes/{slug}"),
        }
    }

    /// The form editing `section`.
    pub fn edit_path(&self, section: BriefingSection) -> String {
        format!("{}/briefing/{}/edit", self.page_path(), section.code())
    }
}

/// What the edit form shows: whose briefing, the section, its text when it has some
/// (within the editor's clearance), and the page's marking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefingForm {
    /// As stored (`LY`, not `ly`), so the form posts to the canonical address.
    pub of: BriefingOf,
    /// The partner's or route's name.
    pub name: String,
    pub section: BriefingSection,
    pub text: Option<BriefingText>,
    /// The section's marking, raised by the route's.
    pub marking: Classification,
}

#[server]
pub async fn fetch_briefing_form(
    of: BriefingOf,
    section: String,
) -> Result<BriefingForm, AppError> {
    use accord::storage::{briefing_texts, partners, routes};
    use accord::BriefingSubject;
    let pool = crate::state::pool()?;
    let clearance = crate::state::clearance();
    let section: BriefingSection = section.parse().map_err(|_| AppError::NotFound)?;
    let (of, name, subject, mut marking) = match of {
        BriefingOf::Partner(alpha2) => {
            let partner = partners::get(&pool, &alpha2).await?.ok_or(AppError::NotFound)?;
            let subject = BriefingSubject::Partner(partner.alpha2.clone());
            let official = Classification::new(accord::Level::Official);
            (BriefingOf::Partner(partner.alpha2), partner.name, subject, official)
        }
        BriefingOf::Route(slug) => {
            let route =
                routes::get_by_slug(&pool, &slug, clearance).await?.ok_or(AppError::NotFound)?;
            let subject = BriefingSubject::Route(route.id);
            (BriefingOf::Route(route.slug), route.name, subject, route.marking)
        }
    };
    let text = briefing_texts::section(&pool, &subject, section, clearance).await?;
    if let Some(text) = &text {
        marking.raise(&text.marking);
    }
    Ok(BriefingForm { of, name, section, text, marking })
}

#[cfg(feature = "ssr")]
mod actions {
    use super::BriefingOf;
    use crate::error::AppError;
    use accord::storage::{audit::Actor, begin_write, briefing_texts};
    use accord::{BriefingSection, BriefingTextDraft, FieldErrors, FormData};
    use sqlx::SqlitePool;

    /// Saves one section from its form; answers where to go next and what the success
    /// banner says ("Top lines for Libya saved"). A section code that is not one is a
    /// page that does not exist.
    pub async fn save(
        pool: &SqlitePool,
        of: BriefingOf,
        section: &str,
        form: &FormData,
        user: &accord::User,
    ) -> Result<(String, String), AppError> {
        let section: BriefingSection = section.parse().map_err(|_| AppError::NotFound)?;
        let draft = BriefingTextDraft::parse(form).map_err(AppError::Validation)?;
        // Empty when the section had no text as the form was shown: an insert.
        let version = match form.text("version") {
            "" => None,
            v => Some(v.parse::<i64>().map_err(|_| {
                AppError::Validation(FieldErrors::single(
                    "version",
                    "The form was incomplete: reload the page and try again",
                ))
            })?),
        };
        let clearance = user.clearance();
        // The subject is found, within the user's clearance, inside the transaction.
        let mut tx = begin_write(pool).await?;
        let (subject, name) = match &of {
            BriefingOf::Partner(alpha2) => {
                briefing_texts::subject_for_partner(&mut tx, alpha2).await?
            }
            BriefingOf::Route(slug) => {
                briefing_texts::subject_for_route(&mut tx, slug, clearance).await?
            }
        };
        let actor = Actor::user(user);
        briefing_texts::save(&mut tx, &actor, clearance, &subject, section, version, &draft)
            .await?;
        tx.commit().await?;
        let page = match subject {
            accord::BriefingSubject::Partner(alpha2) => BriefingOf::Partner(alpha2).page_path(),
            accord::BriefingSubject::Route(_) => of.page_path(),
        };
        Ok((page, format!("{} for {name} saved", section.label())))
    }
}

#[cfg(feature = "ssr")]
pub use actions::save;
