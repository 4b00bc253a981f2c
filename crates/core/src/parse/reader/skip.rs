//! The walk over a value nobody reads: checked all the same, without
//! recursion (so no input can overflow the stack), and every key that
//! stands twice in one of its objects reported with its path.

use super::{Fail, Reader};
use crate::path::Segment;
use foldhash::HashMap;
use std::borrow::Cow;

/// Told of a key that stands twice in one object: the path from the value
/// being skipped to that object, the key, and where it stood first and second.
pub(crate) type OnDuplicate<'a> = dyn FnMut(&[Segment], &str, usize, usize) + 'a;

impl<'t> Reader<'t> {
    /// Checks the value at the cursor, whatever it is, without keeping it;
    /// every key that stands twice in one of its objects is passed to
    /// `duplicate` with the path from the value to that object, the key, and
    /// where it stood first and second.
    pub fn skip_value(&mut self, duplicate: &mut OnDuplicate<'_>) -> Result<(), Fail> {
        let mut frames: Vec<Frame<'t>> = Vec::new();
        loop {
            // A value starts at the cursor.
            match self.peek() {
                Some(b'{') => {
                    if self.open()? {
                        let (key, at) = self.key()?;
                        let mut keys = KeySet::default();
                        keys.insert(key.clone(), at);
                        frames.push(Frame::Object { key, keys });
                        continue;
                    }
                }
                Some(b'[') => {
                    if self.open()? {
                        frames.push(Frame::Array { index: 0 });
                        continue;
                    }
                }
                _ => self.scalar()?,
            }
            // A value ended: close what it ends, up to the next value.
            loop {
                let Some(frame) = frames.last_mut() else {
                    return Ok(());
                };
                if !self.more()? {
                    frames.pop();
                    continue;
                }
                match frame {
                    Frame::Array { index } => *index += 1,
                    Frame::Object { key, keys } => {
                        let (next, at) = self.key()?;
                        if let Some(first) = keys.insert(next.clone(), at) {
                            let path: Vec<Segment> = frames[..frames.len() - 1]
                                .iter()
                                .map(Frame::segment)
                                .collect();
                            duplicate(&path, &next, first, at);
                            // `frames` was borrowed for the path: find the frame again.
                            if let Some(Frame::Object { key, .. }) = frames.last_mut() {
                                *key = next;
                            }
                        } else {
                            *key = next;
                        }
                    }
                }
                break;
            }
        }
    }
}

/// An object or array being skipped.
enum Frame<'t> {
    Array { index: usize },
    Object { key: Cow<'t, str>, keys: KeySet<'t> },
}

impl Frame<'_> {
    /// The step from this container to the value being read in it.
    fn segment(&self) -> Segment {
        match self {
            Frame::Array { index } => Segment::Index(*index),
            Frame::Object { key, .. } => Segment::Key(key.to_string()),
        }
    }
}

/// The keys of one object and where each stood: a short list, then a hash
/// map once there are many, so a check costs little either way.
#[derive(Default)]
pub(crate) struct KeySet<'t> {
    few: Vec<(Cow<'t, str>, usize)>,
    many: Option<HashMap<Cow<'t, str>, usize>>,
}

impl<'t> KeySet<'t> {
    const FEW: usize = 8;

    /// Adds `key`, which stood at `at`; if it was there already, returns
    /// where it stood first.
    pub fn insert(&mut self, key: Cow<'t, str>, at: usize) -> Option<usize> {
        if let Some(many) = &mut self.many {
            return match many.entry(key) {
                std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(at);
                    None
                }
            };
        }
        if let Some((_, first)) = self.few.iter().find(|(k, _)| *k == key) {
            return Some(*first);
        }
        self.few.push((key, at));
        if self.few.len() > Self::FEW {
            self.many = Some(self.few.drain(..).collect());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::MAX_DEPTH;
    use super::*;
    use crate::parse::error::ErrorKind;

    fn skip(text: &str) -> Result<Vec<(String, String)>, String> {
        let mut reader = Reader::new(text);
        let mut found = Vec::new();
        reader
            .skip_value(&mut |path, key, _, _| {
                let path: Vec<String> = path.iter().map(|s| format!("{s:?}")).collect();
                found.push((path.join("/"), key.to_owned()));
            })
            .map_err(|e| e.kind.to_string())?;
        assert!(reader.end().is_ok(), "{text}: stopped at {}", reader.pos);
        Ok(found)
    }

    #[test]
    fn any_value_is_walked_and_checked() {
        for text in [
            "0",
            "-0.5e+10",
            "\"a\\u00e9\\ud83d\\udd11\"",
            "[]",
            "{}",
            "[1, [2, {\"a\": [true, false, null]}], {}]",
            " { \"a\" : { \"b\" : [ ] } } ",
        ] {
            assert_eq!(skip(text), Ok(vec![]), "{text}");
        }
        for text in [
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "tru",
            "[1,]",
            "{\"a\" 1}",
            "[1 2]",
            "\"\\x\"",
        ] {
            assert!(skip(text).is_err(), "{text}");
        }
    }

    #[test]
    fn duplicate_keys_are_found_at_any_depth() {
        let found = skip(r#"{"a": [1, {"k": 1, "k": 2}], "b": {"x": {"y": 0, "y": 0}}}"#).unwrap();
        assert_eq!(
            found,
            [
                ("Key(\"a\")/Index(1)".to_owned(), "k".to_owned()),
                ("Key(\"b\")/Key(\"x\")".to_owned(), "y".to_owned())
            ]
        );
        // Keys are compared decoded, and many keys go through a map.
        let keys: Vec<String> = (0..20).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}, \"k\\u0031\": 0}}", keys.join(", "));
        assert_eq!(skip(&text).unwrap().len(), 1);
    }

    #[test]
    fn nesting_stops_at_serde_jsons_limit() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(skip(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let mut reader = Reader::new(&deep);
        let e = reader.skip_value(&mut |_, _, _, _| {}).unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooDeep);
    }
}
