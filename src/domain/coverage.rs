//! Coverage gaps along a route: one rule, reused wherever gaps are shown.
