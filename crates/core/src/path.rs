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
                Segment::Key(k) => {
                    let quoted = serde_json::to_string(k).map_err(|_| fmt::Error)?;
                    write!(f, "[{quoted}]")?
                }
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

/// Line starts of a text, to turn byte offsets into [`Position`]s.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`; a line ends at `\n` (so CRLF and LF files count alike).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The position of byte `offset` in `text` (the text this index was built from).
    /// An offset inside a multi-byte character counts as that character.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        self.position_on_line(text, offset, line)
    }

    /// Like [`LineIndex::position`], for offsets asked in growing order (as a
    /// reader goes): the search starts at line `hint`, which is left at the
    /// line found, so a whole pass costs one walk over the lines.
    pub fn position_from(&self, text: &str, offset: usize, hint: &mut usize) -> Position {
        let offset = offset.min(text.len());
        let mut line = (*hint).min(self.starts.len() - 1);
        if self.starts[line] > offset {
            return self.position(text, offset);
        }
        while self.starts.get(line + 1).is_some_and(|&s| s <= offset) {
            line += 1;
        }
        *hint = line;
        self.position_on_line(text, offset, line)
    }

    fn position_on_line(&self, text: &str, offset: usize, line: usize) -> Position {
        let start = self.starts[line];
        let column = text.as_bytes()[start..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count()
            + 1;
        Position {
            line: line + 1,
            column,
            offset,
        }
    }

    /// The byte offset of a 1-based line and a 1-based *byte* column, as
    /// serde_json reports them; clamped to the text.
    pub fn offset_of_byte_column(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        (start + column.saturating_sub(1)).min(text.len())
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
        let text = "ab\r\nçd\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0).to_string(), "1:1");
        assert_eq!(index.position(text, 4).to_string(), "2:1");
        // 'ç' is two bytes but one column.
        assert_eq!(index.position(text, 6).to_string(), "2:2");
        assert_eq!(index.position(text, text.len()).to_string(), "3:2");
        let mut hint = 0;
        for offset in [0, 4, 6, text.len(), 6, 0] {
            assert_eq!(
                index.position_from(text, offset, &mut hint),
                index.position(text, offset)
            );
        }
    }
}
