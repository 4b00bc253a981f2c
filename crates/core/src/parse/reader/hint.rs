//! What stands where reading stopped ([`Token`], for the message), and
//! the fix it suggests ([`Hint`]): a quote, a comment, a word that is not
//! JSON, or the bracket left open at the end of the text.

use super::Reader;
use crate::parse::error::{Found, Hint, Token};
use crate::path::Position;

impl Reader<'_> {
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
    pub(super) fn hint_at(&self, at: usize, key_expected: bool) -> Option<Hint> {
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
