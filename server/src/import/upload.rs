//! The import form's `multipart/form-data` body: read whole (up to [`BODY_LIMIT`]),
//! its anti-forgery token checked by the access guard before the handler runs, then
//! its fields read by the handler. Only `POST /import` takes such a body; every other
//! post keeps the 1 MiB limit and the url-encoded token check.

use accord::domain::import::MAX_BYTES;
use app::access::CSRF_FIELD;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, Method};
use subtle::ConstantTimeEq;

/// The largest upload body: the largest file and room for the form's other fields.
pub const BODY_LIMIT: usize = MAX_BYTES + 64 * 1024;

/// True for the import form's post: the one request allowed a body of [`BODY_LIMIT`].
pub fn is_upload(method: &Method, path: &str) -> bool {
    method == Method::POST && path == app::routes::import::PATH
}

/// The multipart boundary of a `multipart/form-data` request.
fn boundary(request: &Request) -> Option<String> {
    let content_type = request.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    multer::parse_boundary(content_type).ok()
}

/// The fields of the import form.
#[derive(Debug, Default)]
pub struct Upload {
    pub csrf: Option<String>,
    pub kind: Option<String>,
    pub file: Option<Bytes>,
}

/// Reads every field of a multipart body.
async fn fields(bytes: Bytes, boundary: String) -> Result<Upload, multer::Error> {
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await? {
        match field.name() {
            Some(CSRF_FIELD) => upload.csrf = Some(field.text().await?),
            Some("kind") => upload.kind = Some(field.text().await?),
            Some("file") => upload.file = Some(field.bytes().await?),
            _ => {}
        }
    }
    Ok(upload)
}

/// The import form's fields, or what to tell the user about an unreadable body.
pub async fn read(request: Request) -> Result<Upload, String> {
    let boundary = boundary(&request).ok_or("Select a CSV file and try again")?;
    let bytes = axum::body::to_bytes(request.into_body(), BODY_LIMIT)
        .await
        .map_err(|_| "The selected file must be smaller than 16 MB".to_owned())?;
    fields(bytes, boundary).await.map_err(|error| {
        tracing::warn!(%error, "an import upload could not be read");
        "The selected file could not be uploaded: try again".to_owned()
    })
}

/// Whether the upload carries this session's anti-forgery token, with the request
/// (its body restored) to pass on. A body too large or not multipart is refused as
/// carrying none.
pub async fn check_token(request: Request, token: &str) -> (bool, Request) {
    let Some(boundary) = boundary(&request) else { return (false, request) };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return (false, Request::from_parts(parts, Body::empty()));
    };
    let sent = fields(bytes.clone(), boundary).await.ok().and_then(|u| u.csrf);
    let valid = sent.is_some_and(|sent| bool::from(sent.as_bytes().ct_eq(token.as_bytes())));
    (valid, Request::from_parts(parts, Body::from(bytes)))
}
