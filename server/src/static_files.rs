//! The built bundle and GOV.UK Frontend's files: sent compressed when the browser
//! accepts it (scripts/build writes `.br` and `.gz` copies beside each large file:
//! the WASM bundle is a fifth of its size in brotli), and cached by the browser but
//! checked with the server on each use (`no-cache`, answered 304 when unchanged),
//! since the file names stay the same from one release to the next.

use axum::http::{header, HeaderValue};
use std::path::Path;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;

/// The files under `path`.
pub fn dir(path: &Path) -> SetResponseHeader<ServeDir, HeaderValue> {
    SetResponseHeader::overriding(
        ServeDir::new(path).precompressed_br().precompressed_gzip(),
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    )
}
