//! Weak-password warnings: plaintext passwords that are easy to guess, or
//! little more than the user's own name.
//!
//! ProGet hashes any plaintext `password` it is given, however weak. Before
//! a file goes to the server, [`weak_passwords`] scores every plaintext in
//! it with [zxcvbn](https://docs.rs/zxcvbn) (Dropbox's estimator: word
//! lists, keyboard patterns, dates, l33t spelling), and [`assess`] scores
//! one password, for a CSV row or the page's password dialog. A password is
//! weak when:
//!
//! - zxcvbn scores it below [`MIN_SCORE`] (3 of 4: about 10⁸ guesses or
//!   fewer, within reach of an offline attack on a leaked hash); the user's
//!   name, display name and email are given to zxcvbn as words an attacker
//!   would try first; or
//! - it is the user name, the display name or the email's local part,
//!   ignoring letter case, or one of them (or a word of them at least
//!   [`MIN_WORD_CHARS`] long) with little added: what is left once that name
//!   is taken out scores below [`MIN_SCORE`] by itself. (`jdoe2024!` is
//!   weak for `jDoe`; a random password that happens to hold `doe` is not,
//!   so a generated password is never called weak for containing a name.)
//!
//! A [`Weakness`] never holds the password: only zxcvbn's score and its
//! fixed English feedback ("This is a top-10 common password."), which
//! names patterns, never the password's text. The lower-cased copy and
//! the remainder made here are wiped after use; zxcvbn's own copies (it
//! reads the first 100 characters) are not in our hands.
//!
//! ```
//! use proget_users_core::strength::{assess, Owner, Personal};
//! let jdoe = Owner { user_name: "jDoe", display_name: Some("John Doe"), email_address: None };
//! let weak = assess("JDoe2024!", &jdoe).unwrap();
//! assert_eq!(weak.personal.map(|p| p.field), Some(Personal::UserName));
//! assert_eq!(weak.to_string(), "the password is the user name with little added");
//! assert!(assess("password", &jdoe).unwrap().to_string().starts_with("the password is easy to guess (strength 0 of 4)"));
//! assert_eq!(assess("T4n!q8#Lr2@vZp9^Wc6$", &jdoe), None);
//! ```
//!
//! # Size and speed
//!
//! zxcvbn brings its word lists and two regex engines. Measured with a
//! small wasm-bindgen cdylib over this crate (parse and validate a file),
//! built for wasm32 with `opt-level = 3`, LTO and one codegen unit, after
//! wasm-bindgen and before wasm-opt:
//!
//! | build                          | wasm bytes |   gzipped |
//! |--------------------------------|-----------:|----------:|
//! | without the `strength` feature |    181,223 |    74,077 |
//! | with it, [`assess`] not called |    191,325 |    77,113 |
//! | with it, [`assess`] called     |  2,741,407 | 1,011,018 |
//!
//! So calling it adds 2.56 MB (0.94 MB gzipped: 1.3 MB of code, 1.2 MB of
//! data); at `opt-level = "z"` it adds 2.08 MB (0.80 MB gzipped). Having
//! the feature on without calling it adds about 10 KB (3 KB gzipped) of
//! wasm-bindgen glue for zxcvbn's timer. So this module is behind the
//! `strength` feature (on by default, for the command line), and the page
//! should call it from a worker loaded on first use, not from its first
//! load. [`assess`] is a plain function of plain data for that: the worker
//! gets the password and an [`Owner`], and sends back the [`Weakness`] (a
//! score, a [`PersonalMatch`] and strings).
//!
//! The first call builds zxcvbn's dictionaries (about 50 ms); after that a
//! password takes 0.2 to 0.6 ms natively in a release build, so a file of
//! 50,000 plaintext passwords takes about 20 seconds on one core: a caller
//! with many can spread [`weak_password`] (one user) over cores, as
//! [`weak_passwords`] does not. `cargo bench --bench strength` prints the figures.

use crate::model::{User, UsersFile};
pub use crate::owner::Owner;
use crate::path::JsonPath;
use std::fmt;
use zeroize::Zeroize;

/// The lowest zxcvbn score (0 to 4) that is not weak.
pub const MIN_SCORE: u8 = 3;

/// The shortest name, or word of a name, that a password is checked for
/// holding; a shorter one counts only when it is the whole password (a
/// two-letter name turns up in passwords by chance).
pub const MIN_WORD_CHARS: usize = 3;

/// Passwords longer than this (in characters) are not searched for names:
/// zxcvbn reads only the first 100 characters, and whatever such a long
/// password holds, it is not a name with little added.
const MAX_SEARCHED_CHARS: usize = 256;

/// A detail of the owner that a password can be made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Personal {
    UserName,
    DisplayName,
    /// The part of the email address before the `@`.
    EmailAddress,
}

impl Personal {
    /// `user name`, `display name` or `email address`.
    pub fn noun(self) -> &'static str {
        match self {
            Personal::UserName => "user name",
            Personal::DisplayName => "display name",
            Personal::EmailAddress => "email address",
        }
    }
}

/// How a password is made of one of its owner's details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PersonalMatch {
    pub field: Personal,
    /// The password is the detail itself (ignoring letter case), not the
    /// detail with a little added.
    pub whole: bool,
}

/// Why a password is weak. Holds no part of the password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weakness {
    /// zxcvbn's score of the whole password, 0 (guessed at once) to 4.
    pub score: u8,
    /// The owner's detail the password is made of, if any.
    pub personal: Option<PersonalMatch>,
    /// zxcvbn's warning, such as `This is a top-10 common password.`
    pub warning: Option<String>,
    /// zxcvbn's suggestions, such as `Add another word or two. Uncommon
    /// words are better.`
    pub suggestions: Vec<String>,
}

impl fmt::Display for Weakness {
    /// `the password is the user name`, `the password is the display name
    /// with little added`, or `the password is easy to guess (strength 1 of
    /// 4): This is a very common password.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.personal {
            Some(PersonalMatch { field, whole: true }) => {
                write!(f, "the password is the {}", field.noun())
            }
            Some(PersonalMatch { field, .. }) => {
                write!(f, "the password is the {} with little added", field.noun())
            }
            None => {
                write!(
                    f,
                    "the password is easy to guess (strength {} of 4)",
                    self.score
                )?;
                match &self.warning {
                    Some(warning) => write!(f, ": {warning}"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Whether `password` is weak for `owner`, and why.
pub fn assess(password: &str, owner: &Owner<'_>) -> Option<Weakness> {
    let words = owner_words(owner);
    let inputs: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let entropy = zxcvbn::zxcvbn(password, &inputs);
    let score = u8::from(entropy.score());
    let personal = personal_match(password, &words, &inputs);
    if score >= MIN_SCORE && personal.is_none() {
        return None;
    }
    let feedback = entropy.feedback();
    Some(Weakness {
        score,
        personal,
        warning: feedback.and_then(|f| f.warning()).map(|w| w.to_string()),
        suggestions: feedback
            .map(|f| f.suggestions().iter().map(ToString::to_string).collect())
            .unwrap_or_default(),
    })
}

/// A weak plaintext password in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeakPassword {
    /// The user's index in the file.
    pub user: usize,
    /// `$.users[i].password`, for a line and column.
    pub path: JsonPath,
    pub weakness: Weakness,
}

impl fmt::Display for WeakPassword {
    /// `$.users[1].password: warning: the password is the user name`, as
    /// [`crate::validate::Finding`] prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.path, self.weakness)
    }
}

/// Every weak plaintext `password` in the file, in file order. Hashed
/// passwords cannot be scored and are left alone. Each password costs one
/// zxcvbn run (two when it holds a name), so the time grows with the number
/// of plaintexts, not with their neighbours.
pub fn weak_passwords(file: &UsersFile) -> Vec<WeakPassword> {
    file.users
        .iter()
        .enumerate()
        .filter_map(|(i, user)| weak_password(i, user))
        .collect()
}

/// The user's plaintext `password`, if it has one and it is weak for that
/// user; `index` is the user's place in the file. What [`weak_passwords`]
/// finds for one user: for a caller that spreads the users over cores.
pub fn weak_password(index: usize, user: &User) -> Option<WeakPassword> {
    let weakness = assess(user.password.as_deref()?, &Owner::from(user))?;
    Some(WeakPassword {
        user: index,
        path: JsonPath::user_field(index, "password"),
        weakness,
    })
}

/// A detail of the owner, or a word of it, lower-cased.
struct Word {
    field: Personal,
    text: String,
    chars: Vec<char>,
}

/// The owner's details and their words, lower-cased, each once, in the
/// order user name, display name, email: whole (white space taken out)
/// and, when made of several, each word of at least [`MIN_WORD_CHARS`].
fn owner_words(owner: &Owner<'_>) -> Vec<Word> {
    let local_part = owner
        .email_address
        .map(|email| email.rsplit_once('@').map_or(email, |(local, _)| local));
    let details = [
        (Personal::UserName, Some(owner.user_name)),
        (Personal::DisplayName, owner.display_name),
        (Personal::EmailAddress, local_part),
    ];
    let mut words: Vec<Word> = Vec::new();
    let mut push = |field, text: String| {
        if !text.is_empty() && !words.iter().any(|w| w.text == text) {
            let chars = text.chars().collect();
            words.push(Word { field, text, chars });
        }
    };
    for (field, detail) in details {
        let Some(detail) = detail else { continue };
        let whole: String = detail
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(fold)
            .collect();
        push(field, whole);
        let parts: Vec<&str> = detail
            .split(|c: char| !c.is_alphanumeric())
            .filter(|part| !part.is_empty())
            .collect();
        if parts.len() > 1 {
            for part in parts {
                if part.chars().count() >= MIN_WORD_CHARS {
                    push(field, part.chars().map(fold).collect());
                }
            }
        }
    }
    words
}

/// A character in lower case, when that is one character (as it is for
/// nearly all letters); `İ` and the like are kept as they are.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The owner's detail that `password` is made of: the detail itself, or
/// the detail (or a word of it) with only a weak remainder.
fn personal_match(password: &str, words: &[Word], inputs: &[&str]) -> Option<PersonalMatch> {
    let mut lower: Vec<char> = password.chars().map(fold).collect();
    let found = find_personal(password, &lower, words, inputs);
    lower.zeroize();
    found
}

fn find_personal(
    password: &str,
    lower: &[char],
    words: &[Word],
    inputs: &[&str],
) -> Option<PersonalMatch> {
    if let Some(word) = words.iter().find(|w| w.chars == lower) {
        return Some(PersonalMatch {
            field: word.field,
            whole: true,
        });
    }
    if lower.len() > MAX_SEARCHED_CHARS {
        return None;
    }
    for word in words {
        let n = word.chars.len();
        if n < MIN_WORD_CHARS || n > lower.len() {
            continue;
        }
        // Which characters belong to an occurrence of the word.
        let mut covered = vec![false; lower.len()];
        let mut any = false;
        let mut at = 0;
        while at + n <= lower.len() {
            if lower[at..at + n] == word.chars[..] {
                covered[at..at + n].iter_mut().for_each(|c| *c = true);
                any = true;
                at += n;
            } else {
                at += 1;
            }
        }
        if !any {
            continue;
        }
        let mut rest: String = password
            .chars()
            .zip(&covered)
            .filter(|(_, &covered)| !covered)
            .map(|(c, _)| c)
            .collect();
        let weak_rest = u8::from(zxcvbn::zxcvbn(&rest, inputs).score()) < MIN_SCORE;
        rest.zeroize();
        if weak_rest {
            return Some(PersonalMatch {
                field: word.field,
                whole: false,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(owner: &Owner<'_>) -> Vec<(Personal, String)> {
        owner_words(owner)
            .into_iter()
            .map(|w| (w.field, w.text))
            .collect()
    }

    #[test]
    fn an_owner_gives_its_details_and_their_words() {
        let owner = Owner {
            user_name: "j.doe",
            display_name: Some("John  Doe"),
            email_address: Some("John.Doe+ci@example.com"),
        };
        assert_eq!(
            texts(&owner),
            [
                (Personal::UserName, "j.doe".into()),
                (Personal::UserName, "doe".into()),
                (Personal::DisplayName, "johndoe".into()),
                (Personal::DisplayName, "john".into()),
                (Personal::EmailAddress, "john.doe+ci".into()),
            ]
        );
        assert_eq!(texts(&Owner::named("")), []);
    }

    #[test]
    fn folding_keeps_one_character_for_one() {
        assert_eq!(fold('A'), 'a');
        assert_eq!(fold('\u{c9}'), '\u{e9}');
        assert_eq!(fold('\u{130}'), '\u{130}');
        assert_eq!(fold('1'), '1');
    }
}
