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
use crate::password::{self, PasswordError, PasswordHash};
use crate::plan::{ImportPlan, UserUpdate};
use crate::validate::is_plausible_email;
use std::collections::{HashMap, HashSet};
use std::fmt;

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
                let names: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
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
                write!(f, "{email:?} does not look like an email address")
            }
            RowProblem::DuplicateName { name, first_line } => {
                write!(f, "the user {name:?} is already on line {first_line}")
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
    /// A plaintext password: a secret, never printed by `Debug`.
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
    let mut records = read_records(text, separator, first_line)?.into_iter();
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
        let cell = |i: usize| record.fields[i].trim();
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
        if let Some(&first_line) = seen.get(&name.to_lowercase()) {
            bad_rows.push(bad(RowProblem::DuplicateName {
                name: name.to_owned(),
                first_line,
            }));
            continue;
        }
        seen.insert(name.to_lowercase(), line);
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

/// One CSV record and the line it starts on.
struct Record {
    line: usize,
    fields: Vec<String>,
}

impl Record {
    fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// Splits text into records (RFC 4180, leniently: a quote inside an
/// unquoted field, or after a closing quote, is kept as a character).
/// Line breaks inside quotes come out as `\n`.
fn read_records(text: &str, sep: char, first_line: usize) -> Result<Vec<Record>, CsvError> {
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = first_line;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut quote_line = line;
        let mut at_field_start = true;
        loop {
            let Some(c) = chars.next() else {
                if quoted {
                    return Err(CsvError::UnterminatedQuote { line: quote_line });
                }
                fields.push(field);
                break;
            };
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    '\r' | '\n' => {
                        if c == '\r' && chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        line += 1;
                        field.push('\n');
                    }
                    c => field.push(c),
                }
                continue;
            }
            match c {
                '"' if at_field_start => {
                    field.clear(); // only spaces stood before the quote
                    quoted = true;
                    quote_line = line;
                    at_field_start = false;
                }
                c if c == sep => {
                    fields.push(std::mem::take(&mut field));
                    at_field_start = true;
                }
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    fields.push(field);
                    break;
                }
                c => {
                    // Spaces before an opening quote do not make it literal.
                    if !(at_field_start && c == ' ') {
                        at_field_start = false;
                    }
                    field.push(c);
                }
            }
        }
        records.push(Record {
            line: start,
            fields,
        });
    }
    Ok(records)
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
        let mut out = self.changes.lines();
        out.extend(self.bad_rows.iter().map(|e| format!("bad-row {e}")));
        out
    }
}

impl fmt::Display for CsvPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "{line}")?;
        }
        Ok(())
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
            (n > 0).then(|| format!("{verb} {n} {}", if n == 1 { one } else { many }))
        };
        let parts: Vec<String> = [
            count(self.users_added.len(), "added", "user", "users"),
            count(self.users_updated.len(), "updated", "user", "users"),
            count(self.groups_added.len(), "declared", "group", "groups"),
            count(self.passwords_set, "hashed", "password", "passwords"),
            count(self.rows_skipped.len(), "skipped", "bad row", "bad rows"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            f.write_str("imported CSV: nothing changed")
        } else {
            write!(f, "imported CSV: {}", parts.join(", "))
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
                write!(f, "{} bad row", rows.len())?;
                if rows.len() != 1 {
                    f.write_str("s")?;
                }
                f.write_str(" (fix or skip them)")?;
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
/// plaintext (a secret, never printed by `Debug`).
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
    Update(usize, Box<UserUpdate>, User),
    Unchanged(String),
}

/// Maps group names to the file's spelling, ignoring letter case; a group
/// new to the file keeps the first spelling the CSV gives it.
struct GroupNames {
    /// Lower case to the spelling used.
    known: HashMap<String, String>,
    /// Lower case of the declared groups and of those to declare.
    declared: HashSet<String>,
    /// Groups to declare, in order of first mention.
    new: Vec<String>,
}

impl GroupNames {
    fn new(file: &UsersFile) -> Self {
        let mut known = HashMap::new();
        for g in file.all_groups() {
            known.entry(g.to_lowercase()).or_insert(g);
        }
        GroupNames {
            known,
            declared: file.groups.iter().map(|g| g.to_lowercase()).collect(),
            new: Vec::new(),
        }
    }

    fn map(&mut self, groups: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(groups.len());
        for g in groups {
            let folded = g.to_lowercase();
            let spelled = self
                .known
                .entry(folded.clone())
                .or_insert_with(|| g.clone())
                .clone();
            if self.declared.insert(folded) {
                self.new.push(spelled.clone());
            }
            if !out.contains(&spelled) {
                out.push(spelled);
            }
        }
        out
    }
}

/// Works out every row's action (without passwords: those are set by the
/// caller, so a preview never hashes).
fn plan_rows(file: &UsersFile, csv: &CsvUsers) -> (Vec<RowAction>, Vec<String>) {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, u) in file.users.iter().enumerate() {
        by_name.entry(u.user_name.to_lowercase()).or_insert(i);
    }
    let mut groups = GroupNames::new(file);
    let actions = csv
        .rows
        .iter()
        .map(|row| {
            let row_groups = row.groups.as_ref().map(|g| groups.map(g));
            match by_name.get(&row.name.to_lowercase()) {
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
                Some(&i) => {
                    let old = &file.users[i];
                    let mut user = old.clone();
                    let norm = |s: &Option<String>| s.clone().filter(|s| !s.is_empty());
                    let mut update = UserUpdate {
                        user_name: old.user_name.clone(),
                        password_changed: row.password.is_some(),
                        ..UserUpdate::default()
                    };
                    if let Some(d) = &row.display_name {
                        if norm(&old.display_name).as_ref() != Some(d) {
                            update.display_name = Some((norm(&old.display_name), Some(d.clone())));
                            user.set_display_name(Some(d.clone()));
                        }
                    }
                    if let Some(e) = &row.email {
                        if norm(&old.email_address) != *e {
                            update.email = Some((norm(&old.email_address), e.clone()));
                            user.set_email_address(e.clone());
                        }
                    }
                    if let Some(g) = row_groups {
                        update.groups_joined = g
                            .iter()
                            .filter(|x| !old.groups.contains(x))
                            .cloned()
                            .collect();
                        update.groups_left = old
                            .groups
                            .iter()
                            .filter(|x| !g.contains(x))
                            .cloned()
                            .collect();
                        if !update.groups_joined.is_empty() || !update.groups_left.is_empty() {
                            user.set_groups(g);
                        }
                    }
                    let unchanged = update
                        == UserUpdate {
                            user_name: old.user_name.clone(),
                            ..UserUpdate::default()
                        };
                    if unchanged {
                        RowAction::Unchanged(old.user_name.clone())
                    } else {
                        RowAction::Update(i, Box::new(update), user)
                    }
                }
            }
        })
        .collect();
    (actions, groups.new)
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
            RowAction::Update(_, update, _) => changes.users_updated.push(*update),
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
    let mut hashes = Vec::new();
    for job in password_jobs(csv) {
        hashes.push((job.row, password::hash(&job.password)?));
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
    if let Some(job) = password_jobs(csv)
        .into_iter()
        .find(|j| !hashes.contains_key(&j.row))
    {
        return Err(CsvApplyError::MissingHash {
            line: csv.rows[job.row].line,
        });
    }
    let (actions, groups_added) = plan_rows(file, csv);
    let mut done = CsvImported {
        rows_skipped: csv.bad_rows.clone(),
        ..CsvImported::default()
    };
    for (row, action) in actions.into_iter().enumerate() {
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
            RowAction::Update(i, _, mut user) => {
                done.passwords_set += set_password(&mut user);
                done.users_updated.push(user.user_name.clone());
                file.users[i] = user;
            }
            RowAction::Unchanged(_) => {}
        }
    }
    file.groups.extend(groups_added.iter().cloned());
    done.groups_added = groups_added;
    Ok(done)
}

/// The users of `file` as CSV (header [`HEADER`], CRLF line ends), without
/// secrets: the `Password` column is empty. `users` picks users by exact
/// name (unknown names are ignored); `None` takes all. Users come in file
/// order. Reading the text back with [`parse_csv`] gives the same names,
/// display names, emails and groups (a group name holding `;` cannot
/// survive that, as `;` separates groups).
///
/// ```
/// use proget_users_core::{csv::to_csv, model::{User, UsersFile}};
/// let mut file = UsersFile::new();
/// let mut user = User::new("jDoe");
/// user.set_display_name(Some("Doe, John".into()));
/// user.set_groups(vec!["Dev".into(), "Ops".into()]);
/// file.users.push(user);
/// assert_eq!(to_csv(&file, None), "Name,DisplayName,Email,Password,Groups\r\njDoe,\"Doe, John\",,,\"Dev;Ops\"\r\n");
/// ```
pub fn to_csv(file: &UsersFile, users: Option<&[&str]>) -> String {
    let wanted: Option<HashSet<&str>> = users.map(|u| u.iter().copied().collect());
    let mut out = String::with_capacity(64 + file.users.len() * 64);
    out.push_str(HEADER);
    out.push_str("\r\n");
    for user in &file.users {
        if wanted
            .as_ref()
            .is_some_and(|w| !w.contains(user.user_name.as_str()))
        {
            continue;
        }
        let groups = user.groups.join(";");
        write_record(
            &mut out,
            &[
                &user.user_name,
                user.display_name.as_deref().unwrap_or(""),
                user.email_address.as_deref().unwrap_or(""),
                "",
                &groups,
            ],
        );
    }
    out
}

/// Appends one CSV record with a CRLF, quoting fields that need it (those
/// holding `,`, `;`, a quote or a line break, or with surrounding spaces).
pub(crate) fn write_record(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let needs_quotes = field.contains([',', ';', '"', '\r', '\n', '\t'])
            || field.starts_with(' ')
            || field.ends_with(' ');
        if needs_quotes {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}
