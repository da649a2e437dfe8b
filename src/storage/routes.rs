//! Migration routes and their legs.
