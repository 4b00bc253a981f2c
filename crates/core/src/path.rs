//! JSON paths and source positions: where in a file something is.
//!
//! Every diagnostic and finding names its place as a [`JsonPath`] such as
//! `$.users[3].groups[0]`; when the file came from text, a
//! [`crate::parse::SourceMap`] turns that path into a [`Position`] (line and
//! column) for editors and `FILE:LINE:COL` output.

use std::fmt;

/// One step into a JSON value: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A path from the root of the file to a value, printed as `$.users[3].userName`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct JsonPath(pub Vec<Segment>);

impl JsonPath {
    /// The root value, `$`.
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// The path of `users[index]`.
    pub fn user(index: usize) -> Self {
        JsonPath::root().key("users").index(index)
    }

    /// The path of `users[index].key`.
    pub fn user_field(index: usize, key: &str) -> Self {
        JsonPath::user(index).key(key)
    }

    /// The path of the root `groups[index]`.
    pub fn group(index: usize) -> Self {
        JsonPath::root().key("groups").index(index)
    }

    /// This path followed by an object key.
    pub fn key(mut self, key: &str) -> Self {
        self.0.push(Segment::Key(key.to_owned()));
        self
    }

    /// This path followed by an array index.
    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Segment::Index(index));
        self
    }

    /// The user index when this path lies inside `users[i]`.
    pub fn user_index(&self) -> Option<usize> {
        match self.0.as_slice() {
            [Segment::Key(k), Segment::Index(i), ..] if k == "users" => Some(*i),
            _ => None,
        }
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for segment in &self.0 {
            match segment {
                Segment::Index(i) => write!(f, "[{i}]")?,
                Segment::Key(k) if is_identifier(k) => write!(f, ".{k}")?,
                // Through `quoted`: a key can hold control characters.
                Segment::Key(k) => write!(f, "[{}]", crate::text::quoted(k))?,
            }
        }
        Ok(())
    }
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A place in the source text: 1-based line and column (in characters), and
/// the 0-based byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

impl Position {
    /// A place known so far only by its byte offset; [`Lines::resolve`]
    /// fills in the line and column.
    pub(crate) fn unresolved(offset: usize) -> Self {
        Position {
            line: 0,
            column: 0,
            offset,
        }
    }
}

/// Lines and columns of byte offsets in a text, found by walking forward.
///
/// A line ends at `\n`, at `\r\n` or at a lone `\r` (as old Mac files have
/// it, and as a browser's text area counts); a column counts characters, not
/// bytes. Asking for offsets in growing order costs one walk over the text
/// in all, however many are asked: no column is ever counted twice, so a file
/// written on one line costs what an indented one does.
#[derive(Clone, Debug)]
pub(crate) struct Lines<'t> {
    bytes: &'t [u8],
    /// The byte reached, and its 1-based line and column.
    offset: usize,
    line: usize,
    column: usize,
}

impl<'t> Lines<'t> {
    /// A walk from the start of `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        Lines::starting_at(text, 0, 1, 1)
    }

    /// A walk from `offset`, known to be at `line` and `column`.
    pub(crate) fn starting_at(text: &'t str, offset: usize, line: usize, column: usize) -> Self {
        Lines {
            bytes: text.as_bytes(),
            offset: offset.min(text.len()),
            line,
            column,
        }
    }

    /// The position of `offset`, walking forward to it (an offset behind
    /// the walk starts it again from the beginning). An offset inside a
    /// multi-byte character counts as that character.
    pub(crate) fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.bytes.len());
        if offset < self.offset {
            *self = Lines {
                bytes: self.bytes,
                offset: 0,
                line: 1,
                column: 1,
            };
        }
        let bytes = self.bytes;
        for (i, &b) in bytes[self.offset..offset].iter().enumerate() {
            match b {
                b'\n' => {
                    self.line += 1;
                    self.column = 1;
                }
                b'\r' if bytes.get(self.offset + i + 1) != Some(&b'\n') => {
                    self.line += 1;
                    self.column = 1;
                }
                // A UTF-8 continuation byte: the same character.
                _ if b & 0xC0 == 0x80 => {}
                _ => self.column += 1,
            }
        }
        self.offset = offset;
        Position {
            line: self.line,
            column: self.column,
            offset,
        }
    }

    /// Fills in the line and column of every position, by offset, in one
    /// walk over `text` whatever their order.
    pub(crate) fn resolve(text: &str, mut positions: Vec<&mut Position>) {
        positions.sort_by_key(|p| p.offset);
        let mut lines = Lines::new(text);
        for p in positions {
            *p = lines.position(p.offset);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_like_jsonpath() {
        assert_eq!(
            JsonPath::user_field(3, "userName").to_string(),
            "$.users[3].userName"
        );
        assert_eq!(JsonPath::root().to_string(), "$");
        assert_eq!(
            JsonPath::root().key("odd key").to_string(),
            r#"$["odd key"]"#
        );
        assert_eq!(JsonPath::user_field(2, "groups").user_index(), Some(2));
        assert_eq!(JsonPath::group(1).user_index(), None);
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\r\nçd\nx\ry";
        let mut lines = Lines::new(text);
        let at = |lines: &mut Lines<'_>, offset| lines.position(offset).to_string();
        assert_eq!(at(&mut lines, 0), "1:1");
        assert_eq!(at(&mut lines, 2), "1:3");
        assert_eq!(at(&mut lines, 4), "2:1");
        // 'ç' is two bytes but one column.
        assert_eq!(at(&mut lines, 6), "2:2");
        // A lone CR ends a line too.
        assert_eq!(at(&mut lines, 10), "4:1");
        assert_eq!(at(&mut lines, text.len()), "4:2");
        // Going back starts over.
        assert_eq!(at(&mut lines, 4), "2:1");
    }

    #[test]
    fn resolving_fills_positions_in_any_order() {
        let text = "a\nbc\nd";
        let (mut x, mut y, mut z) = (
            Position::unresolved(5),
            Position::unresolved(0),
            Position::unresolved(4),
        );
        Lines::resolve(text, vec![&mut x, &mut y, &mut z]);
        assert_eq!(
            (x.to_string(), y.to_string(), z.to_string()),
            ("3:1".into(), "1:1".into(), "2:3".into())
        );
    }
}
