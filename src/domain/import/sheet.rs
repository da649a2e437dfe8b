//! Reading an import file: UTF-8 CSV (a byte-order mark allowed), the marking row the
//! exports write first (ignored), the header row, then one record a row; blank rows
//! are skipped. Cells the exports neutralised against formula injection (`'=…`) are
//! read back as they were.

use super::{thousands, ImportKind, MAX_BYTES, MAX_ROWS};

/// A file's records, each with its cells named by the header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub kind: ImportKind,
    pub rows: Vec<SheetRow>,
}

/// One record: its row number as a spreadsheet shows it and its (column, value) cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub number: usize,
    pub cells: Vec<(String, String)>,
}

impl SheetRow {
    /// The cell under `column`, trimmed (empty when absent).
    pub fn get(&self, column: &str) -> &str {
        self.cells.iter().find(|(c, _)| c == column).map_or("", |(_, v)| v.trim())
    }
}

/// Reads `bytes` as a file of `kind`, or says what is wrong with the file as a whole.
pub fn read(kind: ImportKind, bytes: &[u8]) -> Result<Sheet, String> {
    if bytes.len() > MAX_BYTES {
        return Err("The selected file must be smaller than 16 MB".to_owned());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("The selected file is empty".to_owned());
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    // The row a spreadsheet shows: lines before the record's start, less the line
    // breaks inside quoted cells (a spreadsheet counts records and blank lines).
    let (mut counted_to, mut lines, mut inner_breaks) = (0, 0, 0);
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| unreadable(e, index))?;
        // The position is where the reader stood: before the line breaks ending the
        // previous record and any blank lines; the record starts after them.
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
        while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        let start = start.max(counted_to).min(bytes.len());
        lines += bytes[counted_to..start].iter().filter(|b| **b == b'\n').count();
        counted_to = start;
        let number = lines + 1 - inner_breaks;
        inner_breaks += record.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        let values: Vec<&str> = record.iter().map(str::trim).collect();
        if values.iter().all(|v| v.is_empty()) {
            continue;
        }
        let Some(columns) = &header else {
            if is_header(kind, &values) {
                header = Some(check_header(kind, &values)?);
            } else if rows.is_empty() && values.iter().filter(|v| !v.is_empty()).count() == 1 {
                // The marking row the exports write first.
            } else {
                return Err(header_message(kind));
            }
            continue;
        };
        if rows.len() == MAX_ROWS {
            return Err(format!(
                "The selected file must have {} rows or fewer: split it into smaller files",
                thousands(MAX_ROWS)
            ));
        }
        let cells = columns
            .iter()
            .zip(record.iter().map(restore).chain(std::iter::repeat(String::new())))
            .map(|(c, v)| (c.clone(), v))
            .collect();
        rows.push(SheetRow { number, cells });
    }
    if header.is_none() {
        return Err(format!(
            "The selected file has no header row: the first row names the columns, like {}",
            kind.columns()[..3].join(", ")
        ));
    }
    Ok(Sheet { kind, rows })
}

fn unreadable(error: csv::Error, index: usize) -> String {
    let row = error.position().map_or(index + 1, |p| p.record() as usize + 1);
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            format!("The selected file must be a CSV file saved as UTF-8 (row {row} is not)")
        }
        _ => format!("The selected file could not be read as CSV (row {row})"),
    }
}

/// A row naming at least two of the kind's columns is meant as the header row.
fn is_header(kind: ImportKind, values: &[&str]) -> bool {
    values.iter().filter(|v| kind.columns().contains(v) || kind.ignored().contains(v)).count() >= 2
}

/// The header's columns, or one message naming every unknown, missing or repeated one.
fn check_header(kind: ImportKind, values: &[&str]) -> Result<Vec<String>, String> {
    let known = |v: &&str| kind.columns().contains(v) || kind.ignored().contains(v);
    let unknown: Vec<&str> = values.iter().copied().filter(|v| !known(v)).collect();
    let missing: Vec<&str> =
        kind.columns().iter().copied().filter(|c| !values.contains(c)).collect();
    let mut repeated: Vec<&str> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if values[..i].contains(v) && !repeated.contains(v) {
            repeated.push(v);
        }
    }
    if unknown.is_empty() && missing.is_empty() && repeated.is_empty() {
        return Ok(values.iter().map(|v| v.to_string()).collect());
    }
    let mut parts = Vec::new();
    let show = |names: &[&str]| {
        names
            .iter()
            .map(|n| if n.is_empty() { "(blank)" } else { n })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !unknown.is_empty() {
        parts.push(format!("unknown columns: {}", show(&unknown)));
    }
    if !missing.is_empty() {
        parts.push(format!("missing columns: {}", show(&missing)));
    }
    if !repeated.is_empty() {
        parts.push(format!("repeated columns: {}", show(&repeated)));
    }
    Err(format!(
        "The header row does not match the {} template ({}). Download the template to see the columns",
        kind.code().trim_end_matches('s'),
        parts.join("; ")
    ))
}

fn header_message(kind: ImportKind) -> String {
    format!(
        "The selected file has no header row naming the {} columns: download the template to see them",
        kind.code().trim_end_matches('s')
    )
}

/// A cell the exports prefixed with `'` (it began with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) as it was.
fn restore(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,text,agreement_id,agreement_reference,committing_party,owner,due_on,status,rag,overdue,marking,committing_party_code,category,next_review_on,strands";

    #[test]
    fn marking_row_bom_and_blank_rows_are_skipped_and_rows_numbered_as_shown() {
        let file = format!(
            "\u{feff}OFFICIAL\r\n{HEADER}\r\n\r\n1,'-2 boats,3,HO-LY-1,Libya,,,met,,no,OFFICIAL,LY,returns,,\r\n,\"two\nlines\",,HO-LY-1,,,,,,,OFFICIAL,LY,,,\r\n,third,,HO-LY-1,,,,,,,OFFICIAL,LY,,,\r\n"
        );
        let sheet = read(ImportKind::Commitments, file.as_bytes()).expect("readable");
        let numbers: Vec<usize> = sheet.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [4, 5, 6]);
        assert_eq!(sheet.rows[0].get("text"), "-2 boats");
        assert_eq!(sheet.rows[0].get("committing_party_code"), "LY");
    }

    #[test]
    fn unknown_and_missing_columns_are_named_in_one_message() {
        let file = "OFFICIAL\ntext,agreement_reference,colour\n";
        let message = read(ImportKind::Commitments, file.as_bytes()).expect_err("refused");
        assert!(message.contains("unknown columns: colour"), "{message}");
        assert!(message.contains("missing columns: owner, due_on"), "{message}");
    }

    #[test]
    fn a_file_without_a_header_is_refused() {
        assert!(read(ImportKind::Agreements, b"OFFICIAL\n").is_err());
        assert!(read(ImportKind::Agreements, b"").is_err());
        assert!(read(ImportKind::Agreements, b"a,b,c\n1,2,3\n").is_err());
    }

    #[test]
    fn too_many_rows_are_refused() {
        let mut file = format!("{HEADER}\n");
        for _ in 0..=MAX_ROWS {
            file.push_str(",x,,HO-LY-1,,,,,,,OFFICIAL,LY,,,\n");
        }
        let message = read(ImportKind::Commitments, file.as_bytes()).expect_err("refused");
        assert!(message.contains("20,000 rows or fewer"), "{message}");
    }
}
