//! Options for selects and checkbox groups: (value, label) pairs in the order shown.

use accord::iso::{COUNTRIES, HOME, PARTNER_CHOICES};
use leptos::oco::Oco;

/// One option: the value sent, and the label shown.
pub type Choice = (Oco<'static, str>, Oco<'static, str>);

/// The options of a select or checkbox group. Fixed vocabularies (enum variants, the
/// ISO partner list) borrow their `'static` text; lists read from the database own
/// theirs. Partners come from the table built with Accord, so a page never carries
/// 248 partner names in its data for the browser.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choices(pub Vec<Choice>);

impl Choices {
    /// A closed vocabulary (an enum's `ALL`), by code and label.
    pub fn of<T: Copy>(
        all: &[T],
        code: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Self {
        Self(all.iter().map(|v| (Oco::Borrowed(code(*v)), Oco::Borrowed(label(*v)))).collect())
    }

    /// Every partner but the UK, by name.
    pub fn partners() -> Self {
        Self::from(PARTNER_CHOICES)
    }

    /// The UK first, then every partner by name (a route's legs may include the UK).
    pub fn partners_and_home() -> Self {
        let home = COUNTRIES.iter().find(|c| c.alpha2 == HOME).map_or(HOME, |c| c.name);
        let mut all = Vec::with_capacity(PARTNER_CHOICES.len() + 1);
        all.push((Oco::Borrowed(HOME), Oco::Borrowed(home)));
        all.extend(Self::partners().0);
        Self(all)
    }
}

impl Choices {
    /// The `<option>` elements as HTML, `chosen` selected, `blank` (if any) first with
    /// an empty value. Selects are rendered on the server only (islands mode), and a
    /// partner select holds 249 options: written as one string they cost a fraction of
    /// rendering each as a view, on every list and form page.
    pub fn options_html(&self, chosen: &str, blank: Option<&str>) -> String {
        use html_escape::{encode_double_quoted_attribute_to_string, encode_text_to_string};
        let mut html = String::with_capacity(64 + self.0.len() * 48);
        let mut option = |value: &str, label: &str| {
            html.push_str("<option value=\"");
            encode_double_quoted_attribute_to_string(value, &mut html);
            html.push('"');
            if value == chosen {
                html.push_str(" selected");
            }
            html.push('>');
            encode_text_to_string(label, &mut html);
            html.push_str("</option>");
        };
        if let Some(blank) = blank {
            option("", blank);
        }
        for (value, label) in &self.0 {
            option(value, label);
        }
        html
    }
}

impl From<&'static [(&'static str, &'static str)]> for Choices {
    fn from(pairs: &'static [(&'static str, &'static str)]) -> Self {
        Self(
            pairs
                .iter()
                .map(|(value, label)| (Oco::Borrowed(*value), Oco::Borrowed(*label)))
                .collect(),
        )
    }
}

impl<const N: usize> From<[(&'static str, &'static str); N]> for Choices {
    fn from(pairs: [(&'static str, &'static str); N]) -> Self {
        Self(
            pairs
                .into_iter()
                .map(|(value, label)| (Oco::Borrowed(value), Oco::Borrowed(label)))
                .collect(),
        )
    }
}

impl FromIterator<(&'static str, &'static str)> for Choices {
    fn from_iter<I: IntoIterator<Item = (&'static str, &'static str)>>(pairs: I) -> Self {
        Self(
            pairs
                .into_iter()
                .map(|(value, label)| (Oco::Borrowed(value), Oco::Borrowed(label)))
                .collect(),
        )
    }
}

impl From<Vec<(String, String)>> for Choices {
    fn from(pairs: Vec<(String, String)>) -> Self {
        Self(pairs.into_iter().map(|(value, label)| (Oco::from(value), Oco::from(label))).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_legs_offer_the_uk_first_then_every_partner() {
        let all = Choices::partners_and_home().0;
        assert_eq!(all.len(), COUNTRIES.len());
        assert_eq!((all[0].0.as_str(), all[0].1.as_str()), ("GB", "United Kingdom"));
        assert!(all[1..].iter().all(|(code, _)| code.as_str() != "GB"));
    }

    #[test]
    fn options_html_escapes_and_marks_the_chosen_one() {
        let choices = Choices::from(vec![
            ("a\"b".to_owned(), "Fish & <chips>".to_owned()),
            ("FR".to_owned(), "France".to_owned()),
        ]);
        assert_eq!(
            choices.options_html("FR", Some("Any")),
            "<option value=\"\">Any</option>".to_owned()
                + "<option value=\"a&quot;b\">Fish &amp; &lt;chips&gt;</option>"
                + "<option value=\"FR\" selected>France</option>"
        );
        // Nothing chosen: the blank option is the selected one.
        assert!(choices
            .options_html("", Some("Any"))
            .starts_with("<option value=\"\" selected>Any"));
        assert!(!choices.options_html("", None).contains("selected"));
    }

    #[test]
    fn vocabularies_keep_their_order() {
        let levels = Choices::of(accord::Level::ALL, accord::Level::code, accord::Level::label).0;
        let codes: Vec<&str> = levels.iter().map(|(c, _)| c.as_str()).collect();
        let expected: Vec<&str> = accord::Level::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(codes, expected);
    }
}
