//! Forms that work as plain HTML posts.
//!
//! A form posts to its own page's address. The server parses it with the rules in
//! `accord` and either redirects (303) to the saved record, or renders the same page
//! again with a [`Submission`]: what the user typed and what is wrong with it. The
//! submission reaches the browser through a blocking resource, so hydration sees the
//! same page the server rendered.

pub mod choices;
pub mod conflict;
pub mod csrf;
pub mod fields;

use accord::{FieldErrors, FormData};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A refused form post, rendered back to the user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// The path the form posted to (only that page's form uses it).
    pub path: String,
    pub values: FormData,
    pub errors: FieldErrors,
    /// Someone else saved the record first: show theirs beside the user's.
    pub conflict: bool,
}

/// The resource carrying the current submission, provided by `App`.
pub type SubmissionResource = Resource<Option<Submission>>;

/// Provides the submission resource (call once, in `App`).
pub fn provide_submission() {
    // Read synchronously: on the server the router's handler provided it as context.
    let resource: SubmissionResource = Resource::new_blocking(
        || (),
        |_| {
            let submission = use_context::<Submission>();
            async move { submission }
        },
    );
    provide_context(resource);
}

/// The refused submission for the form at `path`, if this render is answering one.
pub fn submission_for(path: &str) -> Option<Submission> {
    use_context::<SubmissionResource>()
        .and_then(|r| r.get_untracked())
        .flatten()
        .filter(|s| s.path == path)
}

/// True when this render answers a refused form post (the page's title then begins
/// with "Error: "). The server provides a submission only to the page it refused.
pub fn refused() -> bool {
    use_context::<SubmissionResource>()
        .and_then(|r| r.get_untracked())
        .flatten()
        .is_some_and(|s| !s.errors.is_empty())
}

/// What form fields show: values (the record's, or what the user typed) and errors.
#[derive(Debug, Clone, Default)]
pub struct FormValues {
    pub values: FormData,
    pub errors: FieldErrors,
}

impl FormValues {
    /// The record's own values, unless the user's refused submission is being shown.
    pub fn for_path(path: &str, record: FormData) -> (FormValues, Option<Submission>) {
        match submission_for(path) {
            Some(s) => (FormValues { values: s.values.clone(), errors: s.errors.clone() }, Some(s)),
            None => (FormValues { values: record, errors: FieldErrors::default() }, None),
        }
    }
}
