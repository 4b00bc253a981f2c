//! What can be wrong with a file, typed, each with what a person would fix.
//!
//! Every message that shows text from the file (a key, a stray character, a
//! word) shows it through [`quoted`], so no message carries a raw control
//! character. The CLI and the page both print a diagnostic's [`ErrorKind`]
//! as it displays itself, hint included, so they say the same thing.

use super::{MAX_INPUT_BYTES, MAX_USERS, MAX_VALUES};
use crate::path::{JsonPath, Position};
use crate::text::{escaped, quoted};
use std::fmt;

/// Why a file could not be read: one or more diagnostics, in text order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub diagnostics: Vec<Diagnostic>,
}

impl ParseError {
    pub(crate) fn one(kind: ErrorKind, at: Option<Position>) -> Self {
        ParseError {
            diagnostics: vec![Diagnostic {
                kind,
                path: None,
                at,
            }],
        }
    }

    /// The first diagnostic (there is always one).
    pub fn first(&self) -> &Diagnostic {
        &self.diagnostics[0]
    }

    /// Every position in the diagnostics, to fill in once their offsets are
    /// known.
    pub(crate) fn positions_mut(&mut self) -> Vec<&mut Position> {
        let mut out = Vec::new();
        for d in &mut self.diagnostics {
            let Diagnostic { kind, at, .. } = d;
            out.extend(at.as_mut());
            match kind {
                ErrorKind::DuplicateKey { first, .. } => out.push(first),
                ErrorKind::Syntax {
                    hint: Some(hint), ..
                } => out.extend(hint.position_mut()),
                _ => {}
            }
        }
        out
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// One thing wrong with the input, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: ErrorKind,
    /// The JSON path of the offending value, when the syntax around it was
    /// valid.
    pub path: Option<JsonPath>,
    /// Line and column, when the input was text.
    pub at: Option<Position>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = self.at {
            write!(f, "{at}: ")?;
        }
        if let Some(path) = &self.path {
            write!(f, "{path}: ")?;
        }
        write!(f, "{}", self.kind)
    }
}

/// What is wrong with the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge { len: usize },
    /// Nothing but white space.
    Empty,
    /// Starts with a UTF-16 byte order mark.
    Utf16,
    /// Not UTF-8 text.
    NotUtf8,
    /// Not JSON, and, when we can tell, what would fix it.
    Syntax { problem: Syntax, hint: Option<Hint> },
    /// Nested deeper than JSON readers allow (127 levels, as serde_json).
    TooDeep,
    /// More users or values than a file is read with.
    TooMany { what: Limit },
    /// A value of the wrong shape.
    WrongType { expected: Expected, found: Found },
    /// The same key twice in one object, at any depth; `first` is where it
    /// stood the first time.
    DuplicateKey { key: String, first: Position },
    /// More problems than are worth listing.
    TooManyProblems,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::TooLarge { len } => write!(
                f,
                "the file is {} MiB; files over {} MiB are not read",
                len.div_ceil(1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            ErrorKind::Empty => f.write_str("the file is empty"),
            ErrorKind::Utf16 => f.write_str("the file is UTF-16; save it as UTF-8"),
            ErrorKind::NotUtf8 => f.write_str("the file is not UTF-8 text"),
            ErrorKind::Syntax { problem, hint } => {
                write!(f, "{problem}")?;
                match hint {
                    Some(hint) => write!(f, "; {hint}"),
                    None => Ok(()),
                }
            }
            ErrorKind::TooDeep => f.write_str("the JSON is nested too deeply"),
            ErrorKind::TooMany { what } => write!(f, "{what}"),
            ErrorKind::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            ErrorKind::DuplicateKey { key, first } => write!(
                f,
                "the key {} appears twice (first at {first}); JSON readers keep only one of them",
                quoted(key)
            ),
            ErrorKind::TooManyProblems => f.write_str("too many problems; the rest are not listed"),
        }
    }
}

/// A limit that keeps the memory a file takes bounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// More than [`MAX_USERS`] users.
    Users,
    /// More than [`MAX_VALUES`] users, fields and group names in all.
    Values,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Users => write!(
                f,
                "the file has more than {} users; files with more are not read, to keep memory bounded",
                thousands(MAX_USERS)
            ),
            Limit::Values => write!(
                f,
                "the file has more than {} users, fields and group names in all; files with more are not read, to keep memory bounded",
                thousands(MAX_VALUES)
            ),
        }
    }
}

/// `1000000` as `1,000,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What is wrong with the JSON text itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Something else stands where a value must.
    ExpectedValue { found: Token },
    /// An object member must start with a key in double quotes.
    ExpectedKey { found: Token },
    /// A key must be followed by `:`.
    ExpectedColon { found: Token },
    /// After a member or an item: `,` or the closing bracket.
    ExpectedCommaOr { close: char, found: Token },
    /// A `,` right before a closing bracket.
    TrailingComma,
    /// More text after the root value.
    TrailingCharacters { found: Token },
    /// The text ends inside a string.
    EndInString,
    /// A character JSON only allows escaped, raw inside a string.
    ControlCharacter(char),
    /// A `\` that does not start one of JSON's escapes.
    InvalidEscape,
    /// Half of a UTF-16 surrogate pair, which cannot become text.
    LoneSurrogate,
    /// A number JSON does not allow (`01`, `1.`, `.5`, `-`, `1e`).
    InvalidNumber,
}

impl fmt::Display for Syntax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Syntax::ExpectedValue { found } => write!(f, "expected a value, found {found}"),
            Syntax::ExpectedKey { found } => {
                write!(f, "expected a key in double quotes, found {found}")
            }
            Syntax::ExpectedColon { found } => {
                write!(f, "expected `:` after the key, found {found}")
            }
            Syntax::ExpectedCommaOr { close, found } => {
                write!(f, "expected `,` or `{close}`, found {found}")
            }
            Syntax::TrailingComma => f.write_str("trailing comma"),
            Syntax::TrailingCharacters { found } => {
                write!(f, "trailing characters: {found} after the end of the JSON")
            }
            Syntax::EndInString => f.write_str("the file ends inside a string"),
            Syntax::ControlCharacter(c) => write!(
                f,
                "{} inside a string must be written as an escape",
                match c {
                    '\n' | '\r' => "a line break".to_owned(),
                    '\t' => "a tab".to_owned(),
                    c => format!("the control character {}", quoted(&c.to_string())),
                }
            ),
            Syntax::InvalidEscape => f.write_str("invalid escape in a string"),
            Syntax::LoneSurrogate => f.write_str("lone surrogate in a \\u escape"),
            Syntax::InvalidNumber => f.write_str("invalid number"),
        }
    }
}

/// What stood where something else was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// The end of the text.
    End,
    /// A string, a number, an object or an array.
    Value(Found),
    /// A word (`True`, `None`, `users`), at most 40 characters of it.
    /// Shown, like a character, through [`escaped`].
    Word(String),
    /// Any other character.
    Char(char),
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::End => f.write_str("the end of the file"),
            Token::Value(found) => write!(f, "{found}"),
            Token::Word(word) => write!(f, "`{}`", escaped(word)),
            Token::Char('`') => f.write_str("a backtick (`` ` ``)"),
            Token::Char(c) => write!(f, "`{}`", escaped(&c.to_string())),
        }
    }
}

/// What would most likely fix a syntax error, with the place to fix when it
/// is not where the error was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    /// A `,` is probably missing after the value that ends at `after`
    /// (at the end of its line, when the next value starts on another).
    MissingComma { after: Position, end_of_line: bool },
    /// The `,` at `at` has nothing after it.
    TrailingComma { at: Position },
    /// The bracket `open` opened at `at` is never closed.
    Unclosed { open: char, at: Position },
    /// The string opened at `at` is never closed.
    UnclosedString { at: Position },
    /// `'` quotes a string, but JSON takes only `"`.
    SingleQuotes,
    /// `//` or `/* */`, which JSON does not have.
    Comment,
    /// A key without quotes, such as `users`.
    UnquotedKey,
    /// `True`, `NULL`, `None`: JSON's words are `true`, `false` and `null`.
    Literal { json: &'static str },
    /// A control character to write as this escape (`\t`, `\u0001`).
    Escape(char),
}

impl Hint {
    fn position_mut(&mut self) -> Option<&mut Position> {
        match self {
            Hint::MissingComma { after: at, .. }
            | Hint::TrailingComma { at }
            | Hint::Unclosed { at, .. }
            | Hint::UnclosedString { at } => Some(at),
            _ => None,
        }
    }
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::MissingComma {
                after,
                end_of_line: true,
            } => write!(
                f,
                "a `,` is probably missing after line {}, at {after}",
                after.line
            ),
            Hint::MissingComma { after, .. } => {
                write!(f, "a `,` is probably missing at {after}")
            }
            Hint::TrailingComma { at } => write!(f, "remove the `,` at {at}"),
            Hint::Unclosed { open, at } => {
                write!(f, "the `{open}` opened at {at} is never closed")
            }
            Hint::UnclosedString { at } => write!(
                f,
                "the string opened at {at} is probably missing its closing `\"`"
            ),
            Hint::SingleQuotes => {
                f.write_str("JSON strings take double quotes (`\"`), not single quotes")
            }
            Hint::Comment => f.write_str("JSON has no comments (`//`, `/* */`); remove it"),
            Hint::UnquotedKey => f.write_str("keys take double quotes, as in `\"users\"`"),
            Hint::Literal { json } => write!(f, "JSON writes it `{json}`, in lower case"),
            Hint::Escape(c) => match c {
                '\n' => f.write_str("write it as `\\n`"),
                '\r' => f.write_str("write it as `\\r`"),
                '\t' => f.write_str("write it as `\\t`"),
                c => write!(f, "write it as `\\u{:04x}`", u32::from(*c)),
            },
        }
    }
}

/// The shape a place in the file needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    RootObject,
    UserArray,
    UserObject,
    NameArray,
    Name,
    Text,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::RootObject => "an object with \"users\" and \"groups\"",
            Expected::UserArray => "an array of users",
            Expected::UserObject => "a user object",
            Expected::NameArray => "an array of group names",
            Expected::Name => "a name (a string)",
            Expected::Text => "a string or null",
        })
    }
}

/// The kind of JSON value found where another was needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

impl Found {
    /// The kind of value a byte starts, if it starts one.
    pub(crate) fn starting(byte: u8) -> Option<Found> {
        Some(match byte {
            b'{' => Found::Object,
            b'[' => Found::Array,
            b'"' => Found::String,
            b'-' | b'0'..=b'9' => Found::Number,
            b't' | b'f' => Found::Bool,
            b'n' => Found::Null,
            _ => return None,
        })
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Found::Object => "an object",
            Found::Array => "an array",
            Found::String => "a string",
            Found::Number => "a number",
            Found::Bool => "a boolean",
            Found::Null => "null",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_with_thousands_separators() {
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn text_from_the_file_is_escaped_in_every_message() {
        let key = ErrorKind::DuplicateKey {
            key: "evil\u{1b}[2J".into(),
            first: Position::unresolved(0),
        };
        assert!(!key.to_string().contains('\u{1b}'), "{key}");
        let word = Syntax::ExpectedValue {
            found: Token::Word("x\u{7}".into()),
        };
        assert!(!word.to_string().contains('\u{7}'), "{word}");
        let c = Syntax::ControlCharacter('\u{1b}');
        assert!(!c.to_string().contains('\u{1b}'), "{c}");
    }
}
