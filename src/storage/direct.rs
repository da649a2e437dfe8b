//! Statements run straight on a connection's SQLite handle, on the calling thread.
//!
//! sqlx runs each SQLite connection on a worker thread of its own: every statement is a
//! message to that thread and an answer back, two thread switches. A write holds the
//! writer's turn (`storage::writer`) while it runs, so under a stream of edits those
//! switches, several per edit, were as long as SQLite's own work and bounded how many
//! edits a second the writer could take. [`Direct::lock`] borrows the handle from the
//! worker once (one switch), and the steps of an edit that need no `.await` between them
//! run here, synchronously. The worker takes the handle back when the `Direct` is
//! dropped; drop it before using the connection through sqlx again (the borrow checker
//! insists).
//!
//! Only what the write paths need: one statement at a time, parameters by number
//! (`?1`, `?2` …, as everywhere else), integer, text and null values, rows read whole.
//! Errors come back as `sqlx::Error::Database`, with the same kinds (unique, foreign
//! key, not null, check) sqlx gives, so callers handle them as before.

use libsqlite3_sys as ffi;
use sqlx::error::{DatabaseError, ErrorKind};
use sqlx::sqlite::LockedSqliteHandle;
use sqlx::SqliteConnection;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, CStr};
use std::ptr::{self, NonNull};
use time::Date;

/// A parameter, bound by its number (`?1` is the first).
#[derive(Debug, Clone, Copy)]
pub enum Param<'a> {
    Null,
    Int(i64),
    Text(&'a str),
}

impl From<i64> for Param<'_> {
    fn from(value: i64) -> Self {
        Param::Int(value)
    }
}

impl From<bool> for Param<'_> {
    fn from(value: bool) -> Self {
        Param::Int(i64::from(value))
    }
}

impl<'a> From<&'a str> for Param<'a> {
    fn from(value: &'a str) -> Self {
        Param::Text(value)
    }
}

impl<'a> From<&'a String> for Param<'a> {
    fn from(value: &'a String) -> Self {
        Param::Text(value)
    }
}

impl<'a, T: Into<Param<'a>>> From<Option<T>> for Param<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Param::Null, Into::into)
    }
}

/// A date as sqlx stores `time::Date` (`YYYY-MM-DD`), so both read it alike.
pub fn date_text(date: Date) -> String {
    let (year, month, day) = date.to_calendar_date();
    format!("{year:04}-{:02}-{day:02}", u8::from(month))
}

/// A column value as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    pub fn int(&self) -> Option<i64> {
        match self {
            Value::Int(value) => Some(*value),
            _ => None,
        }
    }

    pub fn into_text(self) -> Option<String> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// Has `conn`'s query planner ignore the values bound to a statement
/// (`SQLITE_DBCONFIG_ENABLE_QPSG`), so a prepared statement is planned once.
///
/// Otherwise SQLite plans with some bound values (a `LIMIT ?`, the pattern of a
/// `LIKE ?`) and marks the statement to be planned again whenever those parameters
/// are bound anew: every run parsed and planned it again, though sqlx keeps it
/// prepared. Nearly every page has such a statement (the agreement page's history,
/// the search's matches, four on the review queue). None of Accord's plans needs a
/// bound value to pick its index: its `LIKE ?` patterns all start with `%`.
pub async fn plan_once(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    // Held to the end: the handle stays borrowed while SQLite is configured.
    let mut direct = Direct::lock(conn).await?;
    let db = direct.db();
    let mut now_on: c_int = 0;
    // SAFETY: the handle is open and borrowed (`direct`); the option takes an int
    // (1: on) and a pointer to an int where SQLite writes the setting it now has.
    let code = unsafe {
        ffi::sqlite3_db_config(db, ffi::SQLITE_DBCONFIG_ENABLE_QPSG, 1 as c_int, &mut now_on)
    };
    if code != ffi::SQLITE_OK || now_on != 1 {
        return Err(sqlx::Error::Configuration(
            format!("could not have SQLite plan statements once (code {code})").into(),
        ));
    }
    Ok(())
}

/// Runs the reads `read` on a pooled connection's handle, borrowed once, on the
/// calling thread: for a read whose rows are many and small, each of which sqlx would
/// send from its worker as a message of its own, and whose sums SQLite would sort to
/// group. Keep `read` short: it holds a runtime thread while it runs.
pub async fn read<T>(
    pool: &sqlx::SqlitePool,
    read: impl FnOnce(&mut Direct<'_>) -> Result<T, sqlx::Error>,
) -> Result<T, sqlx::Error> {
    let mut connection = pool.acquire().await?;
    let mut direct = Direct::lock(&mut connection).await?;
    read(&mut direct)
}

/// A connection's handle, borrowed from its worker thread; see the module.
pub struct Direct<'c> {
    handle: LockedSqliteHandle<'c>,
}

impl<'c> Direct<'c> {
    /// Borrows `conn`'s handle (waits for the statement it is running, if any).
    pub async fn lock(conn: &'c mut SqliteConnection) -> Result<Self, sqlx::Error> {
        Ok(Direct { handle: conn.lock_handle().await? })
    }

    fn db(&mut self) -> *mut ffi::sqlite3 {
        self.handle.as_raw_handle().as_ptr()
    }

    /// Runs `sql` to the end, returning every row it gave.
    pub fn rows(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<Vec<Vec<Value>>, sqlx::Error> {
        let mut rows = Vec::new();
        self.run(sql, params, |statement| {
            rows.push(statement.row()?);
            Ok(())
        })?;
        Ok(rows)
    }

    /// The first column of the first row, if there was a row.
    pub fn first(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Option<Value>, sqlx::Error> {
        Ok(self.rows(sql, params)?.into_iter().next().and_then(|row| row.into_iter().next()))
    }

    /// Runs `sql` to the end, handing each row to `each` as it comes: a read of
    /// thousands of small rows (tally ranges) summed here, with no row kept. The first
    /// error `each` returns ends the run and is returned.
    pub fn each(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        mut each: impl FnMut(&Row<'_>) -> Result<(), sqlx::Error>,
    ) -> Result<(), sqlx::Error> {
        self.run(sql, params, |statement| each(&Row(statement)))
    }

    /// Runs `sql` to the end, returning how many rows it changed.
    pub fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, sqlx::Error> {
        self.run(sql, params, |_| Ok(()))?;
        // SAFETY: the handle is open and ours while borrowed.
        let changes = unsafe { ffi::sqlite3_changes64(self.db()) };
        Ok(u64::try_from(changes).unwrap_or(0))
    }

    /// How many times SQLite has planned `sql` again since this connection prepared it
    /// for [`Direct`] (prepared now if it had not been): see [`plan_once`].
    pub fn times_replanned(&mut self, sql: &str) -> Result<i32, sqlx::Error> {
        let (_, statement) = self.prepared(sql)?;
        // SAFETY: a live statement of the borrowed handle; reading a counter only.
        Ok(unsafe {
            ffi::sqlite3_stmt_status(statement.0.as_ptr(), ffi::SQLITE_STMTSTATUS_REPREPARE, 0)
        })
    }

    /// The handle, and its statement for `sql` from the connection's cache (prepared
    /// on first use).
    fn prepared(&mut self, sql: &str) -> Result<(*mut ffi::sqlite3, &Statement), sqlx::Error> {
        let db = self.db();
        let cache = Cache::of(db)?;
        // SAFETY: the cache belongs to this handle, which only we use while borrowed.
        let statement = unsafe { (*cache).statement(db, sql)? };
        Ok((db, statement))
    }

    fn run(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        mut each: impl FnMut(&Statement) -> Result<(), sqlx::Error>,
    ) -> Result<(), sqlx::Error> {
        let (db, statement) = self.prepared(sql)?;
        let statement = InUse(statement);
        statement.0.bind(db, params)?;
        loop {
            // SAFETY: a prepared statement of this handle, bound above.
            match unsafe { ffi::sqlite3_step(statement.0 .0.as_ptr()) } {
                ffi::SQLITE_ROW => each(statement.0)?,
                ffi::SQLITE_DONE => return Ok(()),
                _ => return Err(error(db)),
            }
        }
    }
}

/// The statements a connection has prepared for [`Direct`], kept for as long as the
/// connection lives: preparing an insert into a table with triggers compiles every
/// trigger into it, which cost more than running it. Kept on the handle as client
/// data; finalized when the connection closes (sqlx's close refuses, and panics, while
/// any statement is unfinalized, and SQLite calls the close trace before checking).
struct Cache {
    statements: HashMap<String, Statement>,
}

/// The client data name the cache is kept under.
const CACHE: &CStr = c"accord.direct.statements";

impl Cache {
    /// This handle's cache, made and registered on first use.
    fn of(db: *mut ffi::sqlite3) -> Result<*mut Cache, sqlx::Error> {
        // SAFETY: the handle is open and ours; the client data under CACHE is only
        // ever a `Box<Cache>` set here.
        unsafe {
            let kept = ffi::sqlite3_get_clientdata(db, CACHE.as_ptr()).cast::<Cache>();
            if !kept.is_null() {
                return Ok(kept);
            }
            let cache = Box::into_raw(Box::new(Cache { statements: HashMap::new() }));
            let status =
                ffi::sqlite3_set_clientdata(db, CACHE.as_ptr(), cache.cast(), Some(free_cache));
            if status != ffi::SQLITE_OK {
                drop(Box::from_raw(cache));
                return Err(error(db));
            }
            let status =
                ffi::sqlite3_trace_v2(db, ffi::SQLITE_TRACE_CLOSE, Some(on_close), cache.cast());
            if status != ffi::SQLITE_OK {
                // Without the close trace the statements would outlive the
                // connection's close: take the cache away again (freeing it).
                ffi::sqlite3_set_clientdata(db, CACHE.as_ptr(), ptr::null_mut(), None);
                return Err(error(db));
            }
            Ok(cache)
        }
    }

    /// The statement for `sql`, prepared on first use.
    fn statement(&mut self, db: *mut ffi::sqlite3, sql: &str) -> Result<&Statement, sqlx::Error> {
        if !self.statements.contains_key(sql) {
            let statement = Statement::prepare(db, sql)?;
            self.statements.insert(sql.to_owned(), statement);
        }
        self.statements
            .get(sql)
            .ok_or_else(|| sqlx::Error::Protocol("a statement went missing".into()))
    }
}

/// The close trace: finalizes the cached statements, so that the close can go ahead.
unsafe extern "C" fn on_close(
    _event: std::ffi::c_uint,
    context: *mut std::ffi::c_void,
    _db: *mut std::ffi::c_void,
    _nothing: *mut std::ffi::c_void,
) -> c_int {
    // SAFETY: `context` is the cache registered with this trace, alive until the
    // client data is freed, which SQLite does after this call.
    unsafe {
        if let Some(cache) = context.cast::<Cache>().as_mut() {
            cache.statements.clear();
        }
    }
    0
}

/// The client data's destructor.
unsafe extern "C" fn free_cache(cache: *mut std::ffi::c_void) {
    // SAFETY: set by `Cache::of` from `Box::into_raw`, freed only here.
    unsafe { drop(Box::from_raw(cache.cast::<Cache>())) }
}

/// A cached statement while one run uses it: reset and its bindings cleared after,
/// however the run ends, so it holds no read open and no value of this edit.
struct InUse<'s>(&'s Statement);

impl Drop for InUse<'_> {
    fn drop(&mut self) {
        // SAFETY: a live statement of the borrowed handle.
        unsafe {
            ffi::sqlite3_reset(self.0 .0.as_ptr());
            ffi::sqlite3_clear_bindings(self.0 .0.as_ptr());
        }
    }
}

/// A prepared statement, finalized when dropped.
struct Statement(NonNull<ffi::sqlite3_stmt>);

impl Statement {
    fn prepare(db: *mut ffi::sqlite3, sql: &str) -> Result<Statement, sqlx::Error> {
        let length = c_int::try_from(sql.len())
            .map_err(|_| sqlx::Error::Protocol("a statement too long for SQLite".into()))?;
        let mut statement = ptr::null_mut();
        let mut tail: *const c_char = ptr::null();
        // SAFETY: `sql` outlives the call, and its length is given (no NUL needed).
        let status = unsafe {
            ffi::sqlite3_prepare_v2(db, sql.as_ptr().cast(), length, &mut statement, &mut tail)
        };
        if status != ffi::SQLITE_OK {
            return Err(error(db));
        }
        let statement = Statement(
            NonNull::new(statement)
                .ok_or_else(|| sqlx::Error::Protocol(format!("no statement in {sql:?}")))?,
        );
        // SAFETY: `tail` points into `sql`, at or before its end.
        let rest = unsafe { tail.cast::<u8>().offset_from(sql.as_ptr()) };
        if usize::try_from(rest).is_ok_and(|rest| !sql[rest..].trim().is_empty()) {
            return Err(sqlx::Error::Protocol(format!("more than one statement in {sql:?}")));
        }
        Ok(statement)
    }

    fn bind(&self, db: *mut ffi::sqlite3, params: &[Param<'_>]) -> Result<(), sqlx::Error> {
        let statement = self.0.as_ptr();
        for (index, param) in params.iter().enumerate() {
            let number = c_int::try_from(index + 1)
                .map_err(|_| sqlx::Error::Protocol("too many parameters".into()))?;
            // SAFETY: SQLITE_TRANSIENT makes SQLite copy the text before returning.
            let status = unsafe {
                match param {
                    Param::Null => ffi::sqlite3_bind_null(statement, number),
                    Param::Int(value) => ffi::sqlite3_bind_int64(statement, number, *value),
                    Param::Text(text) => ffi::sqlite3_bind_text64(
                        statement,
                        number,
                        text.as_ptr().cast(),
                        text.len() as u64,
                        ffi::SQLITE_TRANSIENT(),
                        ffi::SQLITE_UTF8 as u8,
                    ),
                }
            };
            // A parameter the statement does not use is SQLITE_RANGE: allowed, as sqlx does.
            if status != ffi::SQLITE_OK && status != ffi::SQLITE_RANGE {
                return Err(error(db));
            }
        }
        Ok(())
    }

    fn row(&self) -> Result<Vec<Value>, sqlx::Error> {
        let statement = self.0.as_ptr();
        // SAFETY: the statement has just returned SQLITE_ROW; each column is read once,
        // its bytes copied before the next call.
        unsafe {
            let count = ffi::sqlite3_column_count(statement);
            (0..count)
                .map(|column| {
                    Ok(match ffi::sqlite3_column_type(statement, column) {
                        ffi::SQLITE_INTEGER => {
                            Value::Int(ffi::sqlite3_column_int64(statement, column))
                        }
                        ffi::SQLITE_FLOAT => {
                            Value::Real(ffi::sqlite3_column_double(statement, column))
                        }
                        ffi::SQLITE_TEXT => {
                            let text = bytes(
                                ffi::sqlite3_column_text(statement, column),
                                statement,
                                column,
                            );
                            Value::Text(
                                String::from_utf8(text)
                                    .map_err(|e| sqlx::Error::Decode(e.into()))?,
                            )
                        }
                        ffi::SQLITE_BLOB => Value::Blob(bytes(
                            ffi::sqlite3_column_blob(statement, column).cast(),
                            statement,
                            column,
                        )),
                        _ => Value::Null,
                    })
                })
                .collect()
        }
    }
}

/// A row as SQLite holds it, read in place (no copy of its text): what it lends
/// lives only as long as the borrow of the row, which ends before the next step.
pub struct Row<'s>(&'s Statement);

impl Row<'_> {
    /// The type of column `column`, or None past the last (SQLite leaves reading an
    /// out-of-range column undefined).
    fn column_type(&self, column: c_int) -> Option<c_int> {
        let statement = self.0 .0.as_ptr();
        // SAFETY: the statement is on a row (`run` hands it over only then).
        unsafe {
            (0..ffi::sqlite3_column_count(statement))
                .contains(&column)
                .then(|| ffi::sqlite3_column_type(statement, column))
        }
    }

    /// Column `column` (from 0) if it holds an integer.
    pub fn int(&self, column: c_int) -> Option<i64> {
        let statement = self.0 .0.as_ptr();
        // SAFETY: the statement is on a row, and the column is one of it.
        unsafe {
            (self.column_type(column)? == ffi::SQLITE_INTEGER)
                .then(|| ffi::sqlite3_column_int64(statement, column))
        }
    }

    /// Column `column` (from 0) if it holds text.
    pub fn text(&self, column: c_int) -> Option<&str> {
        let statement = self.0 .0.as_ptr();
        // SAFETY: the statement is on a row; the text stays SQLite's, unchanged until
        // the statement steps or resets, which cannot happen while `self` is borrowed.
        unsafe {
            if self.column_type(column)? != ffi::SQLITE_TEXT {
                return None;
            }
            let start = ffi::sqlite3_column_text(statement, column);
            let length = usize::try_from(ffi::sqlite3_column_bytes(statement, column)).ok()?;
            if start.is_null() {
                return Some("");
            }
            std::str::from_utf8(std::slice::from_raw_parts(start, length)).ok()
        }
    }
}

/// The `column_bytes` bytes at `start` (read after `start`, as SQLite asks).
unsafe fn bytes(start: *const u8, statement: *mut ffi::sqlite3_stmt, column: c_int) -> Vec<u8> {
    // SAFETY: the caller passes a column pointer of `statement` just read.
    unsafe {
        let length = usize::try_from(ffi::sqlite3_column_bytes(statement, column)).unwrap_or(0);
        if start.is_null() || length == 0 {
            Vec::new()
        } else {
            std::slice::from_raw_parts(start, length).to_vec()
        }
    }
}

impl Drop for Statement {
    fn drop(&mut self) {
        // SAFETY: prepared by `prepare` and finalized only here.
        unsafe {
            ffi::sqlite3_finalize(self.0.as_ptr());
        }
    }
}

/// The handle's last error, as sqlx would report it.
fn error(db: *mut ffi::sqlite3) -> sqlx::Error {
    // SAFETY: the handle is open; the message is copied before anything else runs on it.
    let (code, message) = unsafe {
        let message = ffi::sqlite3_errmsg(db);
        let message = if message.is_null() {
            String::from("unknown SQLite error")
        } else {
            CStr::from_ptr(message).to_string_lossy().into_owned()
        };
        (ffi::sqlite3_extended_errcode(db), message)
    };
    sqlx::Error::Database(Box::new(SqliteFailure { code, message }))
}

/// An error SQLite gave, with its extended result code.
#[derive(Debug)]
struct SqliteFailure {
    code: c_int,
    message: String,
}

impl std::fmt::Display for SqliteFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "(code: {}) {}", self.code, self.message)
    }
}

impl std::error::Error for SqliteFailure {}

impl DatabaseError for SqliteFailure {
    fn message(&self) -> &str {
        &self.message
    }

    fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
        Some(self.code.to_string().into())
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }

    fn kind(&self) -> ErrorKind {
        match self.code {
            ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
                ErrorKind::UniqueViolation
            }
            ffi::SQLITE_CONSTRAINT_FOREIGNKEY => ErrorKind::ForeignKeyViolation,
            ffi::SQLITE_CONSTRAINT_NOTNULL => ErrorKind::NotNullViolation,
            ffi::SQLITE_CONSTRAINT_CHECK => ErrorKind::CheckViolation,
            _ => ErrorKind::Other,
        }
    }
}
