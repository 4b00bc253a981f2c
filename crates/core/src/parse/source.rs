//! Where the parts of a read file stood, compactly: byte offsets (32 bits)
//! of each user, field and group name, and the text itself, shared with the
//! model rather than copied. Lines and columns are found only when asked,
//! by walking at most a short stretch of text from the nearest of a few
//! checkpoints, so locating costs the same in a file written on one line as
//! in an indented one.

use super::reader::Reader;
use crate::model::{Key, Original};
use crate::path::{JsonPath, Lines, Position, Segment};
use std::sync::{Arc, OnceLock};

/// How many bytes lie between two checkpoints of lines and columns.
const STRIDE: usize = 1024;

/// One noted place in a user: a field of ProGet's (at its value), a field
/// we do not know (at its key), or an item of the user's groups (at the
/// name), in text order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    tag: u32,
    at: u32,
}

/// Tags past those of [`Key`].
const OTHER: u32 = 0x100;
const ITEM: u32 = 0x101;

impl Mark {
    pub fn field(key: Key, value_at: usize) -> Mark {
        Mark {
            tag: key as u32,
            at: value_at as u32,
        }
    }

    pub fn other(key_at: usize) -> Mark {
        Mark {
            tag: OTHER,
            at: key_at as u32,
        }
    }

    pub fn item(at: usize) -> Mark {
        Mark {
            tag: ITEM,
            at: at as u32,
        }
    }
}

/// Where the parts of a read file stood in its text, to turn a
/// [`JsonPath`] into a line and column.
#[derive(Clone, Default)]
pub struct SourceMap {
    original: Option<Arc<Original>>,
    /// Where each user's marks start in `marks`.
    user_marks: Vec<u32>,
    marks: Vec<Mark>,
    /// Each name of the root `groups`.
    groups: Vec<u32>,
    /// Line and column at every [`STRIDE`]th byte, made when first needed.
    checkpoints: OnceLock<Vec<(u32, u32)>>,
}

impl std::fmt::Debug for SourceMap {
    /// A summary: a map of a large file holds a mark per field.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceMap")
            .field("original", &self.original)
            .field("users", &self.user_marks.len())
            .field("marks", &self.marks.len())
            .field("groups", &self.groups.len())
            .finish_non_exhaustive()
    }
}

impl SourceMap {
    pub(crate) fn new(
        original: Arc<Original>,
        user_marks: Vec<u32>,
        marks: Vec<Mark>,
        groups: Vec<u32>,
    ) -> Self {
        SourceMap {
            original: Some(original),
            user_marks,
            marks,
            groups,
            checkpoints: OnceLock::new(),
        }
    }

    /// The position of the value at `path`, or of the nearest enclosing
    /// value that was noted.
    pub fn locate(&self, path: &JsonPath) -> Option<Position> {
        let original = self.original.as_deref()?;
        let offset = self.offset_of(original, path)?;
        Some(self.position(original, offset))
    }

    fn offset_of(&self, original: &Original, path: &JsonPath) -> Option<usize> {
        let root_key = |k: &str| {
            original
                .members
                .iter()
                .find(|m| m.key == k)
                .map(|m| m.value.start as usize)
        };
        let root = original.root.start as usize;
        match path.0.as_slice() {
            [] => Some(root),
            [Segment::Key(k), Segment::Index(i), rest @ ..] if k == "users" => {
                let Some(user) = original.users.get(*i) else {
                    return root_key(k);
                };
                let field = match rest {
                    [Segment::Key(g), Segment::Index(j), ..] if g == "groups" => {
                        self.group_item(original, *i, *j)
                    }
                    [Segment::Key(f), ..] => self.field(original, *i, f),
                    _ => None,
                };
                Some(field.unwrap_or(user.start as usize))
            }
            [Segment::Key(k), Segment::Index(i), ..] if k == "groups" => self
                .groups
                .get(*i)
                .map(|&at| at as usize)
                .or_else(|| root_key(k)),
            [Segment::Key(k), ..] => root_key(k).or(Some(root)),
            _ => Some(root),
        }
    }

    /// The marks of user `index`.
    fn marks_of(&self, index: usize) -> &[Mark] {
        let start = self.user_marks.get(index).map_or(0, |&s| s as usize);
        let end = self
            .user_marks
            .get(index + 1)
            .map_or(self.marks.len(), |&e| e as usize);
        self.marks.get(start..end).unwrap_or_default()
    }

    /// Where the value of user `index`'s field `name` stood.
    fn field(&self, original: &Original, index: usize, name: &str) -> Option<usize> {
        let marks = self.marks_of(index);
        if let Some(key) = Key::from_name(name) {
            return marks
                .iter()
                .find(|m| m.tag == key as u32)
                .map(|m| m.at as usize);
        }
        // A key we do not know: read the keys back from the text.
        marks.iter().filter(|m| m.tag == OTHER).find_map(|m| {
            let mut reader = Reader::at(&original.text, m.at as usize);
            let (key, _) = reader.key().ok()?;
            (key == name).then_some(reader.pos)
        })
    }

    /// Where item `item` of user `index`'s groups stood, or the groups.
    fn group_item(&self, original: &Original, index: usize, item: usize) -> Option<usize> {
        let marks = self.marks_of(index);
        let groups = marks.iter().position(|m| m.tag == Key::Groups as u32);
        let Some(groups) = groups else {
            return self.field(original, index, "groups");
        };
        // The names follow the groups' own mark, in order.
        match marks.get(groups + 1 + item) {
            Some(m) if m.tag == ITEM => Some(m.at as usize),
            _ => Some(marks[groups].at as usize),
        }
    }

    /// The line and column of `offset`, walked from the checkpoint before it.
    fn position(&self, original: &Original, offset: usize) -> Position {
        let text = original.text.as_str();
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut lines = Lines::new(text);
            (0..=text.len() / STRIDE)
                .map(|k| {
                    let p = lines.position(k * STRIDE);
                    (p.line as u32, p.column as u32)
                })
                .collect()
        });
        let k = (offset / STRIDE).min(checkpoints.len().saturating_sub(1));
        let (line, column) = checkpoints.get(k).copied().unwrap_or((1, 1));
        Lines::starting_at(text, k * STRIDE, line as usize, column as usize).position(offset)
    }
}
