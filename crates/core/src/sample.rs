//! Sample files: ProGet's own example export ([`EXAMPLE_EXPORT`]), and large
//! files shaped like real directories, for benchmarks and for tests that
//! pin linear behaviour.
//!
//! [`directory`] writes the text ProGet's export would hold for a directory
//! of `users` users: hashed passwords (random bytes: hashing 50,000
//! passwords would measure PBKDF2, not the file), an email for three users in
//! four, one to three of 200 groups each. The text is made directly, not
//! through the model, so it measures the reader rather than trusting it.
//! [`one_line`] and [`with_line_ends`] give the same file minified or with
//! other line ends. Everything is deterministic: the same arguments give the
//! same bytes on every machine and in wasm.
//!
//! ```
//! use proget_users_core::sample;
//!
//! let text = sample::directory(3);
//! let file = proget_users_core::parse::parse(text.as_bytes()).unwrap().file;
//! assert_eq!(file.users.len(), 3);
//! assert!(!sample::one_line(&text).contains('\n'));
//! ```

use base64::Engine;
use std::fmt::Write;

/// ProGet's own example export, byte for byte as the vendor's documentation
/// gives it: two users, Admin (whose password is still `Admin`) and jDoe,
/// with hashed passwords, and two groups.
///
/// The one copy every part of the project uses, so that they cannot drift
/// apart: the page opens it with its *Example* button, the core's and the
/// command line's tests read it, and the end-to-end tests open this file
/// (`crates/core/src/example-export.json`) by path. `tests/core_sample.rs` pins
/// its bytes.
///
/// ```
/// use proget_users_core::{parse, password, sample};
/// let file = parse::parse(sample::EXAMPLE_EXPORT.as_bytes()).unwrap().file;
/// assert_eq!(file.users.len(), 2);
/// assert!(password::verify("Admin", file.user("Admin").unwrap()));
/// ```
pub const EXAMPLE_EXPORT: &str = include_str!("example-export.json");

/// How many groups a generated directory declares.
pub const GROUPS: usize = 200;

/// The JSON of a directory of `users` users, laid out as ProGet's export
/// (two-space indent, LF line ends, no final line end).
pub fn directory(users: usize) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(users * 300 + GROUPS * 20);
    out.push_str("{\n  \"users\": [");
    for i in 0..users {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        let _ = write!(
            out,
            "    {{\n      \"userName\": \"user{i:05}\",\n      \"displayName\": \"User Number {i}\",\n"
        );
        if i % 4 != 0 {
            let _ = writeln!(out, "      \"emailAddress\": \"user{i}@example.com\",");
        }
        let _ = write!(
            out,
            "      \"passwordBytes\": \"{}\",\n      \"saltBytes\": \"{}\",\n      \"groups\": [",
            b64.encode(rng.bytes::<20>()),
            b64.encode(rng.bytes::<10>())
        );
        let mut groups: Vec<u64> = (0..1 + rng.next() % 3)
            .map(|_| rng.next() % GROUPS as u64)
            .collect();
        groups.sort_unstable();
        groups.dedup();
        for (j, g) in groups.iter().enumerate() {
            out.push_str(if j == 0 { "\n" } else { ",\n" });
            let _ = write!(out, "        \"Group {g:03}\"");
        }
        out.push_str("\n      ]\n    }");
    }
    out.push_str(if users == 0 { "],\n" } else { "\n  ],\n" });
    out.push_str("  \"groups\": [");
    for g in 0..GROUPS {
        out.push_str(if g == 0 { "\n" } else { ",\n" });
        let _ = write!(out, "    \"Group {g:03}\"");
    }
    out.push_str("\n  ]\n}");
    out
}

/// `json` without the white space between tokens: one line, as `jq -c`,
/// PowerShell's `ConvertTo-Json -Compress` and minifiers write it.
pub fn one_line(json: &str) -> String {
    crate::model::compact_text(json)
}

/// `text` with every `\n` replaced by `line_end` (`"\r\n"`, or `"\r"` as
/// old Mac files have it).
pub fn with_line_ends(text: &str, line_end: &str) -> String {
    text.replace('\n', line_end)
}

/// A deterministic pseudo-random stream (xorshift), so runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        std::array::from_fn(|_| self.next() as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_directory_reads_back_and_is_written_back_unchanged() {
        for users in [0, 1, 57] {
            let text = directory(users);
            let file = crate::parse::parse(text.as_bytes()).unwrap().file;
            assert_eq!(file.users.len(), users);
            assert_eq!(file.groups.len(), GROUPS);
            assert!(crate::validate::validate(&file).is_empty());
            assert_eq!(crate::write::to_json(&file), text);
        }
    }

    #[test]
    fn one_line_keeps_strings_and_drops_layout() {
        let json = "{\n  \"a b\": [\"x \\\" y\", 1],\r\n\t\"c\": {}\n}";
        assert_eq!(one_line(json), "{\"a b\":[\"x \\\" y\",1],\"c\":{}}");
        let text = directory(20);
        let a: serde_json::Value = serde_json::from_str(&text).unwrap();
        let b: serde_json::Value = serde_json::from_str(&one_line(&text)).unwrap();
        assert_eq!(a, b);
    }
}
