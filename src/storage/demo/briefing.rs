//! Illustrative briefing text for a few partners and routes.

use super::{Mark, OFFICIAL, OFFICIAL_SENSITIVE, SECRET};
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// Whose briefing pack a text heads.
enum Subject {
    Partner(&'static str),
    /// By route slug (see routes.rs).
    Route(&'static str),
}

/// (subject, section, marking, body).
#[rustfmt::skip]
const TEXTS: &[(Subject, &str, Mark, &str)] = &[
    (Subject::Partner("LY"), "objectives", SECRET, "Secure resumption of the paused coastguard programme once the human-rights review concludes; agree a protection memorandum."),
    (Subject::Partner("LY"), "top_lines", OFFICIAL, "The UK supports safe, legal and humane migration management in Libya and the protection of people at sea."),
    (Subject::Partner("LY"), "lines_to_take", OFFICIAL_SENSITIVE, "If asked about the programme pause: it is a routine safeguard; we want to resume as soon as the review allows."),
    (Subject::Partner("FR"), "objectives", OFFICIAL_SENSITIVE, "Sustain joint patrols and surveillance funding; extend the returns pilot beyond its current term."),
    (Subject::Partner("FR"), "top_lines", OFFICIAL, "The UK and France share a goal of stopping dangerous small-boat crossings and the gangs behind them."),
    (Subject::Partner("FR"), "lines_to_take", OFFICIAL, "On funding: the UK contribution is tied to agreed outcomes reviewed jointly each year."),
    (Subject::Partner("AL"), "objectives", OFFICIAL, "Keep returns times within the agreed standard; deepen joint work on recruitment by crime groups."),
    (Subject::Partner("AL"), "top_lines", OFFICIAL, "Albania is a close partner; cooperation has cut the number of irregular arrivals from Albania."),
    (Subject::Partner("AL"), "lines_to_take", OFFICIAL, "On returns: every case is considered individually and safeguards apply to potential victims of trafficking."),
    (Subject::Partner("TR"), "objectives", OFFICIAL_SENSITIVE, "Bring the signed law-enforcement arrangement into effect; agree passenger-data exchange on high-risk routes."),
    (Subject::Partner("TR"), "top_lines", OFFICIAL, "Türkiye hosts one of the largest refugee populations in the world; the UK values its partnership."),
    (Subject::Partner("TR"), "lines_to_take", OFFICIAL, "On smuggling: we want to disrupt the networks, not penalise the people they exploit."),
    (Subject::Route("central-mediterranean"), "objectives", OFFICIAL, "Reduce deaths at sea and onward movement to the Channel; build a route-wide partnership with Italy, Libya and Tunisia."),
    (Subject::Route("central-mediterranean"), "top_lines", OFFICIAL, "The UK works with partners along the whole route, from source countries to the Mediterranean coast."),
    (Subject::Route("central-mediterranean"), "lines_to_take", OFFICIAL_SENSITIVE, "On Libya: UK support is conditional on human-rights safeguards, reviewed independently."),
    (Subject::Route("english-channel"), "objectives", OFFICIAL_SENSITIVE, "Cut crossings by disrupting supply chains upstream and sustaining joint patrols on the coast."),
    (Subject::Route("english-channel"), "top_lines", OFFICIAL, "Small-boat crossings are dangerous and controlled by criminal gangs; the UK and its neighbours act together."),
    (Subject::Route("english-channel"), "lines_to_take", OFFICIAL, "On cooperation: arrangements with France, Belgium, the Netherlands and Germany complement each other."),
];

/// Inserts the texts; returns how many were written. A subject and section that
/// already has text (a real record) keeps it, and a route that was not loaded is skipped.
pub(super) async fn insert(
    conn: &mut SqliteConnection,
    routes: &HashMap<&'static str, i64>,
) -> Result<usize, sqlx::Error> {
    let mut written = 0;
    for (subject, section, mark, body) in TEXTS {
        let (partner, route_id) = match subject {
            Subject::Partner(alpha2) => (Some(*alpha2), None),
            Subject::Route(slug) => match routes.get(slug) {
                Some(id) => (None, Some(*id)),
                None => continue,
            },
        };
        let done = sqlx::query(
            "INSERT INTO briefing_texts
                 (partner, route_id, section, body, classification, caveat, releasability, illustrative)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)
             ON CONFLICT DO NOTHING",
        )
        .bind(partner)
        .bind(route_id)
        .bind(*section)
        .bind(format!("Illustrative briefing text, not real policy. {body}"))
        .bind(mark.level)
        .bind(mark.caveat)
        .bind(mark.releasability)
        .execute(&mut *conn)
        .await?;
        written += done.rows_affected() as usize;
    }
    Ok(written)
}
