//! The Content-Security-Policy every response carries. Pages add a per-response nonce
//! for Leptos's inline islands loader; nothing else inline may run.

/// The script nonce the server chose for a request (`accord_server::csp_nonce`), kept
/// in the request's extensions. Pages render their scripts with it and the server's
/// layer puts it in the response's policy, so the two cannot disagree.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct RequestNonce(pub String);

/// The policy, with `nonce` allowed for scripts when given.
pub fn policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "script-src 'self' 'wasm-unsafe-eval'".to_owned(),
    };
    format!(
        "default-src 'self'; {scripts}; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
         form-action 'self'"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn never_allows_inline_scripts_without_the_nonce() {
        for nonce in [None, Some("abc123")] {
            let policy = super::policy(nonce);
            assert!(!policy.contains("unsafe-inline"), "{policy}");
            assert!(policy.contains("object-src 'none'") && policy.contains("base-uri 'none'"));
            assert!(
                policy.contains("frame-ancestors 'none'") && policy.contains("form-action 'self'")
            );
        }
        assert!(super::policy(Some("abc123")).contains("'nonce-abc123'"));
    }
}
