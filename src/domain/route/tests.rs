use super::*;

fn leg(partner: &str, role: &str) -> LegInput {
    LegInput { partner: partner.into(), role: role.into() }
}

fn input() -> RouteInput {
    RouteInput {
        name: "  Central Mediterranean ".into(),
        legs: vec![leg("ly", "departure"), leg("GB", "destination")],
        ..Default::default()
    }
}

#[test]
fn a_valid_route_parses_with_legs_in_order_and_a_derived_slug() {
    let route = NewRoute::parse(&input()).expect("valid");
    assert_eq!(route.name, "Central Mediterranean");
    assert_eq!(route.slug.as_str(), "central-mediterranean");
    assert_eq!(route.classification, Level::Official);
    assert_eq!(
        route.legs,
        vec![("LY".into(), RouteRole::Departure), ("GB".into(), RouteRole::Destination)]
    );
}

#[test]
fn name_is_required() {
    let errors = NewRoute::parse(&RouteInput { name: "  ".into(), ..input() }).unwrap_err();
    assert_eq!(errors["name"], "Enter the route's name");
}

#[test]
fn slug_is_derived_from_the_name_when_blank() {
    assert_eq!(
        RouteSlug::from_name("Western Mediterranean & Atlantic").unwrap().as_str(),
        "western-mediterranean-atlantic"
    );
    assert_eq!(
        RouteSlug::from_name("Türkiye–Greece (sea)").unwrap().as_str(),
        "turkiye-greece-sea"
    );
    assert_eq!(RouteSlug::from_name("!!!"), None);
}

#[test]
fn a_typed_slug_must_be_well_formed() {
    for bad in ["Central", "central mediterranean", "-central", "central--med", "central-"] {
        let errors = NewRoute::parse(&RouteInput { slug: bad.into(), ..input() }).unwrap_err();
        assert!(errors.contains_key("slug"), "{bad} should be refused");
    }
    let ok = NewRoute::parse(&RouteInput { slug: " med-2 ".into(), ..input() }).unwrap();
    assert_eq!(ok.slug.as_str(), "med-2");
}

#[test]
fn at_least_one_leg_is_required() {
    let errors = NewRoute::parse(&RouteInput { legs: vec![leg("", ""), leg(" ", "")], ..input() })
        .unwrap_err();
    assert_eq!(errors["legs"], "Add at least one leg");
}

#[test]
fn a_leg_with_a_role_but_no_partner_is_refused() {
    let legs = vec![leg("ER", "source"), leg("", "transit")];
    let errors = NewRoute::parse(&RouteInput { legs, ..input() }).unwrap_err();
    assert_eq!(errors["leg_2_partner"], "Choose the partner for leg 2");
}

#[test]
fn blank_leg_rows_are_skipped_and_positions_follow_the_remaining_order() {
    let legs =
        vec![leg("ER", "source"), leg("", ""), leg("FR", "departure"), leg("GB", "destination")];
    let route = NewRoute::parse(&RouteInput { legs, ..input() }).unwrap();
    let codes: Vec<&str> = route.legs.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(codes, vec!["ER", "FR", "GB"]);
}

#[test]
fn unknown_role_and_malformed_partner_are_refused_per_leg() {
    let legs = vec![leg("LBY", "source"), leg("IT", "harbour")];
    let errors = NewRoute::parse(&RouteInput { legs, ..input() }).unwrap_err();
    assert!(errors.contains_key("leg_1_partner"));
    assert!(errors.contains_key("leg_2_role"));
}

#[test]
fn classification_caveat_and_review_date_are_parsed() {
    let route = NewRoute::parse(&RouteInput {
        classification: "secret".into(),
        caveat: " uk eyes only ".into(),
        next_review_on: "2027-01-31".into(),
        ..input()
    })
    .unwrap();
    assert_eq!(route.marking().to_string(), "SECRET UK EYES ONLY");
    assert_eq!(route.next_review_on, dates::parse_iso("2027-01-31"));
    let errors = NewRoute::parse(&RouteInput {
        next_review_on: "31/01/2027".into(),
        classification: "restricted".into(),
        ..input()
    })
    .unwrap_err();
    assert!(errors.contains_key("next_review_on") && errors.contains_key("classification"));
}
