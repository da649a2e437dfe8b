//! Agreements: their kinds and lifecycle statuses.

use super::enums::vocabulary;

vocabulary! {
    /// What sort of instrument an agreement is.
    AgreementKind, "agreement kind" {
        Treaty => "treaty", "Treaty",
        MemorandumOfUnderstanding => "memorandum_of_understanding", "Memorandum of understanding",
        ReturnsArrangement => "returns_arrangement", "Returns or readmission arrangement",
        JointActionPlan => "joint_action_plan", "Joint action plan",
        StatementOfIntent => "statement_of_intent", "Statement of intent",
        LawEnforcementCooperation => "law_enforcement_cooperation", "Law-enforcement cooperation arrangement",
        CapacityBuildingProgramme => "capacity_building_programme", "Capacity-building programme",
        Other => "other", "Other",
    }
}

vocabulary! {
    /// Where an agreement is in its life:
    /// proposed → negotiating → signed → in force → suspended → expired | terminated | superseded.
    AgreementStatus, "agreement status" {
        Proposed => "proposed", "Proposed",
        Negotiating => "negotiating", "Negotiating",
        Signed => "signed", "Signed",
        InForce => "in_force", "In force",
        Suspended => "suspended", "Suspended",
        Expired => "expired", "Expired",
        Terminated => "terminated", "Terminated",
        Superseded => "superseded", "Superseded",
    }
}

impl AgreementStatus {
    /// True once nothing more can happen to the agreement.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Expired | Self::Terminated | Self::Superseded)
    }

    /// The GOV.UK tag colour class suffix for this status.
    pub fn tag_colour(self) -> &'static str {
        match self {
            Self::Proposed => "grey",
            Self::Negotiating => "blue",
            Self::Signed => "turquoise",
            Self::InForce => "green",
            Self::Suspended => "orange",
            Self::Expired | Self::Terminated | Self::Superseded => "red",
        }
    }
}
