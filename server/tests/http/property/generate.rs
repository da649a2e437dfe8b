//! Generated bad input: a small seeded generator (xorshift64*, so a failure replays
//! from its seed without a new crate) and the odd values it draws on.

use super::form_html::PageForm;

/// A deterministic pseudo-random sequence.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Text no form should choke on.
#[rustfmt::skip]
pub const ODD_TEXT: &[&str] = &[
    "a\0b", "\0", "\u{1}\u{2}\u{3}", "x\u{7f}", "\u{85}", "line\r\nbreak", "tab\there",
    "<script>alert(1)</script>", "'; DROP TABLE agreements; --", "\"", "%", "_", "%%__\\",
    "NEAR(a b)", "title:secret*", "😀", "\u{202e}rtl", "e\u{301}", "\u{feff}", "   ", "\u{fffd}",
    "ß", "İ", "ﬀ", "Ω", "null", "undefined", "-", ".", "..", "/",
];

/// Ids, codes and numbers that are not what the field wants.
#[rustfmt::skip]
pub const ODD_IDS: &[&str] = &[
    "999999", "0", "-1", "9223372036854775807", "9223372036854775808", "1e3", "0x10", "1.5",
    " 1", "abc", "ZZ", "GB", "XX", "gb", "lY", "L", "LYB", "NaN", "inf", "-0", "1e308", "",
];

/// Dates that are not, or only just, dates.
#[rustfmt::skip]
pub const ODD_DATES: &[&str] = &[
    "2026-02-30", "0000-01-01", "9999-12-31", "-0001-01-01", "+10000-01-01", "2026-1-1",
    "26-01-01", "2026-13-01", "2026-00-10", "1900-01-01", "2026/01/01", "today",
    "2026-01-01T00:00:00", " 2026-01-01 ", "2100-01-01", "1970-01-01",
];

/// Bytes as they appear in a url-encoded body: escapes of invalid UTF-8, a bare `%`,
/// and raw bytes that are not UTF-8 at all.
#[rustfmt::skip]
pub const RAW: &[&[u8]] = &[
    b"%FF", b"%FE%FF", b"%C3%28", b"%ED%A0%80", b"%F4%90%80%80", b"%00", b"%", b"%G1", b"%%",
    b"+", b"a\xffb", b"\xc3", b"%E2%82", b"=", b"&&",
];

/// A value as it goes into a body: text to encode, or bytes already encoded.
#[derive(Debug, Clone)]
pub enum Value {
    Text(String),
    Raw(Vec<u8>),
}

/// A generated body: fields in order, and the content type to send it as.
#[derive(Debug, Clone)]
pub struct Body {
    pub fields: Vec<(String, Value)>,
    pub content_type: &'static str,
}

pub const FORM_TYPE: &str = "application/x-www-form-urlencoded";

impl Body {
    /// The fields as text pairs, when every value is text and the type is a form's.
    pub fn text_pairs(&self) -> Option<Vec<(&str, &str)>> {
        if self.content_type != FORM_TYPE {
            return None;
        }
        self.fields
            .iter()
            .map(|(k, v)| match v {
                Value::Text(t) => Some((k.as_str(), t.as_str())),
                Value::Raw(_) => None,
            })
            .collect()
    }

    /// The url-encoded body, raw values as they are.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, (k, v)) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push(b'&');
            }
            out.extend(encode(k.as_bytes()));
            out.push(b'=');
            match v {
                Value::Text(t) => out.extend(encode(t.as_bytes())),
                Value::Raw(bytes) => out.extend_from_slice(bytes),
            }
        }
        out
    }

    /// What the body is, short enough for a failure message (long values cut).
    pub fn describe(&self) -> String {
        let fields: Vec<String> = self
            .fields
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::Text(t) => format!("{t:?}"),
                    Value::Raw(bytes) => format!("raw {:?}", String::from_utf8_lossy(bytes)),
                };
                let cut: String = v.chars().take(60).collect();
                let more = v.chars().count().saturating_sub(60);
                if more > 0 {
                    format!("{k}={cut}…(+{more})")
                } else {
                    format!("{k}={cut}")
                }
            })
            .collect();
        format!("[{}] {}", self.content_type, fields.join(" "))
    }
}

fn encode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b),
            b' ' => out.push(b'+'),
            _ => out.extend(format!("%{b:02X}").bytes()),
        }
    }
    out
}

/// Over-long text of one repeated character (`len` characters).
fn long(rng: &mut Rng) -> String {
    let len = *rng.pick(&[121, 201, 301, 1001, 2001, 5001, 20_000, 120_000]);
    let c = *rng.pick(&['x', 'é', '😀', ' ']);
    std::iter::repeat_n(c, len).collect::<String>() + "x"
}

/// An odd value of any kind.
pub fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => Value::Text(rng.pick(ODD_TEXT).to_string()),
        1 => Value::Text(rng.pick(ODD_IDS).to_string()),
        2 => Value::Text(rng.pick(ODD_DATES).to_string()),
        3 => Value::Raw(rng.pick(RAW).to_vec()),
        4 => Value::Text(long(rng)),
        _ => Value::Text(format!("{}{}", rng.pick(ODD_TEXT), rng.pick(ODD_IDS))),
    }
}

/// Names a form does not have, or has in another shape.
#[rustfmt::skip]
const EXTRA_NAMES: &[&str] = &[
    "foo", "id", "version", "reference[]", "strands", "", "leg_99_partner", "leg_0_partner",
    "leg_41_partner", "leg_1_order", "leg_2_role", "superseded_by", "csrf", "_method",
];

/// `form` changed in one to three ways (or, now and then, not at all).
pub fn mutate(rng: &mut Rng, form: &PageForm) -> Body {
    let mut fields: Vec<(String, Value)> =
        form.fields.iter().map(|(k, v)| (k.clone(), Value::Text(v.clone()))).collect();
    let mut content_type = FORM_TYPE;
    // Mostly one change, so each bad value meets an otherwise valid form.
    let changes = match rng.below(100) {
        0..=7 => 0,
        8..=69 => 1,
        _ => 2 + rng.below(2),
    };
    for _ in 0..changes {
        let at = if fields.is_empty() { None } else { Some(rng.below(fields.len())) };
        match (rng.below(10), at) {
            (0, Some(at)) => {
                let name = fields[at].0.clone();
                fields.retain(|(k, _)| *k != name); // missing
            }
            (1, Some(at)) => fields[at].1 = Value::Text(String::new()),
            (2, Some(at)) => fields[at].1 = Value::Text(long(rng)),
            (3, Some(at)) => {
                // Another field's value, or an offered value of another field: wrong type.
                let from = rng.below(fields.len());
                fields[at].1 = fields[from].1.clone();
                if let Some(values) =
                    form.options.values().nth(rng.below(form.options.len().max(1)))
                {
                    if !values.is_empty() && rng.chance(50) {
                        fields[at].1 = Value::Text(rng.pick(values.as_slice()).clone());
                    }
                }
            }
            (4, Some(at)) => {
                let name = fields[at].0.clone();
                let value = odd_value(rng);
                fields.insert(at + 1, (name, value)); // repeated
            }
            (5, _) => {
                let name = rng.pick(EXTRA_NAMES).to_string();
                let value = odd_value(rng);
                fields.push((name, value));
            }
            (6, _) if rng.chance(25) => {
                content_type = *rng.pick(&[
                    "text/plain",
                    "multipart/form-data; boundary=x",
                    "application/json",
                    "application/x-www-form-urlencoded; charset=iso-8859-1",
                ]);
            }
            (_, Some(at)) => fields[at].1 = odd_value(rng),
            (_, None) => fields.push(("x".into(), odd_value(rng))),
        }
    }
    Body { fields, content_type }
}

/// One change to a form.
#[derive(Debug, Clone)]
pub enum Change {
    /// Leave the field out.
    Drop(String),
    /// Send this value for the field (its only value).
    Set(String, Value),
    /// One to three generated changes ([`mutate`]).
    Random,
}

/// Values each field is given in turn, one field at a time, the rest left valid: the
/// cases found by hand before (a NUL byte, an id or code that names nothing, a date
/// that is not one, text over any limit, a byte that is not UTF-8).
fn one_at_a_time_values() -> Vec<Value> {
    let text = |t: &str| Value::Text(t.to_owned());
    vec![
        text("a\0b"),
        text("999999"),
        text("ZZ"),
        text("-1"),
        text("2026-02-30"),
        text(&"x".repeat(5001)),
        Value::Raw(b"%FF".to_vec()),
    ]
}

/// Every field of `form` left out, then given each odd value, one change per post.
pub fn one_at_a_time(form: &PageForm) -> Vec<Change> {
    let mut names: Vec<&String> = form.fields.iter().map(|(k, _)| k).collect();
    names.dedup();
    let mut changes = Vec::new();
    for name in names {
        changes.push(Change::Drop(name.clone()));
        for value in one_at_a_time_values() {
            changes.push(Change::Set(name.clone(), value));
        }
    }
    changes
}

/// `form` with `change` made.
pub fn apply(rng: &mut Rng, form: &PageForm, change: &Change) -> Body {
    let text = |f: &PageForm| -> Vec<(String, Value)> {
        f.fields.iter().map(|(k, v)| (k.clone(), Value::Text(v.clone()))).collect()
    };
    let fields = match change {
        Change::Random => return mutate(rng, form),
        Change::Drop(name) => text(form).into_iter().filter(|(k, _)| k != name).collect(),
        Change::Set(name, value) => {
            let mut fields: Vec<(String, Value)> =
                text(form).into_iter().filter(|(k, _)| k != name).collect();
            fields.push((name.clone(), value.clone()));
            fields
        }
    };
    Body { fields, content_type: FORM_TYPE }
}

/// Query parameter names the list pages read, and some they do not.
#[rustfmt::skip]
pub const QUERY_NAMES: &[&str] = &[
    "partner", "route", "kind", "status", "strand", "legally_binding", "lead", "owner",
    "review_before", "classification", "sort", "dir", "page", "agreement", "rag", "overdue",
    "due_before", "data_category", "direction", "osja", "review_due", "name", "region",
    "sub_region", "q", "foo", "",
];

/// A query string of one to four generated parameters (at most one over-long value,
/// so the address stays under the server's header limit).
pub fn query(rng: &mut Rng) -> String {
    let mut parts = Vec::new();
    let mut long_used = false;
    for _ in 0..1 + rng.below(4) {
        let name = rng.pick(QUERY_NAMES);
        let value = match odd_value(rng) {
            Value::Text(t) if t.len() > 200 => {
                if long_used {
                    "x".to_owned()
                } else {
                    long_used = true;
                    "x".repeat(*rng.pick(&[201, 5_000, 60_000]))
                }
            }
            Value::Text(t) => String::from_utf8_lossy(&encode(t.as_bytes())).into_owned(),
            Value::Raw(bytes) => {
                String::from_utf8_lossy(&bytes).replace(|c: char| !c.is_ascii_graphic(), "%FF")
            }
        };
        parts.push(format!("{name}={value}"));
    }
    parts.join("&")
}
