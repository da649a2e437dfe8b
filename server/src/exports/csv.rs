//! CSV exports: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), the
//! marking alone on the first row, a header row of column names, then a row per
//! record, every text cell neutralised against formula injection
//! (`accord::export::neutralise`).

use super::{batches, chunk, row_error, Chunks, Export, Format};
use accord::export::ExportRow;
use axum::body::Bytes;
use futures_util::stream::StreamExt;

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

pub struct Csv;

impl Format for Csv {
    const EXTENSION: &'static str = "csv";
    const CONTENT_TYPE: &'static str = "text/csv; charset=utf-8";

    fn body<R: ExportRow + Send + 'static>(export: Export<R>) -> Chunks {
        let mut head = BOM.to_vec();
        let written = write(&mut head, |w| {
            // The marking row has one cell; the rows after it have one per column.
            w.write_record([export.marking.to_string()])?;
            w.write_record(R::COLUMNS)
        });
        if let Err(error) = written {
            return futures_util::stream::once(async move { Err(error) }).boxed();
        }
        let rows = batches(export.rows).map(|batch| {
            let mut out = Vec::with_capacity(batch.len() * 128);
            let mut records = Vec::with_capacity(batch.len());
            for row in batch {
                records.push(row.map_err(row_error)?);
            }
            write(&mut out, |w| {
                for record in &records {
                    w.write_record(record.cells().iter().map(|c| c.csv()))?;
                }
                Ok(())
            })?;
            Ok(Bytes::from(out))
        });
        chunk(head).chain(rows).boxed()
    }
}

/// Writes records with a CSV writer into `out` (flexible: the marking row is short).
fn write(
    out: &mut Vec<u8>,
    records: impl FnOnce(&mut csv::Writer<&mut Vec<u8>>) -> csv::Result<()>,
) -> Result<(), std::io::Error> {
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(out);
    records(&mut writer).map_err(std::io::Error::other)?;
    writer.flush()
}
