//! Migration routes: list, page with coverage.
