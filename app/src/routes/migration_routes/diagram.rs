//! The route diagram: an inline SVG drawn on the server, a node per leg in order with
//! arrows between, each node coloured by its coverage, and the same facts as an
//! ordered list: read by screen readers at every width, and shown instead of the
//! drawing on narrow screens (style/main.css picks one by media query).
//!
//! Legs snake across rows (left to right, then right to left) so that every arrow is
//! short and a long route still fits the page width.

use super::gaps::count_gaps;
use accord::coverage::{CoverageLevel, LegCoverage};
use leptos::prelude::*;
use time::Date;

const PER_ROW: usize = 4;
const NODE_W: i32 = 200;
const NODE_H: i32 = 80;
const GAP_X: i32 = 40;
const GAP_Y: i32 = 44;
const MARGIN: i32 = 20;
/// Characters of a node's first line ("2. Syrian Arab Republic") that fit at the
/// normal size, and at the small size; longer labels are shortened (the full name is in
/// the list below the diagram and in the table).
const LABEL_FITS: usize = 20;
const SMALL_LABEL_FITS: usize = 25;

/// Top-left corner of the node for leg `index` (0-based).
fn node_origin(index: usize) -> (i32, i32) {
    let row = index / PER_ROW;
    let along = index % PER_ROW;
    let column = if row.is_multiple_of(2) { along } else { PER_ROW - 1 - along };
    (MARGIN + column as i32 * (NODE_W + GAP_X), MARGIN + row as i32 * (NODE_H + GAP_Y))
}

/// The arrow from leg `index` to the next: (x1, y1, x2, y2).
fn arrow(index: usize) -> (i32, i32, i32, i32) {
    let (x, y) = node_origin(index);
    let (nx, ny) = node_origin(index + 1);
    if ny > y {
        // Down to the next row, in the same column.
        let cx = x + NODE_W / 2;
        (cx, y + NODE_H, cx, ny - 4)
    } else if nx > x {
        let cy = y + NODE_H / 2;
        (x + NODE_W, cy, nx - 4, cy)
    } else {
        let cy = y + NODE_H / 2;
        (x, cy, nx + NODE_W + 4, cy)
    }
}

fn size(legs: usize) -> (i32, i32) {
    let rows = legs.div_ceil(PER_ROW).max(1) as i32;
    let columns = legs.clamp(1, PER_ROW) as i32;
    (
        2 * MARGIN + columns * NODE_W + (columns - 1) * GAP_X,
        2 * MARGIN + rows * NODE_H + (rows - 1) * GAP_Y,
    )
}

/// A node's first line, and whether it needs the small type to fit.
fn node_label(position: i64, name: &str) -> (String, bool) {
    let label = format!("{position}. {name}");
    let length = label.chars().count();
    if length <= LABEL_FITS {
        (label, false)
    } else if length <= SMALL_LABEL_FITS {
        (label, true)
    } else {
        let cut: String = label.chars().take(SMALL_LABEL_FITS - 1).collect();
        (format!("{}…", cut.trim_end()), true)
    }
}

/// What a node's third line says: its gap count, or that it is the home party.
fn status_line(leg: &LegCoverage) -> String {
    match leg.level {
        CoverageLevel::Home => "Home party".to_owned(),
        CoverageLevel::Covered => "No gaps".to_owned(),
        _ => count_gaps(leg.gaps.len()),
    }
}

/// The legs of `route_name` as a diagram with a text equivalent. `today` is the day
/// the gaps were worked out for (expiry wording depends on it).
#[component]
pub fn RouteDiagram(route_name: String, legs: Vec<LegCoverage>, today: Date) -> impl IntoView {
    let (width, height) = size(legs.len());
    let arrows = (0..legs.len().saturating_sub(1))
        .map(|i| {
            let (x1, y1, x2, y2) = arrow(i);
            view! {
                <line x1=x1 y1=y1 x2=x2 y2=y2 class="accord-diagram__arrow" marker-end="url(#route-arrow)" />
            }
        })
        .collect_view();
    let nodes = legs
        .iter()
        .enumerate()
        .map(|(i, leg)| {
            let (x, y) = node_origin(i);
            let cx = x + NODE_W / 2;
            let (label, small) = node_label(leg.leg.position, &leg.leg.partner_name);
            view! {
                <g class=format!("accord-diagram__node accord-diagram__node--{}", leg.level.code()) data-test="diagram-node">
                    <rect x=x y=y width=NODE_W height=NODE_H rx="6" />
                    <text
                        x=cx
                        y=y + 24
                        text-anchor="middle"
                        class=if small { "accord-diagram__name accord-diagram__name--small" } else { "accord-diagram__name" }
                    >
                        {label}
                    </text>
                    <text x=cx y=y + 46 text-anchor="middle">{leg.leg.role.short_label()}</text>
                    <text x=cx y=y + 68 text-anchor="middle" class="accord-diagram__status">{status_line(leg)}</text>
                </g>
            }
        })
        .collect_view();
    let text = legs
        .iter()
        .map(|leg| {
            let gaps = match leg.level {
                CoverageLevel::Home => "home party".to_owned(),
                _ if leg.gaps.is_empty() => "no gaps".to_owned(),
                _ => {
                    let list: Vec<String> = leg.gaps.iter().map(|g| g.describe(today)).collect();
                    format!("{}: {}", count_gaps(leg.gaps.len()), list.join("; "))
                }
            };
            view! {
                <li class=format!("accord-route-leg accord-route-leg--{}", leg.level.code()) data-test="route-leg">
                    <span class="accord-route-leg__name">{leg.leg.partner_name.clone()}</span>
                    {format!(" — {} — {gaps}", leg.leg.role.label().to_lowercase())}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="accord-diagram">
            <svg
                class="accord-diagram__svg"
                viewBox=format!("0 0 {width} {height}")
                width=width
                height=height
                role="img"
                aria-labelledby="route-diagram-title"
                data-test="route-diagram"
            >
                <title id="route-diagram-title">{format!("Legs of the {route_name} route, in order, coloured by coverage")}</title>
                <defs>
                    <marker id="route-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="accord-diagram__arrowhead" />
                    </marker>
                </defs>
                {arrows}
                {nodes}
            </svg>
            // Shown instead of the drawing on narrow screens, where its labels would be
            // too small to read; read by screen readers at every width (main.css).
            <ol class="govuk-list govuk-list--number accord-route-legs" data-test="route-legs-text">{text}</ol>
            <figcaption class="govuk-body-s accord-diagram__key" aria-hidden="true">
                <span class="accord-key accord-key--covered">"No gaps"</span>
                <span class="accord-key accord-key--partial">"Some gaps"</span>
                <span class="accord-key accord-key--uncovered">"No agreement in force"</span>
                <span class="accord-key accord-key--home">"Home party"</span>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legs_snake_across_rows_of_four() {
        assert_eq!(node_origin(0), (MARGIN, MARGIN));
        assert_eq!(node_origin(3).0, MARGIN + 3 * (NODE_W + GAP_X));
        // The fifth leg starts the second row under the fourth, and the row runs back.
        assert_eq!(node_origin(4).0, node_origin(3).0);
        assert!(node_origin(5).0 < node_origin(4).0);
    }

    #[test]
    fn arrows_go_right_then_down_then_left() {
        let (x1, y1, x2, y2) = arrow(0);
        assert!(x2 > x1 && y1 == y2);
        let (x1, y1, x2, y2) = arrow(3);
        assert!(y2 > y1 && x1 == x2);
        let (x1, _, x2, _) = arrow(4);
        assert!(x2 < x1);
    }

    #[test]
    fn long_names_get_small_type_then_an_ellipsis() {
        assert_eq!(node_label(4, "Libya"), ("4. Libya".to_owned(), false));
        assert_eq!(
            node_label(2, "Syrian Arab Republic"),
            ("2. Syrian Arab Republic".to_owned(), true)
        );
        let (label, small) = node_label(3, "Congo, The Democratic Republic of the");
        assert!(small && label.ends_with('…') && label.chars().count() <= SMALL_LABEL_FITS);
    }
}
