//! Clearance on every surface the storage layer serves, and on every write: records
//! seeded above a reader's clearance, each carrying a unique marker word, must leave
//! no trace in what that reader gets (counts included), while a reader cleared for
//! them sees them; refused writes write nothing.

mod audit_entries;
mod reads;
pub mod seed;
mod writes;
