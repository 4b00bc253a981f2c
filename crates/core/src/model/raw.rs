//! A JSON value we do not know, kept as its text, so that a file read and
//! written back keeps its numbers' spelling and its strings' escapes.

use std::fmt;

/// A JSON value kept as its text, for fields we do not know: numbers keep
/// their spelling (`1.50`, `1e3`, digits beyond any float) and strings their
/// escapes (`"\u00e9"`). The text is compact: the white space between
/// tokens is dropped, and writing lays the value out like the rest of the
/// file when it is not copied from the original text.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RawJson(Box<str>);

impl RawJson {
    /// The compact JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `json` (valid JSON) without the white space between its tokens.
    pub(crate) fn compact(json: &str) -> RawJson {
        let spaced = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        if !json.as_bytes().iter().any(spaced) {
            return RawJson(json.into());
        }
        RawJson(compact_text(json).into())
    }
}

/// The bytes of `json` without the white space between its tokens: what
/// stands inside a string is kept, escapes included. Byte by byte is
/// enough: the white space, `"` and `\` are ASCII, and no byte of a
/// character beyond ASCII is.
pub(crate) fn without_space(json: &str) -> impl Iterator<Item = u8> + '_ {
    let (mut in_string, mut escaped) = (false, false);
    json.bytes().filter(move |&b| {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            true
        } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            false
        } else {
            in_string = b == b'"';
            true
        }
    })
}

/// `json` without the white space between its tokens ([`without_space`]),
/// as text.
pub(crate) fn compact_text(json: &str) -> String {
    let bytes: Vec<u8> = without_space(json).collect();
    // Only ASCII white space was dropped, so the bytes are still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_json_drops_the_space_between_tokens_only() {
        let raw = RawJson::compact("{ \"a b\" : [1.50 ,\r\n\t\"x \\\" y\"], \"c\": {} }");
        assert_eq!(raw.as_str(), r#"{"a b":[1.50,"x \" y"],"c":{}}"#);
        assert_eq!(RawJson::compact("1e3").to_string(), "1e3");
    }
}
