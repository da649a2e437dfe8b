//! The roll-up rules: signs, the day looked back to, and each cell's link.

use super::*;
use crate::ListFilter;
use time::macros::date;

#[test]
fn changes_read_with_their_sign() {
    assert_eq!(signed(3), "+3");
    assert_eq!(signed(-2), "\u{2212}2");
    assert_eq!(signed(0), "0");
}

#[test]
fn the_change_looks_back_ninety_days() {
    assert_eq!(since(date!(2026 - 12 - 01)), date!(2026 - 09 - 02));
}

#[test]
fn each_cell_links_to_its_row_narrowed() {
    let row = Dimension::Partner.filter("LY");
    assert_eq!(row.to_query(), "partner=LY");
    assert_eq!(
        Cell::Status(CommitmentStatus::Met).filter(&row).to_query(),
        "partner=LY&status=met"
    );
    assert_eq!(Cell::Rag(None).filter(&row).to_query(), "partner=LY&rag=not_rated");
    assert_eq!(Cell::Overdue.filter(&row).to_query(), "partner=LY&overdue=true");
    assert_eq!(Cell::ReviewDue.filter(&row).to_query(), "partner=LY&review=due");
    let owner = Dimension::Owner.filter("Returns Policy Team");
    assert_eq!(owner.to_query(), "owner=Returns+Policy+Team&owner_match=exact");
    assert_eq!(Dimension::Department.filter("3").to_query(), "lead=3");
    assert_eq!(Dimension::Strand.filter("pursue").to_query(), "strand=pursue");
}

#[test]
fn a_cell_link_reads_back_as_the_same_filter() {
    for dimension in Dimension::ALL {
        let row = dimension.filter(match dimension {
            Dimension::Department => "7",
            Dimension::Strand => "prepare",
            _ => "Some key",
        });
        for cell in Cell::all() {
            let f = cell.filter(&row);
            let q = f.to_query();
            let pairs: Vec<(String, String)> = q
                .split('&')
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.replace('+', " ")))
                .collect();
            let back = CommitmentFilter::from_query(|k| {
                pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
            });
            let expected = CommitmentFilter {
                partner: f.partner.as_ref().map(|p| p.to_uppercase()),
                ..f.clone()
            };
            assert_eq!(back, expected, "{dimension:?} {cell:?}: {q}");
        }
    }
}

#[test]
fn counts_add_up_and_change_is_now_minus_then() {
    let mut a = RollupCounts { red: 3, then_red: 1, met: 1, then_met: 2, ..Default::default() };
    a.add(&RollupCounts { red: 1, total: 4, ..Default::default() });
    assert_eq!((a.red, a.total), (4, 4));
    assert_eq!(a.change(Change::Rag(Rag::Red)), 3);
    assert_eq!(a.change(Change::Met), -1);
    assert_eq!(a.get(Cell::Rag(Some(Rag::Red))), 4);
}
