//! The timeline picture: one row per agreement, a grey bar from signature to entry into
//! force, a blue bar from entry into force to expiry (to the edge of the picture when
//! open-ended), year ticks along the top and a red line for the day the pack was made.
//! Plain string building, every text escaped, so it works in the browser, the print
//! view and the PDF alike.

use super::TimelineEntry;
use crate::domain::dates;
use std::fmt::Write;
use time::{Date, Month};

const WIDTH: i64 = 800;
const LABEL_W: i64 = 170;
const RIGHT: i64 = 20;
const TOP: i64 = 34;
const ROW_H: i64 = 22;
const BAR_H: i64 = 12;
const BOTTOM: i64 = 34;
const GREY: &str = "#b1b4b6";
const BLUE: &str = "#1d70b8";
const RED: &str = "#d4351c";
const INK: &str = "#0b0c0c";

/// The timeline of `entries` as a standalone SVG document, with `today` marked.
/// Entries without any date are left out; with none left the picture says so.
pub fn timeline_svg(entries: &[TimelineEntry], today: Date) -> String {
    let rows: Vec<&TimelineEntry> =
        entries.iter().filter(|e| dates_of(e).next().is_some()).collect();
    let height = TOP + ROW_H * rows.len().max(1) as i64 + BOTTOM;
    let mut svg = String::with_capacity(512 + rows.len() * 400);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="timeline-title" font-family="Arial, sans-serif" font-size="12"><title id="timeline-title">Timeline of agreements: signed, in force and expiry dates</title><rect width="{WIDTH}" height="{height}" fill="#ffffff"/>"##
    );
    let Some((start, end)) = span(&rows, today) else {
        let _ = write!(
            svg,
            r#"<text x="10" y="{}" fill="{INK}">No agreement has a signed, in force or expiry date.</text></svg>"#,
            TOP + 14
        );
        return svg;
    };
    let scale =
        Scale { start: start.to_julian_day() as i64, days: (end - start).whole_days().max(1) };
    year_ticks(&mut svg, &scale, start, end, height);
    for (index, entry) in rows.iter().enumerate() {
        row(&mut svg, &scale, index as i64, entry, end);
    }
    let x = scale.x(today);
    let _ = write!(
        svg,
        r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{RED}" stroke-width="2"/><text x="{x}" y="{}" fill="{RED}" text-anchor="middle">Today {}</text>"#,
        TOP - 4,
        height - BOTTOM + 4,
        height - BOTTOM + 18,
        escape(&dates::long(today)),
    );
    legend(&mut svg, height);
    svg.push_str("</svg>");
    svg
}

/// Days since `start` mapped onto the chart's width.
struct Scale {
    start: i64,
    days: i64,
}

impl Scale {
    fn x(&self, date: Date) -> i64 {
        let offset = date.to_julian_day() as i64 - self.start;
        LABEL_W + offset * (WIDTH - LABEL_W - RIGHT) / self.days
    }
}

fn dates_of(entry: &TimelineEntry) -> impl Iterator<Item = Date> {
    [entry.signed_on, entry.in_force_on, entry.expires_on].into_iter().flatten()
}

/// From the first of January of the earliest year to the end of the year after the
/// latest date (open-ended bars need somewhere to run to).
fn span(rows: &[&TimelineEntry], today: Date) -> Option<(Date, Date)> {
    let all: Vec<Date> = rows.iter().flat_map(|e| dates_of(e)).chain([today]).collect();
    if all.len() == 1 {
        return None;
    }
    let first = all.iter().min()?.year();
    let last = all.iter().max()?.year() + 1;
    Some((
        Date::from_calendar_date(first, Month::January, 1).ok()?,
        Date::from_calendar_date(last, Month::December, 31).ok()?,
    ))
}

fn year_ticks(svg: &mut String, scale: &Scale, start: Date, end: Date, height: i64) {
    let years = end.year() - start.year() + 1;
    let step = if years > 30 {
        10
    } else if years > 12 {
        5
    } else if years > 6 {
        2
    } else {
        1
    };
    for year in (start.year()..=end.year()).filter(|y| y % step == 0) {
        let Ok(jan) = Date::from_calendar_date(year, Month::January, 1) else { continue };
        let x = scale.x(jan);
        let _ = write!(
            svg,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#dddddd"/><text x="{x}" y="{}" fill="{INK}" text-anchor="middle">{year}</text>"##,
            TOP - 6,
            height - BOTTOM,
            TOP - 12,
        );
    }
}

fn row(svg: &mut String, scale: &Scale, index: i64, entry: &TimelineEntry, end: Date) {
    let y = TOP + index * ROW_H;
    let bar_y = y + (ROW_H - BAR_H) / 2;
    let described = describe(entry);
    let _ = write!(
        svg,
        r#"<g><title>{}</title><text x="{}" y="{}" fill="{INK}" text-anchor="end">{}</text>"#,
        escape(&described),
        LABEL_W - 8,
        y + ROW_H / 2 + 4,
        escape(&shorten(&entry.reference, 24)),
    );
    if let Some(signed) = entry.signed_on {
        // Signed but not (yet) in force: grey up to entry into force, or to expiry.
        let until = entry.in_force_on.or(entry.expires_on).unwrap_or(signed);
        bar(svg, scale.x(signed), scale.x(until.max(signed)), bar_y, GREY);
    }
    if let Some(in_force) = entry.in_force_on {
        let until = entry.expires_on.unwrap_or(end);
        bar(svg, scale.x(in_force), scale.x(until.max(in_force)), bar_y, BLUE);
    }
    for date in dates_of(entry) {
        let _ = write!(
            svg,
            r#"<circle cx="{}" cy="{}" r="3" fill="{INK}"/>"#,
            scale.x(date),
            bar_y + BAR_H / 2
        );
    }
    svg.push_str("</g>");
}

fn bar(svg: &mut String, x1: i64, x2: i64, y: i64, fill: &str) {
    let _ = write!(
        svg,
        r#"<rect x="{x1}" y="{y}" width="{}" height="{BAR_H}" fill="{fill}"/>"#,
        (x2 - x1).max(2)
    );
}

fn legend(svg: &mut String, height: i64) {
    let y = height - 10;
    let _ = write!(
        svg,
        r#"<rect x="{LABEL_W}" y="{}" width="14" height="10" fill="{GREY}"/><text x="{}" y="{y}" fill="{INK}">Signed, not in force</text><rect x="{}" y="{}" width="14" height="10" fill="{BLUE}"/><text x="{}" y="{y}" fill="{INK}">In force (to expiry)</text>"#,
        y - 9,
        LABEL_W + 20,
        LABEL_W + 170,
        y - 9,
        LABEL_W + 190,
    );
}

/// "UK-LY-2019-01: signed 1 March 2019, in force 1 June 2019, no expiry date".
fn describe(entry: &TimelineEntry) -> String {
    let part = |label: &str, date: Option<Date>| match date {
        Some(d) => format!("{label} {}", dates::long(d)),
        None => format!("no {label} date"),
    };
    format!(
        "{}: {}, {}, {}",
        entry.reference,
        part("signed", entry.signed_on),
        part("in force", entry.in_force_on),
        part("expiry", entry.expires_on)
    )
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(max - 1).collect();
        format!("{kept}…")
    }
}

/// Escapes text for SVG/XML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn entry(
        reference: &str,
        signed: Option<Date>,
        in_force: Option<Date>,
        expires: Option<Date>,
    ) -> TimelineEntry {
        TimelineEntry {
            reference: reference.into(),
            signed_on: signed,
            in_force_on: in_force,
            expires_on: expires,
        }
    }

    #[test]
    fn draws_a_grey_and_a_blue_bar_per_dated_agreement() {
        let svg = timeline_svg(
            &[entry(
                "UK-LY-1",
                Some(date!(2019 - 03 - 01)),
                Some(date!(2019 - 06 - 01)),
                Some(date!(2027 - 06 - 01)),
            )],
            date!(2026 - 12 - 01),
        );
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(svg.matches(&format!("fill=\"{GREY}\"/>")).count(), 2, "one bar and the legend");
        assert_eq!(svg.matches(&format!("fill=\"{BLUE}\"/>")).count(), 2, "one bar and the legend");
        assert!(
            svg.contains("UK-LY-1: signed 1 March 2019, in force 1 June 2019, expiry 1 June 2027")
        );
        assert!(svg.contains("Today 1 December 2026"));
    }

    #[test]
    fn escapes_references() {
        let svg = timeline_svg(
            &[entry("A<&>\"'", Some(date!(2020 - 01 - 01)), None, None)],
            date!(2026 - 12 - 01),
        );
        assert!(svg.contains("A&lt;&amp;&gt;&quot;&#39;"));
        assert!(!svg.contains("A<&"));
    }

    #[test]
    fn undated_agreements_are_left_out_and_none_says_so() {
        let svg = timeline_svg(&[entry("UK-X", None, None, None)], date!(2026 - 12 - 01));
        assert!(svg.contains("No agreement has a signed"));
        assert!(!svg.contains("UK-X"));
    }

    #[test]
    fn later_dates_are_further_right() {
        let scale = Scale { start: date!(2020 - 01 - 01).to_julian_day() as i64, days: 3652 };
        assert!(scale.x(date!(2021 - 01 - 01)) < scale.x(date!(2025 - 01 - 01)));
        assert_eq!(scale.x(date!(2020 - 01 - 01)), LABEL_W);
    }
}
