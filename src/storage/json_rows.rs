//! Many rows as one: a statement whose rows a page reads by the hundred hands them back
//! as one JSON array (`json_group_array`), decoded here with serde.
//!
//! sqlx's SQLite driver passes each row from the connection's thread to the task over a
//! channel, copying every value on the way (an allocation each) and often waking the
//! task once per row. For the roll-up by partner's 2,000 rows that cost about as much
//! as the statements: a `perf` profile of the uncached page at 32 connections had 20 %
//! of the server's time in task switches, and sqlx took 2.6, 1.4 and 0.4 ms for
//! statements that SQLite answers in 1.5, 0.6 and 0.1 ms.

use serde::de::DeserializeOwned;

/// `SELECT json_group_array(json_array(COLUMNS)) FROM (SQL)` as one literal: the rows
/// of the statement `SQL` (a literal, or a macro that expands to one) as one row of
/// JSON, each row an array of `COLUMNS` in order. Decode it with [`decode`] into a
/// `Vec` of tuples or of structs (serde reads a struct from an array, field by field).
/// The array's order is not promised unless given: `json_rows!("a, b" order "b, a", …)`
/// sorts it (an `ORDER BY` inside the aggregate; the statement's own is not kept).
macro_rules! json_rows {
    ($columns:literal order $order:literal, $($sql:expr),+ $(,)?) => {
        concat!(
            "SELECT json_group_array(json_array(", $columns, ") ORDER BY ", $order, ") FROM (",
            $($sql),+, ")"
        )
    };
    ($columns:literal, $($sql:expr),+ $(,)?) => {
        concat!(
            "SELECT json_group_array(json_array(", $columns, ")) FROM (", $($sql),+, ")"
        )
    };
}
pub(crate) use json_rows;

/// The rows of a [`json_rows!`] statement; `what` names it in the error.
pub(crate) fn decode<T: DeserializeOwned>(what: &str, json: &str) -> Result<Vec<T>, sqlx::Error> {
    serde_json::from_str(json)
        .map_err(|e| sqlx::Error::Decode(format!("{what} as JSON rows: {e}").into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_macro_wraps_the_statement_and_decode_reads_nulls_as_none() {
        assert_eq!(
            json_rows!("a, b", "SELECT 1 AS a, NULL AS b"),
            "SELECT json_group_array(json_array(a, b)) FROM (SELECT 1 AS a, NULL AS b)"
        );
        assert_eq!(
            json_rows!("a" order "a DESC", "SELECT 1 AS a"),
            "SELECT json_group_array(json_array(a) ORDER BY a DESC) FROM (SELECT 1 AS a)"
        );
        let rows: Vec<(String, Option<i64>)> =
            decode("test", r#"[["x",1],["y",null]]"#).expect("valid rows");
        assert_eq!(rows, vec![("x".to_owned(), Some(1)), ("y".to_owned(), None)]);
        let wrong = decode::<(String, i64)>("test", r#"[["x"]]"#).expect_err("a column short");
        assert!(wrong.to_string().contains("test as JSON rows"), "{wrong}");
    }
}
