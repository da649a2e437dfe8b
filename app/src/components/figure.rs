//! A headline number on the dashboard, and a count in a table, each a link to the
//! filtered list whose count it is.

use leptos::prelude::*;

/// One part of a figure made of several lists (reviews due: agreements, commitments,
/// sharing arrangements), each a link to its own list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigurePart {
    pub value: i64,
    /// Plural noun ("agreements"); the singular is this without its final "s".
    pub noun: &'static str,
    pub href: String,
    pub test: &'static str,
}

/// A large figure with its caption, linking to the records behind it: to `href`, or
/// when it adds up several lists, to each of its `parts`.
#[component]
pub fn Figure(
    value: i64,
    #[prop(into)] caption: String,
    test: &'static str,
    #[prop(optional, into)] href: Option<String>,
    #[prop(optional)] parts: Vec<FigurePart>,
    #[prop(optional)] warn: bool,
) -> impl IntoView {
    let number = view! {
        <span class="accord-figure__value" data-test=test>{value}</span>
    };
    view! {
        <div class="accord-figure" class:accord-figure--warn=move || { warn && value > 0 }>
            {match href {
                Some(href) => view! {
                    <a class="govuk-link accord-figure__link" href=href data-test=format!("{test}-link")>
                        {number}
                        <span class="accord-figure__caption">{caption}</span>
                    </a>
                }
                .into_any(),
                None => view! { {number}<span class="accord-figure__caption">{caption}</span> }.into_any(),
            }}
            {(!parts.is_empty()).then(|| view! {
                <ul class="govuk-list govuk-body-s accord-figure__parts">
                    {parts.into_iter().map(|part| view! {
                        <li>
                            <a class="govuk-link" href=part.href data-test=part.test>
                                {format!("{} {}", part.value, noun(part.noun, part.value))}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// "1 agreement", "2 agreements": the noun for a count.
pub fn noun(plural: &'static str, n: i64) -> &'static str {
    if n == 1 {
        plural.strip_suffix('s').unwrap_or(plural)
    } else {
        plural
    }
}

/// A count in a table cell: a link to its list, or a plain 0 (an empty list says
/// nothing more).
#[component]
pub fn CountLink(
    value: i64,
    href: String,
    #[prop(optional)] test: &'static str,
    /// What the count is of, for screen readers ("red commitments for Libya").
    #[prop(optional, into)]
    label: String,
) -> impl IntoView {
    let test = (!test.is_empty()).then_some(test);
    if value == 0 {
        return view! { <span data-test=test>"0"</span> }.into_any();
    }
    // The number alone carries `data-test`, so tests read it as the figure.
    let hidden = (!label.is_empty())
        .then(|| view! { <span class="govuk-visually-hidden">{format!(" {label}")}</span> });
    view! { <a class="govuk-link" href=href><span data-test=test>{value}</span>{hidden}</a> }
        .into_any()
}
