//! The marking rules: levels, clearance, aggregation and lowering.

#![expect(clippy::unwrap_used, reason = "a test fails by panicking")]

use super::*;

#[cfg(feature = "ssr")]
#[test]
fn absent_caveat_and_releasability_are_left_out_and_read_back_as_none() {
    let plain = Classification::new(Level::Secret);
    let json = serde_json::to_string(&plain).unwrap();
    assert_eq!(json, r#"{"level":"secret"}"#);
    assert_eq!(serde_json::from_str::<Classification>(&json).unwrap(), plain);
    let full = Classification {
        level: Level::Official,
        caveat: Some("SENSITIVE".into()),
        releasability: Some("UK EYES ONLY".into()),
    };
    let json = serde_json::to_string(&full).unwrap();
    assert_eq!(serde_json::from_str::<Classification>(&json).unwrap(), full);
}

#[test]
fn official_sensitive_is_written_with_a_hyphen() {
    let c = Classification::with_caveat(Level::Official, Some("sensitive".into()));
    assert_eq!(c.to_string(), "OFFICIAL-SENSITIVE");
}

fn released(level: Level, releasability: &str) -> Classification {
    Classification { level, caveat: None, releasability: Some(releasability.into()) }
}

fn highest(all: &[Classification]) -> String {
    Classification::highest(all).to_string()
}

#[test]
fn highest_marking_takes_the_top_level_and_every_caveat() {
    let all = [
        Classification::new(Level::Official),
        Classification::new(Level::TopSecret),
        Classification::with_caveat(Level::Secret, Some("SENSITIVE".into())),
    ];
    assert_eq!(highest(&all), "TOP SECRET SENSITIVE");
    assert_eq!(highest(&all[..2]), "TOP SECRET");
}

#[test]
fn one_secret_uk_eyes_only_item_marks_the_whole_page() {
    // The demo's partner page for Libya: plain SECRET records and one arrangement
    // released to UK eyes only.
    let all = [
        Classification::new(Level::Secret),
        released(Level::Secret, "UK EYES ONLY"),
        Classification::new(Level::Official),
    ];
    assert_eq!(highest(&all), "SECRET UK EYES ONLY");
}

#[test]
fn uk_eyes_only_outranks_a_rel_list_whatever_the_order() {
    let rel = released(Level::Secret, "REL GBR, FRA");
    let eyes = released(Level::Official, "uk  eyes only");
    assert_eq!(highest(&[rel.clone(), eyes.clone()]), "SECRET UK EYES ONLY");
    assert_eq!(highest(&[eyes, rel]), "SECRET UK EYES ONLY");
}

#[test]
fn different_rel_lists_give_the_countries_they_share() {
    let all = [
        released(Level::Secret, "REL GBR, FRA, USA"),
        released(Level::Secret, "REL TO GBR/USA/DEU"),
        Classification::new(Level::Secret),
    ];
    assert_eq!(highest(&all), "SECRET REL GBR, USA");
}

#[test]
fn rel_lists_sharing_only_the_uk_are_uk_eyes_only() {
    let all = [released(Level::Secret, "REL GBR, FRA"), released(Level::Secret, "REL GBR, USA")];
    assert_eq!(highest(&all), "SECRET UK EYES ONLY");
}

#[test]
fn an_unreadable_releasability_beside_another_is_uk_eyes_only() {
    let all = [released(Level::Secret, "NOFORN"), released(Level::Secret, "REL GBR, FRA")];
    assert_eq!(highest(&all), "SECRET UK EYES ONLY");
    assert_eq!(highest(&all[..1]), "SECRET NOFORN", "alone it is kept as written");
}

#[test]
fn every_caveat_is_carried_once_in_the_offered_order() {
    let all = [
        Classification::with_caveat(Level::Secret, Some("UK EYES ONLY".into())),
        Classification::with_caveat(Level::Official, Some("sensitive".into())),
        Classification::with_caveat(Level::Secret, Some("SENSITIVE".into())),
    ];
    let marking = Classification::highest(&all);
    assert_eq!(marking.caveat.as_deref(), Some("SENSITIVE UK EYES ONLY"));
    assert_eq!(marking.to_string(), "SECRET SENSITIVE UK EYES ONLY");
}

#[test]
fn a_uk_eyes_only_caveat_makes_a_rel_list_moot() {
    let all = [
        Classification::with_caveat(Level::Secret, Some("UK EYES ONLY".into())),
        released(Level::Secret, "REL GBR, FRA"),
    ];
    assert_eq!(highest(&all), "SECRET UK EYES ONLY");
}

#[test]
fn raise_aggregates_like_highest() {
    let mut marking = Classification::with_caveat(Level::Official, Some("SENSITIVE".into()));
    marking.raise(&released(Level::Secret, "UK EYES ONLY"));
    assert_eq!(marking.to_string(), "SECRET SENSITIVE UK EYES ONLY");
    marking.raise(&Classification::new(Level::Official));
    assert_eq!(marking.to_string(), "SECRET SENSITIVE UK EYES ONLY", "never lowered");
}

/// Two bare levels raise without reading any text: the answer must still be what
/// `highest` gives, for every pair of levels, and a bare level raising a caveated
/// marking still goes through `highest`.
#[test]
fn raising_a_bare_level_by_a_bare_level_is_what_highest_gives() {
    for a in Level::ALL {
        for b in Level::ALL {
            let (x, y) = (Classification::new(*a), Classification::new(*b));
            let mut raised = x.clone();
            raised.raise(&y);
            assert_eq!(raised, Classification::highest([&x, &y]), "{a:?} raised by {b:?}");
        }
    }
    let mut unnormalised = Classification::with_caveat(Level::Official, Some("sensitive".into()));
    unnormalised.raise(&Classification::new(Level::Secret));
    assert_eq!(unnormalised.to_string(), "SECRET SENSITIVE");
}

#[test]
fn a_lower_level_a_dropped_caveat_or_a_looser_releasability_lowers_a_marking() {
    let secret = Classification::new(Level::Secret);
    let sensitive = Classification::with_caveat(Level::Secret, Some("SENSITIVE".into()));
    assert!(Classification::new(Level::Official).lowers(&secret));
    assert!(secret.lowers(&sensitive));
    assert!(
        released(Level::Secret, "REL GBR, FRA").lowers(&released(Level::Secret, "UK EYES ONLY"))
    );
    assert!(secret.lowers(&released(Level::Secret, "REL GBR, FRA")));
    assert!(released(Level::Secret, "REL GBR, FRA, USA")
        .lowers(&released(Level::Secret, "REL GBR, FRA")));
}

#[test]
fn the_same_or_a_higher_marking_does_not_lower() {
    let rel = released(Level::Secret, "REL GBR, FRA");
    assert!(!rel.lowers(&rel));
    assert!(!released(Level::Secret, " rel  gbr, fra ").lowers(&rel), "spacing and case");
    assert!(!released(Level::Secret, "REL GBR, FRA")
        .lowers(&released(Level::Secret, "REL GBR, FRA, USA")));
    assert!(!released(Level::TopSecret, "UK EYES ONLY").lowers(&rel));
    assert!(!Classification::new(Level::Secret).lowers(&Classification::new(Level::Official)));
}

#[test]
fn a_caveat_outranks_none_at_the_same_level() {
    let all = [
        Classification::new(Level::Official),
        Classification::with_caveat(Level::Official, Some("SENSITIVE".into())),
    ];
    assert_eq!(Classification::highest(&all).to_string(), "OFFICIAL-SENSITIVE");
}

#[test]
fn nothing_displayed_is_official() {
    assert_eq!(Classification::highest([]).to_string(), "OFFICIAL");
}

#[test]
fn clearance_permits_only_at_or_below() {
    let secret = Clearance(Level::Secret);
    assert!(secret.permits(Level::Official));
    assert!(secret.permits(Level::Secret));
    assert!(!secret.permits(Level::TopSecret));
}

#[test]
fn a_caveat_another_extends_is_carried_once() {
    let all = [
        Classification::with_caveat(Level::Official, Some("SENSITIVE".into())),
        Classification::with_caveat(Level::Official, Some("SENSITIVE PERSONAL".into())),
    ];
    assert_eq!(highest(&all), "OFFICIAL-SENSITIVE PERSONAL");
}

#[test]
fn a_marking_holds_marking_words_only() {
    for good in ["SENSITIVE", "UK EYES ONLY", "REL GBR, FRA", "REL TO GBR/USA", "SENSITIVE LOCSEN"]
    {
        assert!(is_marking_words(good), "{good}");
    }
    for bad in [
        "2026-02-30",
        "REL GBR, FRA 2",
        "",
        " SENSITIVE",
        "UK  EYES",
        "sensitive",
        "REL (GBR)",
        "-REL",
    ] {
        assert!(!is_marking_words(bad), "{bad}");
    }
}

#[test]
fn a_date_typed_as_releasability_is_a_field_error() {
    let form = crate::FormData(vec![
        ("classification".into(), "official".into()),
        ("caveat".into(), " sensitive  personal ".into()),
        ("releasability".into(), "2026-02-30".into()),
    ]);
    let mut reader = crate::FormReader::new(&form);
    let marking = Classification::from_form(&mut reader);
    assert_eq!(marking.caveat.as_deref(), Some("SENSITIVE PERSONAL"), "normalised");
    let errors = reader.finish(()).unwrap_err();
    assert!(errors.get("releasability").unwrap().contains("marking words"));
    assert!(errors.get("caveat").is_none());
}

#[test]
fn raising_item_by_item_gives_the_marking_of_them_all() {
    let caveated = |level, caveat: &str| Classification::with_caveat(level, Some(caveat.into()));
    let items = [
        caveated(Level::Secret, "SENSITIVE"),
        caveated(Level::Official, "UK EYES ONLY"),
        caveated(Level::Official, "SENSITIVE PERSONAL"),
        caveated(Level::Official, "UK EYES ONLY"),
        caveated(Level::Official, "Local Handling"),
        caveated(Level::Official, "SENSITIVE UK EYES ONLY"),
    ];
    let all = Classification::highest(&items);
    assert_eq!(all.caveat.as_deref(), Some("SENSITIVE PERSONAL LOCAL HANDLING UK EYES ONLY"));
    for order in [items.to_vec(), items.iter().rev().cloned().collect::<Vec<_>>()] {
        let mut raised = Classification::default();
        for item in &order {
            raised.raise(item);
        }
        assert_eq!(raised, all, "raised in the order {order:?}");
    }
}
