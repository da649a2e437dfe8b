//! The reviews area: the queue (`/reviews`) and the roll-ups.

pub mod queue;
pub mod rollups;
