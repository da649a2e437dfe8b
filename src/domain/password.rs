//! The password policy, after NCSC guidance: long enough, and not a common password.
//! No other complexity rules (they push people to predictable patterns).

/// Fewer characters than this is refused.
pub const MIN_LENGTH: usize = 12;
/// More than this is refused too (Argon2 would hash a megabyte happily; nobody types one).
pub const MAX_LENGTH: usize = 256;

/// The common passwords long enough to pass the length rule, one a line after the
/// file's header (which says where they come from) and a blank line. Shorter common
/// passwords fail on length anyway. (Some passwords start with `#`, so the header is
/// not told apart by its first character.)
const FILE: &str = include_str!("common_passwords.txt");

fn common() -> impl Iterator<Item = &'static str> {
    FILE.split_once("\n\n").map_or("", |(_, list)| list).lines()
}

/// Why a password was refused, worded for the person choosing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("Password must be 12 characters or more")]
    TooShort,
    #[error("Password must be 256 characters or fewer")]
    TooLong,
    #[error("Password is too common: choose one that is harder to guess, for example three random words")]
    Common,
}

/// Checks a new password against the policy.
pub fn check(password: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    if is_common(password) {
        return Err(PasswordProblem::Common);
    }
    Ok(())
}

/// True when the password (ignoring case) is on the common list.
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    common().any(|line| line == lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(check("elevenchars"), Err(PasswordProblem::TooShort));
        // Characters, not bytes: twelve accented letters pass the length rule.
        assert_eq!(check("éééééééééééé"), Ok(()));
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert_eq!(check("password1234"), Err(PasswordProblem::Common));
        assert_eq!(check("PassWord1234"), Err(PasswordProblem::Common));
        assert_eq!(check("1qaz2wsx3edc"), Err(PasswordProblem::Common));
    }

    #[test]
    fn the_list_is_the_shipped_one() {
        assert_eq!(common().count(), 10_000);
        assert!(common().all(|l| l.chars().count() >= MIN_LENGTH));
        assert!(common().any(|l| l == "###int_made###"), "a password that starts with #");
    }

    #[test]
    fn long_uncommon_passwords_pass_without_other_rules() {
        assert_eq!(check("correct horse battery staple"), Ok(()));
        assert_eq!(check("alllowercaseletters"), Ok(()));
    }

    #[test]
    fn absurdly_long_passwords_are_refused() {
        assert_eq!(check(&"a".repeat(257)), Err(PasswordProblem::TooLong));
    }
}
