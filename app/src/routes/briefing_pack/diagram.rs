//! The route page's diagram as a standalone SVG document, for the print view and the
//! PDF: the very `RouteDiagram` the route page draws, rendered to a string, with the
//! colours main.css gives its classes written onto the elements as presentation
//! attributes (the PDF has no stylesheet, and the page's policy forbids inline `<style>`).

use super::super::migration_routes::diagram::RouteDiagram;
use accord::coverage::RouteCoverage;
use leptos::prelude::*;

/// Class attribute → the presentation attributes main.css stands for. Text gets its
/// own fill and no stroke, so a node's colours do not spill onto its labels.
const PAINT: &[(&str, &str)] = &[
    (
        r#"class="accord-diagram__node accord-diagram__node--covered""#,
        r##"fill="#cce2d8" stroke="#00703c" stroke-width="3""##,
    ),
    (
        r#"class="accord-diagram__node accord-diagram__node--partial""#,
        r##"fill="#fff7bf" stroke="#8f5a00" stroke-width="3" stroke-dasharray="10 4""##,
    ),
    (
        r#"class="accord-diagram__node accord-diagram__node--uncovered""#,
        r##"fill="#f4cdc6" stroke="#aa2a16" stroke-width="5""##,
    ),
    (
        r#"class="accord-diagram__node accord-diagram__node--home""#,
        r##"fill="#d2e2f1" stroke="#1d70b8" stroke-width="3""##,
    ),
    (r#"class="accord-diagram__arrow""#, r##"stroke="#505a5f" stroke-width="2.5""##),
    (r#"class="accord-diagram__arrowhead""#, r##"fill="#505a5f""##),
    (r#"class="accord-diagram__name""#, r#"font-weight="700""#),
    (
        r#"class="accord-diagram__name accord-diagram__name--small""#,
        r#"font-weight="700" font-size="13""#,
    ),
];

/// The diagram of `coverage`'s legs as an SVG document (with its `xmlns`), or an empty
/// string if rendering gave no `<svg>` (never expected).
pub fn diagram_svg(coverage: &RouteCoverage) -> String {
    let legs = coverage.legs.clone();
    let name = coverage.route.name.clone();
    let today = coverage.today;
    let html =
        Owner::new().with(|| view! { <RouteDiagram route_name=name legs today /> }.to_html());
    standalone(&html)
}

/// Cuts the `<svg>…</svg>` out of the rendered figure and paints it.
fn standalone(html: &str) -> String {
    let (Some(start), Some(end)) = (html.find("<svg"), html.rfind("</svg>")) else {
        return String::new();
    };
    let mut svg = html[start..end + "</svg>".len()].to_owned();
    // Leptos' hydration markers are comments: harmless in SVG, but noise in a file.
    svg = svg.replace("<!---->", "").replace("<!>", "");
    for (class, paint) in PAINT {
        svg = svg.replace(class, &format!("{class} {paint}"));
    }
    svg = svg.replace(
        "<text ",
        r##"<text fill="#0b0c0c" stroke="none" font-family="Arial, sans-serif" font-size="15" "##,
    );
    svg.replacen("<svg", r#"<svg xmlns="http://www.w3.org/2000/svg""#, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_figure_becomes_a_painted_standalone_svg() {
        let html = r#"<figure class="accord-diagram"><svg class="accord-diagram__svg" viewBox="0 0 10 10"><g class="accord-diagram__node accord-diagram__node--uncovered"><rect x="1" /><text x="2" class="accord-diagram__name">1. Libya</text></g><!----></svg><ol><li>Libya</li></ol></figure>"#;
        let svg = standalone(html);
        assert!(svg
            .starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" class="accord-diagram__svg""#));
        assert!(svg.ends_with("</svg>"));
        assert!(
            svg.contains(r##"accord-diagram__node--uncovered" fill="#f4cdc6" stroke="#aa2a16""##)
        );
        assert!(svg.contains(r##"<text fill="#0b0c0c" stroke="none""##));
        assert!(!svg.contains("<ol>") && !svg.contains("<!--"));
    }
}
