//! How a file's text was laid out (byte order mark, line ends, indentation,
//! spaces around `:` and `,`, ASCII-only escapes): what JSON itself does not
//! carry, found when reading and kept when writing.

/// Layout choices of a file that JSON itself does not carry, found when it
/// is read. Writing copies the parts of the original text that did not
/// change; new and changed parts are written in this style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextStyle {
    /// A UTF-8 byte order mark led the file.
    pub bom: bool,
    /// How lines end (the first line end of the text).
    pub line_end: LineEnd,
    /// The text ended with a line end.
    pub final_newline: bool,
    /// The indentation of one level, or everything on one line.
    pub indent: Indent,
    /// A space before the `:` between a key and its value (`"a" : 1`).
    pub space_before_colon: bool,
    /// A space after that `:` (`"a": 1`).
    pub space_after_colon: bool,
    /// On one line, a space after each `,` (`[1, 2]`).
    pub space_after_comma: bool,
    /// Characters outside ASCII are written as `\u` escapes (`"\u00e9"`), as
    /// tools that write ASCII-only JSON do.
    pub ascii_only: bool,
}

impl Default for TextStyle {
    /// ProGet's own export: two spaces, `": "`, LF and a final line end.
    fn default() -> Self {
        TextStyle {
            bom: false,
            line_end: LineEnd::Lf,
            final_newline: true,
            indent: Indent::Spaces(2),
            space_before_colon: false,
            space_after_colon: true,
            space_after_comma: false,
            ascii_only: false,
        }
    }
}

/// How lines end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineEnd {
    /// `\n`, as on Linux and macOS.
    #[default]
    Lf,
    /// `\r\n`, as on Windows.
    CrLf,
    /// A lone `\r`, as old Mac files have it.
    Cr,
}

impl LineEnd {
    /// The characters that end a line.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnd::Lf => "\n",
            LineEnd::CrLf => "\r\n",
            LineEnd::Cr => "\r",
        }
    }
}

/// How far each nesting level is indented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indent {
    /// No line breaks at all: the whole file on one line, as `jq -c` and
    /// minifiers write it.
    OneLine,
    /// Each level on its own line, indented by this many spaces (ProGet: 2).
    Spaces(u8),
    /// Each level on its own line, indented by this many tabs.
    Tabs(u8),
}
