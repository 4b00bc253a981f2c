//! Reading a users CSV: the records become good rows ([`CsvRow`]) and bad
//! ones ([`RowError`]), every cell trimmed, taken out of its spreadsheet
//! quoting ([`undefuse`]) and checked: a name, a plausible email, each user
//! once. What a cell means is in the [module docs](super).

use super::defuse::undefuse;
use super::{records, sniff, Column, CsvError, RowError, RowProblem};
use crate::names;
use crate::validate::is_plausible_email;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::borrow::Cow;
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// A CSV read by [`parse_csv`]: the good rows and the bad ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvUsers {
    /// The field separator found: `,`, `;` or a tab.
    pub separator: char,
    /// The header's columns, in order (`None` for a blank header cell,
    /// whose column is ignored).
    pub columns: Vec<Option<Column>>,
    /// The rows that can be imported, in CSV order.
    pub rows: Vec<CsvRow>,
    /// The rows that cannot, in CSV order.
    pub bad_rows: Vec<RowError>,
}

impl CsvUsers {
    /// Whether the header has `column`.
    pub fn has_column(&self, column: Column) -> bool {
        self.columns.contains(&Some(column))
    }
}

/// One good row. `None` means "leave as it is" (an absent column, or an
/// empty cell where that means no change; see the [module docs](super)).
#[derive(Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// The 1-based line the row starts on.
    pub line: usize,
    pub name: String,
    pub display_name: Option<String>,
    /// `Some(None)`: remove the address.
    pub email: Option<Option<String>>,
    /// A plaintext password: a secret, never printed by `Debug` and wiped
    /// when the row is dropped.
    pub password: Option<String>,
    /// `Some(vec![])`: leave every group.
    pub groups: Option<Vec<String>>,
}

impl fmt::Debug for CsvRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CsvRow")
            .field("line", &self.line)
            .field("name", &self.name)
            .field("display_name", &self.display_name)
            .field("email", &self.email)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("groups", &self.groups)
            .finish()
    }
}

impl Drop for CsvRow {
    /// Wipes the plaintext password.
    fn drop(&mut self) {
        self.password.zeroize();
    }
}

/// Reads CSV bytes: UTF-8 (with or without a byte order mark), or UTF-16
/// with a byte order mark (Excel's "Unicode text").
pub fn parse_csv_bytes(bytes: &[u8]) -> Result<CsvUsers, CsvError> {
    match sniff::decode(bytes)? {
        Cow::Borrowed(text) => parse_csv(text),
        // Decoded from UTF-16: a copy that may hold passwords, wiped.
        Cow::Owned(text) => parse_csv(&Zeroizing::new(text)),
    }
}

/// Reads a users CSV (see the [module docs](super) for what it accepts).
/// Fails only when the whole text is unusable: no header, an unknown or
/// missing column, a quote never closed. Problems of single rows are in
/// [`CsvUsers::bad_rows`].
///
/// ```
/// use proget_users_core::csv::{parse_csv, RowProblem};
/// let users = parse_csv("\u{feff}name,email\n\"Doe, John\",j@example.com\n,x@example.com\n").unwrap();
/// assert_eq!(users.rows[0].name, "Doe, John");
/// assert_eq!(users.bad_rows[0].line, 3);
/// assert_eq!(users.bad_rows[0].problem, RowProblem::EmptyName);
/// ```
pub fn parse_csv(text: &str) -> Result<CsvUsers, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (separator, text, first_line) = sniff::separator_of(text);
    // The reader counts lines by `\n`; CR and CRLF line ends become `\n`
    // first (inside quotes too, as the docs promise), so every line is
    // counted as an editor shows it. The copy may hold passwords: wiped.
    let text: Zeroizing<String> = Zeroizing::new(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    });
    let records = records::read_records(&text, separator, first_line)?;
    let mut records = records.into_iter();
    let header = loop {
        match records.next() {
            None => return Err(CsvError::Empty),
            Some(r) if r.is_blank() => continue,
            Some(r) => break r,
        }
    };
    let columns = header_columns(&header.fields)?;
    let at = |c: Column| columns.iter().position(|x| *x == Some(c));
    let (name_at, display_at, email_at, password_at, groups_at) = (
        at(Column::Name).unwrap_or(0),
        at(Column::DisplayName),
        at(Column::Email),
        at(Column::Password),
        at(Column::Groups),
    );

    let mut rows = Vec::new();
    let mut bad_rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in records {
        if record.is_blank() {
            continue;
        }
        let line = record.line;
        let bad = |problem| RowError { line, problem };
        if record.fields.len() != columns.len() {
            bad_rows.push(bad(RowProblem::FieldCount {
                expected: columns.len(),
                found: record.fields.len(),
            }));
            continue;
        }
        let cell = |i: usize| undefuse(record.fields[i].trim()).trim();
        let name = cell(name_at);
        if name.is_empty() {
            bad_rows.push(bad(RowProblem::EmptyName));
            continue;
        }
        if name.chars().any(char::is_control) {
            bad_rows.push(bad(RowProblem::ControlCharacterInName));
            continue;
        }
        let email = email_at.map(cell);
        if let Some(email) = email.filter(|e| !e.is_empty() && !is_plausible_email(e)) {
            bad_rows.push(bad(RowProblem::ImplausibleEmail(email.to_owned())));
            continue;
        }
        let folded = names::fold(name).into_owned();
        if let Some(&first_line) = seen.get(&folded) {
            bad_rows.push(bad(RowProblem::DuplicateName {
                name: name.to_owned(),
                first_line,
            }));
            continue;
        }
        seen.insert(folded, line);
        let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        rows.push(CsvRow {
            line,
            name: name.to_owned(),
            display_name: display_at.map(cell).and_then(non_empty),
            email: email.map(non_empty),
            password: password_at
                .map(|i| record.fields[i].as_str())
                .and_then(non_empty),
            groups: groups_at.map(|i| split_groups(cell(i))),
        });
    }
    Ok(CsvUsers {
        separator,
        columns,
        rows,
        bad_rows,
    })
}

/// The groups of a `Groups` cell: split on `;`, trimmed, blanks dropped,
/// each once.
fn split_groups(cell: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    cell.split(';')
        .map(str::trim)
        .filter(|g| !g.is_empty() && seen.insert(g.to_string()))
        .map(str::to_owned)
        .collect()
}

fn header_columns(cells: &[String]) -> Result<Vec<Option<Column>>, CsvError> {
    let mut columns = Vec::with_capacity(cells.len());
    let mut unknown = Vec::new();
    for cell in cells {
        let cell = cell.trim();
        if cell.is_empty() {
            columns.push(None);
            continue;
        }
        match Column::from_header(cell) {
            Some(c) if columns.contains(&Some(c)) => return Err(CsvError::DuplicateColumn(c)),
            Some(c) => columns.push(Some(c)),
            None => unknown.push(cell.to_owned()),
        }
    }
    if !unknown.is_empty() {
        return Err(CsvError::UnknownColumns(unknown));
    }
    if !columns.contains(&Some(Column::Name)) {
        return Err(CsvError::MissingColumns(vec![Column::Name]));
    }
    Ok(columns)
}
