//! A record's marking: classification level, handling caveat and releasability, the
//! last two chosen from the managed lists.

use super::{values, SelectField};
use crate::forms::choices::Choices;
use crate::server_fns::choices::fetch_marking_terms;
use leptos::prelude::*;

/// Classification level, handling caveat and releasability. The caveat and
/// releasability lists are read from the database (cached); a term the record carries
/// that the list no longer offers is offered too, so editing never drops it.
#[component]
pub fn ClassificationFields() -> impl IntoView {
    // Not `new_blocking`: a blocking resource first read inside a page's own Suspend
    // never lets the page finish. Pages render in async mode, so it is awaited anyway.
    let terms = Resource::new(|| (), |_| fetch_marking_terms());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (caveats, releasabilities) = terms.await.unwrap_or_default();
                view! { <MarkingSelects caveats releasabilities /> }
            })}
        </Suspense>
    }
}

#[component]
fn MarkingSelects(
    caveats: Vec<(String, String)>,
    releasabilities: Vec<(String, String)>,
) -> impl IntoView {
    let levels = Choices::of(accord::Level::ALL, accord::Level::code, accord::Level::label);
    let v = values();
    let with_current = |mut terms: Vec<(String, String)>, name: &str| {
        let current = v.values.text(name).to_uppercase();
        if !current.is_empty() && !terms.iter().any(|(term, _)| *term == current) {
            terms.push((current.clone(), current));
        }
        Choices::from(terms)
    };
    let caveats = with_current(caveats, "caveat");
    let releasabilities = with_current(releasabilities, "releasability");
    view! {
        <div class="accord-filters__row">
            <SelectField name="classification" label="Classification" options=levels />
            <SelectField name="caveat" label="Handling caveat (optional)" options=caveats blank="None" />
            <SelectField name="releasability" label="Releasability (optional)" options=releasabilities blank="None" hint="UK EYES ONLY outranks any REL list" />
        </div>
    }
}
