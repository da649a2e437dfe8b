//! A row of an import file as the form its record's page would post: the same field
//! names (`to_form`), so the forms' parsers check it. Dates stay `YYYY-MM-DD`, which
//! the form reader takes in place of the day, month and year boxes.

use crate::domain::{FormData, Level};

/// A UK body a `lead_department` cell may name: its id, name and short name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub short_name: String,
}

fn cell<'a>(cells: &'a [(String, String)], column: &str) -> &'a str {
    cells.iter().find(|(c, _)| c == column).map_or("", |(_, v)| v.trim())
}

/// A list cell (`LY;TN`, `pursue; protect`) as its values; `,` separates too.
fn list(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', ',']).map(str::trim).filter(|v| !v.is_empty())
}

fn copy(form: &mut FormData, cells: &[(String, String)], column: &str, field: &str) {
    form.push(field, cell(cells, column));
}

/// The form fields of an agreement row. An unknown lead department is passed on as a
/// value the form refuses with its own message ("Select a valid lead department").
pub fn agreement_form(cells: &[(String, String)], departments: &[Department]) -> FormData {
    let mut form = FormData::default();
    for column in ["reference", "title", "kind", "status", "legally_binding"] {
        copy(&mut form, cells, column, column);
    }
    for partner in list(cell(cells, "partner_codes")) {
        form.push("partners", partner);
    }
    for column in ["signed_on", "in_force_on", "expires_on"] {
        copy(&mut form, cells, column, column);
    }
    let department = cell(cells, "lead_department");
    let id = match department {
        "" => String::new(),
        name => departments
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name) || d.short_name.eq_ignore_ascii_case(name))
            .map_or_else(|| "unknown".to_owned(), |d| d.id.to_string()),
    };
    form.push("lead_department_id", id);
    for column in ["owner", "summary", "funding_gbp", "funding_note", "scope_tags"] {
        copy(&mut form, cells, column, column);
    }
    for strand in list(cell(cells, "strands")) {
        form.push("strands", strand);
    }
    marking_fields(cell(cells, "marking"), &mut form);
    for column in ["next_review_on", "supersedes", "amends"] {
        copy(&mut form, cells, column, column);
    }
    form
}

/// The form fields of a commitment row (the agreement is found by its reference).
pub fn commitment_form(cells: &[(String, String)]) -> FormData {
    let mut form = FormData::default();
    copy(&mut form, cells, "committing_party_code", "committing_party");
    for column in ["text", "category", "owner", "due_on", "status", "rag", "next_review_on"] {
        copy(&mut form, cells, column, column);
    }
    for strand in list(cell(cells, "strands")) {
        form.push("strands", strand);
    }
    marking_fields(cell(cells, "marking"), &mut form);
    form
}

/// A marking as the exports write it (`OFFICIAL-SENSITIVE`, `SECRET UK EYES ONLY`,
/// `SECRET SENSITIVE REL GBR, FRA`) as the classification, caveat and releasability
/// fields. The releasability is `UK EYES ONLY` or a `REL …` list and what follows; the
/// caveat is what lies between it and the level. Text that does not begin with a level
/// is passed on whole, for the form to refuse ("Select a classification").
pub fn marking_fields(text: &str, form: &mut FormData) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase();
    let level = [Level::TopSecret, Level::Secret, Level::Official].into_iter().find(|level| {
        text.strip_prefix(level.label())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '-']))
    });
    let Some(level) = level else {
        form.push("classification", text);
        form.push("caveat", "");
        form.push("releasability", "");
        return;
    };
    let rest = text[level.label().len()..].trim_start_matches(['-', ' ']);
    let release_at =
        [" UK EYES ONLY", " REL "].iter().filter_map(|start| format!(" {rest}").find(start)).min();
    let (caveat, releasability) = match release_at {
        Some(at) => {
            let padded = format!(" {rest}");
            (padded[..at].trim().to_owned(), padded[at..].trim().to_owned())
        }
        None => (rest.trim().to_owned(), String::new()),
    };
    form.push("classification", level.code());
    form.push("caveat", caveat);
    form.push("releasability", releasability);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Classification, FormReader};

    fn marking(text: &str) -> Classification {
        let mut form = FormData::default();
        marking_fields(text, &mut form);
        let mut reader = FormReader::new(&form);
        let marking = Classification::from_form(&mut reader);
        reader.finish(marking).expect("a valid marking")
    }

    #[test]
    fn markings_read_back_as_the_exports_write_them() {
        for text in [
            "OFFICIAL",
            "OFFICIAL-SENSITIVE",
            "SECRET UK EYES ONLY",
            "TOP SECRET",
            "SECRET SENSITIVE PERSONAL REL GBR, FRA",
            "OFFICIAL-SENSITIVE UK EYES ONLY",
            "OFFICIAL REL GBR, USA",
        ] {
            assert_eq!(marking(text).to_string(), text);
        }
        assert_eq!(marking("secret uk eyes only").releasability.as_deref(), Some("UK EYES ONLY"));
    }

    #[test]
    fn a_marking_without_a_level_is_the_forms_to_refuse() {
        let mut form = FormData::default();
        marking_fields("RESTRICTED", &mut form);
        let mut reader = FormReader::new(&form);
        Classification::from_form(&mut reader);
        assert_eq!(reader.errors.get("classification"), Some("Select a classification"));
    }

    #[test]
    fn lists_and_departments_become_form_values() {
        let cells: Vec<(String, String)> = [
            ("partner_codes", "LY; TN"),
            ("strands", "pursue;protect"),
            ("lead_department", "home office"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let departments =
            [Department { id: 1, name: "Home Office".into(), short_name: "HO".into() }];
        let form = agreement_form(&cells, &departments);
        assert_eq!(form.all("partners"), ["LY", "TN"]);
        assert_eq!(form.all("strands"), ["pursue", "protect"]);
        assert_eq!(form.text("lead_department_id"), "1");
        let unknown = agreement_form(&[("lead_department".into(), "Nowhere".into())], &departments);
        assert_eq!(unknown.text("lead_department_id"), "unknown");
    }
}
