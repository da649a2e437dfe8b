//! The audit trail's vocabulary and its hash chain: each entry's SHA-256 covers its
//! content and the previous entry's hash, so editing, deleting or inserting a row
//! anywhere breaks the chain from that row on. Pure rules here; SQL in storage.

use super::enums::vocabulary;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

vocabulary! {
    /// What an audit entry records. The same list as the CHECK on `audit_log.action`
    /// in `migrations/0007_audit_chain.sql` (a test compares them).
    AuditAction, "audit action" {
        Create => "create", "Created",
        Update => "update", "Updated",
        Delete => "delete", "Deleted",
        StatusChange => "status_change", "Status changed",
        SignIn => "sign_in", "Signed in",
        SignInFailed => "sign_in_failed", "Failed sign-in",
        SignOut => "sign_out", "Signed out",
        /// A permission refusal (403).
        Refused => "refused", "Refused",
        PasswordChange => "password_change", "Password changed",
        UserCreate => "user_create", "User created",
        UserChange => "user_change", "User changed",
        Backup => "backup", "Backup",
        Restore => "restore", "Restore",
        Export => "export", "Export",
        Import => "import", "Import",
        DemoLoad => "demo_load", "Demo data loaded",
        Review => "review", "Review",
    }
}

impl AsRef<str> for AuditAction {
    fn as_ref(&self) -> &str {
        self.code()
    }
}

/// `at` as the audit log stores it: UTC with milliseconds, `2026-11-30T09:15:02.123Z`
/// (what SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ')` wrote before the chain).
const AT: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// Formats an instant as the audit log's `at`.
pub fn timestamp(at: time::OffsetDateTime) -> Result<String, time::error::Format> {
    at.to_offset(time::UtcOffset::UTC).format(AT)
}

/// One audit row as hashed: every column but its own hash. JSON columns are hashed
/// as the exact text stored, so re-serialising cannot change a hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user_id: Option<i64>,
    pub actor: String,
    /// Text, not [`AuditAction`]: a tampered row must still be read to be reported.
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: Option<String>,
}

/// Names the encoding, so a future change of it cannot be confused with tampering.
#[cfg(feature = "ssr")]
const ENCODING: &str = "accord-audit-v1";

#[cfg(feature = "ssr")]
impl AuditEntry {
    /// Lower-case hex SHA-256 over a JSON array of the fields: JSON strings are
    /// quoted and escaped and null differs from "", so no two entries share an encoding.
    pub fn hash(&self) -> String {
        use serde_json::Value;
        use sha2::Digest;
        let text = |s: &Option<String>| s.as_ref().map_or(Value::Null, |s| Value::from(s.as_str()));
        let canonical = Value::Array(vec![
            Value::from(ENCODING),
            Value::from(self.id),
            Value::from(self.at.as_str()),
            self.user_id.map_or(Value::Null, Value::from),
            Value::from(self.actor.as_str()),
            Value::from(self.action.as_str()),
            Value::from(self.entity.as_str()),
            text(&self.entity_id),
            text(&self.before_json),
            text(&self.after_json),
            text(&self.prev_hash),
        ]);
        hex::encode(sha2::Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// Where and why the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Broken {
    #[error("{}: deleted from the audit log", missing(.first, .last))]
    Missing { first: i64, last: i64 },
    #[error("row {id} is numbered before row 1: inserted out of order")]
    BeforeStart { id: i64 },
    #[error("row {id} has no hash: written around Accord after the chain began")]
    Unsealed { id: i64 },
    #[error(
        "row {id} does not link to the row before it: a row was inserted or deleted before it, \
         or the row before it was rewritten"
    )]
    Unlinked { id: i64 },
    #[error("row {id} was edited: its content no longer matches its hash")]
    Edited { id: i64 },
    #[error("row {id} has hash {found}, not the recorded {expected}: the chain was rewritten")]
    NotExpected { id: i64, found: String, expected: String },
    #[error("row {id} (the recorded head) is not in the audit log, which ends at row {last}: rows were deleted from its end")]
    Truncated { id: i64, last: i64 },
}

fn missing(first: &i64, last: &i64) -> String {
    if first == last {
        format!("row {first} is missing")
    } else {
        format!("rows {first} to {last} are missing")
    }
}

impl Broken {
    /// The first row the break shows at.
    pub fn id(&self) -> i64 {
        match self {
            Broken::Missing { first: id, .. }
            | Broken::BeforeStart { id }
            | Broken::Unsealed { id }
            | Broken::Unlinked { id }
            | Broken::Edited { id }
            | Broken::NotExpected { id, .. }
            | Broken::Truncated { id, .. } => *id,
        }
    }
}

/// Walks the chain one row at a time in id order, keeping only the previous hash,
/// so a log of any length verifies in flat memory.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct ChainWalk {
    next_id: i64,
    prev_hash: Option<String>,
    expect: Option<(i64, String)>,
    entries: u64,
}

#[cfg(feature = "ssr")]
impl ChainWalk {
    /// A walk from row 1. With `expect` (an operator's recorded head), row ID must
    /// also carry exactly HASH: a chain recomputed from scratch then fails.
    pub fn new(expect: Option<(i64, String)>) -> Self {
        ChainWalk { next_id: 1, prev_hash: None, expect, entries: 0 }
    }

    /// Checks the next row (`hash` as stored) against the rows before it.
    pub fn check(&mut self, entry: &AuditEntry, hash: Option<&str>) -> Result<(), Broken> {
        let id = entry.id;
        if id < self.next_id {
            // Rows come in id order, so only a first row numbered below 1 gets here.
            return Err(Broken::BeforeStart { id });
        }
        if id > self.next_id {
            return Err(Broken::Missing { first: self.next_id, last: id - 1 });
        }
        let Some(hash) = hash else { return Err(Broken::Unsealed { id }) };
        // The link first: a renumbered or forged row shows as out of place, not "edited".
        if entry.prev_hash != self.prev_hash {
            return Err(Broken::Unlinked { id });
        }
        if entry.hash() != hash {
            return Err(Broken::Edited { id });
        }
        if let Some((expected_id, expected)) = &self.expect {
            if *expected_id == id && expected != hash {
                let (found, expected) = (hash.to_owned(), expected.clone());
                return Err(Broken::NotExpected { id, found, expected });
            }
        }
        self.next_id = id + 1;
        self.prev_hash = Some(hash.to_owned());
        self.entries += 1;
        Ok(())
    }

    /// How many rows have passed so far.
    pub fn checked(&self) -> u64 {
        self.entries
    }

    /// After the last row: how many rows were checked and the head (last id and hash).
    pub fn finish(self) -> Result<(u64, Option<(i64, String)>), Broken> {
        let last = self.next_id - 1;
        if let Some((id, _)) = self.expect {
            if id > last {
                return Err(Broken::Truncated { id, last });
            }
        }
        Ok((self.entries, self.prev_hash.map(|hash| (last, hash))))
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "a test fails by panicking")]
mod tests {
    use super::*;

    #[test]
    fn the_migration_allows_exactly_the_audit_actions() {
        let sql = include_str!("../../migrations/0007_audit_chain.sql");
        let start =
            sql.find("CHECK (action IN (").expect("action CHECK") + "CHECK (action IN (".len();
        let end = start + sql[start..].find(')').expect("end of list");
        let listed: Vec<&str> =
            sql[start..end].split(',').map(|code| code.trim().trim_matches('\'')).collect();
        let codes: Vec<&str> = AuditAction::ALL.iter().map(|action| action.code()).collect();
        assert_eq!(listed, codes);
    }

    #[test]
    fn timestamps_are_utc_with_milliseconds() {
        let at = time::macros::datetime!(2026-11-30 10:15:02.123456 +01:00);
        assert_eq!(timestamp(at).unwrap(), "2026-11-30T09:15:02.123Z");
    }

    #[cfg(feature = "ssr")]
    mod chain {
        use super::super::*;

        fn entry(id: i64, prev_hash: Option<String>) -> AuditEntry {
            AuditEntry {
                id,
                at: format!("2026-11-30T09:00:{id:02}.000Z"),
                user_id: Some(7),
                actor: "Ann Lee <ann@example.org>".into(),
                action: "update".into(),
                entity: "agreement".into(),
                entity_id: Some("12".into()),
                before_json: Some(r#"{"title":"Old"}"#.into()),
                after_json: Some(r#"{"title":"New"}"#.into()),
                prev_hash,
            }
        }

        /// `n` rows chained from row 1, each with its hash.
        fn chain(n: i64) -> Vec<(AuditEntry, String)> {
            let mut rows = Vec::new();
            let mut prev = None;
            for id in 1..=n {
                let e = entry(id, prev);
                let hash = e.hash();
                prev = Some(hash.clone());
                rows.push((e, hash));
            }
            rows
        }

        fn walk(
            rows: &[(AuditEntry, Option<String>)],
            expect: Option<(i64, String)>,
        ) -> Result<(u64, Option<(i64, String)>), Broken> {
            let mut walk = ChainWalk::new(expect);
            for (e, hash) in rows {
                walk.check(e, hash.as_deref())?;
            }
            walk.finish()
        }

        fn stored(rows: Vec<(AuditEntry, String)>) -> Vec<(AuditEntry, Option<String>)> {
            rows.into_iter().map(|(e, h)| (e, Some(h))).collect()
        }

        #[test]
        fn the_hash_is_hex_sha256_and_stable() {
            let hash = entry(1, None).hash();
            assert_eq!(hash.len(), 64);
            assert!(hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
            assert_eq!(hash, entry(1, None).hash());
        }

        #[test]
        fn changing_any_field_changes_the_hash() {
            let base = entry(3, Some("a".repeat(64)));
            let edits: Vec<fn(&mut AuditEntry)> = vec![
                |e| e.id = 4,
                |e| e.at.push('0'),
                |e| e.user_id = None,
                |e| e.user_id = Some(8),
                |e| e.actor.push(' '),
                |e| e.action = "create".into(),
                |e| e.entity = "commitment".into(),
                |e| e.entity_id = None,
                |e| e.entity_id = Some("120".into()),
                |e| e.before_json = None,
                |e| e.after_json = Some(r#"{"title":"New "}"#.into()),
                |e| e.prev_hash = None,
                |e| e.prev_hash = Some("b".repeat(64)),
            ];
            for (i, edit) in edits.into_iter().enumerate() {
                let mut changed = base.clone();
                edit(&mut changed);
                assert_ne!(changed.hash(), base.hash(), "edit {i} kept the hash");
            }
        }

        #[test]
        fn fields_cannot_be_shifted_into_each_other() {
            let mut a = entry(1, None);
            let mut b = a.clone();
            a.entity = "agreement".into();
            a.entity_id = Some("1".into());
            b.entity = "agreement\",\"1".into();
            b.entity_id = None;
            assert_ne!(a.hash(), b.hash());
            a.entity_id = Some(String::new());
            b.entity = "agreement".into();
            assert_ne!(a.hash(), b.hash(), "an empty entity id is not a missing one");
        }

        #[test]
        fn each_hash_covers_the_previous_one() {
            let rows = chain(3);
            assert_eq!(rows[1].0.prev_hash.as_deref(), Some(rows[0].1.as_str()));
            assert_eq!(rows[2].0.prev_hash.as_deref(), Some(rows[1].1.as_str()));
            let mut other = entry(1, None);
            other.actor = "someone else".into();
            assert_ne!(entry(2, Some(other.hash())).hash(), rows[1].1);
        }

        #[test]
        fn an_intact_chain_walks_to_its_head() {
            let rows = chain(4);
            let head = (4, rows[3].1.clone());
            assert_eq!(walk(&stored(rows.clone()), None), Ok((4, Some(head.clone()))));
            assert_eq!(walk(&stored(rows), Some((2, entry_hash_at(2)))), Ok((4, Some(head))));
            assert_eq!(walk(&[], None), Ok((0, None)));
        }

        fn entry_hash_at(id: usize) -> String {
            chain(id as i64)[id - 1].1.clone()
        }

        #[test]
        fn each_kind_of_tampering_names_its_row() {
            let mut edited = stored(chain(4));
            edited[2].0.after_json = Some(r#"{"title":"Forged"}"#.into());
            assert_eq!(walk(&edited, None), Err(Broken::Edited { id: 3 }));

            let mut deleted = stored(chain(4));
            deleted.remove(1);
            assert_eq!(walk(&deleted, None), Err(Broken::Missing { first: 2, last: 2 }));

            let mut unsealed = stored(chain(4));
            unsealed[3].1 = None;
            assert_eq!(walk(&unsealed, None), Err(Broken::Unsealed { id: 4 }));

            // Row 2 rewritten with a fresh, valid hash: row 3 no longer links to it.
            let mut rewritten = stored(chain(4));
            rewritten[1].0.actor = "someone else".into();
            rewritten[1].1 = Some(rewritten[1].0.hash());
            assert_eq!(walk(&rewritten, None), Err(Broken::Unlinked { id: 3 }));
        }

        #[test]
        fn the_recorded_head_catches_a_recomputed_chain_and_a_cut_end() {
            let rows = chain(4);
            let recorded = (3, rows[2].1.clone());
            let mut forged = chain(4);
            forged[0].0.actor = "someone else".into();
            let mut prev = None;
            for (e, hash) in forged.iter_mut() {
                e.prev_hash = prev;
                *hash = e.hash();
                prev = Some(hash.clone());
            }
            assert_eq!(walk(&stored(forged.clone()), None).map(|(n, _)| n), Ok(4));
            let found = forged[2].1.clone();
            let expected = recorded.1.clone();
            assert_eq!(
                walk(&stored(forged), Some(recorded.clone())),
                Err(Broken::NotExpected { id: 3, found, expected })
            );
            let cut = stored(chain(2));
            assert_eq!(walk(&cut, Some(recorded)), Err(Broken::Truncated { id: 3, last: 2 }));
        }

        #[test]
        fn messages_name_the_row() {
            assert_eq!(
                Broken::Missing { first: 5, last: 5 }.to_string(),
                "row 5 is missing: deleted from the audit log"
            );
            assert!(Broken::Missing { first: 5, last: 7 }.to_string().starts_with("rows 5 to 7"));
            assert_eq!(Broken::Edited { id: 9 }.id(), 9);
        }
    }
}
