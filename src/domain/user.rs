//! People who use Accord and what they may do.

use super::enums::vocabulary;

vocabulary! {
    /// What a user may do (each role includes the ones before it, but for admin duties).
    Role, "role" {
        Viewer => "viewer", "Viewer",
        Reviewer => "reviewer", "Reviewer",
        Editor => "editor", "Editor",
        Admin => "admin", "Administrator",
    }
}
