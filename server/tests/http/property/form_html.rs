//! A form as its page renders it: what a browser would post as the form stands
//! (hidden fields included), and the values each choice offers.

use std::collections::BTreeMap;

/// The fields of one `<form>` and the values its selects, checkboxes and radios offer.
#[derive(Debug, Default, Clone)]
pub struct PageForm {
    /// What the browser would send, in page order.
    pub fields: Vec<(String, String)>,
    /// Every value offered per field name (blank options left out).
    pub options: BTreeMap<String, Vec<String>>,
}

impl PageForm {
    /// The form that posts to `action`, if the page has one.
    pub fn find(html: &str, action: &str) -> Option<PageForm> {
        let start = html.match_indices("<form").map(|(at, _)| at).find(|at| {
            let tag = &html[*at..*at + html[*at..].find('>').unwrap_or(0)];
            attr(tag, "action").as_deref() == Some(action)
        })?;
        let end = start + html[start..].find("</form>")?;
        Some(read(&html[start..end]))
    }

    /// Sets `name` to `value` (dropping any other values of it).
    pub fn set(&mut self, name: &str, value: &str) {
        self.fields.retain(|(k, _)| k != name);
        self.fields.push((name.to_owned(), value.to_owned()));
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn read(form: &str) -> PageForm {
    let mut out = PageForm::default();
    let mut rest = form;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else { break };
        let (tag, after) = (&rest[..=gt], &rest[gt + 1..]);
        rest = after;
        let Some(name) = attr(tag, "name") else { continue };
        if tag.starts_with("<input") {
            let value = attr(tag, "value").unwrap_or_default();
            match attr(tag, "type").as_deref().unwrap_or("text") {
                "checkbox" | "radio" => {
                    out.options.entry(name.clone()).or_default().push(value.clone());
                    if flag(tag, "checked") {
                        out.fields.push((name, value));
                    }
                }
                "submit" | "button" | "image" | "reset" | "file" => {}
                _ => out.fields.push((name, value)),
            }
        } else if tag.starts_with("<textarea") {
            let text = after.find("</textarea>").map_or("", |end| &after[..end]);
            out.fields.push((name, unescape(text)));
        } else if tag.starts_with("<select") {
            let body = after.find("</select>").map_or("", |end| &after[..end]);
            let options: Vec<(String, bool)> = body
                .match_indices("<option")
                .filter_map(|(at, _)| {
                    let tag = &body[at..at + body[at..].find('>')? + 1];
                    Some((attr(tag, "value").unwrap_or_default(), flag(tag, "selected")))
                })
                .collect();
            let chosen: Vec<&String> = options.iter().filter(|(_, s)| *s).map(|(v, _)| v).collect();
            match (chosen.as_slice(), options.first()) {
                ([], Some((first, _))) => out.fields.push((name.clone(), first.clone())),
                (chosen, _) => {
                    out.fields.extend(chosen.iter().map(|v| (name.clone(), (*v).clone())))
                }
            }
            let offered = options.into_iter().map(|(v, _)| v).filter(|v| !v.is_empty());
            out.options.entry(name).or_default().extend(offered);
        }
    }
    out
}

/// The value of attribute `name` in an opening tag, unescaped.
fn attr(tag: &str, name: &str) -> Option<String> {
    let marker = format!("{name}=\"");
    tag.match_indices(&marker).find_map(|(at, _)| {
        let before = tag[..at].chars().next_back()?;
        if !before.is_whitespace() {
            return None;
        }
        let value = &tag[at + marker.len()..];
        Some(unescape(&value[..value.find('"')?]))
    })
}

/// Whether a boolean attribute (`checked`, `selected`) is present in an opening tag.
fn flag(tag: &str, name: &str) -> bool {
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let mut in_quotes = false;
    let mut word = String::new();
    for c in inner.chars().chain([' ']) {
        match c {
            '"' => in_quotes = !in_quotes,
            c if !in_quotes && (c.is_whitespace() || c == '=') => {
                if word == name {
                    return true;
                }
                word.clear();
            }
            c if !in_quotes => word.push(c),
            _ => {}
        }
    }
    false
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[test]
fn a_form_reads_as_a_browser_would_send_it() {
    let html = r#"<form method="get" action="/x"><input name="no"></form>
        <form method="post" action="/a/1/edit"><input type="hidden" name="version" value="3">
        <input class="c" id="title" name="title" type="text" value="Tom &amp; &quot;Jerry&quot;">
        <input type="checkbox" name="strands" value="pursue" checked><input type="checkbox" name="strands" value="prevent">
        <select name="kind"><option value="">Choose</option><option value="treaty" selected>Treaty</option></select>
        <select name="caveat"><option value="">None</option><option value="SENSITIVE">S</option></select>
        <textarea name="summary">a &lt;b&gt;</textarea><button type="submit">Save</button></form>"#;
    let form = PageForm::find(html, "/a/1/edit").expect("the form");
    let fields: Vec<(&str, &str)> =
        form.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        fields,
        [
            ("version", "3"),
            ("title", "Tom & \"Jerry\""),
            ("strands", "pursue"),
            ("kind", "treaty"),
            ("caveat", ""),
            ("summary", "a <b>")
        ]
    );
    assert_eq!(form.options["strands"], ["pursue", "prevent"]);
    assert_eq!(form.options["caveat"], ["SENSITIVE"]);
}
