//! Full-text search (SQLite FTS5).
