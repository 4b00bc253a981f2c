//! The password-strength Web Worker's work, without a browser: a request's
//! passwords and owners in, the core's verdicts out
//! ([`proget_users_core::strength::assess`], zxcvbn). `worker.rs` is the
//! browser's side; the page's side is the editor's `strength` module.
//!
//! zxcvbn adds about 2.6 MB to a wasm module (0.94 MB gzipped), so it lives
//! in this worker, which the page starts only when a plaintext password
//! first needs scoring, never in the page's own wasm.
//!
//! The protocol, one object per message (the shape of the hashing
//! worker's, so the two can share code):
//!
//! - worker → page `{type: "ready"}` once this module runs (messages sent
//!   before it are lost: the page waits for it);
//! - page → worker `{type: "score", id, bytes, ends, owners}`: the UTF-8
//!   passwords one after another (`Uint8Array`, transferred, so the page
//!   keeps no copy), where each ends (`Uint32Array`), and each one's owner
//!   as `[userName, displayName or null, email or null]`;
//! - worker → page `{type: "scored", id, verdicts}`: one per password, in
//!   order, `null` when it is not weak, else `{summary, warning,
//!   suggestions}` (the core's [`Weakness`] in words: never any part of
//!   the password); or `{type: "failed", id, message}`.
//!
//! The worker wipes the received bytes and its copy of them once scored.
//!
//! ```
//! use proget_users_strength_worker::{score, OwnerDetails};
//! let bytes = b"jdoe2024password-with-many-words-in-it";
//! let owners = [OwnerDetails::named("jDoe"), OwnerDetails::named("ann")];
//! let verdicts = score(bytes, &[8, 38], &owners).unwrap();
//! assert_eq!(verdicts[0].as_ref().unwrap().to_string(), "the password is the user name with little added");
//! assert!(verdicts[1].is_none());
//! ```

pub use proget_users_core::owner::OwnerDetails;
use proget_users_core::password::batch;
use proget_users_core::strength::{assess, Weakness};
use std::fmt;

/// A request the worker cannot read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// An end lies before the previous one or past the bytes.
    Ends,
    /// A password (by its place in the request) is not UTF-8.
    NotUtf8(usize),
    /// The request has a different number of owners than passwords.
    Owners { passwords: usize, owners: usize },
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Malformed::Ends => f.write_str("the request's password ends are out of order"),
            Malformed::NotUtf8(i) => write!(f, "password {} of the request is not UTF-8", i + 1),
            Malformed::Owners { passwords, owners } => write!(
                f,
                "the request has {passwords} passwords but {owners} owners"
            ),
        }
    }
}

impl std::error::Error for Malformed {}

/// The passwords of a request: `bytes` cut at each of `ends` (the packing
/// the hashing worker reads too: [`batch::split`]), each UTF-8.
pub fn split<'a>(bytes: &'a [u8], ends: &[u32]) -> Result<Vec<&'a str>, Malformed> {
    batch::split(bytes, ends)
        .map_err(|_| Malformed::Ends)?
        .into_iter()
        .enumerate()
        .map(|(i, password)| std::str::from_utf8(password).map_err(|_| Malformed::NotUtf8(i)))
        .collect()
}

/// Each password's verdict, in order: `None` when it is not weak for its
/// owner.
pub fn score(
    bytes: &[u8],
    ends: &[u32],
    owners: &[OwnerDetails],
) -> Result<Vec<Option<Weakness>>, Malformed> {
    let passwords = split(bytes, ends)?;
    if passwords.len() != owners.len() {
        return Err(Malformed::Owners {
            passwords: passwords.len(),
            owners: owners.len(),
        });
    }
    Ok(passwords
        .iter()
        .zip(owners)
        .map(|(password, owner)| assess(password, &owner.owner()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_cuts_at_each_end() {
        assert_eq!(
            split("abcdé".as_bytes(), &[1, 1, 6]),
            Ok(vec!["a", "", "bcdé"])
        );
        assert_eq!(split(b"", &[]), Ok(vec![]));
        assert_eq!(split(b"abc", &[2, 1]), Err(Malformed::Ends));
        assert_eq!(split(b"abc", &[4]), Err(Malformed::Ends));
        assert_eq!(split(b"a\xff", &[1, 2]), Err(Malformed::NotUtf8(1)));
    }

    #[test]
    fn each_password_is_scored_for_its_own_owner() {
        let owners = [
            OwnerDetails::named("jDoe"),
            OwnerDetails {
                user_name: "ann".into(),
                display_name: Some("Ann Smith".into()),
                email_address: Some("a.smith@example.com".into()),
            },
            OwnerDetails::named("bob"),
            OwnerDetails::named("jdoe"),
        ];
        let passwords = ["password", "AnnSmith", "T4n!q8#Lr2@vZp9^Wc6$", "JDOE"];
        let mut bytes = Vec::new();
        let mut ends = Vec::new();
        for p in passwords {
            bytes.extend_from_slice(p.as_bytes());
            ends.push(bytes.len() as u32);
        }
        let verdicts: Vec<Option<String>> = score(&bytes, &ends, &owners)
            .unwrap()
            .into_iter()
            .map(|v| v.map(|w| w.to_string()))
            .collect();
        assert!(verdicts[0]
            .as_deref()
            .unwrap()
            .starts_with("the password is easy to guess"));
        assert_eq!(
            verdicts[1].as_deref(),
            Some("the password is the display name")
        );
        assert_eq!(verdicts[2], None);
        assert_eq!(
            verdicts[3].as_deref(),
            Some("the password is the user name")
        );
    }

    #[test]
    fn owners_must_match_the_passwords() {
        assert_eq!(
            score(b"ab", &[1, 2], &[OwnerDetails::named("x")]),
            Err(Malformed::Owners {
                passwords: 2,
                owners: 1
            })
        );
    }
}
