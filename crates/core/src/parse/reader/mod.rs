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
//!
//! The parts: this module holds the cursor and the structure (brackets,
//! commas, keys); `scalar` the values with no inside (strings, decoded or
//! only checked, numbers, `true`, `false`, `null`); `skip` the walk over a
//! value nobody reads, which finds keys that stand twice; `hint` what
//! stands where reading stopped and the fix it suggests.

use super::error::{Diagnostic, ErrorKind, Found, Hint, Syntax};
use crate::path::Position;
use std::borrow::Cow;

mod hint;
mod scalar;
mod skip;

pub(crate) use skip::KeySet;

/// The deepest nesting read: serde_json refuses its 128th level.
pub(crate) const MAX_DEPTH: usize = 127;

/// Why reading stopped: a diagnostic whose positions are byte offsets.
pub(crate) type Fail = Box<Diagnostic>;

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
}

/// The closing bracket of an opening one.
fn closing(open: u8) -> u8 {
    if open == b'{' {
        b'}'
    } else {
        b']'
    }
}
