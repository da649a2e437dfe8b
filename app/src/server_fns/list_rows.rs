//! One page of a registry list as its table shows it, cached as HTML.

use accord::Classification;
use serde::{Deserialize, Serialize};

/// A page of a list: its table rows rendered once per cached page, the count of every
/// match and the highest marking of the rows. Fifty rows of cells, tags and links cost
/// more to render than all the rest of a list page, and every reader of one page of
/// one filter at one clearance sees the same rows until the next write, so the rows
/// are drawn when the page is loaded rather than on every request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRows {
    /// The `<tr>` elements of the table body.
    pub html: String,
    pub total: i64,
    pub marking: Classification,
}

#[cfg(feature = "ssr")]
impl ListRows {
    /// The page of the list `filter` asks for, at the reader's clearance, with `row`
    /// drawing each row: cached under `what` until the next write. `classification`
    /// is a row's marking.
    pub async fn cached<F, V>(
        what: &'static str,
        filter: F,
        classification: fn(&F::Row) -> &Classification,
        row: fn(F::Row) -> V,
    ) -> Result<Self, crate::error::AppError>
    where
        F: accord::storage::listing::Listed + std::fmt::Debug + Clone + Send + Sync + 'static,
        V: leptos::prelude::IntoView,
    {
        let args = filter.clone();
        crate::state::cached(what, args, move |pool, clearance, today| async move {
            let (rows, total) =
                accord::storage::listing::list(&pool, &filter, clearance, today).await?;
            Ok(Self::render(rows, total, classification, row))
        })
        .await
    }

    /// Renders `rows` with `row`, one `<tr>` each.
    fn render<R, V>(
        rows: Vec<R>,
        total: i64,
        classification: fn(&R) -> &Classification,
        row: fn(R) -> V,
    ) -> Self
    where
        V: leptos::prelude::IntoView,
    {
        use leptos::prelude::{CollectView, RenderHtml};
        let marking = Classification::highest(rows.iter().map(classification));
        let html = rows.into_iter().map(row).collect_view().to_html();
        ListRows { html, total, marking }
    }
}
