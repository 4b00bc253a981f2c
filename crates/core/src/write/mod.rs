//! Writing a model back to JSON, in the file's own layout.
//!
//! A file read from text is written by copying that text wherever the
//! content did not change (`splice.rs`): an untouched file comes back byte
//! for byte, whatever its layout (one line, four spaces, tabs, `":"` or
//! `": "`, CRLF, LF or CR, a byte order mark, a final line end or none), and
//! an escape such as `\u00e9` or a number such as `1.0e3` in a field nobody
//! changed stays as it was written. What changed or is new is written in the
//! file's [`TextStyle`], reusing the separators of its neighbours, so an
//! edit changes only the lines it must. A file made in code, or whose style
//! was changed, is written whole in its style (by default ProGet's: two
//! spaces, `": "`, LF, a final line end).
//!
//! ```
//! use proget_users_core::{parse::parse_str, write::to_json};
//!
//! let text = "{\"users\":[{\"userName\":\"Jos\\u00e9\",\"groups\":[]}],\"groups\":[]}";
//! let mut file = parse_str(text).unwrap().file;
//! assert_eq!(to_json(&file), text);
//! file.users[0].groups.push("Dev".into());
//! assert_eq!(
//!     to_json(&file),
//!     "{\"users\":[{\"userName\":\"Jos\\u00e9\",\"groups\":[\"Dev\"]}],\"groups\":[]}"
//! );
//! ```

mod splice;

use crate::model::{FieldRef, Indent, Key, Original, RootField, TextStyle, User, UsersFile};

/// The file as JSON text, in its own layout (see the module documentation).
///
/// ```
/// use proget_users_core::{model::UsersFile, write::to_json};
/// let file = UsersFile::new();
/// assert_eq!(to_json(&file), "{\n  \"users\": [],\n  \"groups\": []\n}\n");
/// ```
pub fn to_json(file: &UsersFile) -> String {
    // The original text is copied only while the file keeps its style.
    let original = file
        .original
        .as_deref()
        .filter(|original| original.style == file.style);
    let capacity = original.map_or(256 + file.users.len() * 320, |o| o.text.len() + 256);
    let mut w = Writer {
        out: String::with_capacity(capacity),
        style: file.style,
        original,
    };
    if file.style.bom {
        w.out.push('\u{feff}');
    }
    match original {
        Some(original) => {
            let (root, text) = (original.root, original.text.as_str());
            w.out.push_str(&text[..root.start as usize]);
            w.root(file);
            w.out.push_str(&text[root.end as usize..]);
        }
        None => {
            w.root(file);
            if file.style.final_newline {
                w.out.push_str(file.style.line_end.as_str());
            }
        }
    }
    w.out
}

/// The file as bytes, ready to save or download.
pub fn to_bytes(file: &UsersFile) -> Vec<u8> {
    to_json(file).into_bytes()
}

pub(crate) struct Writer<'o> {
    out: String,
    style: TextStyle,
    /// The text to copy unchanged parts from, if the file has one.
    original: Option<&'o Original>,
}

impl Writer<'_> {
    /// The root fields in writing order; a model built in code may lack a
    /// place for users or groups.
    fn root_fields(file: &UsersFile) -> Vec<&RootField> {
        let mut fields: Vec<&RootField> = file.fields.iter().collect();
        for (field, present) in [
            (&RootField::Users, !file.users.is_empty()),
            (&RootField::Groups, !file.groups.is_empty()),
        ] {
            if present && !file.fields.contains(field) {
                fields.push(field);
            }
        }
        fields
    }

    /// A user's fields, each a member of its object at `depth + 1`.
    fn fresh_user(&mut self, user: &User, depth: usize) {
        let fields = user.ordered_fields();
        self.fresh_block(('{', '}'), depth, fields.len(), |w, k| {
            w.fresh_field(user, fields[k], depth + 1)
        });
    }

    /// One user field, key and value, at `depth`.
    fn fresh_field(&mut self, user: &User, field: FieldRef<'_>, depth: usize) {
        match field {
            FieldRef::Known(key) => {
                self.key(key.name());
                self.known_value(user, key, depth);
            }
            FieldRef::Other(key, value) => {
                self.key(key);
                self.relayout(value.as_str(), depth);
            }
        }
    }

    /// The value of one of ProGet's keys.
    fn known_value(&mut self, user: &User, key: Key, depth: usize) {
        match key {
            Key::UserName => self.string(&user.user_name),
            Key::Groups => self.fresh_names(&user.groups, depth),
            key => self.optional(user.optional_text(key)),
        }
    }

    fn fresh_names(&mut self, names: &[String], depth: usize) {
        self.fresh_block(('[', ']'), depth, names.len(), |w, k| w.string(&names[k]));
    }

    /// A new object or array of `len` items at `depth`, in the style.
    fn fresh_block(
        &mut self,
        (open, close): (char, char),
        depth: usize,
        len: usize,
        mut item: impl FnMut(&mut Self, usize),
    ) {
        self.out.push(open);
        for k in 0..len {
            if k == 0 {
                self.line(depth + 1);
            } else {
                self.separator(depth);
            }
            item(self, k);
        }
        if len > 0 {
            self.line(depth);
        }
        self.out.push(close);
    }

    /// A line break and the indentation of `depth` (nothing on one line).
    fn line(&mut self, depth: usize) {
        let (unit, width) = match self.style.indent {
            Indent::OneLine => return,
            Indent::Spaces(n) => (' ', n),
            Indent::Tabs(n) => ('\t', n),
        };
        self.out.push_str(self.style.line_end.as_str());
        for _ in 0..depth * usize::from(width) {
            self.out.push(unit);
        }
    }

    /// The `,` between two items of a container at `depth`.
    fn separator(&mut self, depth: usize) {
        self.out.push(',');
        if self.style.indent == Indent::OneLine {
            if self.style.space_after_comma {
                self.out.push(' ');
            }
        } else {
            self.line(depth + 1);
        }
    }

    /// A key and its `:`.
    fn key(&mut self, key: &str) {
        self.string(key);
        self.colon();
    }

    fn colon(&mut self) {
        if self.style.space_before_colon {
            self.out.push(' ');
        }
        self.out.push(':');
        if self.style.space_after_colon {
            self.out.push(' ');
        }
    }

    fn optional(&mut self, value: Option<&str>) {
        match value {
            Some(s) => self.string(s),
            None => self.out.push_str("null"),
        }
    }

    /// A string literal: `"`, `\` and control characters escaped as
    /// serde_json escapes them, and, in an ASCII-only file, every character
    /// outside ASCII as `\u` escapes.
    fn string(&mut self, s: &str) {
        self.out.push('"');
        let mut start = 0;
        for (i, c) in s.char_indices() {
            let short = match c {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u{8}' => "\\b",
                '\u{c}' => "\\f",
                c if c < ' ' || (self.style.ascii_only && !c.is_ascii()) => "",
                _ => continue,
            };
            self.out.push_str(&s[start..i]);
            start = i + c.len_utf8();
            if !short.is_empty() {
                self.out.push_str(short);
                continue;
            }
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                self.out.push_str(&format!("\\u{unit:04x}"));
            }
        }
        self.out.push_str(&s[start..]);
        self.out.push('"');
    }

    /// A value kept as compact JSON text, laid out in the style at `depth`:
    /// strings and numbers exactly as written, white space as the file has it.
    fn relayout(&mut self, compact: &str, depth: usize) {
        let style = self.style;
        if style.indent == Indent::OneLine
            && !style.space_after_comma
            && !style.space_before_colon
            && !style.space_after_colon
        {
            self.out.push_str(compact);
            return;
        }
        let bytes = compact.as_bytes();
        let mut depth = depth;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    let end = string_end(bytes, i);
                    self.out.push_str(&compact[i..end]);
                    i = end;
                    continue;
                }
                open @ (b'{' | b'[') => {
                    self.out.push(char::from(open));
                    if matches!(bytes.get(i + 1), Some(b'}' | b']')) {
                        self.out.push(char::from(bytes[i + 1]));
                        i += 2;
                        continue;
                    }
                    depth += 1;
                    self.line(depth);
                }
                close @ (b'}' | b']') => {
                    depth = depth.saturating_sub(1);
                    self.line(depth);
                    self.out.push(char::from(close));
                }
                b',' => self.separator(depth.saturating_sub(1)),
                b':' => self.colon(),
                b => self.out.push(char::from(b)),
            }
            i += 1;
        }
    }
}

/// The end (past the closing quote) of the string literal starting at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LineEnd, RawJson};

    fn writer(style: TextStyle) -> Writer<'static> {
        Writer {
            out: String::new(),
            style,
            original: None,
        }
    }

    #[test]
    fn strings_are_escaped_like_serde_json_and_ascii_only_when_the_file_is() {
        let text = "q\"b\\s\n\u{1}\u{7f} é 🔑";
        let mut w = writer(TextStyle::default());
        w.string(text);
        assert_eq!(w.out, serde_json::to_string(text).unwrap());
        let mut w = writer(TextStyle {
            ascii_only: true,
            ..TextStyle::default()
        });
        w.string("é🔑");
        assert_eq!(w.out, r#""\u00e9\ud83d\udd11""#);
    }

    #[test]
    fn kept_values_are_laid_out_in_the_files_style() {
        let raw = RawJson::compact(r#"{"a":[1.50,"x,y:z",{}],"b":{"c":[]}}"#);
        let mut w = writer(TextStyle::default());
        w.relayout(raw.as_str(), 1);
        assert_eq!(
            w.out,
            "{\n    \"a\": [\n      1.50,\n      \"x,y:z\",\n      {}\n    ],\n    \"b\": {\n      \"c\": []\n    }\n  }"
        );
        let mut w = writer(TextStyle {
            indent: Indent::Tabs(1),
            line_end: LineEnd::CrLf,
            space_after_colon: false,
            ..TextStyle::default()
        });
        w.relayout(r#"{"a":[1]}"#, 0);
        assert_eq!(w.out, "{\r\n\t\"a\":[\r\n\t\t1\r\n\t]\r\n}");
        let mut w = writer(TextStyle {
            indent: Indent::OneLine,
            space_after_comma: true,
            ..TextStyle::default()
        });
        w.relayout(r#"{"a":[1,2]}"#, 3);
        assert_eq!(w.out, r#"{"a": [1, 2]}"#);
    }
}
