//! `storage::direct`: statements run on the handle sqlx lends, with the results and
//! errors sqlx would give, and connections that still close cleanly.

use accord::storage::direct::{date_text, Direct, Param, Value};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

async fn connection(dir: &tempfile::TempDir) -> SqliteConnection {
    SqliteConnectOptions::new()
        .filename(dir.path().join("direct.db"))
        .create_if_missing(true)
        .connect()
        .await
        .expect("connect")
}

const TABLE: &str = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, \
                     size REAL, note TEXT, CHECK (length(name) > 0))";
const INSERT: &str = "INSERT INTO t (name, size, note) VALUES (?1, ?2, ?3) RETURNING id";

#[tokio::test]
async fn rows_come_back_with_their_types_and_parameters_bind_by_number() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut conn = connection(&dir).await;
    sqlx::query(TABLE).execute(&mut conn).await.expect("table");
    let mut direct = Direct::lock(&mut conn).await.expect("lock");
    let first = direct.first(INSERT, &["alpha".into(), Param::Int(3), None::<&str>.into()]);
    assert_eq!(first.expect("insert").and_then(|id| id.int()), Some(1));
    // ?2 used twice and ?1 after it: numbers, not positions.
    let second = direct
        .first(
            "INSERT INTO t (note, size, name) VALUES (?2, length(?2), ?1) RETURNING id",
            &["beta".into(), "four".into()],
        )
        .expect("insert");
    assert_eq!(second.and_then(|id| id.int()), Some(2));
    let rows = direct
        .rows("SELECT id, name, size, note, size / 2.0 FROM t ORDER BY id", &[])
        .expect("select");
    assert_eq!(
        rows,
        vec![
            vec![
                Value::Int(1),
                Value::Text("alpha".into()),
                Value::Real(3.0),
                Value::Null,
                Value::Real(1.5)
            ],
            vec![
                Value::Int(2),
                Value::Text("beta".into()),
                Value::Real(4.0),
                Value::Text("four".into()),
                Value::Real(2.0)
            ],
        ]
    );
    let changed = direct.execute("UPDATE t SET note = ?1 WHERE id > 0", &["n".into()]);
    assert_eq!(changed.expect("update"), 2);
    // The same statement again (from the connection's cache), with other values.
    let third = direct.first(INSERT, &["gamma".into(), Param::Null, "x".into()]).expect("insert");
    assert_eq!(third.and_then(|id| id.int()), Some(3));
    drop(direct);
    // sqlx sees what was written, on the same connection.
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM t ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .expect("read");
    assert_eq!(names, ["alpha", "beta", "gamma"]);
    conn.close().await.expect("close");
}

#[tokio::test]
async fn errors_are_database_errors_of_the_kinds_sqlx_gives() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut conn = connection(&dir).await;
    sqlx::query(TABLE).execute(&mut conn).await.expect("table");
    let mut direct = Direct::lock(&mut conn).await.expect("lock");
    direct.first(INSERT, &["alpha".into(), Param::Null, Param::Null]).expect("insert");
    let kind = |result: Result<Option<Value>, sqlx::Error>| match result {
        Err(sqlx::Error::Database(error)) => Some(error.kind()),
        other => panic!("expected a database error, got {other:?}"),
    };
    use sqlx::error::ErrorKind;
    let twice = direct.first(INSERT, &["alpha".into(), Param::Null, Param::Null]);
    assert!(matches!(kind(twice), Some(ErrorKind::UniqueViolation)));
    let no_name = direct.first(INSERT, &[Param::Null, Param::Null, Param::Null]);
    assert!(matches!(kind(no_name), Some(ErrorKind::NotNullViolation)));
    let empty = direct.first(INSERT, &["".into(), Param::Null, Param::Null]);
    assert!(matches!(kind(empty), Some(ErrorKind::CheckViolation)));
    let bad = direct.first("SELEKT 1", &[]);
    assert!(matches!(kind(bad), Some(ErrorKind::Other)));
    let two = direct.execute("SELECT 1; SELECT 2", &[]);
    assert!(matches!(two, Err(sqlx::Error::Protocol(_))), "{two:?}");
    // A failed statement leaves the statement reusable and the row count as it was.
    direct.first(INSERT, &["beta".into(), Param::Null, Param::Null]).expect("insert after errors");
    let count = direct.first("SELECT count(*) FROM t", &[]).expect("count");
    assert_eq!(count.and_then(|n| n.int()), Some(2));
    drop(direct);
    conn.close().await.expect("close");
}

/// sqlx closes a connection with `sqlite3_close`, which refuses (and sqlx panics, on the
/// connection's worker thread) while any statement is unfinalized: the cached ones must
/// be finalized first. Without that, `close` reports the worker gone.
#[tokio::test]
async fn a_connection_that_kept_statements_closes_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    for _ in 0..3 {
        let mut conn = connection(&dir).await;
        sqlx::query("CREATE TABLE IF NOT EXISTS k (n INTEGER)")
            .execute(&mut conn)
            .await
            .expect("table");
        {
            let mut direct = Direct::lock(&mut conn).await.expect("lock");
            direct.execute("INSERT INTO k (n) VALUES (?1)", &[Param::Int(1)]).expect("insert");
            direct.rows("SELECT n FROM k", &[]).expect("select");
        }
        conn.close().await.expect("the connection closes with statements cached");
    }
}

#[tokio::test]
async fn dates_are_written_as_sqlx_writes_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut conn = connection(&dir).await;
    for date in [
        time::macros::date!(2026 - 01 - 05),
        time::macros::date!(0999 - 12 - 31),
        time::macros::date!(2030 - 11 - 30),
    ] {
        let by_sqlx: String =
            sqlx::query_scalar("SELECT ?1").bind(date).fetch_one(&mut conn).await.expect("sqlx");
        assert_eq!(date_text(date), by_sqlx);
        let read: time::Date = sqlx::query_scalar("SELECT ?1")
            .bind(date_text(date))
            .fetch_one(&mut conn)
            .await
            .expect("read back");
        assert_eq!(read, date);
    }
    conn.close().await.expect("close");
}

#[tokio::test]
async fn each_lends_rows_in_place_with_typed_columns_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options =
        SqliteConnectOptions::new().filename(dir.path().join("direct.db")).create_if_missing(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.expect("pool");
    sqlx::query(TABLE).execute(&pool).await.expect("table");
    for (name, note) in [("alpha", Some("é note")), ("beta", None), ("gamma", Some(""))] {
        sqlx::query("INSERT INTO t (name, size, note) VALUES (?1, 2, ?2)")
            .bind(name)
            .bind(note)
            .execute(&pool)
            .await
            .expect("insert");
    }
    // Through the pool, as the pages read: (id, name, note, whether id read as text).
    let seen = accord::storage::direct::read(&pool, |direct| {
        let mut seen = Vec::new();
        direct.each(
            "SELECT id, name, note FROM t WHERE id >= ?1 ORDER BY id",
            &[Param::Int(2)],
            |row| {
                let id = row.int(0);
                let text_id = row.text(0).is_some();
                seen.push((
                    id,
                    row.text(1).map(str::to_owned),
                    row.text(2).map(str::to_owned),
                    text_id,
                ));
                // An integer column is no text, a text column no integer, past the end nothing.
                assert_eq!(row.int(1), None);
                assert_eq!((row.int(3), row.text(-1)), (None, None));
                Ok(())
            },
        )?;
        // An error from `each` ends the read and comes back.
        let stopped =
            direct.each("SELECT id FROM t", &[], |_| Err(sqlx::Error::Protocol("stop".into())));
        assert!(matches!(stopped, Err(sqlx::Error::Protocol(message)) if message == "stop"));
        Ok(seen)
    })
    .await
    .expect("read");
    assert_eq!(
        seen,
        vec![
            (Some(2), Some("beta".to_owned()), None, false),
            (Some(3), Some("gamma".to_owned()), Some(String::new()), false),
        ]
    );
    // The connection went back to the pool usable.
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM t").fetch_one(&pool).await.expect("count");
    assert_eq!(count, 3);
}

/// `plan_once`, which every pooled connection runs when it opens: a statement with a
/// `LIMIT ?` is planned once, not again each time the limit is bound. On a connection
/// without it, SQLite plans it again on every run with a new binding. Counted from the
/// first run on, so a plan made again for a schema change is not counted.
#[tokio::test]
async fn a_statement_with_a_bound_limit_is_planned_once_on_pooled_connections() {
    const LIMITED: &str = "SELECT alpha2 FROM partners ORDER BY alpha2 LIMIT ?1";
    // The rows each run gave, and how many times the statement was planned again
    // during the runs after the first.
    let runs = |direct: &mut Direct<'_>| -> Result<(Vec<usize>, i32), sqlx::Error> {
        let mut sizes = vec![direct.rows(LIMITED, &[Param::Int(1)])?.len()];
        let before = direct.times_replanned(LIMITED)?;
        for limit in 2..=4 {
            sizes.push(direct.rows(LIMITED, &[Param::Int(limit)])?.len());
        }
        Ok((sizes, direct.times_replanned(LIMITED)? - before))
    };

    let (_dir, pool) = crate::fresh().await;
    let (sizes, replanned) =
        accord::storage::direct::read(&pool, runs).await.expect("read on a pooled connection");
    assert_eq!(sizes, vec![1, 2, 3, 4], "each run honours its own limit");
    assert_eq!(replanned, 0, "a pooled connection planned the statement again");

    let dir = tempfile::tempdir().expect("temp dir");
    let mut plain = connection(&dir).await;
    sqlx::query("CREATE TABLE partners (alpha2 TEXT PRIMARY KEY)")
        .execute(&mut plain)
        .await
        .expect("table");
    sqlx::query("INSERT INTO partners VALUES ('FR'), ('LY'), ('NE'), ('TR')")
        .execute(&mut plain)
        .await
        .expect("rows");
    let mut direct = Direct::lock(&mut plain).await.expect("lock");
    let (sizes, replanned) = runs(&mut direct).expect("plain runs");
    assert_eq!(sizes, vec![1, 2, 3, 4]);
    assert_eq!(replanned, 3, "without plan_once SQLite plans again per binding");
    drop(direct);
    plain.close().await.expect("close");
}
