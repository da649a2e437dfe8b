//! One module per page.

pub mod account;
pub mod admin;
pub mod agreements;
pub mod briefing_pack;
pub mod briefing_text_edit;
pub mod calendar;
pub mod commitments;
pub mod dashboard;
pub mod import;
pub mod migration_routes;
pub mod not_built;
pub mod not_found;
pub mod partners;
pub mod reciprocity;
pub mod review_forms;
pub mod reviews;
pub mod search;
pub mod sharing;
