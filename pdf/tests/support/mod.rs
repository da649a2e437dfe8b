//! A briefing pack built by hand: a route through a made-up partner with as many
//! agreements and commitments as a test asks for, some text full of characters typst
//! treats as markup, and records at several markings.

use accord::briefing_pack::{
    BriefingPack, PackAgreement, PackCommitment, PackFilter, PackLeg, PackReview, PackSharing,
    PackSubject, PackSummary, PackText, RagCount, StatusCount, TimelineEntry,
};
use accord::coverage::CoverageLevel;
use accord::{AgreementStatus, Classification, CommitmentStatus, Level, Rag, RouteRole};
use time::macros::date;
use time::Duration;

/// Text a user might type that typst would read as markup if it were spliced in.
pub const SPECIAL: &str = r#"Say: #set text(red) $x^2$ *not bold* ] <tag> @ref _u_ \ end"#;

/// The reference of agreement `i` (1-based).
pub fn reference(i: usize) -> String {
    format!("UK-TS-{}-{i:03}", 2010 + i % 15)
}

/// A route pack with `agreements` agreements and `commitments` commitments spread
/// over them.
pub fn pack(agreements: usize, commitments: usize) -> BriefingPack {
    let today = date!(2026 - 12 - 01);
    let official = Classification::new(Level::Official);
    let sensitive = Classification::with_caveat(Level::Official, Some("SENSITIVE".into()));
    let secret = Classification {
        level: Level::Secret,
        caveat: None,
        releasability: Some("UK EYES ONLY".into()),
    };
    let marking_of = |i: usize| match i % 3 {
        0 => official.clone(),
        1 => sensitive.clone(),
        _ => secret.clone(),
    };
    let agreement_list: Vec<PackAgreement> = (1..=agreements)
        .map(|i| {
            let signed = date!(2012 - 01 - 15) + Duration::days(97 * i as i64);
            PackAgreement {
                id: i as i64,
                reference: reference(i),
                title: format!("Joint action plan on border security, part {i}"),
                status: if i % 4 == 0 {
                    AgreementStatus::Expired
                } else {
                    AgreementStatus::InForce
                },
                signed_on: Some(signed),
                in_force_on: Some(signed + Duration::days(60)),
                expires_on: (i % 2 == 0).then(|| signed + Duration::days(3650)),
                next_review_on: Some(today + Duration::days(i as i64)),
                marking: marking_of(i),
            }
        })
        .collect();
    let commitment_list: Vec<PackCommitment> = (1..=commitments)
        .map(|i| PackCommitment {
            id: i as i64,
            agreement_reference: reference(1 + i % agreements.max(1)),
            text: if i == 1 {
                SPECIAL.to_owned()
            } else {
                format!("Commitment {i}: share vessel sightings within 24 hours of detection")
            },
            owner: "Border Security Command".into(),
            due_on: Some(today + Duration::days(i as i64 * 3 - 200)),
            status: if i % 5 == 0 { CommitmentStatus::Met } else { CommitmentStatus::InProgress },
            rag: [Some(Rag::Red), Some(Rag::Amber), Some(Rag::Green), None][i % 4],
            overdue: i < 60 && i % 5 != 0,
            latest_assessment_on: (i % 2 == 0).then_some(today - Duration::days(30)),
            latest_assessment_note: (i % 2 == 0)
                .then(|| "Progress steady; next meeting set".into()),
            marking: marking_of(i),
        })
        .collect();
    let legs = [
        ("Eritrea", "ER", RouteRole::Source, CoverageLevel::Uncovered),
        ("Turkistan Example", "TS", RouteRole::Transit, CoverageLevel::Partial),
        ("France", "FR", RouteRole::Departure, CoverageLevel::Covered),
        ("United Kingdom", "GB", RouteRole::Destination, CoverageLevel::Home),
    ];
    let leg_list: Vec<PackLeg> = legs
        .iter()
        .enumerate()
        .map(|(i, (name, alpha2, stage, coverage))| PackLeg {
            position: i as i64 + 1,
            partner_name: (*name).into(),
            alpha2: (*alpha2).into(),
            from: i.checked_sub(1).map(|p| legs[p].0.to_owned()),
            to: legs.get(i + 1).map(|n| n.0.to_owned()),
            stage: *stage,
            coverage: *coverage,
            gaps: if *coverage == CoverageLevel::Partial {
                vec!["No active sharing arrangement".into()]
            } else {
                vec![]
            },
        })
        .collect();
    BriefingPack {
        title: "Briefing: Central Test route".into(),
        subject: PackSubject::Route { name: "Central Test route".into(), slug: "central-test".into() },
        produced_on: today,
        produced_by: "Ada Editor".into(),
        filters: vec![PackFilter { label: "Route".into(), value: "Central Test route".into() }],
        marking: Classification::highest([&official, &sensitive, &secret]),
        texts: vec![
            text("objectives", "Objectives", "Secure a returns arrangement by spring.", &official),
            text("top_lines", "Top lines", "We value the partnership.\n\nWe expect delivery.", &sensitive),
            text("lines_to_take", "Lines to take", SPECIAL, &secret),
        ],
        summary: PackSummary {
            agreements_by_status: vec![StatusCount {
                status: AgreementStatus::InForce,
                count: agreements as i64,
            }],
            commitments_by_rag: vec![RagCount { rag: Some(Rag::Red), count: commitments as i64 }],
            commitments_total: commitments as i64,
            overdue: 12,
            reviews_due: 3,
        },
        legs: leg_list,
        route_diagram_svg: Some(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80" viewBox="0 0 400 80"><rect x="10" y="10" width="120" height="60" fill="#1d70b8"/><line x1="130" y1="40" x2="260" y2="40" stroke="#0b0c0c"/><rect x="260" y="10" width="120" height="60" fill="#00703c"/></svg>"##
                .into(),
        ),
        timeline: agreement_list
            .iter()
            .map(|a| TimelineEntry {
                reference: a.reference.clone(),
                signed_on: a.signed_on,
                in_force_on: a.in_force_on,
                expires_on: a.expires_on,
            })
            .collect(),
        agreements: agreement_list,
        commitments: commitment_list,
        sharing: (1..=3)
            .map(|i| PackSharing {
                id: i,
                reference: format!("SH-TS-{i:02}"),
                title: format!("Passenger data exchange {i}"),
                partner: "Turkistan Example".into(),
                caveats: "No onward sharing without consent".into(),
                next_review_on: Some(today + Duration::days(40)),
                marking: official.clone(),
            })
            .collect(),
        upcoming_reviews: vec![PackReview {
            due_on: today + Duration::days(5),
            kind: "Agreement".into(),
            reference: reference(1),
        }],
    }
}

fn text(section: &str, heading: &str, body: &str, marking: &Classification) -> PackText {
    PackText {
        section: section.into(),
        heading: heading.into(),
        body: body.into(),
        marking: marking.clone(),
    }
}

/// A `kB` field of /proc/self/status (`VmRSS`, `RssAnon`), if the kernel gives it.
#[allow(dead_code)] // only the memory test and example read it, not every test binary
pub fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let value = status.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))?;
    value.trim().trim_end_matches("kB").trim().parse().ok()
}
