//! Briefing text: what officials write for meetings and keep current, per partner and
//! per route (objectives, top lines, lines to take). Each section carries its own
//! marking and heads the partner's or route's briefing pack.

use super::enums::vocabulary;
use super::form::{FieldErrors, FormData, FormReader};
use super::Classification;
use serde::{Deserialize, Serialize};

vocabulary! {
    /// One section of a briefing, in the order a briefing shows them.
    BriefingSection, "briefing section" {
        Objectives => "objectives", "Objectives",
        TopLines => "top_lines", "Top lines",
        LinesToTake => "lines_to_take", "Lines to take",
    }
}

impl BriefingSection {
    /// The label inside a sentence ("Add top lines", "Top lines for Libya saved" keeps
    /// the capital of the label at the start).
    pub fn lower_label(self) -> String {
        self.label().to_lowercase()
    }
}

/// The longest body a section may have, in characters: a briefing is read in a
/// meeting, so a section is a few paragraphs, not a report.
pub const BODY_MAX_CHARS: usize = 5_000;

/// One stored section of a partner's or route's briefing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefingText {
    pub id: i64,
    pub section: BriefingSection,
    /// Plain text; blank lines separate paragraphs.
    pub body: String,
    pub marking: Classification,
    pub version: i64,
}

impl BriefingText {
    /// The body's paragraphs: runs of text separated by blank lines, trimmed, empty
    /// ones dropped. Line breaks inside a paragraph become spaces.
    pub fn paragraphs(&self) -> Vec<String> {
        paragraphs(&self.body)
    }
}

/// Paragraphs of plain text, as [`BriefingText::paragraphs`].
pub fn paragraphs(body: &str) -> Vec<String> {
    let normalised = body.replace("\r\n", "\n");
    normalised
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whose briefing a text belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BriefingSubject {
    /// A partner, by ISO 3166-1 alpha-2 code.
    Partner(String),
    /// A route, by id.
    Route(i64),
}

/// A section's new text as an editor submits it, already parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefingTextDraft {
    pub body: String,
    pub marking: Classification,
}

impl BriefingTextDraft {
    /// Reads the form (`body`, `classification`, `caveat`, `releasability`): the body
    /// is required and at most [`BODY_MAX_CHARS`] characters. That the marking is
    /// within the writer's clearance and not lowered is checked by storage, which
    /// knows both.
    pub fn parse(form: &FormData) -> Result<Self, FieldErrors> {
        let mut r = FormReader::new(form);
        let body = r.required_max("body", "Enter the text", "Text", BODY_MAX_CHARS);
        let marking = Classification::from_form(&mut r);
        r.finish(BriefingTextDraft { body: body.replace("\r\n", "\n"), marking })
    }

    /// The draft as form fields (the inverse of [`BriefingTextDraft::parse`]).
    pub fn to_form(&self) -> FormData {
        let mut form = FormData::default();
        form.push("body", &self.body);
        self.marking.to_form(&mut form);
        form
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Level;

    #[test]
    fn sections_parse_from_their_codes_in_briefing_order() {
        let codes: Vec<&str> = BriefingSection::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, ["objectives", "top_lines", "lines_to_take"]);
        assert_eq!("top_lines".parse::<BriefingSection>(), Ok(BriefingSection::TopLines));
        assert!("briefing".parse::<BriefingSection>().is_err());
        assert_eq!(BriefingSection::TopLines.label(), "Top lines");
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_join_wrapped_lines() {
        assert_eq!(paragraphs("One\nline.\r\n\r\n\n Two. \n\n"), ["One line.", "Two."]);
        assert!(paragraphs("  \n\n ").is_empty());
    }

    #[test]
    fn a_draft_needs_a_body_within_the_limit() {
        let form = |body: &str| {
            FormData(vec![("body".into(), body.into()), ("classification".into(), "secret".into())])
        };
        let errors = BriefingTextDraft::parse(&form("  ")).expect_err("an empty body");
        assert_eq!(errors.get("body"), Some("Enter the text"));
        assert!(BriefingTextDraft::parse(&form(&"x".repeat(BODY_MAX_CHARS + 1))).is_err());
        let draft = BriefingTextDraft::parse(&form(" One.\r\n\r\nTwo. ")).expect("valid");
        assert_eq!(draft.body, "One.\n\nTwo.");
        assert_eq!(draft.marking, Classification::new(Level::Secret));
        assert_eq!(BriefingTextDraft::parse(&draft.to_form()), Ok(draft));
    }
}
