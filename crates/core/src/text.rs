//! Text from a file or an argument, made safe to show, and counted nouns.
//!
//! A user name, a group or a JSON key can hold anything JSON can spell,
//! control characters included: `"evil\u001b[2J"` clears a terminal when it
//! is printed raw. Every message that shows such text goes through
//! [`quoted`] (or [`escaped`], without the quotes), so no message carries a
//! raw control character, whether it ends up on a terminal, in a log or on
//! the page.
//!
//! ```
//! use proget_users_core::text::{escaped, quoted};
//!
//! assert_eq!(quoted("jDoe").to_string(), r#""jDoe""#);
//! assert_eq!(quoted("evil\u{1b}[2J").to_string(), r#""evil\u001b[2J""#);
//! assert_eq!(escaped("a\tb").to_string(), r"a\tb");
//! ```

use std::fmt::{self, Display, Write};

/// `text` in double quotes, spelled as a JSON string literal would spell it:
/// `"` and `\` escaped, and every character that could move a cursor, ring
/// a bell or reorder what is shown written as an escape (see [`escaped`]).
pub fn quoted(text: &str) -> Quoted<'_> {
    Quoted(text)
}

/// `text` with every unsafe character written as an escape, without
/// quotes: the C0 controls, DEL and the C1 controls (`\n`, `\t`, `\u001b`,
/// ...), the line and paragraph separators, and the bidirectional
/// overrides and isolates that can make text read differently from what it
/// is. Printable text, non-ASCII letters included, is left as it is.
pub fn escaped(text: &str) -> Escaped<'_> {
    Escaped(text)
}

/// Text in double quotes with unsafe characters escaped; see [`quoted`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted<'a>(&'a str);

/// Text with unsafe characters escaped; see [`escaped`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Escaped<'a>(&'a str);

impl Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        write_escaped(f, self.0, true)?;
        f.write_char('"')
    }
}

impl Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, self.0, false)
    }
}

/// Whether showing `c` raw could change how a terminal or a page shows
/// what follows it.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str, quotes: bool) -> fmt::Result {
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| is_unsafe(c) || (quotes && matches!(c, '"' | '\\'))) {
        f.write_str(&rest[..at])?;
        let c = rest[at..].chars().next().unwrap_or_default();
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c => write!(f, "\\u{:04x}", u32::from(c))?,
        }
        rest = &rest[at + c.len_utf8()..];
    }
    f.write_str(rest)
}

/// `n` and the noun, singular for one: `plural(2, "user", "users")` is
/// `"2 users"`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_reordering_characters_are_escaped() {
        assert_eq!(
            quoted("a\u{7}b\u{7f}c\u{85}").to_string(),
            r#""a\u0007b\u007fc\u0085""#
        );
        assert_eq!(
            quoted("say \"hi\" \\o/").to_string(),
            r#""say \"hi\" \\o/""#
        );
        assert_eq!(escaped("x\u{202e}y\u{2028}").to_string(), r"x\u202ey\u2028");
        assert_eq!(escaped("\"a\\b\"").to_string(), "\"a\\b\"");
    }

    #[test]
    fn printable_text_is_left_alone() {
        let text = "Jos\u{e9} M\u{fc}ller \u{5bc6}\u{7801} \u{1f511}";
        assert_eq!(escaped(text).to_string(), text);
        assert_eq!(quoted(text).to_string(), format!("\"{text}\""));
    }

    #[test]
    fn nothing_unsafe_survives_any_character() {
        let all: String = (0..0x3000u32).filter_map(char::from_u32).collect();
        let shown = quoted(&all).to_string();
        assert!(!shown.chars().any(is_unsafe));
    }

    #[test]
    fn plural_picks_the_noun() {
        assert_eq!(plural(1, "user", "users"), "1 user");
        assert_eq!(plural(0, "user", "users"), "0 users");
        assert_eq!(plural(2, "group", "groups"), "2 groups");
    }
}
