//! What a CSV is before it is records: its encoding (UTF-8, or UTF-16 as
//! Excel's "Unicode text" saves it), an Excel `sep=` first line, and
//! otherwise the field separator sniffed from the header line.

use super::CsvError;
use std::borrow::Cow;

/// The text of CSV bytes: UTF-8 (with or without a byte order mark, which
/// the reader takes off), or UTF-16 with a byte order mark (Excel's "Unicode
/// text"), whose invalid units become U+FFFD. Other bytes that are not UTF-8
/// fail with the line they are on.
pub(super) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, CsvError> {
    let utf16 = |big: bool| {
        let units = bytes[2..].chunks(2).map(|c| {
            let pair = [c[0], c.get(1).copied().unwrap_or(0)];
            if big {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        // Sized for the worst case (3 bytes of UTF-8 for each 2 of UTF-16),
        // so the text, which may hold passwords, is never moved and no
        // copy is left behind in freed memory.
        let mut text = String::with_capacity(bytes.len() / 2 * 3 + 3);
        text.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
        text
    };
    match bytes {
        [0xFF, 0xFE, ..] => Ok(Cow::Owned(utf16(false))),
        [0xFE, 0xFF, ..] => Ok(Cow::Owned(utf16(true))),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(e) => {
                let before = &bytes[..e.valid_up_to()];
                let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
                Err(CsvError::NotUtf8 { line })
            }
        },
    }
}

/// The separator, the text from the header on, and the line the header
/// starts on. An Excel `sep=X` first line names the separator; otherwise
/// it is whichever of `,`, `;` and tab the first non-blank line holds most
/// of (outside quotes), `,` on a tie.
pub(super) fn separator_of(text: &str) -> (char, &str, usize) {
    let first_end = text.find(['\r', '\n']).unwrap_or(text.len());
    let first = &text[..first_end];
    if let Some(sep) = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))
    {
        let mut chars = sep.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            let rest = &text[first_end..];
            let rest = rest
                .strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\n'))
                .or_else(|| rest.strip_prefix('\r'))
                .unwrap_or(rest);
            return (c, rest, 2);
        }
    }
    let header = text
        .split(['\r', '\n'])
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let (mut comma, mut semicolon, mut tab, mut quoted) = (0, 0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semicolon += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    let sep = if semicolon > comma && semicolon >= tab {
        ';'
    } else if tab > comma && tab > semicolon {
        '\t'
    } else {
        ','
    };
    (sep, text, 1)
}
