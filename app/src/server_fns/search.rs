//! Full-text search.
