//! JSON exports: `{"marking": "…", "filter": {…}, "items": [{…}, …]}`, the filter as
//! its query parameters, each item's fields named as the CSV's columns
//! (`docs/exports.md`). Written as it streams: the opening, each item, the closing.

use super::{batches, chunk, row_error, Chunks, Export, Format};
use accord::export::ExportRow;
use axum::body::Bytes;
use futures_util::stream::{self, StreamExt};
use serde_json::{Map, Value};

pub struct Json;

impl Format for Json {
    const EXTENSION: &'static str = "json";
    const CONTENT_TYPE: &'static str = "application/json";

    fn body<R: ExportRow + Send + 'static>(export: Export<R>) -> Chunks {
        let query = export.query;
        let filter: Map<String, Value> = form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect();
        let marking = Value::String(export.marking.to_string());
        // `{"marking":…,"filter":…,"items":[` by hand, so the items can follow as they come.
        let head =
            format!("{{\"marking\":{marking},\"filter\":{},\"items\":[", Value::Object(filter));
        let mut first = true;
        let items = batches(export.rows).map(move |batch| {
            let mut out = Vec::with_capacity(batch.len() * 256);
            for row in batch {
                let row = row.map_err(row_error)?;
                if !std::mem::take(&mut first) {
                    out.push(b',');
                }
                let item: Map<String, Value> = R::COLUMNS
                    .iter()
                    .zip(row.cells())
                    .map(|(name, cell)| Ok(((*name).to_owned(), serde_json::to_value(cell)?)))
                    .collect::<Result<_, serde_json::Error>>()?;
                serde_json::to_writer(&mut out, &item)?;
            }
            Ok(Bytes::from(out))
        });
        let tail = stream::once(async { Ok(Bytes::from_static(b"]}")) });
        chunk(head.into_bytes()).chain(items).chain(tail).boxed()
    }
}
