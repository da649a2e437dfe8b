//! Coverage gaps as GOV.UK tags: the one way gaps look, on the route, partner and
//! dashboard pages.

use accord::coverage::Gap;
use leptos::prelude::*;
use time::Date;

/// Where a gap of the partner `alpha2` leads: the filtered list that shows it (empty
/// for an absence, the very count for overdue commitments) or the expiring agreement.
pub fn gap_href(gap: &Gap, alpha2: &str) -> String {
    match gap {
        Gap::NoAgreementInForce => format!("/agreements?partner={alpha2}&status=in_force"),
        Gap::NoActiveSharing => format!("/sharing?partner={alpha2}&status=active"),
        Gap::AgreementExpiringSoon { agreement_id, .. } => format!("/agreements/{agreement_id}"),
        Gap::OverdueCommitments(_) => format!("/commitments?partner={alpha2}&overdue=true"),
    }
}

/// Each gap as a tag (`data-test="gap"`, `data-gap` = the gap kind's code), naming the
/// agreement or the count, and linking to the records behind it (`gap_href`); "No
/// gaps" when there are none; nothing to assess for the home party.
#[component]
pub fn GapTags(
    gaps: Vec<Gap>,
    today: Date,
    /// The partner's ISO code, for the links.
    #[prop(into)]
    alpha2: String,
    #[prop(optional)] is_home: bool,
) -> impl IntoView {
    if is_home {
        return view! { <span class="govuk-body-s accord-muted">"Home party: not assessed"</span> }
            .into_any();
    }
    if gaps.is_empty() {
        return view! { <strong class="govuk-tag govuk-tag--green" data-test="no-gaps">"No gaps"</strong> }
            .into_any();
    }
    view! {
        <ul class="accord-tag-list">
            {gaps
                .into_iter()
                .map(|gap| {
                    let kind = gap.kind();
                    view! {
                        <li>
                            <a class="accord-gap-link" href=gap_href(&gap, &alpha2) data-test="gap-link">
                                <strong
                                    class=format!("govuk-tag govuk-tag--{}", kind.tag_colour())
                                    data-test="gap"
                                    data-gap=kind.code()
                                >
                                    {gap.describe(today)}
                                </strong>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// "1 gap", "3 gaps".
pub fn count_gaps(n: usize) -> String {
    if n == 1 {
        "1 gap".to_owned()
    } else {
        format!("{n} gaps")
    }
}
