//! The type-ahead over long selects (249 partners): GOV.UK's `accessible-autocomplete`
//! enhancing each `select[data-autocomplete]` when JavaScript runs. Without it the
//! plain select stays, and the form posts the same value either way.

use leptos::prelude::*;

/// Loads the autocomplete's script and styles (served under `/govuk/`) only on a page
/// with a select marked `data-autocomplete`, and enhances each one. Clearing the text
/// clears the select too, so "no partner" can still be chosen. Marks `<html>` with
/// `data-autocomplete="ready"` when done.
const ENHANCE: &str = r#"
const selects = document.querySelectorAll('select[data-autocomplete]');
if (selects.length) {
  const base = '/govuk/accessible-autocomplete/accessible-autocomplete.min';
  const css = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: base + '.css' });
  document.head.append(css);
  await import(base + '.js');
  for (const select of selects) {
    const chosen = select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
    window.accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: chosen && chosen.value ? chosen.textContent : '',
      showAllValues: true,
    });
    const input = document.getElementById(select.id.replace(/-select$/, ''));
    input?.addEventListener('input', () => { if (!input.value.trim()) select.value = ''; });
  }
}
// Browser tests wait for this before typing into an enhanced select.
document.documentElement.dataset.autocomplete = 'ready';
"#;

/// The enhancing module script, with this response's CSP nonce (no inline script runs
/// without it). Render it once per form that has autocomplete selects.
#[component]
pub fn AutocompleteScript() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let nonce = leptos::nonce::use_nonce().map(|nonce| nonce.to_string());
    #[cfg(not(feature = "ssr"))]
    let nonce: Option<String> = None;
    view! { <script type="module" nonce=nonce inner_html=ENHANCE></script> }
}
