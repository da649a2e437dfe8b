use super::*;
use time::macros::date;

const TODAY: Date = date!(2026 - 11 - 26);

fn agreement(id: i64, expires_on: Option<Date>) -> AgreementInForce {
    AgreementInForce {
        id,
        reference: format!("REF-{id}"),
        title: format!("Agreement {id}"),
        expires_on,
    }
}

fn sharing(id: i64) -> ActiveSharing {
    ActiveSharing { id, reference: format!("SH-{id}"), title: format!("Arrangement {id}") }
}

/// A partner with one open-ended agreement in force and one active arrangement.
fn covered() -> PartnerCoverage {
    PartnerCoverage {
        agreements_in_force: vec![agreement(1, None)],
        active_sharing: vec![sharing(1)],
        ..PartnerCoverage::empty("LY", false)
    }
}

fn kinds(coverage: &PartnerCoverage) -> Vec<GapKind> {
    gaps(coverage, TODAY).iter().map(Gap::kind).collect()
}

#[test]
fn no_gaps_with_an_open_ended_agreement_and_active_sharing() {
    assert_eq!(gaps(&covered(), TODAY), vec![]);
}

#[test]
fn gap_when_no_agreement_in_force() {
    let coverage = PartnerCoverage { agreements_in_force: vec![], ..covered() };
    assert_eq!(kinds(&coverage), vec![GapKind::NoAgreementInForce]);
}

#[test]
fn gap_when_no_active_sharing() {
    let coverage = PartnerCoverage { active_sharing: vec![], ..covered() };
    assert_eq!(kinds(&coverage), vec![GapKind::NoActiveSharing]);
}

#[test]
fn a_partner_with_nothing_has_both_absence_gaps() {
    let nothing = PartnerCoverage::empty("SD", false);
    assert_eq!(kinds(&nothing), vec![GapKind::NoAgreementInForce, GapKind::NoActiveSharing]);
}

#[test]
fn home_party_legs_have_no_gaps() {
    let uk = PartnerCoverage::empty("GB", true);
    assert_eq!(gaps(&uk, TODAY), vec![]);
    assert_eq!(CoverageLevel::of(true, &[]), CoverageLevel::Home);
}

#[test]
fn expiry_exactly_90_days_ahead_is_flagged() {
    let on = TODAY.saturating_add(Duration::days(90));
    let coverage =
        PartnerCoverage { agreements_in_force: vec![agreement(7, Some(on))], ..covered() };
    assert_eq!(
        gaps(&coverage, TODAY),
        vec![Gap::AgreementExpiringSoon {
            agreement_id: 7,
            reference: "REF-7".into(),
            expires_on: on
        }]
    );
}

#[test]
fn expiry_91_days_ahead_is_not_flagged() {
    let on = TODAY.saturating_add(Duration::days(91));
    let coverage =
        PartnerCoverage { agreements_in_force: vec![agreement(7, Some(on))], ..covered() };
    assert_eq!(gaps(&coverage, TODAY), vec![]);
}

#[test]
fn each_expiring_agreement_is_named_in_its_own_gap() {
    let coverage = PartnerCoverage {
        agreements_in_force: vec![
            agreement(1, Some(date!(2026 - 12 - 01))),
            agreement(2, Some(date!(2027 - 01 - 10))),
            agreement(3, None),
        ],
        ..covered()
    };
    let named: Vec<String> = gaps(&coverage, TODAY).iter().map(|g| g.describe(TODAY)).collect();
    assert_eq!(named, vec!["REF-1 expires 1 December 2026", "REF-2 expires 10 January 2027"]);
}

#[test]
fn an_in_force_agreement_past_its_expiry_date_is_flagged_as_expired() {
    let coverage = PartnerCoverage {
        agreements_in_force: vec![agreement(4, Some(date!(2026 - 11 - 01)))],
        ..covered()
    };
    let found = gaps(&coverage, TODAY);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].describe(TODAY), "REF-4 expired 1 November 2026");
}

#[test]
fn overdue_commitments_are_a_gap_with_their_count() {
    let coverage = PartnerCoverage {
        commitments: CommitmentCounts { red: 2, overdue: 3, ..Default::default() },
        ..covered()
    };
    assert_eq!(gaps(&coverage, TODAY), vec![Gap::OverdueCommitments(3)]);
    assert_eq!(Gap::OverdueCommitments(3).describe(TODAY), "3 overdue commitments");
    assert_eq!(Gap::OverdueCommitments(1).describe(TODAY), "1 overdue commitment");
}

#[test]
fn red_commitments_that_are_not_overdue_are_no_gap() {
    let coverage = PartnerCoverage {
        commitments: CommitmentCounts { red: 5, ..Default::default() },
        ..covered()
    };
    assert_eq!(gaps(&coverage, TODAY), vec![]);
}

#[test]
fn level_is_red_without_an_agreement_amber_with_other_gaps_green_without() {
    assert_eq!(
        CoverageLevel::of(false, &[Gap::NoAgreementInForce, Gap::NoActiveSharing]),
        CoverageLevel::Uncovered
    );
    assert_eq!(CoverageLevel::of(false, &[Gap::NoActiveSharing]), CoverageLevel::Partial);
    assert_eq!(CoverageLevel::of(false, &[]), CoverageLevel::Covered);
}

#[test]
fn gap_kinds_have_snake_case_codes_and_labels() {
    assert_eq!(GapKind::NoAgreementInForce.code(), "no_agreement_in_force");
    assert_eq!(GapKind::AgreementExpiringSoon.label(), "Agreement expiring soon");
    assert_eq!("overdue_commitments".parse::<GapKind>(), Ok(GapKind::OverdueCommitments));
}

fn route() -> Route {
    let leg = |position, alpha2: &str, is_home, role| RouteLeg {
        position,
        alpha2: alpha2.into(),
        partner_name: alpha2.into(),
        is_home,
        role,
    };
    Route {
        id: 1,
        slug: "test".into(),
        name: "Test".into(),
        description: String::new(),
        marking: Classification::default(),
        next_review_on: None,
        version: 1,
        legs: vec![
            leg(1, "ER", false, crate::RouteRole::Source),
            leg(2, "LY", false, crate::RouteRole::Departure),
            leg(3, "GB", true, crate::RouteRole::Destination),
        ],
    }
}

#[test]
fn a_route_applies_the_rule_to_every_leg_and_takes_the_highest_marking() {
    let secret = Classification::new(crate::Level::Secret);
    let libya = PartnerCoverage { marking: secret.clone(), ..covered() };
    let coverage = HashMap::from([("LY".to_owned(), libya)]);
    let assembled = RouteCoverage::assemble(route(), &coverage, TODAY);
    let levels: Vec<CoverageLevel> = assembled.legs.iter().map(|l| l.level).collect();
    assert_eq!(levels, vec![CoverageLevel::Uncovered, CoverageLevel::Covered, CoverageLevel::Home]);
    assert_eq!(assembled.marking, secret);
}

#[test]
fn the_dashboard_counts_partners_by_gap_kind() {
    let counts = |c: &PartnerCoverage| GapCounts::of(c, TODAY);
    let partners = vec![
        ("ER".to_owned(), "Eritrea".to_owned(), counts(&PartnerCoverage::empty("ER", false))),
        ("LY".to_owned(), "Libya".to_owned(), counts(&covered())),
        (
            "SD".to_owned(),
            "Sudan".to_owned(),
            counts(&PartnerCoverage { alpha2: "SD".into(), active_sharing: vec![], ..covered() }),
        ),
    ];
    let summary = GapSummary::of(&partners, 10);
    assert_eq!(summary.partners, 3);
    let count = |kind| summary.by_kind.iter().find(|(k, _)| *k == kind).map(|(_, n)| *n);
    assert_eq!(count(GapKind::NoAgreementInForce), Some(1));
    assert_eq!(count(GapKind::NoActiveSharing), Some(2));
    assert_eq!(count(GapKind::OverdueCommitments), Some(0));
    let worst: Vec<&str> = summary.worst.iter().map(|p| p.alpha2.as_str()).collect();
    assert_eq!(worst, vec!["ER", "SD"]);
}

/// The counts say the same gaps as the rule, for every shape of coverage the rule
/// distinguishes: the dashboard and the route pages cannot disagree.
#[test]
fn gap_counts_give_the_kinds_the_rule_gives() {
    let expiring = |id, days| agreement(id, Some(TODAY.saturating_add(Duration::days(days))));
    let shapes = vec![
        PartnerCoverage::empty("ER", false),
        covered(),
        PartnerCoverage { active_sharing: vec![], ..covered() },
        PartnerCoverage {
            agreements_in_force: vec![
                expiring(1, -3),
                expiring(2, EXPIRY_WARNING_DAYS),
                expiring(3, EXPIRY_WARNING_DAYS + 1),
                agreement(4, None),
            ],
            ..covered()
        },
        PartnerCoverage {
            commitments: CommitmentCounts { overdue: 4, red: 2, ..CommitmentCounts::default() },
            active_sharing: vec![],
            ..PartnerCoverage::empty("LY", false)
        },
    ];
    for shape in &shapes {
        assert_eq!(GapCounts::of(shape, TODAY).kinds(), kinds(shape), "{shape:?}");
    }
    assert_eq!(GapCounts::of(&shapes[3], TODAY).expiring_soon, 2);
}

#[test]
fn a_route_page_lists_a_few_records_per_leg_but_the_rule_and_totals_see_them_all() {
    // Seven agreements in force, the one expiring soon last in the list.
    let mut agreements: Vec<AgreementInForce> = (1..=6).map(|id| agreement(id, None)).collect();
    agreements.push(agreement(7, Some(date!(2026 - 12 - 20))));
    let sharing_rows: Vec<ActiveSharing> = (1..=6).map(sharing).collect();
    let libya = PartnerCoverage {
        agreements_in_force: agreements,
        active_sharing: sharing_rows,
        ..PartnerCoverage::empty("LY", false)
    };
    let coverage = HashMap::from([("LY".to_owned(), libya)]);
    let assembled = RouteCoverage::assemble(route(), &coverage, TODAY);
    let leg = &assembled.legs[1];
    assert_eq!((leg.agreements_in_force, leg.active_sharing), (7, 6));
    assert_eq!(leg.coverage.agreements_in_force.len(), LEG_LIST_LIMIT);
    assert_eq!(leg.coverage.active_sharing.len(), LEG_LIST_LIMIT);
    let kinds: Vec<GapKind> = leg.gaps.iter().map(Gap::kind).collect();
    assert_eq!(kinds, vec![GapKind::AgreementExpiringSoon], "the unlisted seventh still counts");
}
