//! Printable credential slips: one slip per user with the user name, the
//! display name, the server address and the new temporary password, to cut
//! out and hand over.
//!
//! [`html`] makes one self-contained HTML page, laid out to print one slip
//! per page or several per A4 or Letter sheet ([`Layout`]); the browser's
//! Print command does the rest. Like the credentials sheet, the page holds
//! passwords in plaintext, so it:
//! - shows a warning on screen (not printed) to print it, hand the slips
//!   over and delete the file;
//! - loads nothing from anywhere and runs nothing: no script, no font, no
//!   image, no link; a Content-Security-Policy of `default-src 'none'` with
//!   only its own style sheet allowed (by hash) makes sure of it;
//! - asks not to be indexed (`robots: noindex`) and sends no referrer;
//! - writes every value from the file as text, HTML-escaped, with control
//!   and bidirectional characters shown as escapes ([`crate::text::escaped`]);
//! - is built in one allocation of the exact size, returned as a
//!   [`Zeroizing`] string that wipes itself when dropped, so no stray copy of
//!   a password is left in freed memory.
//!
//! # Telling `l`, `1` and `I` apart
//!
//! A page that loads nothing cannot count on a font: the passwords are
//! shown in a monospace font stack chosen for distinct glyphs (DejaVu Sans
//! Mono, Cascadia Mono, Consolas, Source Code Pro, Menlo, ...) with slashed
//! zeros where the font has them, but what makes them unmistakable on any
//! printer and with any font is the aid under each character: its name in
//! the NATO phonetic alphabet for letters, written in CAPITALS for a
//! capital (`I` is `INDIA`, `l` is `lima`), the word for a digit (`1` is
//! `one`, `0` is `zero`), the name of a symbol (`|` is `bar`), and its kind
//! (`capital`, `small`, `digit`, `symbol`). A space is shown as `␣` and
//! named; any other character by its code point (`U+00E9`). Embedding a
//! font instead would add a font file's weight and licence to every page
//! and still leave the reader to judge two glyphs.
//!
//! ```
//! use proget_users_core::generate::Credential;
//! use proget_users_core::slips::{self, Layout, SlipOptions};
//!
//! let credentials = [Credential {
//!     user_name: "jDoe".into(),
//!     display_name: Some("John Doe".into()),
//!     email: None,
//!     password: "Il1O0".into(),
//! }];
//! let options = SlipOptions { server: "https://proget.example.com".into(), layout: Layout::OnePerPage };
//! let page = slips::html(&credentials, &options);
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert_eq!(page.matches("<section class=\"slip\"").count(), 1);
//! assert!(page.contains("INDIA") && page.contains("lima") && page.contains("one"));
//! ```

use crate::generate::Credential;
use crate::text::{escaped, is_unsafe};
use std::fmt::{self, Write};
use std::str::FromStr;
pub use zeroize::Zeroizing;

/// How the slips fall on paper.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Layout {
    /// One slip on each page, to hand over or put in an envelope.
    #[default]
    OnePerPage,
    /// As many slips on each A4 or Letter sheet as fit (three or four),
    /// framed by dashed lines to cut along; a slip never breaks across
    /// sheets.
    SeveralPerSheet,
}

impl Layout {
    /// Every layout, in the order to offer them.
    pub const ALL: [Layout; 2] = [Layout::OnePerPage, Layout::SeveralPerSheet];

    /// The layout's name on the command line: `one-per-page` or
    /// `several-per-sheet`.
    pub fn name(self) -> &'static str {
        match self {
            Layout::OnePerPage => "one-per-page",
            Layout::SeveralPerSheet => "several-per-sheet",
        }
    }

    /// What the layout does, for a person choosing one.
    pub fn description(self) -> &'static str {
        match self {
            Layout::OnePerPage => "one slip per page",
            Layout::SeveralPerSheet => "several slips per sheet, to cut apart",
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A layout name that is not one of [`Layout::ALL`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLayout(pub String);

impl fmt::Display for UnknownLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "there is no slip layout {}: choose one-per-page or several-per-sheet",
            crate::text::quoted(&self.0)
        )
    }
}

impl std::error::Error for UnknownLayout {}

impl FromStr for Layout {
    type Err = UnknownLayout;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Layout::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| UnknownLayout(s.to_owned()))
    }
}

/// What every slip shares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SlipOptions {
    /// Where users sign in, as the administrator typed it once (for example
    /// `https://proget.example.com`). Shown as text, never as a link; when
    /// empty, each slip has a line to write it on.
    pub server: String,
    pub layout: Layout,
}

/// The page's style sheet. Its hash is in the Content-Security-Policy, so
/// changing it means changing [`STYLE_HASH`] (a test says to what).
pub const STYLE: &str = r#"
@page { margin: 12mm; }
* { box-sizing: border-box; }
html { color-scheme: light; }
body { margin: 0 auto; padding: 1rem; max-width: 190mm; color: #000; background: #fff;
  font: 10.5pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
.warning { border: 3px solid #b00020; background: #fff0f0; color: #5c0010; padding: .75rem 1rem; margin: 0 0 1rem; }
.warning p { margin: .25rem 0; }
.slip { border: 1px dashed #444; padding: 4mm 5mm; margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
.one-per-page .slip { border-style: solid; break-after: page; page-break-after: always; }
.one-per-page .slip:last-child { break-after: auto; page-break-after: auto; }
.slip h2 { font-size: 12pt; margin: 0 0 2mm; }
.slip dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 0; }
.slip dt { font-weight: 600; }
.slip dd { margin: 0; overflow-wrap: anywhere; }
.mono, .char { font-family: "DejaVu Sans Mono", "Cascadia Mono", Consolas, "Source Code Pro", Menlo, "SF Mono", "Liberation Mono", "Noto Sans Mono", ui-monospace, monospace;
  font-variant-numeric: slashed-zero; font-feature-settings: "zero" 1; }
.blank { display: inline-block; min-width: 70mm; border-bottom: 1px solid #000; }
.password { display: flex; flex-wrap: wrap; gap: 1mm; list-style: none; margin: 0; padding: 0; }
.slip .whole { grid-column: 1 / -1; }
.password li { display: flex; flex-direction: column; align-items: center; width: 14mm; padding: .3mm .3mm .6mm; border: 1px solid #999; border-radius: 1mm; text-align: center; overflow-wrap: normal; }
.char { font-size: 15pt; line-height: 1.2; font-weight: 600; }
.say { font-size: 6.5pt; line-height: 1.1; }
.kind { font-size: 5.5pt; line-height: 1.1; color: #333; }
.change { font-weight: 600; margin: 2mm 0 0; }
.legend { font-size: 7pt; color: #333; margin: .5mm 0 0; }
@media print {
  .screen-only { display: none !important; }
  body { padding: 0; max-width: none; }
}
"#;

/// `sha256-` and the base64 SHA-256 of [`STYLE`], as the
/// Content-Security-Policy's `style-src` names it (a macro, so that
/// `concat!` can build the policy from it).
macro_rules! style_hash {
    () => {
        "sha256-hwz0PN/xCipp14lKWWpbWTMam1Oc/PotgFYPYbBBG9Q="
    };
}

/// The hash of the page's style sheet in [`CONTENT_SECURITY_POLICY`].
pub const STYLE_HASH: &str = style_hash!();

/// The page's Content-Security-Policy: nothing may load, nothing may run,
/// only the page's own style sheet applies.
pub const CONTENT_SECURITY_POLICY: &str = concat!(
    "default-src 'none'; style-src '",
    style_hash!(),
    "'; img-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'"
);

/// The slips page for these credentials: one slip per credential, in the
/// given order, laid out as `options` says.
///
/// The page holds the passwords in plaintext: write it only where its
/// owner alone can read it, never cache or log it, and drop the returned
/// string as soon as it is saved (it wipes itself then).
pub fn html(credentials: &[Credential], options: &SlipOptions) -> Zeroizing<String> {
    // Measure first, then write into a buffer of exactly that size: a
    // growing String would leave copies of the passwords in the memory it
    // frees as it moves.
    let mut counter = Counter(0);
    let _ = render(&mut counter, credentials, options);
    let mut out = Zeroizing::new(String::with_capacity(counter.0));
    let capacity = out.capacity();
    let _ = render(&mut *out, credentials, options);
    debug_assert_eq!(out.len(), counter.0);
    debug_assert_eq!(out.capacity(), capacity, "the page outgrew its buffer");
    out
}

/// Counts the bytes written to it.
struct Counter(usize);

impl Write for Counter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

/// Writes what is written through it as HTML text: `&`, `<`, `>`, `"` and
/// `'` become character references, safe in text and in quoted attributes.
struct HtmlText<'w, W: Write>(&'w mut W);

impl<W: Write> Write for HtmlText<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut rest = s;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            self.0.write_str(&rest[..at])?;
            self.0.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        self.0.write_str(rest)
    }
}

/// Writes `value` as HTML text, with unsafe characters shown as escapes.
fn text(w: &mut impl Write, value: &str) -> fmt::Result {
    write!(HtmlText(w), "{}", escaped(value))
}

fn render(w: &mut impl Write, credentials: &[Credential], options: &SlipOptions) -> fmt::Result {
    let count = credentials.len();
    w.write_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")?;
    writeln!(
        w,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
    )?;
    w.write_str(
        "<meta name=\"robots\" content=\"noindex, nofollow, noarchive\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Credential slips</title>\n<style>",
    )?;
    w.write_str(STYLE)?;
    write!(
        w,
        "</style>\n</head>\n<body class=\"{}\">\n",
        options.layout.name()
    )?;
    write!(
        w,
        "<div class=\"warning screen-only\" role=\"alert\">\n\
         <p><strong>This page holds passwords in plaintext.</strong> Print it, hand each slip over \
         privately, then delete this file (and empty the trash). Do not keep it, mail it or \
         save it where others can read it.</p>\n\
         <p>{} slip{}, {}. Print with the browser&#39;s Print command, with headers and footers \
         turned off. This notice is not printed.</p>\n</div>\n<main>\n",
        count,
        if count == 1 { "" } else { "s" },
        options.layout.description()
    )?;
    for (i, c) in credentials.iter().enumerate() {
        slip(w, c, &options.server, i + 1, count)?;
    }
    w.write_str("</main>\n</body>\n</html>\n")
}

fn slip(
    w: &mut impl Write,
    c: &Credential,
    server: &str,
    number: usize,
    count: usize,
) -> fmt::Result {
    write!(
        w,
        "<section class=\"slip\" aria-label=\"Slip {number} of {count}\">\n\
         <h2>Your sign-in</h2>\n<dl>\n<dt>Server</dt><dd class=\"server mono\">"
    )?;
    if server.trim().is_empty() {
        w.write_str("<span class=\"blank\"></span>")?;
    } else {
        text(w, server.trim())?;
    }
    w.write_str("</dd>\n<dt>User name</dt><dd class=\"user-name mono\">")?;
    text(w, &c.user_name)?;
    w.write_str("</dd>\n")?;
    // The display name, unless it says nothing more than the user name.
    let display_name = c.display_name.as_deref().map(str::trim);
    if let Some(name) = display_name.filter(|n| !n.is_empty() && *n != c.user_name.trim()) {
        w.write_str("<dt>Name</dt><dd class=\"display-name\">")?;
        text(w, name)?;
        w.write_str("</dd>\n")?;
    }
    write!(
        w,
        "<dt class=\"whole\">Temporary password</dt><dd class=\"whole\"><ol class=\"password\" aria-label=\"{} characters\">",
        c.password.chars().count()
    )?;
    for ch in c.password.chars() {
        let aid = Aid::of(ch);
        w.write_str("<li><span class=\"char\">")?;
        match aid.glyph {
            Some(glyph) => w.write_str(glyph)?,
            None => write!(HtmlText(w), "{ch}")?,
        }
        w.write_str("</span><span class=\"say\">")?;
        match aid.say {
            Say::Word(word) => w.write_str(word)?,
            Say::Capital(word) => {
                for b in word.bytes() {
                    w.write_char(char::from(b.to_ascii_uppercase()))?;
                }
            }
            Say::CodePoint => write!(w, "U+{:04X}", u32::from(ch))?,
        }
        write!(w, "</span><span class=\"kind\">{}</span></li>", aid.kind)?;
    }
    w.write_str(
        "</ol></dd>\n</dl>\n\
         <p class=\"change\">This password is temporary: change it the first time you sign in.</p>\n\
         <p class=\"legend\">Under each character: its name (capital letters in CAPITALS, small \
         letters in small letters, digits as words) and its kind.</p>\n</section>\n",
    )
}

/// How one character of a password is shown: its glyph (when the character
/// itself would not show), the word to say, and its kind.
struct Aid {
    glyph: Option<&'static str>,
    say: Say,
    kind: &'static str,
}

enum Say {
    /// A word as it is.
    Word(&'static str),
    /// A word in capitals.
    Capital(&'static str),
    /// `U+00E9`.
    CodePoint,
}

/// The NATO phonetic alphabet, `a` to `z`.
const PHONETIC: [&str; 26] = [
    "alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    "uniform", "victor", "whiskey", "xray", "yankee", "zulu",
];

const DIGITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

impl Aid {
    fn of(c: char) -> Aid {
        let plain = |say, kind| Aid {
            glyph: None,
            say,
            kind,
        };
        match c {
            'a'..='z' => plain(Say::Word(PHONETIC[usize::from(c as u8 - b'a')]), "small"),
            'A'..='Z' => plain(
                Say::Capital(PHONETIC[usize::from(c as u8 - b'A')]),
                "capital",
            ),
            '0'..='9' => plain(Say::Word(DIGITS[usize::from(c as u8 - b'0')]), "digit"),
            ' ' => Aid {
                glyph: Some("\u{2423}"),
                say: Say::Word("space"),
                kind: "blank",
            },
            _ => match symbol_name(c) {
                Some(name) => plain(Say::Word(name), "symbol"),
                None if is_unsafe(c) || c.is_whitespace() || is_invisible(c) => Aid {
                    glyph: Some("\u{25cc}"),
                    say: Say::CodePoint,
                    kind: "invisible",
                },
                None if c.is_alphabetic() => plain(Say::CodePoint, "letter"),
                None => plain(Say::CodePoint, "other"),
            },
        }
    }
}

/// Characters that print as nothing or that change their neighbours:
/// format characters, variation selectors and combining marks.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
        | '\u{ffa0}' | '\u{fff0}'..='\u{fffb}' | '\u{e0000}'..='\u{e0fff}'
        | '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The name of an ASCII symbol.
fn symbol_name(c: char) -> Option<&'static str> {
    Some(match c {
        '!' => "exclamation",
        '"' => "double quote",
        '#' => "hash",
        '$' => "dollar",
        '%' => "percent",
        '&' => "ampersand",
        '\'' => "apostrophe",
        '(' => "open paren",
        ')' => "close paren",
        '*' => "asterisk",
        '+' => "plus",
        ',' => "comma",
        '-' => "minus",
        '.' => "period",
        '/' => "slash",
        ':' => "colon",
        ';' => "semicolon",
        '<' => "less than",
        '=' => "equals",
        '>' => "greater than",
        '?' => "question",
        '@' => "at",
        '[' => "open bracket",
        '\\' => "backslash",
        ']' => "close bracket",
        '^' => "caret",
        '_' => "underscore",
        '`' => "backtick",
        '{' => "open brace",
        '|' => "bar",
        '}' => "close brace",
        '~' => "tilde",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say(c: char) -> String {
        let mut out = String::new();
        match Aid::of(c).say {
            Say::Word(w) => out.push_str(w),
            Say::Capital(w) => out.push_str(&w.to_uppercase()),
            Say::CodePoint => out = format!("U+{:04X}", u32::from(c)),
        }
        out
    }

    #[test]
    fn look_alikes_are_named_apart() {
        let named: Vec<(String, &str)> = "Il1|O0o"
            .chars()
            .map(|c| (say(c), Aid::of(c).kind))
            .collect();
        assert_eq!(
            named,
            [
                ("INDIA".into(), "capital"),
                ("lima".into(), "small"),
                ("one".into(), "digit"),
                ("bar".into(), "symbol"),
                ("OSCAR".into(), "capital"),
                ("zero".into(), "digit"),
                ("oscar".into(), "small"),
            ]
        );
    }

    #[test]
    fn every_printable_ascii_character_has_a_name() {
        for c in '!'..='~' {
            assert!(!say(c).starts_with("U+"), "{c}");
        }
        assert_eq!(say('\u{e9}'), "U+00E9");
        assert_eq!(Aid::of('\u{200b}').kind, "invisible");
        assert_eq!(Aid::of('\u{1b}').kind, "invisible");
    }

    #[test]
    fn layouts_have_names_that_read_back() {
        for layout in Layout::ALL {
            assert_eq!(layout.name().parse::<Layout>(), Ok(layout));
        }
        assert_eq!(
            "grid".parse::<Layout>().unwrap_err().to_string(),
            "there is no slip layout \"grid\": choose one-per-page or several-per-sheet"
        );
    }
}
