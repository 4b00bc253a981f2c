//! How the command line names files: `-` for standard input or output, and
//! a file's name as messages show it.

use proget_users_core::text::escaped;
use std::path::Path;

/// The file name that means standard input (or output).
pub const STDIO: &str = "-";

/// Whether `path` is `-`, standard input or output.
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == STDIO
}

/// How a path is named in messages: as typed, with every control character
/// escaped (a file name can hold any of them), and `<stdin>` for `-`.
pub fn display_name(path: &Path) -> String {
    if is_stdio(path) {
        "<stdin>".to_owned()
    } else {
        escaped(&path.to_string_lossy()).to_string()
    }
}
