//! The fuller rows of the agreements and commitments exports (`domain::export::full`):
//! the list's own filter, visibility, order and row, with the remaining fields joined
//! after it. A linked agreement (supersedes, amends) is named only when the reader may
//! see it.

use crate::domain::export::{
    AgreementExport, AgreementExportRow, CommitmentExport, CommitmentExportRow,
};
use crate::domain::{AgreementFilter, Classification, CommitmentFilter, ContestStrand};
use crate::storage::listing::Listed;
use crate::storage::visibility::visible;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use time::Date;

/// `a;b;c` (sorted codes) as values.
fn split<T: std::str::FromStr>(text: Option<String>) -> Result<Vec<T>, sqlx::Error> {
    text.unwrap_or_default()
        .split(';')
        .filter(|v| !v.is_empty())
        .map(|v| v.parse().map_err(|_| sqlx::Error::Decode(format!("unknown code {v:?}").into())))
        .collect()
}

impl Listed for AgreementExport {
    type Row = AgreementExportRow;
    const FROM: &'static str = <AgreementFilter as Listed>::FROM;
    const ID: &'static str = <AgreementFilter as Listed>::ID;
    const VISIBLE: &'static str = <AgreementFilter as Listed>::VISIBLE;
    const MARKING: &'static str = <AgreementFilter as Listed>::MARKING;
    const ROWS: &'static str = concat!(
        "SELECT a.id, a.reference, a.title, a.kind, a.status,
        a.next_review_on, a.classification, a.caveat, a.releasability,
        (SELECT group_concat(p.name, ', ') FROM agreement_parties ap
           JOIN partners p ON p.alpha2 = ap.partner
          WHERE ap.agreement_id = a.id AND p.is_home = 0) AS partners,
        (SELECT group_concat(alpha2, ';') FROM (SELECT p.alpha2 FROM agreement_parties ap
           JOIN partners p ON p.alpha2 = ap.partner
          WHERE ap.agreement_id = a.id AND p.is_home = 0 ORDER BY p.alpha2)) AS partner_codes,
        a.legally_binding, a.signed_on, a.in_force_on, a.expires_on,
        (SELECT name FROM uk_bodies WHERE id = a.lead_department_id) AS lead_department,
        a.owner, a.summary, a.funding_gbp, a.funding_note, a.scope_tags,
        (SELECT group_concat(strand, ';') FROM (SELECT strand FROM agreement_strands
          WHERE agreement_id = a.id ORDER BY strand)) AS strands,
        (SELECT s.reference FROM agreements s WHERE s.id = a.supersedes_id AND ",
        visible!("s.classification"),
        ") AS supersedes,
        (SELECT m.reference FROM agreements m WHERE m.id = a.amends_id AND ",
        visible!("m.classification"),
        ") AS amends
   FROM page JOIN agreements a ON a.id = page.id"
    );

    fn push_conditions(&self, q: &mut QueryBuilder<Sqlite>) {
        self.0.push_conditions(q);
    }

    fn order(&self) -> String {
        self.0.order()
    }

    fn row(r: &SqliteRow, today: Date) -> Result<AgreementExportRow, sqlx::Error> {
        let tags: String = r.try_get("scope_tags")?;
        let scope_tags: Vec<String> =
            serde_json::from_str(&tags).map_err(|e| sqlx::Error::Decode(e.into()))?;
        Ok(AgreementExportRow {
            row: <AgreementFilter as Listed>::row(r, today)?,
            partner_codes: split(r.try_get("partner_codes")?)?,
            legally_binding: r.try_get("legally_binding")?,
            signed_on: r.try_get("signed_on")?,
            in_force_on: r.try_get("in_force_on")?,
            expires_on: r.try_get("expires_on")?,
            lead_department: r.try_get::<Option<String>, _>("lead_department")?.unwrap_or_default(),
            owner: r.try_get("owner")?,
            summary: r.try_get("summary")?,
            funding_gbp: r.try_get("funding_gbp")?,
            funding_note: r.try_get("funding_note")?,
            scope_tags,
            strands: split::<ContestStrand>(r.try_get("strands")?)?,
            supersedes: r.try_get("supersedes")?,
            amends: r.try_get("amends")?,
        })
    }

    fn marking(r: &SqliteRow) -> Result<Classification, sqlx::Error> {
        <AgreementFilter as Listed>::marking(r)
    }
}

impl Listed for CommitmentExport {
    type Row = CommitmentExportRow;
    const FROM: &'static str = <CommitmentFilter as Listed>::FROM;
    const ID: &'static str = <CommitmentFilter as Listed>::ID;
    const VISIBLE: &'static str = <CommitmentFilter as Listed>::VISIBLE;
    const MARKING: &'static str = <CommitmentFilter as Listed>::MARKING;
    const ROWS: &'static str = "SELECT c.id, c.text, c.agreement_id,
        a.reference AS agreement_reference, p.name AS party, c.owner, c.due_on, c.status,
        c.rag, c.classification, c.caveat, c.releasability,
        a.classification AS a_classification, a.caveat AS a_caveat,
        a.releasability AS a_releasability,
        c.committing_party, c.category, c.next_review_on,
        (SELECT group_concat(strand, ';') FROM (SELECT strand FROM commitment_strands
          WHERE commitment_id = c.id ORDER BY strand)) AS strands
   FROM page JOIN commitments c ON c.id = page.id
   JOIN agreements a ON a.id = c.agreement_id
   JOIN partners p ON p.alpha2 = c.committing_party";

    fn push_conditions(&self, q: &mut QueryBuilder<Sqlite>) {
        self.0.push_conditions(q);
    }

    fn order(&self) -> String {
        self.0.order()
    }

    fn row(r: &SqliteRow, today: Date) -> Result<CommitmentExportRow, sqlx::Error> {
        Ok(CommitmentExportRow {
            row: <CommitmentFilter as Listed>::row(r, today)?,
            committing_party_code: r.try_get("committing_party")?,
            category: r.try_get("category")?,
            next_review_on: r.try_get("next_review_on")?,
            strands: split::<ContestStrand>(r.try_get("strands")?)?,
        })
    }

    fn marking(r: &SqliteRow) -> Result<Classification, sqlx::Error> {
        <CommitmentFilter as Listed>::marking(r)
    }
}
