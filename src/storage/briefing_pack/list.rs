//! The briefing pack of a filtered registry list (`/agreements/briefing?…`,
//! `/commitments/briefing?…`): what the list's filter selects within the reader's
//! clearance (every page), read through the list's own conditions (`listing::ids`)
//! so the filter's SQL exists once, then assembled like a partner's pack.
//!
//! - An agreements list: the agreements it selects and every commitment under them.
//! - A commitments list: the commitments it selects and their agreements.
//! - Sharing arrangements and briefing text only when the list is filtered to one
//!   partner (they are that partner's); otherwise the pack says they are left out.

use super::records;
use super::scope::{partner_agreements, scoped_commitment, Scope};
use super::{assemble, filter, within};
use crate::domain::briefing_pack::{BriefingPack, PackFilter, PackSubject, PACK_COMMITMENT_LIMIT};
use crate::domain::briefing_text::BriefingSubject;
use crate::domain::list_filter::AppliedFilter;
use crate::domain::thousands;
use crate::domain::{AgreementFilter, Clearance, CommitmentFilter, User};
use crate::storage::listing::{self, Listed};
use crate::storage::visibility::{visible, visible_levels};
use crate::storage::{briefing_texts, choices, partners, StorageError};
use sqlx::SqlitePool;
use time::Date;

/// The pack of the agreements list for `filter` (its page ignored), for `reader` on
/// `today`.
pub async fn for_agreements(
    pool: &SqlitePool,
    filter: &AgreementFilter,
    reader: &User,
    today: Date,
) -> Result<BriefingPack, StorageError> {
    let ids = listing::ids(pool, filter, reader.clearance(), today).await?;
    let scope = Scope { agreements: ids, ..Scope::default() };
    for_list(pool, filter, filter.partner.as_deref(), scope, reader, today).await
}

/// The pack of the commitments list for `filter` (its page ignored), for `reader` on
/// `today`.
pub async fn for_commitments(
    pool: &SqlitePool,
    filter: &CommitmentFilter,
    reader: &User,
    today: Date,
) -> Result<BriefingPack, StorageError> {
    let ids = listing::ids(pool, filter, reader.clearance(), today).await?;
    let scope = Scope { commitments: Some(ids), ..Scope::default() };
    for_list(pool, filter, filter.partner.as_deref(), scope, reader, today).await
}

/// The pack of a list whose filter selected `scope`; `partner` is the filter's partner.
async fn for_list<F: Listed>(
    pool: &SqlitePool,
    list: &F,
    partner: Option<&str>,
    mut scope: Scope,
    reader: &User,
    today: Date,
) -> Result<BriefingPack, StorageError> {
    let clearance = reader.clearance();
    // One partner's list: its briefing text and sharing arrangements belong with it.
    let partner = match partner {
        Some(alpha2) => partners::get(pool, alpha2).await?.filter(|p| !p.is_home),
        None => None,
    };
    let texts = match &partner {
        Some(p) => {
            let subject = BriefingSubject::Partner(p.alpha2.clone());
            briefing_texts::for_subject(pool, &subject, clearance).await?
        }
        None => Vec::new(),
    };
    scope.sharing = partner.iter().map(|p| p.alpha2.clone()).collect();
    let records = records::read(pool, &scope, clearance, today).await?;
    let listed_commitments = match &scope.commitments {
        Some(ids) => ids.len() as i64,
        None if records.commitments.len() as i64 >= PACK_COMMITMENT_LIMIT => {
            count_commitments(pool, &scope, clearance).await?
        }
        None => records.commitments.len() as i64,
    };
    let applied = named(pool, list.applied(), clearance).await?;
    let name = F::name();
    let query = list.with_page(1).to_query();
    let path = if query.is_empty() { F::PATH.to_owned() } else { format!("{}?{query}", F::PATH) };
    let mut filters = vec![filter("List", capitalised(name))];
    filters.extend(applied.iter().map(|a| filter(a.label, a.value.clone())));
    filters.push(filter("Records", within(reader)));
    let mut pack = assemble(
        PackSubject::List { name: name.to_owned(), path },
        title(name, &applied),
        filters,
        texts,
        records,
        reader,
        today,
    );
    pack.filters.extend(cuts(&pack, listed_commitments, partner.is_some()));
    Ok(pack)
}

/// The applied filters with a route and a lead department by name, as the list page
/// shows them (the filter holds a slug and an id); a route the reader may not see, or
/// an unknown one, keeps the value as given.
async fn named(
    pool: &SqlitePool,
    mut applied: Vec<AppliedFilter>,
    clearance: Clearance,
) -> Result<Vec<AppliedFilter>, sqlx::Error> {
    for filter in &mut applied {
        let choices = match filter.key {
            "route" => choices::routes(pool, clearance).await?,
            "lead" => choices::uk_bodies(pool).await?,
            _ => continue,
        };
        if let Some((_, name)) = choices.into_iter().find(|(code, _)| *code == filter.value) {
            filter.value = name;
        }
    }
    Ok(applied)
}

/// "Briefing: agreements (Partner: Libya; Status: In force)"; "Briefing: all
/// commitments" when nothing filters the list.
fn title(name: &str, applied: &[AppliedFilter]) -> String {
    if applied.is_empty() {
        return format!("Briefing: all {name}");
    }
    let described: Vec<String> =
        applied.iter().map(|a| format!("{}: {}", a.label, a.value)).collect();
    format!("Briefing: {name} ({})", described.join("; "))
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// What the pack leaves out, said in its filters: a list cut to the pack's caps
/// ("Showing 200 of 4,210"), and sharing arrangements when they are not included.
fn cuts(pack: &BriefingPack, commitments_total: i64, with_sharing: bool) -> Vec<PackFilter> {
    let mut notes = Vec::new();
    let agreements_total: i64 = pack.summary.agreements_by_status.iter().map(|s| s.count).sum();
    let mut cut = |label: &str, shown: usize, total: i64, order: &str| {
        if (shown as i64) < total {
            let value =
                format!("Showing {} of {} ({order})", thousands(shown as i64), thousands(total));
            notes.push(filter(label, value));
        }
    };
    cut("Agreements", pack.agreements.len(), agreements_total, "in force first");
    cut("Commitments", pack.commitments.len(), commitments_total, "open ones first, soonest due");
    cut("Upcoming reviews", pack.upcoming_reviews.len(), pack.summary.reviews_due, "soonest");
    if !with_sharing {
        let why =
            "Not included: a list's pack includes them when the list is filtered to one partner";
        notes.push(filter("Sharing arrangements", why.to_owned()));
    }
    notes
}

/// Every commitment of the scope the reader may see, withdrawn ones too (what the
/// pack lists from, as opposed to the summary's count).
async fn count_commitments(
    pool: &SqlitePool,
    scope: &Scope,
    clearance: Clearance,
) -> Result<i64, sqlx::Error> {
    let codes = serde_json::to_string(scope).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query_scalar(concat!(
        "WITH ",
        visible_levels!("?2"),
        partner_agreements!(),
        " SELECT count(*) FROM commitments c JOIN a ON a.id = c.agreement_id WHERE ",
        scoped_commitment!(),
        " AND ",
        visible!("c.classification", "a.classification")
    ))
    .bind(codes)
    .bind(clearance.rank())
    .fetch_one(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_written_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(4210), "4,210");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn the_title_describes_the_filter() {
        let applied = vec![
            AppliedFilter::new("partner", "Partner", "Libya"),
            AppliedFilter::new("status", "Status", "In force"),
        ];
        assert_eq!(
            title("agreements", &applied),
            "Briefing: agreements (Partner: Libya; Status: In force)"
        );
        assert_eq!(title("commitments", &[]), "Briefing: all commitments");
    }
}
