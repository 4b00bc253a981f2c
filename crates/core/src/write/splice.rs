//! Writing a file from its original text wherever its content is unchanged.
//!
//! Every object and array is written as a sequence of items (members or
//! values). An item that was in the original container and did not change
//! is copied as it was written; an item that changed keeps its original key
//! and the spacing around its `:`, and only its value is written anew; an
//! item that is new is written in the file's style. Between two items that
//! stood side by side in the original, the original separator is copied;
//! elsewhere, the container's own first separator is reused, so a user
//! added to a one-line array, or a group to a user written on one line,
//! looks like its neighbours. The gap after the opening bracket and before
//! the closing one is always the original's. With nothing changed, this
//! copies the container's text exactly.
//!
//! The original users are found by where each [`User`] was read from; their
//! members and group names are read again from the text when written (one
//! more walk, with no allocation for what is unchanged), and compared with
//! the model, so an edit made through any path — a setter, a public field,
//! an undo — is written, and only what it changed.

use super::Writer;
use crate::model::{
    without_space, FieldRef, Key, Member, Original, RootField, Span, User, UsersFile,
};
use crate::parse::reader::Reader;
use crate::parse::reader_at;
use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;

/// A container in the original text: its brackets and its items (members
/// from their key to the end of their value).
#[derive(Clone, Copy)]
struct Block<'a> {
    open: usize,
    close: usize,
    items: &'a [Span],
}

/// A member of an object in the original text, read again.
struct OldMember<'t> {
    key: Cow<'t, str>,
    key_at: usize,
    value: Span,
}

impl<'o> Writer<'o> {
    pub(super) fn root(&mut self, file: &UsersFile) {
        let fields = Writer::root_fields(file);
        let Some(original) = self.original else {
            self.fresh_block(('{', '}'), 0, fields.len(), |w, k| {
                w.root_field(file, fields[k], None);
            });
            return;
        };
        let members = &original.members;
        let index = KeyIndex::new(members.iter().map(|m| m.key.as_str()));
        let from: Vec<Option<usize>> = fields
            .iter()
            .map(|field| {
                index.find(match field {
                    RootField::Users => "users",
                    RootField::Groups => "groups",
                    RootField::Other(key, _) => key,
                })
            })
            .collect();
        let spans: Vec<Span> = members
            .iter()
            .map(|m| Span {
                start: m.key_at,
                end: m.value.end,
            })
            .collect();
        let block = Block {
            open: original.root.start as usize,
            close: original.root.end as usize - 1,
            items: &spans,
        };
        self.block(('{', '}'), 0, Some(block), &from, |w, k| {
            w.root_field(file, fields[k], from[k].map(|i| &members[i]));
        });
    }

    /// One root member at depth 1, from its original when it had one.
    fn root_field(&mut self, file: &UsersFile, field: &RootField, old: Option<&Member>) {
        let old = old.zip(self.original);
        let key = match field {
            RootField::Users => "users",
            RootField::Groups => "groups",
            RootField::Other(key, _) => key,
        };
        if let (RootField::Other(_, value), Some((m, o))) = (field, old) {
            if same_json(o.slice(m.value), value.as_str()) {
                self.out
                    .push_str(&o.text[m.key_at as usize..m.value.end as usize]);
                return;
            }
        }
        match old {
            Some((m, o)) => self
                .out
                .push_str(&o.text[m.key_at as usize..m.value.start as usize]),
            None => self.key(key),
        }
        // Where the value's array stood, if it was one.
        let array = old
            .filter(|(m, o)| o.text.as_bytes().get(m.value.start as usize) == Some(&b'['))
            .map(|(m, o)| (m.value, o));
        match field {
            RootField::Users => match array {
                Some((value, o)) => self.users(file, value, o),
                None => self.fresh_block(('[', ']'), 1, file.users.len(), |w, k| {
                    w.user(&file.users[k], None, 2)
                }),
            },
            RootField::Groups => {
                let old = array.and_then(|(value, o)| read_names(&o.text, value.start as usize));
                self.names(&file.groups, old, 1);
            }
            RootField::Other(_, value) => self.relayout(value.as_str(), 1),
        }
    }

    /// The users array, whose original spans `value`.
    fn users(&mut self, file: &UsersFile, value: Span, original: &'o Original) {
        let from: Vec<Option<usize>> = file
            .users
            .iter()
            .map(|user| {
                user.origin
                    .filter(|o| o.file == original.id && (o.index as usize) < original.users.len())
                    .map(|o| o.index as usize)
            })
            .collect();
        let block = Block {
            open: value.start as usize,
            close: value.end as usize - 1,
            items: &original.users,
        };
        self.block(('[', ']'), 1, Some(block), &from, |w, k| {
            w.user(&file.users[k], from[k], 2);
        });
    }

    /// A user at `depth`, from original user `from` when it was one.
    fn user(&mut self, user: &User, from: Option<usize>, depth: usize) {
        let Some((original, span)) = self
            .original
            .zip(from)
            .and_then(|(o, i)| Some((o, *o.users.get(i)?)))
        else {
            return self.fresh_user(user, depth);
        };
        let fields = user.ordered_fields();
        if unchanged(user, &fields, &original.text, span.start as usize) {
            self.out.push_str(original.slice(span));
            return;
        }
        let Some(old) = read_members(&original.text, span.start as usize) else {
            return self.fresh_user(user, depth);
        };
        let index = KeyIndex::new(old.iter().map(|m| m.key.as_ref()));
        let from: Vec<Option<usize>> = fields
            .iter()
            .map(|f| {
                index.find(match f {
                    FieldRef::Known(key) => key.name(),
                    FieldRef::Other(key, _) => key,
                })
            })
            .collect();
        let spans: Vec<Span> = old
            .iter()
            .map(|m| Span::new(m.key_at, m.value.end as usize))
            .collect();
        let block = Block {
            open: span.start as usize,
            close: span.end as usize - 1,
            items: &spans,
        };
        self.block(('{', '}'), depth, Some(block), &from, |w, k| {
            match from[k] {
                Some(i) => w.old_field(user, fields[k], &old[i], original, depth + 1),
                None => w.fresh_field(user, fields[k], depth + 1),
            }
        });
    }

    /// A user field at `depth` that was in the original as `old`.
    fn old_field(
        &mut self,
        user: &User,
        field: FieldRef<'_>,
        old: &OldMember<'_>,
        original: &'o Original,
        depth: usize,
    ) {
        let text = original.text.as_str();
        let value = original.slice(old.value);
        let at = old.value.start as usize;
        let same = match field {
            FieldRef::Other(_, raw) => same_json(value, raw.as_str()),
            FieldRef::Known(Key::UserName) => {
                read_string(text, at).as_deref() == Some(&user.user_name)
            }
            FieldRef::Known(Key::Groups) => {
                let names = read_names(text, at);
                let same = names.as_ref().is_some_and(|(names, _)| {
                    names.len() == user.groups.len()
                        && names.iter().zip(&user.groups).all(|((a, _), b)| a == b)
                });
                if !same {
                    self.out.push_str(&text[old.key_at..at]);
                    self.names(&user.groups, names, depth);
                    return;
                }
                true
            }
            FieldRef::Known(key) => {
                let now = user.optional_text(key);
                match now {
                    None => value == "null",
                    Some(now) => read_string(text, at).as_deref() == Some(now),
                }
            }
        };
        if same {
            self.out.push_str(&text[old.key_at..old.value.end as usize]);
            return;
        }
        self.out.push_str(&text[old.key_at..at]);
        match field {
            FieldRef::Known(key) => self.known_value(user, key, depth),
            FieldRef::Other(_, raw) => self.relayout(raw.as_str(), depth),
        }
    }

    /// An array of names at `depth`, from its original `old` (the names and
    /// where each stood, and the array's span) when it had one.
    fn names(&mut self, names: &[String], old: Option<OldNames<'_>>, depth: usize) {
        let Some((old, array)) = old else {
            return self.fresh_names(names, depth);
        };
        let from = match_names(names, &old);
        let spans: Vec<Span> = old.iter().map(|(_, span)| *span).collect();
        let block = Block {
            open: array.start as usize,
            close: array.end as usize - 1,
            items: &spans,
        };
        let original = self.original;
        self.block(('[', ']'), depth, Some(block), &from, |w, k| {
            match (from[k], original) {
                (Some(j), Some(o)) => w.out.push_str(o.slice(spans[j])),
                _ => w.string(&names[k]),
            }
        });
    }

    /// A container at `depth` whose item `k` is written by `item`; `from[k]`
    /// is the original item it was, if any (see the module documentation).
    fn block(
        &mut self,
        (open, close): (char, char),
        depth: usize,
        old: Option<Block<'_>>,
        from: &[Option<usize>],
        mut item: impl FnMut(&mut Self, usize),
    ) {
        let (Some(old), Some(original)) = (old, self.original) else {
            return self.fresh_block((open, close), depth, from.len(), item);
        };
        let text = original.text.as_str();
        let items = old.items;
        if from.is_empty() {
            if items.is_empty() {
                self.out.push_str(&text[old.open..=old.close]);
            } else {
                self.out.push(open);
                self.out.push(close);
            }
            return;
        }
        self.out.push(open);
        match items.first() {
            Some(first) => self.out.push_str(&text[old.open + 1..first.start as usize]),
            None => self.line(depth + 1),
        }
        for k in 0..from.len() {
            if k > 0 {
                match (from[k - 1], from[k]) {
                    (Some(a), Some(b)) if b == a + 1 => {
                        self.out
                            .push_str(&text[items[a].end as usize..items[b].start as usize]);
                    }
                    _ => match items {
                        [first, second, ..] => self
                            .out
                            .push_str(&text[first.end as usize..second.start as usize]),
                        // One item: on its own line, the next goes on one
                        // like it; on the bracket's line, as the style says.
                        [first] => {
                            let gap = &text[old.open + 1..first.start as usize];
                            if gap.contains(['\n', '\r']) {
                                self.out.push(',');
                                self.out.push_str(gap);
                            } else {
                                self.separator(depth);
                            }
                        }
                        [] => self.separator(depth),
                    },
                }
            }
            item(self, k);
        }
        match items.last() {
            Some(last) => self.out.push_str(&text[last.end as usize..old.close]),
            None => self.line(depth),
        }
        self.out.push(close);
    }
}

/// The names of an original array, decoded, with where each stood; and
/// where the array stood.
type OldNames<'t> = (Vec<(Cow<'t, str>, Span)>, Span);

/// Whether the object at `at` holds exactly `fields`, in this order, with
/// `user`'s values: then it is copied whole. One walk, with nothing
/// allocated, for what most users of a file are when it is written.
fn unchanged(user: &User, fields: &[FieldRef<'_>], text: &str, at: usize) -> bool {
    let mut reader = reader_at(text, at);
    let mut fields = fields.iter();
    let walked = each_item(&mut reader, b'{', |reader| {
        let (Ok((key, _)), Some(field)) = (reader.key(), fields.next()) else {
            return None;
        };
        let start = reader.pos;
        let same = match *field {
            FieldRef::Other(name, raw) => {
                key == name
                    && reader.skip_value(&mut |_, _, _, _| {}).is_ok()
                    && same_json(&text[start..reader.pos], raw.as_str())
            }
            FieldRef::Known(known) if key != known.name() => false,
            FieldRef::Known(Key::UserName) => reader.string().is_ok_and(|s| s == user.user_name),
            FieldRef::Known(Key::Groups) => same_names(reader, &user.groups),
            FieldRef::Known(known) => {
                let now = user.optional_text(known);
                match (reader.peek(), now) {
                    (Some(b'"'), Some(now)) => reader.string().is_ok_and(|s| s == now),
                    (Some(b'n'), None) => reader.scalar().is_ok(),
                    _ => false,
                }
            }
        };
        same.then_some(())
    });
    walked.is_some() && fields.next().is_none()
}

/// Whether the array of names at the reader is `names`.
fn same_names(reader: &mut Reader<'_>, names: &[String]) -> bool {
    let mut names = names.iter();
    let walked = each_item(reader, b'[', |reader| {
        let same = reader.peek() == Some(b'"')
            && names
                .next()
                .is_some_and(|name| reader.string().is_ok_and(|s| s == *name));
        same.then_some(())
    });
    walked.is_some() && names.next().is_none()
}

/// Walks the object or array (`open` is `{` or `[`) at the reader: `item`
/// is called at each item (in an object, at its key) and reads it. `None`
/// as soon as `item` gives `None`, or when no such container stands there
/// or its text is not JSON; then the walk stops where it is.
fn each_item<'t>(
    reader: &mut Reader<'t>,
    open: u8,
    mut item: impl FnMut(&mut Reader<'t>) -> Option<()>,
) -> Option<()> {
    if reader.peek()? != open {
        return None;
    }
    if reader.open().ok()? {
        loop {
            item(reader)?;
            if !reader.more().ok()? {
                break;
            }
        }
    }
    Some(())
}

/// Reads the object at `at` again: its members, keys decoded.
fn read_members(text: &str, at: usize) -> Option<Vec<OldMember<'_>>> {
    let mut reader = reader_at(text, at);
    let mut members = Vec::new();
    each_item(&mut reader, b'{', |reader| {
        let (key, key_at) = reader.key().ok()?;
        let start = reader.pos;
        reader.skip_value(&mut |_, _, _, _| {}).ok()?;
        members.push(OldMember {
            key,
            key_at,
            value: Span::new(start, reader.pos),
        });
        Some(())
    })?;
    Some(members)
}

/// Reads the array of names at `at` again.
fn read_names(text: &str, at: usize) -> Option<OldNames<'_>> {
    let mut reader = reader_at(text, at);
    let mut names = Vec::new();
    each_item(&mut reader, b'[', |reader| {
        reader.skip_ws();
        let start = reader.pos;
        if reader.peek()? != b'"' {
            return None;
        }
        let name = reader.string().ok()?;
        names.push((name, Span::new(start, reader.pos)));
        Some(())
    })?;
    Some((names, Span::new(at, reader.pos)))
}

/// The string at `at`, decoded, if a string stands there.
fn read_string(text: &str, at: usize) -> Option<Cow<'_, str>> {
    let mut reader = reader_at(text, at);
    if reader.peek()? != b'"' {
        return None;
    }
    reader.string().ok()
}

/// For each name, the original item with the same text (each used once,
/// in order), if there is one.
fn match_names(names: &[String], old: &[(Cow<'_, str>, Span)]) -> Vec<Option<usize>> {
    if names.len() == old.len() && names.iter().zip(old).all(|(a, (b, _))| a == b) {
        return (0..names.len()).map(Some).collect();
    }
    let mut unused: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, (name, _)) in old.iter().enumerate().rev() {
        unused.entry(name.as_ref()).or_default().push(j);
    }
    names
        .iter()
        .map(|name| unused.get_mut(name.as_str()).and_then(Vec::pop))
        .collect()
}

/// Whether `spaced` (valid JSON) is `compact` once the white space between
/// its tokens is dropped.
fn same_json(spaced: &str, compact: &str) -> bool {
    without_space(spaced).eq(compact.bytes())
}

/// Finds an item by key: a short list is searched, a long one hashed, so a
/// user or root with very many keys is not searched once per key.
enum KeyIndex<'a> {
    Few(Vec<&'a str>),
    Many(HashMap<&'a str, usize>),
}

impl<'a> KeyIndex<'a> {
    const FEW: usize = 16;

    fn new(keys: impl Iterator<Item = &'a str>) -> Self {
        let keys: Vec<&str> = keys.collect();
        if keys.len() <= Self::FEW {
            return KeyIndex::Few(keys);
        }
        let mut map = HashMap::with_capacity(keys.len());
        for (i, key) in keys.into_iter().enumerate() {
            map.entry(key).or_insert(i);
        }
        KeyIndex::Many(map)
    }

    fn find(&self, key: &str) -> Option<usize> {
        match self {
            KeyIndex::Few(keys) => keys.iter().position(|k| *k == key),
            KeyIndex::Many(map) => map.get(key).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_and_spaced_json_compare_token_by_token() {
        assert!(same_json("{ \"a b\" : [1 ,\n 2] }", r#"{"a b":[1,2]}"#));
        assert!(!same_json("{\"a\": 1}", r#"{"a":2}"#));
        assert!(!same_json("[1]", "[1,2]"));
        assert!(!same_json("\"a b\"", "\"ab\""));
    }

    #[test]
    fn names_match_their_originals_once_each() {
        let old: Vec<(Cow<'_, str>, Span)> = ["a", "b", "a"]
            .iter()
            .map(|n| (Cow::Borrowed(*n), Span::default()))
            .collect();
        let names: Vec<String> = ["a", "c", "a", "a", "b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            match_names(&names, &old),
            [Some(0), None, Some(2), None, Some(1)]
        );
    }
}
