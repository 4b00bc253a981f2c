//! Reading a file, with diagnostics that say where.
//!
//! Reading goes in two passes. serde_json first checks the syntax (with its
//! nesting limit, so 100,000 open brackets are an error, not a stack
//! overflow) and reports line and column. A small scanner then walks the
//! now-valid text to build the [`UsersFile`], noting where each user and
//! field stands, and reports every value of the wrong shape with its JSON path
//! and position. Nothing here panics on input, and input larger than
//! [`MAX_INPUT_BYTES`] is refused before anything is allocated for it.
//!
//! ```
//! use proget_users_core::parse::parse;
//! let err = parse(b"{\n  \"users\": {}\n}").unwrap_err();
//! assert_eq!(err.to_string(), "2:12: $.users: expected an array of users, found an object");
//! ```

use crate::model::{Key, RootField, TextStyle, User, UserField, UsersFile};
use crate::path::{JsonPath, LineIndex, Position, Segment};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

/// The largest file we read: 64 MiB, about a quarter of a million users.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// How many shape diagnostics one read reports before it stops counting.
const MAX_DIAGNOSTICS: usize = 100;

/// A file read from text, with where its parts stood.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub file: UsersFile,
    pub source: SourceMap,
}

/// Why a file could not be read: one or more diagnostics, in text order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub diagnostics: Vec<Diagnostic>,
}

impl ParseError {
    fn one(kind: ErrorKind, path: Option<JsonPath>, at: Option<Position>) -> Self {
        ParseError {
            diagnostics: vec![Diagnostic { kind, path, at }],
        }
    }

    /// The first diagnostic (there is always one).
    pub fn first(&self) -> &Diagnostic {
        &self.diagnostics[0]
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
    /// The JSON path of the offending value, once the syntax is valid.
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
    /// Not JSON: serde_json's message, without its position.
    Syntax(String),
    /// Nested deeper than serde_json allows (128 levels).
    TooDeep,
    /// A value of the wrong shape.
    WrongType { expected: Expected, found: Found },
    /// The same key twice in one object.
    DuplicateKey(String),
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
            ErrorKind::Syntax(message) => f.write_str(message),
            ErrorKind::TooDeep => f.write_str("the JSON is nested too deeply"),
            ErrorKind::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            ErrorKind::DuplicateKey(key) => write!(f, "the key \"{key}\" appears twice"),
            ErrorKind::TooManyProblems => f.write_str("too many problems; the rest are not listed"),
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

/// Where the parts of a read file stood in its text, to turn a
/// [`JsonPath`] into a line and column.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    root: Option<Position>,
    root_keys: Vec<(String, Position)>,
    users: Vec<UserSource>,
    groups: Vec<Position>,
}

#[derive(Clone, Debug, Default)]
struct UserSource {
    start: Option<Position>,
    keys: Vec<(String, Position)>,
    groups: Vec<Position>,
}

impl SourceMap {
    /// The position of the value at `path`, or of the nearest enclosing
    /// value that was noted.
    pub fn locate(&self, path: &JsonPath) -> Option<Position> {
        let segments = path.0.as_slice();
        let key_at = |keys: &[(String, Position)], k: &str| {
            keys.iter().find(|(name, _)| name == k).map(|(_, p)| *p)
        };
        let root_key = |k: &str| key_at(&self.root_keys, k);
        match segments {
            [] => self.root,
            [Segment::Key(k), Segment::Index(i), rest @ ..] if k == "users" => {
                let Some(user) = self.users.get(*i) else {
                    return root_key(k);
                };
                let field = match rest {
                    [Segment::Key(g), Segment::Index(j), ..] if g == "groups" => user
                        .groups
                        .get(*j)
                        .copied()
                        .or_else(|| key_at(&user.keys, g)),
                    [Segment::Key(f), ..] => key_at(&user.keys, f),
                    _ => None,
                };
                field.or(user.start)
            }
            [Segment::Key(k), Segment::Index(i), ..] if k == "groups" => {
                self.groups.get(*i).copied().or_else(|| root_key(k))
            }
            [Segment::Key(k), ..] => root_key(k).or(self.root),
            _ => self.root,
        }
    }
}

/// Reads a users-and-groups file from bytes.
///
/// Accepts a UTF-8 byte order mark and CRLF line ends (both are kept for
/// writing). Fails with every wrong shape found, each with its path and
/// position; a syntax error is reported alone.
pub fn parse(input: &[u8]) -> Result<Parsed, ParseError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(ParseError::one(
            ErrorKind::TooLarge { len: input.len() },
            None,
            None,
        ));
    }
    if input.starts_with(&[0xFF, 0xFE]) || input.starts_with(&[0xFE, 0xFF]) {
        return Err(ParseError::one(ErrorKind::Utf16, None, None));
    }
    let (bom, body) = match input.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default();
            let at = LineIndex::new(valid).position(valid, valid.len());
            return Err(ParseError::one(ErrorKind::NotUtf8, None, Some(at)));
        }
    };
    parse_str_with_bom(text, bom)
}

/// Reads a users-and-groups file from text (a leading byte order mark is
/// accepted and kept).
pub fn parse_str(text: &str) -> Result<Parsed, ParseError> {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => parse_str_with_bom(rest, true),
        None => parse_str_with_bom(text, false),
    }
}

fn parse_str_with_bom(text: &str, bom: bool) -> Result<Parsed, ParseError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ParseError::one(
            ErrorKind::TooLarge { len: text.len() },
            None,
            None,
        ));
    }
    if text.trim().is_empty() {
        return Err(ParseError::one(ErrorKind::Empty, None, None));
    }
    let lines = LineIndex::new(text);
    check_syntax(text, &lines)?;
    let mut builder = Builder {
        scan: Scanner { text, pos: 0 },
        lines: &lines,
        line_hint: 0,
        diagnostics: Vec::new(),
        source: SourceMap::default(),
    };
    let mut file = builder.root();
    if !builder.diagnostics.is_empty() {
        return Err(ParseError {
            diagnostics: builder.diagnostics,
        });
    }
    let trimmed = text.trim_end_matches([' ', '\t']);
    file.style = TextStyle {
        bom,
        crlf: text.contains("\r\n"),
        final_newline: trimmed.ends_with('\n'),
    };
    Ok(Parsed {
        file,
        source: builder.source,
    })
}

/// serde_json's nesting limit, which we keep for values we hand to it.
const MAX_DEPTH: usize = 128;

/// Checks the nesting depth (iteratively), then the syntax with serde_json,
/// which knows JSON best.
fn check_syntax(text: &str, lines: &LineIndex) -> Result<(), ParseError> {
    if let Some(offset) = too_deep_at(text) {
        let at = lines.position(text, offset);
        return Err(ParseError::one(ErrorKind::TooDeep, None, Some(at)));
    }
    let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) else {
        // serde_json skips `\u` escapes without checking them; half a
        // surrogate pair cannot become text, so it must not pass quietly.
        return match lone_surrogate_at(text) {
            Some(offset) => Err(ParseError::one(
                ErrorKind::Syntax("lone surrogate in a \\u escape".to_owned()),
                None,
                Some(lines.position(text, offset)),
            )),
            None => Ok(()),
        };
    };
    let message = e.to_string();
    // serde_json appends " at line L column C"; we give the position apart.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    let mut offset = lines.offset_of_byte_column(text, e.line(), e.column());
    // serde_json counts bytes, so its column can fall inside a character.
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let at = lines.position(text, offset);
    let before = text[..offset].trim_end();
    let closing = matches!(text.as_bytes().get(offset), Some(b'}' | b']'));
    let message = if closing && before.ends_with(',') {
        "trailing comma".to_owned()
    } else {
        message
    };
    Err(ParseError::one(ErrorKind::Syntax(message), None, Some(at)))
}

/// The offset of the first `\u` escape in `text` (valid JSON) that is half
/// of a UTF-16 surrogate pair. Backslashes only occur in strings there.
fn lone_surrogate_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let hex = |at: usize| {
        let digits = bytes.get(at + 2..at + 6)?;
        u16::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let mut i = 0;
    while let Some(found) = text.get(i..).and_then(|rest| rest.find('\\')) {
        i += found;
        if bytes.get(i + 1) != Some(&b'u') {
            i += 2;
            continue;
        }
        match hex(i) {
            Some(0xD800..=0xDBFF) => {
                let low = bytes.get(i + 6..i + 8) == Some(b"\\u".as_slice())
                    && matches!(hex(i + 6), Some(0xDC00..=0xDFFF));
                if !low {
                    return Some(i);
                }
                i += 12;
            }
            Some(0xDC00..=0xDFFF) => return Some(i),
            _ => i += 6,
        }
    }
    None
}

/// The offset of the first bracket nested deeper than [`MAX_DEPTH`].
fn too_deep_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A cursor over text that is already known to be valid JSON.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes().get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes().get(self.pos).copied()
    }

    /// Consumes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn found(&mut self) -> Found {
        match self.peek() {
            Some(b'{') => Found::Object,
            Some(b'[') => Found::Array,
            Some(b'"') => Found::String,
            Some(b't' | b'f') => Found::Bool,
            Some(b'n') => Found::Null,
            _ => Found::Number,
        }
    }

    /// The raw span of a string literal starting at the cursor, quotes included.
    fn string_span(&mut self) -> (usize, usize) {
        self.skip_ws();
        let start = self.pos;
        let bytes = self.bytes();
        let mut i = start + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => break,
                _ => i += 1,
            }
        }
        self.pos = (i + 1).min(bytes.len());
        (start, self.pos)
    }

    /// Reads a string literal, decoding escapes only when there are some.
    fn string(&mut self) -> Cow<'a, str> {
        let (start, end) = self.string_span();
        let raw = &self.text[start..end];
        let inner = &raw[1..raw.len().saturating_sub(1).max(1)];
        if inner.contains('\\') {
            Cow::Owned(serde_json::from_str::<String>(raw).unwrap_or_default())
        } else {
            Cow::Borrowed(inner)
        }
    }

    /// Skips one value without recursion and returns its span.
    fn skip_value(&mut self) -> (usize, usize) {
        self.skip_ws();
        let start = self.pos;
        let mut depth = 0usize;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.string_span();
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.pos += 1;
                }
                Some(b'}' | b']') => {
                    depth = depth.saturating_sub(1);
                    self.pos += 1;
                }
                Some(b',' | b':') if depth > 0 => self.pos += 1,
                Some(_) => {
                    let bytes = self.bytes();
                    while self.pos < bytes.len()
                        && !matches!(
                            bytes[self.pos],
                            b',' | b':' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'
                        )
                    {
                        self.pos += 1;
                    }
                }
                None => break,
            }
            if depth == 0 {
                break;
            }
        }
        (start, self.pos)
    }
}

impl<'a> Scanner<'a> {
    /// The next number literal from the cursor on, skipping strings.
    fn next_number(&mut self) -> Option<&'a str> {
        loop {
            match self.peek()? {
                b'"' => {
                    self.string_span();
                }
                b'-' | b'0'..=b'9' => {
                    let (start, end) = self.skip_value();
                    return Some(&self.text[start..end]);
                }
                _ => self.pos += 1,
            }
        }
    }
}

/// Gives each number in `value` the spelling of its literal, which `next`
/// yields in text order: serde_json keeps `1.50` but writes `1e3` as `1e+3`.
fn restore_numbers<'t>(value: &mut Value, next: &mut impl FnMut() -> Option<&'t str>) {
    match value {
        Value::Number(n) => {
            if let Some(raw) = next() {
                if raw.parse::<serde_json::Number>().is_ok_and(|p| p == *n) {
                    *n = serde_json::Number::from_string_unchecked(raw.to_owned());
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| restore_numbers(v, next)),
        Value::Object(map) => map.values_mut().for_each(|v| restore_numbers(v, next)),
        _ => {}
    }
}

struct Builder<'a, 'l> {
    scan: Scanner<'a>,
    lines: &'l LineIndex,
    /// The line of the last position asked for: positions grow as we read.
    line_hint: usize,
    diagnostics: Vec<Diagnostic>,
    source: SourceMap,
}

impl<'a> Builder<'a, '_> {
    fn here(&mut self) -> Position {
        self.scan.skip_ws();
        self.lines
            .position_from(self.scan.text, self.scan.pos, &mut self.line_hint)
    }

    fn report(&mut self, kind: ErrorKind, path: JsonPath, at: Position) {
        match self.diagnostics.len() {
            n if n < MAX_DIAGNOSTICS => self.diagnostics.push(Diagnostic {
                kind,
                path: Some(path),
                at: Some(at),
            }),
            n if n == MAX_DIAGNOSTICS => self.diagnostics.push(Diagnostic {
                kind: ErrorKind::TooManyProblems,
                path: None,
                at: None,
            }),
            _ => {}
        }
    }

    /// Reports a wrong shape at the cursor and skips the value.
    fn wrong(&mut self, expected: Expected, path: JsonPath) {
        let at = self.here();
        let found = self.scan.found();
        self.report(ErrorKind::WrongType { expected, found }, path, at);
        self.scan.skip_value();
    }

    /// Walks an object's members, calling `member` with each key and the
    /// key's position; the cursor is then at the value, which `member` consumes.
    fn members(
        &mut self,
        path: &JsonPath,
        mut member: impl FnMut(&mut Self, Cow<'a, str>, Position),
    ) {
        self.scan.eat(b'{');
        let mut seen: HashSet<Cow<'a, str>> = HashSet::new();
        if self.scan.eat(b'}') {
            return;
        }
        loop {
            let key_at = self.here();
            let key = self.scan.string();
            self.scan.eat(b':');
            if !seen.insert(key.clone()) {
                self.report(
                    ErrorKind::DuplicateKey(key.to_string()),
                    path.clone(),
                    key_at,
                );
            }
            member(self, key, key_at);
            if !self.scan.eat(b',') {
                self.scan.eat(b'}');
                return;
            }
        }
    }

    /// Walks an array's items, calling `item` with each index.
    fn items(&mut self, mut item: impl FnMut(&mut Self, usize)) {
        self.scan.eat(b'[');
        if self.scan.eat(b']') {
            return;
        }
        let mut index = 0;
        loop {
            item(self, index);
            index += 1;
            if !self.scan.eat(b',') {
                self.scan.eat(b']');
                return;
            }
        }
    }

    /// A kept value, parsed from its span by serde_json.
    fn kept_value(&mut self) -> Value {
        let (start, end) = self.scan.skip_value();
        let raw = &self.scan.text[start..end];
        let mut value = serde_json::from_str(raw).unwrap_or(Value::Null);
        if raw.contains(['e', 'E']) {
            let mut literals = Scanner { text: raw, pos: 0 };
            restore_numbers(&mut value, &mut || literals.next_number());
        }
        value
    }

    fn root(&mut self) -> UsersFile {
        let mut file = UsersFile::default();
        let root = JsonPath::root();
        self.source.root = Some(self.here());
        if self.scan.peek() != Some(b'{') {
            self.wrong(Expected::RootObject, root);
            return file;
        }
        self.members(&root, |b, key, _| {
            let at = b.here();
            b.source.root_keys.push((key.to_string(), at));
            match key.as_ref() {
                "users" => {
                    file.fields.push(RootField::Users);
                    b.users(&mut file.users);
                }
                "groups" => {
                    file.fields.push(RootField::Groups);
                    let path = JsonPath::root().key("groups");
                    file.groups = b.names(&path, &mut |b| {
                        let at = b.here();
                        b.source.groups.push(at);
                    });
                }
                _ => {
                    let value = b.kept_value();
                    file.fields.push(RootField::Other(key.into_owned(), value));
                }
            }
        });
        file
    }

    fn users(&mut self, users: &mut Vec<User>) {
        let path = JsonPath::root().key("users");
        if self.scan.peek() != Some(b'[') {
            return self.wrong(Expected::UserArray, path);
        }
        self.items(|b, i| {
            let start = b.here();
            b.source.users.push(UserSource {
                start: Some(start),
                ..UserSource::default()
            });
            if b.scan.peek() != Some(b'{') {
                b.wrong(Expected::UserObject, JsonPath::user(i));
                return;
            }
            users.push(b.user(i));
        });
    }

    fn user(&mut self, index: usize) -> User {
        let mut user = User::default();
        let path = JsonPath::user(index);
        self.members(&path, |b, key, _| {
            let at = b.here();
            if let Some(source) = b.source.users.last_mut() {
                source.keys.push((key.to_string(), at));
            }
            let field_path = || JsonPath::user_field(index, &key);
            let Some(known) = Key::from_name(&key) else {
                let value = b.kept_value();
                user.fields.push(UserField::Other(key.into_owned(), value));
                return;
            };
            match known {
                Key::UserName => match b.scan.peek() {
                    Some(b'"') => user.user_name = b.scan.string().into_owned(),
                    _ => return b.wrong(Expected::Name, field_path()),
                },
                Key::Groups => {
                    user.groups = b.names(&field_path(), &mut |b| {
                        let at = b.here();
                        if let Some(source) = b.source.users.last_mut() {
                            source.groups.push(at);
                        }
                    });
                }
                _ => {
                    let value = match b.scan.peek() {
                        Some(b'"') => Some(b.scan.string().into_owned()),
                        Some(b'n') => {
                            b.scan.skip_value();
                            None
                        }
                        _ => return b.wrong(Expected::Text, field_path()),
                    };
                    match known {
                        Key::DisplayName => user.display_name = value,
                        Key::EmailAddress => user.email_address = value,
                        Key::Password => user.password = value,
                        Key::PasswordBytes => user.password_bytes = value,
                        _ => user.salt_bytes = value,
                    }
                }
            }
            user.fields.push(UserField::Known(known));
        });
        user
    }

    /// An array of names; `note` is called at each item's position.
    fn names(&mut self, path: &JsonPath, note: &mut dyn FnMut(&mut Self)) -> Vec<String> {
        let mut names = Vec::new();
        if self.scan.peek() != Some(b'[') {
            self.wrong(Expected::NameArray, path.clone());
            return names;
        }
        self.items(|b, i| {
            note(b);
            if b.scan.peek() == Some(b'"') {
                names.push(b.scan.string().into_owned());
            } else {
                b.wrong(Expected::Name, path.clone().index(i));
            }
        });
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(input: &str) -> String {
        parse(input.as_bytes()).unwrap_err().first().to_string()
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        assert_eq!(
            first("{\n  \"users\": [\n    {\"userName\": \"a\",}\n  ]\n}"),
            "3:22: trailing comma"
        );
        assert_eq!(first("{\"users\": [}"), "1:12: expected value");
    }

    #[test]
    fn wrong_shapes_have_path_and_line() {
        let text = "{\n  \"users\": [\n    {\"userName\": 7, \"groups\": \"Dev\"}\n  ],\n  \"groups\": [1]\n}";
        let err = parse(text.as_bytes()).unwrap_err();
        let lines: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "3:18: $.users[0].userName: expected a name (a string), found a number",
                "3:31: $.users[0].groups: expected an array of group names, found a string",
                "5:14: $.groups[0]: expected a name (a string), found a number",
            ]
        );
    }

    #[test]
    fn the_root_must_be_an_object() {
        assert_eq!(
            first("[1, 2]"),
            "1:1: $: expected an object with \"users\" and \"groups\", found an array"
        );
    }

    #[test]
    fn pathological_input_is_an_error_not_a_crash() {
        assert_eq!(first(""), "the file is empty");
        assert_eq!(first(" \r\n "), "the file is empty");
        let deep = "[".repeat(100_000);
        assert!(first(&deep).ends_with("the JSON is nested too deeply"));
        let deep_obj = "{\"a\":".repeat(100_000);
        assert!(first(&deep_obj).ends_with("the JSON is nested too deeply"));
        let binary = [0x7Bu8, 0xFF, 0x00, 0x12];
        assert_eq!(
            parse(&binary).unwrap_err().first().to_string(),
            "1:2: the file is not UTF-8 text"
        );
        assert_eq!(
            parse(&[0xFF, 0xFE, b'{', 0]).unwrap_err().first().kind,
            ErrorKind::Utf16
        );
        let huge = vec![b' '; MAX_INPUT_BYTES + 1];
        assert!(matches!(
            parse(&huge).unwrap_err().first().kind,
            ErrorKind::TooLarge { .. }
        ));
    }

    #[test]
    fn bom_and_crlf_are_accepted_and_kept() {
        let text = "\u{feff}{\r\n  \"users\": [],\r\n  \"groups\": []\r\n}";
        let parsed = parse(text.as_bytes()).unwrap();
        assert!(parsed.file.style.bom);
        assert!(parsed.file.style.crlf);
        assert!(!parsed.file.style.final_newline);
    }

    #[test]
    fn duplicate_keys_are_reported() {
        assert_eq!(
            first("{\"users\": [{\"userName\": \"a\", \"userName\": \"b\"}]}"),
            "1:30: $.users[0]: the key \"userName\" appears twice"
        );
    }

    #[test]
    fn source_map_locates_users_and_fields() {
        let text = "{\n  \"users\": [\n    {\n      \"userName\": \"a\",\n      \"groups\": [\"x\", \"y\"]\n    }\n  ],\n  \"groups\": [\"x\"]\n}";
        let parsed = parse(text.as_bytes()).unwrap();
        let at = |p: JsonPath| parsed.source.locate(&p).unwrap().to_string();
        assert_eq!(at(JsonPath::user(0)), "3:5");
        assert_eq!(at(JsonPath::user_field(0, "userName")), "4:19");
        assert_eq!(at(JsonPath::user_field(0, "groups").index(1)), "5:23");
        assert_eq!(at(JsonPath::user_field(0, "emailAddress")), "3:5");
        assert_eq!(at(JsonPath::group(0)), "8:14");
        assert_eq!(at(JsonPath::root()), "1:1");
    }

    #[test]
    fn escapes_are_decoded() {
        let parsed = parse(br#"{"users":[{"userName":"a\"b\u00e9"}]}"#).unwrap();
        assert_eq!(parsed.file.users[0].user_name, "a\"b\u{e9}");
    }
}
