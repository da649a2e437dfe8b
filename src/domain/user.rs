//! People who use Accord, what they may do, and who is acting on a request.

use super::classification::{Clearance, Level};
use super::enums::vocabulary;
use serde::{Deserialize, Serialize};

vocabulary! {
    /// What a user may do: see [`permits`], the one table that decides.
    Role, "role" {
        Viewer => "viewer", "Viewer",
        Reviewer => "reviewer", "Reviewer",
        Editor => "editor", "Editor",
        Admin => "admin", "Administrator",
    }
}

vocabulary! {
    /// Everything a request can ask to do that a role may or may not allow.
    Action, "action" {
        /// Read pages, lists, search; export what one can read.
        Read => "read", "read records",
        Export => "export", "export records",
        /// Record an assessment of a commitment (the reviews issue).
        Assess => "assess", "record assessments",
        /// Create and edit agreements, commitments, arrangements, routes, briefing text.
        Edit => "edit", "create and edit records",
        ManageUsers => "manage_users", "manage users",
        ReadAudit => "read_audit", "read the audit log",
        Backup => "backup", "take backups",
    }
}

/// The permission table: whether `role` may do `action`. Every page load, form post,
/// server function and export asks this, on the server.
pub const fn permits(role: Role, action: Action) -> bool {
    use Action::*;
    match (role, action) {
        (_, Read | Export) => true,
        (Role::Reviewer | Role::Admin, Assess) => true,
        (Role::Editor | Role::Admin, Edit) => true,
        (Role::Admin, ManageUsers | ReadAudit | Backup) => true,
        _ => false,
    }
}

/// The signed-in user a request acts for: who (for the audit trail), what they may
/// do and how high they may read. Built from the `users` row on every request, so a
/// changed role, clearance or a disabled account applies at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub clearance: Level,
    /// A one-time password is in use: nothing else until it is changed.
    pub must_change_password: bool,
}

impl User {
    pub fn clearance(&self) -> Clearance {
        Clearance(self.clearance)
    }

    pub fn may(&self, action: Action) -> bool {
        permits(self.role, action)
    }
}

/// A row of the administrators' user list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub user: User,
    pub active: bool,
    pub last_sign_in_at: Option<String>,
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyone_reads_and_exports() {
        for role in Role::ALL {
            assert!(permits(*role, Action::Read), "{role:?}");
            assert!(permits(*role, Action::Export), "{role:?}");
        }
    }

    #[test]
    fn the_table_row_by_row() {
        let expect = |role: Role, allowed: &[Action]| {
            for action in Action::ALL {
                let want =
                    matches!(action, Action::Read | Action::Export) || allowed.contains(action);
                assert_eq!(permits(role, *action), want, "{role:?} {action:?}");
            }
        };
        expect(Role::Viewer, &[]);
        expect(Role::Reviewer, &[Action::Assess]);
        expect(Role::Editor, &[Action::Edit]);
        expect(
            Role::Admin,
            &[Action::Assess, Action::Edit, Action::ManageUsers, Action::ReadAudit, Action::Backup],
        );
    }

    #[test]
    fn only_admins_see_the_audit_log_and_users() {
        for role in [Role::Viewer, Role::Reviewer, Role::Editor] {
            assert!(!permits(role, Action::ManageUsers));
            assert!(!permits(role, Action::ReadAudit));
            assert!(!permits(role, Action::Backup));
        }
    }
}
