//! Writing a model back to JSON, indented by two spaces like ProGet's export.
//!
//! Keys come out in the order they were read (see [`crate::model`]); fields
//! we do not know are written as they were, re-indented. The byte order
//! mark, CRLF line ends and final line end of the input are kept.

use crate::model::{FieldRef, Key, RootField, User, UsersFile};
use serde_json::Value;

/// The file as JSON text, laid out like ProGet's export, in the file's
/// [`TextStyle`](crate::model::TextStyle).
///
/// ```
/// use proget_users_core::{model::UsersFile, write::to_json};
/// let file = UsersFile::new();
/// assert_eq!(to_json(&file), "{\n  \"users\": [],\n  \"groups\": []\n}\n");
/// ```
pub fn to_json(file: &UsersFile) -> String {
    let mut w = Writer {
        out: String::with_capacity(256 + file.users.len() * 320),
        newline: if file.style.crlf { "\r\n" } else { "\n" },
    };
    if file.style.bom {
        w.out.push('\u{feff}');
    }
    w.root(file);
    if file.style.final_newline {
        w.out.push_str(w.newline);
    }
    w.out
}

/// The file as bytes, ready to save or download.
pub fn to_bytes(file: &UsersFile) -> Vec<u8> {
    to_json(file).into_bytes()
}

struct Writer {
    out: String,
    newline: &'static str,
}

impl Writer {
    fn root(&mut self, file: &UsersFile) {
        let mut fields: Vec<&RootField> = file.fields.iter().collect();
        // A model built in code may lack a place for users or groups.
        for (field, present) in [
            (&RootField::Users, !file.users.is_empty()),
            (&RootField::Groups, !file.groups.is_empty()),
        ] {
            if present && !file.fields.contains(field) {
                fields.push(field);
            }
        }
        self.object(0, fields, |w, field, depth| match field {
            RootField::Users => {
                w.key("users");
                w.array(depth, &file.users, |w, user, depth| w.user(user, depth));
            }
            RootField::Groups => {
                w.key("groups");
                w.strings(depth, &file.groups);
            }
            RootField::Other(k, v) => {
                w.key(k);
                w.value(v, depth);
            }
        });
    }

    fn user(&mut self, user: &User, depth: usize) {
        self.object(
            depth,
            user.ordered_fields(),
            |w, field, depth| match field {
                FieldRef::Known(key) => {
                    w.key(key.name());
                    match key {
                        Key::UserName => w.string(&user.user_name),
                        Key::Groups => w.strings(depth, &user.groups),
                        Key::DisplayName => w.optional(&user.display_name),
                        Key::EmailAddress => w.optional(&user.email_address),
                        Key::Password => w.optional(&user.password),
                        Key::PasswordBytes => w.optional(&user.password_bytes),
                        Key::SaltBytes => w.optional(&user.salt_bytes),
                    }
                }
                FieldRef::Other(k, v) => {
                    w.key(k);
                    w.value(v, depth);
                }
            },
        );
    }

    /// `{`, each item on its own line at `depth + 1`, `}`; `{}` when empty.
    fn object<T>(
        &mut self,
        depth: usize,
        items: Vec<T>,
        mut each: impl FnMut(&mut Self, T, usize),
    ) {
        self.block(('{', '}'), depth, items, &mut each);
    }

    fn array<T>(&mut self, depth: usize, items: &[T], mut each: impl FnMut(&mut Self, &T, usize)) {
        self.block(
            ('[', ']'),
            depth,
            items.iter().collect(),
            &mut |w, item, depth| each(w, item, depth),
        );
    }

    fn block<T>(
        &mut self,
        (open, close): (char, char),
        depth: usize,
        items: Vec<T>,
        each: &mut impl FnMut(&mut Self, T, usize),
    ) {
        self.out.push(open);
        let empty = items.is_empty();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(self.newline);
            self.indent(depth + 1);
            each(self, item, depth + 1);
        }
        if !empty {
            self.out.push_str(self.newline);
            self.indent(depth);
        }
        self.out.push(close);
    }

    fn strings(&mut self, depth: usize, items: &[String]) {
        self.array(depth, items, |w, s, _| w.string(s));
    }

    fn key(&mut self, key: &str) {
        self.string(key);
        self.out.push_str(": ");
    }

    fn optional(&mut self, value: &Option<String>) {
        match value {
            Some(s) => self.string(s),
            None => self.out.push_str("null"),
        }
    }

    fn string(&mut self, s: &str) {
        // serde_json's escaping: quotes, backslashes and control characters.
        let quoted = serde_json::to_string(s).unwrap_or_default();
        self.out.push_str(&quoted);
    }

    /// A kept value, pretty-printed and indented to `depth`.
    fn value(&mut self, value: &Value, depth: usize) {
        match value {
            Value::Array(items) => self.array(depth, items, |w, v, d| w.value(v, d)),
            Value::Object(map) => self.object(depth, map.iter().collect(), |w, (k, v), d| {
                w.key(k);
                w.value(v, d);
            }),
            Value::String(s) => self.string(s),
            other => self.out.push_str(&other.to_string()),
        }
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }
}
