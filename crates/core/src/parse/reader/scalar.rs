//! The values with no inside, checked as strictly as serde_json checks
//! them: strings (decoded, or only checked when nobody reads them) with
//! their escapes and `\u` pairs, numbers, and `true`, `false` and `null`.

use super::{Fail, Reader};
use crate::parse::error::{Hint, Syntax};
use crate::path::Position;
use std::borrow::Cow;

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

impl<'t> Reader<'t> {
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
    pub(super) fn skip_string(&mut self) -> Result<(), Fail> {
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
}
