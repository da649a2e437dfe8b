//! What someone typed, made safe for FTS5; and the highlighted snippets and short
//! titles that come back.

use serde::{Deserialize, Serialize};

/// At most this many words of a query are used, which bounds the work one search does.
pub const MAX_TERMS: usize = 12;

/// Where a snippet's highlighted match starts and ends. Control characters that
/// never appear in typed text, so the markers cannot be forged by a record and can
/// never be read as HTML: the snippet is split on them and rendered as text nodes.
pub const MARK_START: char = '\u{2}';
pub const MARK_END: char = '\u{3}';

/// How long a commitment's text may be as a result title before it is cut short.
const TITLE_CHARS: usize = 90;

/// Turns typed text into an FTS5 query that can only ever mean "all these words".
///
/// Each whitespace-separated word becomes a quoted phrase (double quotes inside it
/// doubled), so FTS5 operators and syntax — `OR`, `NOT`, `NEAR(`, `*`, `^`, `:`,
/// parentheses, column filters — are searched for as plain words, never obeyed.
/// The last word matches as a prefix (`"migra"*` finds "migration"), for people who
/// stop typing part-way. Words with no letter or digit are dropped (they would index
/// nothing); `None` when nothing searchable is left. Control characters separate words
/// like spaces: a NUL byte inside a phrase makes FTS5 fail, and no record holds one.
pub fn fts_query(text: &str) -> Option<String> {
    phrases(&query_words(text))
}

/// How many letters [`shortened_queries`] may cut from the last word.
const MOST_CUT: usize = 3;

/// The fewest letters a word cut back by [`shortened_queries`] keeps.
const FEWEST_KEPT: usize = 4;

/// The queries to try, in order, when [`fts_query`] finds nothing: the same words with
/// the last cut back by one, two, then three letters (keeping at least four), each
/// with the shortened word, for the page to say what it searched for.
///
/// Why: the index holds each word's stem ("cormorant" is held as "cormor"), and FTS5
/// stems a prefix as if it were a whole word, so a word typed past its stem
/// ("cormora", "detenti", "smuggli") is the start of no term and finds nothing. Cut
/// back, it finds them. Only a last word of letters alone is cut; none when the query
/// has no such word.
pub fn shortened_queries(text: &str) -> Vec<(String, String)> {
    let mut words = query_words(text);
    let Some(last) = words.pop() else { return Vec::new() };
    if !last.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let letters: Vec<char> = last.chars().collect();
    (1..=MOST_CUT)
        .filter_map(|cut| letters.len().checked_sub(cut))
        .filter(|kept| *kept >= FEWEST_KEPT)
        .filter_map(|kept| {
            let shorter: String = letters[..kept].iter().collect();
            let mut cut_back = words.clone();
            cut_back.push(&shorter);
            phrases(&cut_back).map(|query| (query, shorter.clone()))
        })
        .collect()
}

/// The last searchable word of `text`, as [`fts_query`] and [`shortened_queries`] see
/// it: what a page names when it says the word was cut back.
pub fn last_word(text: &str) -> Option<&str> {
    query_words(text).pop()
}

/// The searchable words of `text`: split at whitespace and control characters, those
/// with no letter or digit dropped, at most [`MAX_TERMS`].
fn query_words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .take(MAX_TERMS)
        .collect()
}

/// `words` as quoted phrases, the last a prefix; `None` when there are none.
fn phrases(words: &[&str]) -> Option<String> {
    let last = words.len().checked_sub(1)?;
    let phrases: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let quoted = format!("\"{}\"", word.replace('"', "\"\""));
            if i == last {
                quoted + "*"
            } else {
                quoted
            }
        })
        .collect();
    Some(phrases.join(" "))
}

/// A piece of a snippet: plain text, or the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetPart {
    pub text: String,
    pub highlighted: bool,
}

/// Splits an FTS5 `snippet()` marked with [`MARK_START`] / [`MARK_END`] into parts.
///
/// Unbalanced or stray markers (a record could hold one) only change which text is
/// highlighted; they never reach the output, and empty parts are dropped.
pub fn snippet_parts(marked: &str) -> Vec<SnippetPart> {
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut text = String::new();
    let mut highlighted = false;
    let mut flush = |text: &mut String, highlighted: bool| {
        if !text.is_empty() {
            parts.push(SnippetPart { text: std::mem::take(text), highlighted });
        }
    };
    for c in marked.chars() {
        match c {
            MARK_START if !highlighted => {
                flush(&mut text, false);
                highlighted = true;
            }
            MARK_END if highlighted => {
                flush(&mut text, true);
                highlighted = false;
            }
            MARK_START | MARK_END => {}
            c => text.push(c),
        }
    }
    flush(&mut text, highlighted);
    parts
}

/// A title short enough for a result list: cut at a word boundary, with an ellipsis.
pub fn short_title(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= TITLE_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(TITLE_CHARS).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) if space > TITLE_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_word_is_quoted_and_the_last_is_a_prefix() {
        assert_eq!(fts_query("channel patrols").as_deref(), Some(r#""channel" "patrols"*"#));
        assert_eq!(fts_query("  returns ").as_deref(), Some(r#""returns"*"#));
    }

    #[test]
    fn empty_or_blank_text_is_no_query() {
        assert_eq!(fts_query(""), None);
        assert_eq!(fts_query(" \t\n "), None);
    }

    #[test]
    fn text_without_letters_or_digits_is_no_query() {
        assert_eq!(fts_query(r#"" * ( ) - ^"#), None);
    }

    #[test]
    fn double_quotes_are_doubled_inside_the_phrase() {
        assert_eq!(fts_query(r#"say"hello"#).as_deref(), Some(r#""say""hello"*"#));
        assert_eq!(fts_query(r#""quoted phrase""#).as_deref(), Some(r#""""quoted" "phrase"""*"#));
    }

    #[test]
    fn fts_operators_are_searched_as_words_not_obeyed() {
        assert_eq!(fts_query("libya OR france").as_deref(), Some(r#""libya" "OR" "france"*"#));
        assert_eq!(fts_query("NEAR(a b)").as_deref(), Some(r#""NEAR(a" "b)"*"#));
        assert_eq!(fts_query("title:secret*").as_deref(), Some(r#""title:secret*"*"#));
        assert_eq!(fts_query("NOT -x ^y").as_deref(), Some(r#""NOT" "-x" "^y"*"#));
    }

    #[test]
    fn control_characters_separate_words() {
        assert_eq!(fts_query("a\0b").as_deref(), Some(r#""a" "b"*"#));
        assert_eq!(fts_query("\0\u{2}\u{3}\u{7f}"), None);
        assert_eq!(fts_query("libya\u{1b}[0m").as_deref(), Some(r#""libya" "[0m"*"#));
    }

    #[test]
    fn the_last_word_is_cut_back_by_up_to_three_letters_keeping_four() {
        let cut = |text: &str| shortened_queries(text);
        assert_eq!(
            cut("libya cormora"),
            vec![
                (r#""libya" "cormor"*"#.to_owned(), "cormor".to_owned()),
                (r#""libya" "cormo"*"#.to_owned(), "cormo".to_owned()),
                (r#""libya" "corm"*"#.to_owned(), "corm".to_owned()),
            ]
        );
        assert_eq!(
            cut("detent"),
            vec![
                (r#""deten"*"#.to_owned(), "deten".to_owned()),
                (r#""dete"*"#.to_owned(), "dete".to_owned()),
            ]
        );
        assert_eq!(cut("Côtes").len(), 1, "letters, not bytes: Côte");
        assert!(cut("seas").is_empty(), "four letters are kept");
        assert!(cut("").is_empty());
    }

    #[test]
    fn the_last_word_is_the_one_the_query_cuts_back() {
        assert_eq!(last_word("libya cormora ."), Some("cormora"), "a word of no letter is dropped");
        assert_eq!(last_word("libya\u{1}cormora"), Some("cormora"));
        assert_eq!(last_word(" * "), None);
    }

    #[test]
    fn only_a_last_word_of_letters_is_cut_back() {
        assert!(shortened_queries("agreement 2024").is_empty());
        assert!(shortened_queries("UK-FR-2023").is_empty());
        assert!(shortened_queries(r#"say"hello"#).is_empty());
        assert!(shortened_queries("title:secret").is_empty());
    }

    #[test]
    fn only_the_first_words_are_used() {
        let many = (0..50).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        let query = fts_query(&many).unwrap_or_default();
        assert_eq!(query.matches('"').count(), MAX_TERMS * 2);
        assert!(query.ends_with(&format!("\"w{}\"*", MAX_TERMS - 1)));
    }

    fn part(text: &str, highlighted: bool) -> SnippetPart {
        SnippetPart { text: text.into(), highlighted }
    }

    #[test]
    fn snippet_splits_on_the_markers() {
        assert_eq!(
            snippet_parts("…joint \u{2}patrols\u{3} on the \u{2}coast\u{3}"),
            vec![
                part("…joint ", false),
                part("patrols", true),
                part(" on the ", false),
                part("coast", true)
            ]
        );
    }

    #[test]
    fn snippet_markup_stays_text() {
        let parts = snippet_parts("<script>\u{2}alert\u{3}(1)</script>");
        assert_eq!(
            parts,
            vec![part("<script>", false), part("alert", true), part("(1)</script>", false)]
        );
    }

    #[test]
    fn stray_markers_never_reach_the_text() {
        let parts = snippet_parts("a\u{3}b\u{2}c\u{2}d");
        assert_eq!(parts, vec![part("ab", false), part("cd", true)]);
        assert!(parts.iter().all(|p| !p.text.contains([MARK_START, MARK_END])));
    }

    #[test]
    fn short_titles_are_kept_and_long_ones_cut_at_a_word() {
        assert_eq!(short_title("Share data monthly."), "Share data monthly.");
        let long = "Accept the return of own nationals with no right to remain within 30 days of a verified request, and more.";
        let cut = short_title(long);
        assert!(cut.ends_with('…') && cut.chars().count() <= TITLE_CHARS + 1, "{cut}");
        assert!(long.starts_with(cut.trim_end_matches('…')));
        assert!(!cut.contains("ver…"), "{cut}");
    }
}
