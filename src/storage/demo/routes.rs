//! Illustrative routes: real countries as legs, in order, ending in the UK.

use super::{Ctx, Mark, OFFICIAL, OFFICIAL_SENSITIVE};
use crate::domain::RouteRole::{self, Departure, Destination, Source, Transit};
use sqlx::SqliteConnection;
use std::collections::HashMap;

struct RouteSeed {
    slug: &'static str,
    name: &'static str,
    description: &'static str,
    mark: Mark,
    /// Days from today to the next review.
    review: i64,
    /// Legs in order; positions are assigned from 1.
    legs: &'static [(&'static str, RouteRole)],
}

#[rustfmt::skip]
const ROUTES: &[RouteSeed] = &[
    RouteSeed { slug: "central-mediterranean", name: "Central Mediterranean", mark: OFFICIAL, review: 21,
        description: "Illustrative record: from the Horn of Africa through Sudan to departure points on the Libyan coast, then via Italy and France to the UK.",
        legs: &[("ER", Source), ("ET", Source), ("SD", Transit), ("LY", Departure), ("IT", Transit), ("FR", Departure), ("GB", Destination)] },
    RouteSeed { slug: "western-balkans", name: "Western Balkans", mark: OFFICIAL, review: 45,
        description: "Illustrative record: overland from Türkiye through Greece and the Western Balkans into central Europe, then to the Channel coast.",
        legs: &[("AF", Source), ("SY", Source), ("TR", Transit), ("GR", Transit), ("MK", Transit), ("RS", Transit), ("HU", Transit), ("AT", Transit), ("FR", Departure), ("GB", Destination)] },
    RouteSeed { slug: "eastern-mediterranean", name: "Eastern Mediterranean", mark: OFFICIAL, review: -10,
        description: "Illustrative record: by sea from the Turkish coast to the Greek islands, then onward through Italy and France.",
        legs: &[("SY", Source), ("IQ", Source), ("TR", Departure), ("GR", Transit), ("IT", Transit), ("FR", Departure), ("GB", Destination)] },
    RouteSeed { slug: "western-mediterranean-atlantic", name: "Western Mediterranean and Atlantic", mark: OFFICIAL, review: 60,
        description: "Illustrative record: from West Africa across the Sahel to Morocco, by sea to Spain, then north through France.",
        legs: &[("GN", Source), ("CI", Source), ("SN", Source), ("ML", Transit), ("DZ", Transit), ("MA", Departure), ("ES", Transit), ("FR", Departure), ("GB", Destination)] },
    RouteSeed { slug: "horn-of-africa", name: "Horn of Africa", mark: OFFICIAL_SENSITIVE, review: 12,
        description: "Illustrative record: from Eritrea, Ethiopia and Somalia through Sudan to Egyptian and Libyan departure points.",
        legs: &[("ER", Source), ("ET", Source), ("SO", Source), ("SD", Transit), ("EG", Departure), ("LY", Departure), ("IT", Transit), ("FR", Departure), ("GB", Destination)] },
    RouteSeed { slug: "english-channel", name: "English Channel", mark: OFFICIAL_SENSITIVE, review: 7,
        description: "Illustrative record: the final leg by small boat from the northern French and Belgian coast, fed by several source countries.",
        legs: &[("IQ", Source), ("AF", Source), ("VN", Source), ("AL", Source), ("DE", Transit), ("BE", Departure), ("FR", Departure), ("GB", Destination)] },
];

/// Inserts the routes and their legs; returns the new route ids by slug. A route whose
/// slug or name is already taken (a real record) is left alone and skipped.
pub(super) async fn insert(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
) -> Result<HashMap<&'static str, i64>, sqlx::Error> {
    let mut ids = HashMap::new();
    for route in ROUTES {
        let done = sqlx::query(
            "INSERT INTO routes
                 (slug, name, description, classification, caveat, releasability, next_review_on, illustrative)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)
             ON CONFLICT DO NOTHING",
        )
        .bind(route.slug)
        .bind(route.name)
        .bind(route.description)
        .bind(route.mark.level)
        .bind(route.mark.caveat)
        .bind(route.mark.releasability)
        .bind(ctx.day(route.review))
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 0 {
            continue;
        }
        let route_id = done.last_insert_rowid();
        for (position, (partner, role)) in (1_i64..).zip(route.legs) {
            sqlx::query(
                "INSERT INTO route_legs (route_id, position, partner, role) VALUES (?1, ?2, ?3, ?4)",
            )
            .bind(route_id)
            .bind(position)
            .bind(*partner)
            .bind(*role)
            .execute(&mut *conn)
            .await?;
        }
        ids.insert(route.slug, route_id);
    }
    Ok(ids)
}
