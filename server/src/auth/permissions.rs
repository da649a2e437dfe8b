//! Which action of the permission table (`accord::permits`) a request asks for, from
//! its method and path. The guard asks this for every request, so a page load, a form
//! post, a server function and an admin page are all decided in one place.

use accord::Action;
use axum::http::Method;

/// Where anyone may go without signing in.
pub fn is_public(path: &str) -> bool {
    // The calendar feed is read by calendar clients, which cannot sign in: its secret
    // token is the credential, checked by the feed itself.
    matches!(path, "/sign-in" | "/healthz" | "/calendar.ics")
        || path.starts_with("/pkg/")
        || path.starts_with("/govuk/")
        || is_site_asset(path)
}

/// A file at the site root (`/main.css`, `/favicon.ico`): one segment with an extension.
fn is_site_asset(path: &str) -> bool {
    let name = path.trim_start_matches('/');
    !name.contains('/')
        && matches!(
            name.rsplit_once('.').map(|(_, ext)| ext),
            Some("css" | "ico" | "png" | "svg" | "woff2" | "txt")
        )
}

/// `agreements.csv`, `commitments.json` …: a list's export (`crate::exports`).
fn is_export(segment: &str) -> bool {
    matches!(
        segment.rsplit_once('.'),
        Some(("agreements" | "commitments" | "sharing", "csv" | "json"))
    )
}

/// The action a signed-in request needs.
pub fn required(method: &Method, path: &str) -> Action {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let writes = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    match segments.as_slice() {
        ["admin", "audit", ..] => Action::ReadAudit,
        ["admin", "backup", ..] => Action::Backup,
        ["admin", ..] => Action::ManageUsers,
        // Your own account and signing out are yours whatever your role.
        ["account", ..] | ["sign-out"] | ["sign-in"] => Action::Read,
        // Server functions only read (forms post to their pages, not to /api).
        ["api", ..] => Action::Read,
        ["commitments", _, "assessments", "new"] => Action::Assess,
        // Marking an agreement or a sharing arrangement reviewed is a reviewer's duty too.
        ["agreements" | "sharing", _, "reviews", "new"] => Action::Assess,
        // A list's CSV and JSON exports: whoever may read the list (within clearance).
        [list] if !writes && is_export(list) => Action::Read,
        // Briefing packs (print view, DOCX, PDF): whoever may read the partner or route.
        ["partners" | "routes", _, "briefing" | "briefing.docx" | "briefing.pdf"] if !writes => {
            Action::Read
        }
        // A filtered list's briefing pack, and the review queue's exports.
        ["agreements" | "commitments", "briefing" | "briefing.docx" | "briefing.pdf"]
        | ["reviews.csv" | "reviews.json"]
            if !writes =>
        {
            Action::Read
        }
        // Spreadsheet import: the page, its upload and its templates.
        ["import", ..] => Action::Edit,
        // Forms: the pages that show them and the posts they make.
        [.., "new"] | [.., "edit"] | ["agreements", _, "status"] => Action::Edit,
        _ if writes => Action::Edit,
        _ => Action::Read,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_need_edit_whether_shown_or_posted() {
        for path in [
            "/agreements/new",
            "/agreements/3/edit",
            "/agreements/3/status",
            "/agreements/3/commitments/new",
            "/commitments/9/edit",
            "/routes/new",
            "/routes/central-mediterranean/edit",
            "/sharing/new",
            "/sharing/2/edit",
            "/partners/LY/briefing/top_lines/edit",
            "/routes/central-mediterranean/briefing/objectives/edit",
            "/import",
        ] {
            assert_eq!(required(&Method::GET, path), Action::Edit, "{path}");
            assert_eq!(required(&Method::POST, path), Action::Edit, "{path}");
        }
    }

    #[test]
    fn reading_needs_read() {
        for path in ["/", "/agreements", "/agreements/3", "/partners/LY", "/search", "/api/fetch_x"]
        {
            assert_eq!(required(&Method::GET, path), Action::Read, "{path}");
        }
    }

    #[test]
    fn list_exports_need_read() {
        for path in ["/agreements.csv", "/commitments.json", "/sharing.csv"] {
            assert_eq!(required(&Method::GET, path), Action::Read, "{path}");
            assert_eq!(required(&Method::POST, path), Action::Edit, "{path}");
        }
    }

    #[test]
    fn briefing_packs_need_read() {
        for path in
            ["/partners/LY/briefing", "/partners/LY/briefing.docx", "/routes/r/briefing.pdf"]
        {
            assert_eq!(required(&Method::GET, path), Action::Read, "{path}");
            assert_eq!(required(&Method::POST, path), Action::Edit, "{path}");
        }
    }

    #[test]
    fn list_briefings_and_queue_exports_need_read() {
        for path in [
            "/agreements/briefing",
            "/agreements/briefing.docx",
            "/commitments/briefing.pdf",
            "/reviews.csv",
            "/reviews.json",
        ] {
            assert_eq!(required(&Method::GET, path), Action::Read, "{path}");
            assert_eq!(required(&Method::POST, path), Action::Edit, "{path}");
        }
    }

    #[test]
    fn admin_pages_need_their_duty() {
        assert_eq!(required(&Method::GET, "/admin/users"), Action::ManageUsers);
        assert_eq!(required(&Method::POST, "/admin/users/4/role"), Action::ManageUsers);
        assert_eq!(required(&Method::GET, "/admin/audit"), Action::ReadAudit);
        assert_eq!(required(&Method::GET, "/admin/backup"), Action::Backup);
    }

    #[test]
    fn any_other_post_needs_edit() {
        assert_eq!(required(&Method::POST, "/agreements/3"), Action::Edit);
        assert_eq!(required(&Method::DELETE, "/sharing/2"), Action::Edit);
    }

    #[test]
    fn own_account_is_anyones() {
        assert_eq!(required(&Method::POST, "/account/password"), Action::Read);
        assert_eq!(required(&Method::POST, "/sign-out"), Action::Read);
    }

    #[test]
    fn only_sign_in_health_and_assets_are_public() {
        for path in ["/sign-in", "/healthz", "/pkg/accord.js", "/govuk/assets/x.png", "/main.css"] {
            assert!(is_public(path), "{path}");
        }
        for path in
            ["/", "/agreements", "/account", "/api/x", "/agreements/1.css/edit", "/admin/users"]
        {
            assert!(!is_public(path), "{path}");
        }
    }
}
