//! Finding a file's layout ([`TextStyle`]) from a few places in its text:
//! the gap after the root's `{` gives the indentation (or none: one line),
//! the first member gives the spacing around `:`, the first `,` the spacing
//! after commas on one line, and the first line end how lines end. Each
//! place is one that writing keeps, so a file written back is read with the
//! same style.

use crate::model::{Indent, LineEnd, Member, Span, TextStyle};

/// What the reader noticed on its way that the style depends on.
pub(crate) struct Noticed {
    pub bom: bool,
    pub escaped_non_ascii: bool,
    pub first_comma_spaced: Option<bool>,
}

/// The style of `text` (without its byte order mark), whose root object
/// spans `root` and has `members`.
pub(crate) fn detect(text: &str, root: Span, members: &[Member], noticed: Noticed) -> TextStyle {
    let bytes = text.as_bytes();
    let line_end = match bytes.iter().position(|&b| b == b'\n' || b == b'\r') {
        Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => LineEnd::CrLf,
        Some(i) if bytes[i] == b'\r' => LineEnd::Cr,
        _ => LineEnd::Lf,
    };
    let after = text
        .get(root.end as usize..)
        .unwrap_or_default()
        .trim_end_matches([' ', '\t']);
    let final_newline = after.ends_with(['\n', '\r']);
    let inside = text
        .get(root.start as usize..root.end as usize)
        .unwrap_or_default();
    let indent = match members.first() {
        Some(first) => {
            let gap = text
                .get(root.start as usize + 1..first.key_at as usize)
                .unwrap_or_default();
            match gap.rfind(['\n', '\r']) {
                Some(i) => indent_of(&gap[i + 1..]),
                None => Indent::OneLine,
            }
        }
        None if inside.contains(['\n', '\r']) => Indent::Spaces(2),
        None => Indent::OneLine,
    };
    let one_line = indent == Indent::OneLine;
    let (space_before_colon, space_after_colon) = members
        .first()
        .and_then(|first| colon_gap(text, first))
        .map_or((false, !one_line), |(before, after)| {
            (!before.is_empty(), !after.is_empty())
        });
    TextStyle {
        bom: noticed.bom,
        line_end,
        final_newline,
        indent,
        space_before_colon,
        space_after_colon,
        space_after_comma: one_line && noticed.first_comma_spaced == Some(true),
        ascii_only: noticed.escaped_non_ascii && text.is_ascii(),
    }
}

/// One level of indentation, from the white space before the first key.
fn indent_of(unit: &str) -> Indent {
    let width = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
    if !unit.is_empty() && unit.bytes().all(|b| b == b'\t') {
        Indent::Tabs(width(unit.len()))
    } else {
        Indent::Spaces(width(unit.len()))
    }
}

/// The white space before and after the `:` of `member`, if it has no
/// line break.
fn colon_gap<'t>(text: &'t str, member: &Member) -> Option<(&'t str, &'t str)> {
    let key = text.get(member.key_at as usize..member.value.start as usize)?;
    // The key is a string: its closing quote is the last one before the `:`.
    let colon = key.rfind(':')?;
    let quote = key[..colon].rfind('"')?;
    let (before, after) = (&key[quote + 1..colon], &key[colon + 1..]);
    let plain = |gap: &str| !gap.contains(['\n', '\r']);
    (plain(before) && plain(after)).then_some((before, after))
}

#[cfg(test)]
mod tests {
    use crate::model::{Indent, LineEnd};
    use crate::parse::parse_str;

    fn style(text: &str) -> crate::model::TextStyle {
        parse_str(text).unwrap().file.style
    }

    #[test]
    fn the_layout_is_found_from_the_text() {
        let proget = style("{\n  \"users\": [],\n  \"groups\": []\n}\n");
        assert_eq!(proget, crate::model::TextStyle::default());

        let four = style("{\r\n    \"users\" : []\r\n}");
        assert_eq!(four.indent, Indent::Spaces(4));
        assert_eq!(four.line_end, LineEnd::CrLf);
        assert!(four.space_before_colon && four.space_after_colon);
        assert!(!four.final_newline);

        let tabs = style("{\r\t\"users\":[]\r}\r");
        assert_eq!(tabs.indent, Indent::Tabs(1));
        assert_eq!(tabs.line_end, LineEnd::Cr);
        assert!(!tabs.space_after_colon && tabs.final_newline);

        let line = style("{\"users\": [], \"groups\": []}");
        assert_eq!(line.indent, Indent::OneLine);
        assert!(line.space_after_colon && line.space_after_comma);
        let tight = style("{\"users\":[],\"groups\":[]}");
        assert!(!tight.space_after_colon && !tight.space_after_comma);

        assert!(style("{\"users\":[{\"userName\":\"Jos\\u00e9\"}]}").ascii_only);
        assert!(!style("{\"users\":[{\"userName\":\"Jos\u{e9} \\u00e9\"}]}").ascii_only);
    }
}
