//! The hidden anti-forgery field every form that posts carries.

use crate::access::{csrf_token, CSRF_FIELD};
use leptos::prelude::*;

/// `<input type="hidden" name="csrf_token" value="…">` with this session's token.
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name=CSRF_FIELD value=csrf_token() /> }
}
