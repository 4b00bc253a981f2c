//! The JSON reader: one forward walk over the text that checks its syntax as
//! strictly as serde_json does, and says what would fix what it refuses.
//!
//! It knows where every bracket it is inside of opened, where the last
//! value ended and where the last `,` stood, so a syntax error comes with a
//! hint pointing at the likely fix (see [`Hint`]). Positions are byte
//! offsets here; lines and columns are found afterwards, in one walk, and
//! only for what is reported.
//!
//! Nesting is limited to [`MAX_DEPTH`] levels, as serde_json limits it, and
//! values nobody reads ([`Reader::skip_value`]) are walked without
//! recursion, so no input can overflow the stack.

use super::error::{Diagnostic, ErrorKind, Found, Hint, Syntax, Token};
use crate::path::{Position, Segment};
use foldhash::HashMap;
use std::borrow::Cow;

/// The deepest nesting read: serde_json refuses its 128th level.
pub(crate) const MAX_DEPTH: usize = 127;

/// Why reading stopped: a diagnostic whose positions are byte offsets.
pub(crate) type Fail = Box<Diagnostic>;

/// Bytes that end the plain run of a string: `"`, `\` and the control
/// characters JSON allows only escaped.
static STOPS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// Told of a key that stands twice in one object: the path from the value
/// being skipped to that object, the key, and where it stood first and second.
pub(crate) type OnDuplicate<'a> = dyn FnMut(&[Segment], &str, usize, usize) + 'a;

/// A cursor over the text that checks what it passes.
pub(crate) struct Reader<'t> {
    pub text: &'t str,
    bytes: &'t [u8],
    /// The next byte to read.
    pub pos: usize,
    /// The brackets the cursor is inside of, innermost last, with where
    /// each opened.
    opens: Vec<(u8, usize)>,
    /// Where the last complete value ended.
    last_end: usize,
    /// Whether a `\u` escape spelled a character outside ASCII.
    pub escaped_non_ascii: bool,
    /// Whether the first `,` of the text was followed by exactly one space.
    pub first_comma_spaced: Option<bool>,
}

impl<'t> Reader<'t> {
    pub fn new(text: &'t str) -> Self {
        Reader::at(text, 0)
    }

    /// A reader of `text` starting at byte `pos`.
    pub fn at(text: &'t str, pos: usize) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos,
            opens: Vec::new(),
            last_end: pos,
            escaped_non_ascii: false,
            first_comma_spaced: None,
        }
    }

    #[inline]
    pub fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte after white space.
    #[inline]
    pub fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.pos).copied()
    }

    /// Checks that only white space follows the root value.
    pub fn end(&mut self) -> Result<(), Fail> {
        self.skip_ws();
        if self.pos >= self.bytes.len() {
            return Ok(());
        }
        let found = self.token_at(self.pos);
        let hint = self.hint_at(self.pos, false);
        let problem = Syntax::TrailingCharacters { found };
        Err(self.fail(problem, self.pos, hint))
    }

    fn fail(&self, problem: Syntax, at: usize, hint: Option<Hint>) -> Fail {
        Box::new(Diagnostic {
            kind: ErrorKind::Syntax { problem, hint },
            path: None,
            at: Some(Position::unresolved(at)),
        })
    }

    /// Opens the object or array at the cursor; `false` when it is empty,
    /// and then already closed.
    pub fn open(&mut self) -> Result<bool, Fail> {
        let open = self.bytes[self.pos];
        if self.opens.len() >= MAX_DEPTH {
            return Err(Box::new(Diagnostic {
                kind: ErrorKind::TooDeep,
                path: None,
                at: Some(Position::unresolved(self.pos)),
            }));
        }
        self.opens.push((open, self.pos));
        self.pos += 1;
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&closing(open)) {
            self.close();
            return Ok(false);
        }
        Ok(true)
    }

    fn close(&mut self) {
        self.pos += 1;
        self.opens.pop();
        self.last_end = self.pos;
    }

    /// After a member or an item: `true` past a `,`, `false` past the
    /// closing bracket.
    pub fn more(&mut self) -> Result<bool, Fail> {
        let Some(&(open, open_at)) = self.opens.last() else {
            return Ok(false);
        };
        let close = closing(open);
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                if self.first_comma_spaced.is_none() {
                    let gap = &self.bytes[self.pos..];
                    let spaced = gap.first() == Some(&b' ')
                        && !matches!(gap.get(1), Some(b' ' | b'\t' | b'\n' | b'\r'));
                    self.first_comma_spaced = Some(spaced);
                }
                self.skip_ws();
                // Any closing bracket: a wrong one is the next thing to fix.
                if let Some(b'}' | b']') = self.bytes.get(self.pos) {
                    // Right before the bracket, the place says it already.
                    let hint = (self.pos > comma + 1).then(|| Hint::TrailingComma {
                        at: Position::unresolved(comma),
                    });
                    return Err(self.fail(Syntax::TrailingComma, self.pos, hint));
                }
                Ok(true)
            }
            Some(&b) if b == close => {
                self.close();
                Ok(false)
            }
            next => {
                let found = self.token_at(self.pos);
                let hint = match next {
                    None | Some(b'}' | b']') => Some(Hint::Unclosed {
                        open: char::from(open),
                        at: Position::unresolved(open_at),
                    }),
                    Some(&b) => self.hint_at(self.pos, false).or_else(|| {
                        let gap = &self.bytes[self.last_end.min(self.pos)..self.pos];
                        Found::starting(b).map(|_| Hint::MissingComma {
                            after: Position::unresolved(self.last_end),
                            end_of_line: gap.iter().any(|&b| b == b'\n' || b == b'\r'),
                        })
                    }),
                };
                let problem = Syntax::ExpectedCommaOr {
                    close: char::from(close),
                    found,
                };
                Err(self.fail(problem, self.pos, hint))
            }
        }
    }

    /// The key of the next member, decoded, and where it began; the cursor
    /// is then at the member's value.
    pub fn key(&mut self) -> Result<(Cow<'t, str>, usize), Fail> {
        self.skip_ws();
        let at = self.pos;
        if self.bytes.get(at) != Some(&b'"') {
            let found = self.token_at(at);
            let hint = self.hint_at(at, true);
            return Err(self.fail(Syntax::ExpectedKey { found }, at, hint));
        }
        let key = self.string()?;
        self.skip_ws();
        if self.bytes.get(self.pos) != Some(&b':') {
            let found = self.token_at(self.pos);
            let hint = self.hint_at(self.pos, false);
            return Err(self.fail(Syntax::ExpectedColon { found }, self.pos, hint));
        }
        self.pos += 1;
        self.skip_ws();
        Ok((key, at))
    }

    /// Reads the string at the cursor (at its `"`), decoded; borrowed from
    /// the text when it has no escapes.
    pub fn string(&mut self) -> Result<Cow<'t, str>, Fail> {
        let start = self.pos;
        let run = self.plain_run(start + 1);
        match self.bytes.get(run) {
            Some(b'"') => {
                self.pos = run + 1;
                self.last_end = self.pos;
                Ok(Cow::Borrowed(&self.text[start + 1..run]))
            }
            _ => {
                let mut out = String::from(&self.text[start + 1..run]);
                self.pos = run;
                self.string_rest(start, Some(&mut out))?;
                Ok(Cow::Owned(out))
            }
        }
    }

    /// Checks the string at the cursor without decoding it.
    fn skip_string(&mut self) -> Result<(), Fail> {
        let start = self.pos;
        self.pos = start + 1;
        self.string_rest(start, None)
    }

    /// The end of the run of bytes from `from` that need no care in a string.
    #[inline]
    fn plain_run(&self, from: usize) -> usize {
        let rest = self.bytes.get(from..).unwrap_or_default();
        from + rest
            .iter()
            .position(|&b| STOPS[usize::from(b)])
            .unwrap_or(rest.len())
    }

    /// Reads the rest of the string that opened at `start`, from the cursor
    /// to past its closing quote, decoding into `out` when given.
    fn string_rest(&mut self, start: usize, mut out: Option<&mut String>) -> Result<(), Fail> {
        loop {
            let run = self.plain_run(self.pos);
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&self.text[self.pos..run]);
            }
            self.pos = run;
            match self.bytes.get(run) {
                Some(b'"') => {
                    self.pos += 1;
                    self.last_end = self.pos;
                    return Ok(());
                }
                Some(b'\\') => {
                    let c = self.escape()?;
                    if let Some(out) = out.as_deref_mut() {
                        out.push(c);
                    }
                }
                Some(&b) => {
                    let c = char::from(b);
                    let hint = if matches!(c, '\n' | '\r') {
                        Hint::UnclosedString {
                            at: Position::unresolved(start),
                        }
                    } else {
                        Hint::Escape(c)
                    };
                    return Err(self.fail(Syntax::ControlCharacter(c), run, Some(hint)));
                }
                None => {
                    let hint = Hint::UnclosedString {
                        at: Position::unresolved(start),
                    };
                    return Err(self.fail(Syntax::EndInString, run, Some(hint)));
                }
            }
        }
    }

    /// Reads the escape at the cursor (at its `\`).
    fn escape(&mut self) -> Result<char, Fail> {
        let at = self.pos;
        let c = match self.bytes.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(),
            None => {
                return Err(self.fail(Syntax::EndInString, self.bytes.len(), None));
            }
            Some(_) => return Err(self.fail(Syntax::InvalidEscape, at, None)),
        };
        self.pos += 2;
        Ok(c)
    }

    /// Reads a `\uXXXX` escape, or a pair of them for a character beyond
    /// the first plane; half a pair is an error, as in serde_json.
    fn unicode_escape(&mut self) -> Result<char, Fail> {
        let at = self.pos;
        let unit = self.hex4(at + 2)?;
        let code = match unit {
            0xD800..=0xDBFF => {
                let low = match self.bytes.get(at + 6..at + 8) {
                    Some(b"\\u") => self.hex4(at + 8)?,
                    _ => return Err(self.fail(Syntax::LoneSurrogate, at, None)),
                };
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.fail(Syntax::LoneSurrogate, at, None));
                }
                self.pos = at + 12;
                0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.fail(Syntax::LoneSurrogate, at, None)),
            unit => {
                self.pos = at + 6;
                u32::from(unit)
            }
        };
        if code >= 0x80 {
            self.escaped_non_ascii = true;
        }
        // Every code here is a scalar value: surrogates were refused.
        Ok(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    /// Four hex digits at `at`.
    fn hex4(&self, at: usize) -> Result<u16, Fail> {
        let mut value = 0u16;
        for i in at..at + 4 {
            let digit = match self.bytes.get(i) {
                Some(&b) => char::from(b).to_digit(16),
                None => return Err(self.fail(Syntax::EndInString, self.bytes.len(), None)),
            };
            match digit {
                Some(d) => value = value << 4 | d as u16,
                None => return Err(self.fail(Syntax::InvalidEscape, at - 2, None)),
            }
        }
        Ok(value)
    }

    /// Checks the number at the cursor: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Result<(), Fail> {
        let bytes = self.bytes;
        let digits = |mut i: usize| {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            i
        };
        let mut i = self.pos;
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'0') => {
                i += 1;
                if bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    return Err(self.fail(Syntax::InvalidNumber, i, None));
                }
            }
            Some(b'1'..=b'9') => i = digits(i + 1),
            _ => return Err(self.fail(Syntax::InvalidNumber, i, None)),
        }
        if bytes.get(i) == Some(&b'.') {
            let start = i + 1;
            i = digits(start);
            if i == start {
                return Err(self.fail(Syntax::InvalidNumber, i, None));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            let start = i;
            i = digits(start);
            if i == start {
                return Err(self.fail(Syntax::InvalidNumber, i, None));
            }
        }
        self.pos = i;
        self.last_end = i;
        Ok(())
    }

    /// Reads `true`, `false`, `null`, a number or a string at the cursor,
    /// or fails saying a value was expected.
    pub fn scalar(&mut self) -> Result<(), Fail> {
        self.skip_ws();
        let word = match self.bytes.get(self.pos) {
            Some(b'"') => return self.skip_string(),
            Some(b'-' | b'0'..=b'9') => return self.number(),
            Some(b't') => "true",
            Some(b'f') => "false",
            Some(b'n') => "null",
            _ => "",
        };
        if !word.is_empty() && self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            self.last_end = self.pos;
            return Ok(());
        }
        let found = self.token_at(self.pos);
        let hint = self.hint_at(self.pos, false);
        Err(self.fail(Syntax::ExpectedValue { found }, self.pos, hint))
    }

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

    /// What stands at `at`, for a message.
    pub fn token_at(&self, at: usize) -> Token {
        let Some(&b) = self.bytes.get(at) else {
            return Token::End;
        };
        let rest = &self.text[at..];
        if let Some(found) = Found::starting(b) {
            let word = matches!(b, b't' | b'f' | b'n');
            if !word
                || ["true", "false", "null"]
                    .iter()
                    .any(|w| rest.starts_with(w))
            {
                return Token::Value(found);
            }
        }
        let word = word_at(rest);
        if !word.is_empty() {
            return Token::Word(word.chars().take(40).collect());
        }
        Token::Char(rest.chars().next().unwrap_or_default())
    }

    /// A hint from what stands at `at`: a quote, a comment or a word that is
    /// not JSON; at the end of the text, the bracket left open.
    fn hint_at(&self, at: usize, key_expected: bool) -> Option<Hint> {
        let rest = self.text.get(at..).unwrap_or_default();
        match rest.as_bytes().first() {
            None => self.opens.last().map(|&(open, open_at)| Hint::Unclosed {
                open: char::from(open),
                at: Position::unresolved(open_at),
            }),
            Some(b'\'') => Some(Hint::SingleQuotes),
            Some(b'/') if rest.starts_with("//") || rest.starts_with("/*") => Some(Hint::Comment),
            Some(_) => {
                let word = word_at(rest);
                let json = match word.to_ascii_lowercase().as_str() {
                    "true" => Some("true"),
                    "false" => Some("false"),
                    "null" | "none" => Some("null"),
                    _ => None,
                };
                match json {
                    Some(json) if word != json => Some(Hint::Literal { json }),
                    _ if key_expected && !word.is_empty() => Some(Hint::UnquotedKey),
                    _ => None,
                }
            }
        }
    }
}

/// The closing bracket of an opening one.
fn closing(open: u8) -> u8 {
    if open == b'{' {
        b'}'
    } else {
        b']'
    }
}

/// The identifier-like word at the start of `text` (letters, digits, `_`,
/// `$`, starting with a letter, `_` or `$`).
fn word_at(text: &str) -> &str {
    let starts = text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$');
    if !starts {
        return "";
    }
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(text.len());
    &text[..end]
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
    use super::*;

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
