//! A CSV's text cut into records by BurntSushi's `csv` crate, leniently as
//! spreadsheets need, each record with the line it starts on (as an editor
//! counts lines); a quote that is never closed is an error with its line.

use super::CsvError;
use zeroize::Zeroize;

/// One CSV record and the line it starts on. Its fields may hold a
/// password: wiped when dropped.
pub(super) struct Record {
    pub(super) line: usize,
    pub(super) fields: Vec<String>,
}

impl Record {
    pub(super) fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

impl Drop for Record {
    fn drop(&mut self) {
        self.fields.zeroize();
    }
}

/// Splits text (with `\n` line ends) into records with the `csv` crate:
/// RFC 4180, leniently (a quote inside an unquoted field, or after a
/// closing quote, is kept as a character; rows may have any number of
/// fields; blank lines are skipped). `first_line` is the line `text`
/// starts on.
pub(super) fn read_records(
    text: &str,
    sep: char,
    first_line: usize,
) -> Result<Vec<Record>, CsvError> {
    let Ok(delimiter) = u8::try_from(sep) else {
        return Err(CsvError::Empty);
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = ::csv::StringRecord::new();
    let mut last_start = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // The text is UTF-8 and every separator is ASCII: fields are
            // UTF-8 too, so this is not reached; reported all the same.
            Err(_) => {
                let line = reader.position().line() as usize;
                return Err(CsvError::NotUtf8 {
                    line: line + first_line - 1,
                });
            }
        }
        let (line, byte) = record
            .position()
            .map_or((1, 0), |p| (p.line() as usize, p.byte() as usize));
        // The position is taken before the blank lines the reader skips.
        let blank = text
            .get(byte..)
            .map_or(0, |rest| rest.bytes().take_while(|&b| b == b'\n').count());
        let line = line + blank;
        last_start = byte + blank;
        records.push(Record {
            line: line + first_line - 1,
            fields: record.iter().map(str::to_owned).collect(),
        });
    }
    // A quote never closed swallows the rest of the text into the last
    // record, which the reader accepts; it is an error here.
    if let Some(line) = open_quote_line(text.get(last_start..).unwrap_or(""), delimiter) {
        let before = text.get(..last_start).unwrap_or("");
        let line = first_line + before.matches('\n').count() + line;
        return Err(CsvError::UnterminatedQuote { line });
    }
    Ok(records)
}

/// The line (0-based, within `record`) of a quote that opens a field of the
/// raw `record` and never closes, as `csv` reads quotes: one opens a field
/// only as its first character, and `""` inside is a quote.
fn open_quote_line(record: &str, sep: u8) -> Option<usize> {
    let bytes = record.as_bytes();
    let (mut i, mut line, mut at_start) = (0, 0, true);
    while i < bytes.len() {
        match bytes[i] {
            b'"' if at_start => {
                let opened = line;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => return Some(opened),
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => break,
                        Some(b'\n') => {
                            line += 1;
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
                at_start = false;
            }
            b'\n' => {
                line += 1;
                at_start = true;
            }
            b if b == sep => at_start = true,
            _ => at_start = false,
        }
        i += 1;
    }
    None
}
