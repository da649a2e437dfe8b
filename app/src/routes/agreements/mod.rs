//! `/agreements`, `/agreements/new`, `/agreements/{id}`, `/agreements/{id}/edit`.

pub mod detail;
pub mod edit;
mod form;
pub mod list;
mod status_form;
