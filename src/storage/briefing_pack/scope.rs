//! A pack's scope: which records it draws on (a set of partners, a list's agreements or
//! a list's commitments), bound as JSON at `?1` of every pack query, and the SQL that
//! reads it.

/// The agreements in the pack's scope (`?1`, a [`Scope`] as JSON) the reader may see,
/// as the CTE `a` (after `visible`): those to which one of `partners` is a party, those
/// listed in `agreements`, and those of the `commitments` listed.
macro_rules! partner_agreements {
    () => {
        concat!(
            ", a AS (SELECT * FROM agreements ag
                 WHERE (ag.id IN (SELECT agreement_id FROM agreement_parties
                                   WHERE partner IN (SELECT value FROM json_each(?1, '$.partners')))
                        OR ag.id IN (SELECT value FROM json_each(?1, '$.agreements'))
                        OR ag.id IN (SELECT agreement_id FROM commitments
                                      WHERE id IN (SELECT value FROM json_each(?1, '$.commitments'))))
                   AND ",
            visible!("ag.classification"),
            ")"
        )
    };
}
pub(super) use partner_agreements;

/// The commitment `c` is in the pack's scope: every commitment of the scope's
/// agreements, unless the scope lists `commitments` (a commitments list's pack).
macro_rules! scoped_commitment {
    () => {
        "(json_type(?1, '$.commitments') IS NULL
          OR c.id IN (SELECT value FROM json_each(?1, '$.commitments')))"
    };
}
pub(super) use scoped_commitment;

/// Which records a pack draws on, bound as JSON at `?1` of every query.
#[derive(Debug, Default, serde::Serialize)]
pub(super) struct Scope {
    /// Partners whose agreements are in the pack (a party to them).
    pub partners: Vec<String>,
    /// Agreements in the pack by id (a list's).
    pub agreements: Vec<i64>,
    /// When set, only these commitments (and their agreements) are in the pack.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitments: Option<Vec<i64>>,
    /// Partners whose sharing arrangements are in the pack.
    pub sharing: Vec<String>,
}

impl Scope {
    /// Everything of these partners: their agreements and their sharing arrangements.
    pub(super) fn partners(codes: &[String]) -> Scope {
        Scope { partners: codes.to_vec(), sharing: codes.to_vec(), ..Scope::default() }
    }
}
