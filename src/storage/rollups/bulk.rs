//! Bulk loads and the roll-up tallies (migrations/0019_rollup_tallies.sql, and the
//! calendar's marking tally of 0020): the triggers keep the tallies exact one write at
//! a time, about 40 upserts for each of a load's 100,000 commitments, and each route leg loaded after them counts its
//! partner's commitments on the route again. A bulk load sets the triggers aside in
//! its own transaction, writes, and puts them back after counting the tallies once
//! afresh, as the migration first filled them.

use sqlx::SqliteConnection;

/// The tallies counted afresh from the views, as the migration first fills them.
const REFILL: &[&str] = &[
    "DELETE FROM rollup_tally",
    "DELETE FROM rollup_marking_tally",
    "DELETE FROM rollup_date_tally",
    "DELETE FROM calendar_marking_tally",
    "INSERT INTO rollup_tally (dimension, key, rank, status, rag, n)
     SELECT dimension, key, rank, status, rag, count(*) FROM rollup_rows WHERE true
      GROUP BY 1, 2, 3, 4, 5
     ON CONFLICT DO UPDATE SET n = n + excluded.n",
    "INSERT INTO rollup_marking_tally (dimension, key, rank, classification, caveat, releasability, n)
     SELECT dimension, key, rank, classification, caveat, releasability, count(*)
       FROM rollup_marking_rows WHERE true
      GROUP BY 1, 2, 3, 4, 5, 6
     ON CONFLICT DO UPDATE SET n = n + excluded.n",
    "INSERT INTO rollup_date_tally (dimension, grain, what, period, key, rank, n)
     SELECT dimension, grain, what, period, key, rank, count(*) FROM rollup_date_rows WHERE true
      GROUP BY 1, 2, 3, 4, 5, 6
     ON CONFLICT DO UPDATE SET n = n + excluded.n",
    "INSERT INTO calendar_marking_tally (month, rank, classification, caveat, releasability, n)
     SELECT month, rank, classification, caveat, releasability, count(*) FROM calendar_marking_rows
      WHERE true
      GROUP BY 1, 2, 3, 4, 5
     ON CONFLICT DO UPDATE SET n = n + excluded.n",
];

/// The roll-up triggers, dropped until [`SetAside::restore`] puts them back. Use only
/// inside one transaction with the writes: if it fails before `restore`, rolling back
/// brings the triggers back with everything else.
#[must_use = "the roll-up tallies stay stale until restore"]
pub struct SetAside {
    triggers: Vec<(String, String)>,
}

/// Drops the roll-up tallies' triggers (each named `…_rollup_…`).
pub async fn set_aside(conn: &mut SqliteConnection) -> Result<SetAside, sqlx::Error> {
    let triggers: Vec<(String, String)> = sqlx::query_as(
        r"SELECT name, sql FROM sqlite_master
           WHERE type = 'trigger' AND name LIKE '%\_rollup\_%' ESCAPE '\' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (name, _) in &triggers {
        // The name comes from sqlite_master: a trigger's own name, quoted as one.
        let drop = format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\""));
        sqlx::query(sqlx::AssertSqlSafe(drop)).execute(&mut *conn).await?;
    }
    Ok(SetAside { triggers })
}

impl SetAside {
    /// Counts the tallies afresh and creates the triggers again as they were.
    pub async fn restore(self, conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        for sql in REFILL {
            sqlx::query(*sql).execute(&mut *conn).await?;
        }
        for (_, sql) in self.triggers {
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *conn).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    /// Words of a statement, whitespace aside.
    fn words(sql: &str) -> String {
        sql.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_refill_counts_as_the_migration_first_filled() {
        let migration = words(concat!(
            include_str!("../../../migrations/0019_rollup_tallies.sql"),
            include_str!("../../../migrations/0020_calendar_tallies.sql")
        ));
        for sql in super::REFILL.iter().filter(|sql| sql.starts_with("INSERT")) {
            assert!(migration.contains(&words(sql)), "not in the migration: {sql}");
        }
    }
}
