//! `/commitments`, `/commitments/{id}`, `/commitments/{id}/edit`, `/agreements/{id}/commitments/new`.

pub mod assessment_new;
pub mod detail;
pub mod edit;
mod form;
pub mod list;
