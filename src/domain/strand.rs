//! The four CONTEST strands of the UK's border-security approach.

use super::enums::vocabulary;

vocabulary! {
    /// Prevent (deter), Pursue (disrupt criminals), Protect (the border), Prepare (adapt).
    ContestStrand, "CONTEST strand" {
        Prevent => "prevent", "Prevent",
        Pursue => "pursue", "Pursue",
        Protect => "protect", "Protect",
        Prepare => "prepare", "Prepare",
    }
}
