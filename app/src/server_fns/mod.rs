//! Server functions: authorise → parse → store → return. Thin by design: rules live
//! in the `accord` crate, SQL in its storage modules.

pub mod agreements;
pub mod assessments;
pub mod briefing_texts;
pub mod choices;
pub mod commitments;
pub mod dashboard;
pub mod history;
pub mod list_rows;
pub mod migration_routes;
pub mod partners;
pub mod review_queue;
pub mod rollups;
pub mod route_forms;
pub mod search;
pub mod sharing;
pub mod site;
pub mod users;
