//! Intelligence-sharing arrangements: their closed vocabularies.

use super::enums::vocabulary;

vocabulary! {
    /// Which way information flows.
    Direction, "direction" {
        UkToPartner => "uk_to_partner", "UK to partner",
        PartnerToUk => "partner_to_uk", "Partner to UK",
        TwoWay => "two_way", "Two-way",
    }
}

vocabulary! {
    /// Whether a recipient may pass the information on.
    OnwardSharing, "onward-sharing rule" {
        Prohibited => "prohibited", "Prohibited",
        WithOriginatorConsent => "with_originator_consent", "Only with the originator's consent",
        Permitted => "permitted", "Permitted",
    }
}

vocabulary! {
    /// Progress of the Overseas Security and Justice Assistance (human-rights) assessment.
    OsjaStatus, "OSJA assessment status" {
        NotStarted => "not_started", "Not started",
        InProgress => "in_progress", "In progress",
        Completed => "completed", "Completed",
        ReviewRequired => "review_required", "Review required",
    }
}

vocabulary! {
    /// Lifecycle of a sharing arrangement.
    SharingStatus, "sharing arrangement status" {
        Proposed => "proposed", "Proposed",
        Active => "active", "Active",
        Suspended => "suspended", "Suspended",
        Ended => "ended", "Ended",
    }
}

vocabulary! {
    /// What sort of information is shared.
    DataCategory, "data category" {
        Biometrics => "biometrics", "Biometrics",
        PassengerData => "passenger_data", "Passenger data",
        SmugglingNetworkIntelligence => "smuggling_network_intelligence", "Smuggling-network intelligence",
        VesselSightings => "vessel_sightings", "Vessel sightings",
        Financial => "financial", "Financial",
        IdentityDocuments => "identity_documents", "Identity documents",
        CriminalRecords => "criminal_records", "Criminal records",
        Other => "other", "Other",
    }
}
