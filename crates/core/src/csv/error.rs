//! Why a CSV cannot be read at all ([`CsvError`]: no header, an unknown
//! column, a quote never closed, bytes that are not text), and why one row
//! cannot be imported ([`RowError`], with the line it starts on).

use super::Column;
use crate::text::quoted;
use std::fmt;

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
