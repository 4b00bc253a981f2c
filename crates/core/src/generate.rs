//! Strong random passwords for selected users, hashed at once, with a
//! credentials sheet to hand out.
//!
//! Passwords come from the operating system's (or the browser's)
//! cryptographic RNG, `rand`'s [`OsRng`] (`getrandom`; in the browser,
//! `crypto.getRandomValues`), read a few kilobytes at a time; each
//! character is drawn uniformly with `rand`'s [`Uniform`] (Lemire's
//! rejection method: no modulo bias). The plaintext goes only into the
//! [`Credential`]s (and from there into [`credentials_csv`]); the file gets
//! the hash, never the plaintext. Plaintexts the core makes are wiped
//! (`zeroize`) when dropped: a [`Credential`] wipes its password, and the
//! random bytes and rejected drafts are wiped as soon as they are used.
//!
//! A password is never read by a spreadsheet as a formula or a number: it
//! never starts with one of [`NOT_FIRST`], a draw made only of characters
//! a number can hold ([`NUMBER_LIKE`]) is thrown away, and a policy of
//! digits alone is refused ([`GenerateError::OnlyDigits`]).
//!
//! # Never weak
//!
//! A generated password never draws the weak-password warning that
//! `strength` gives a plaintext (zxcvbn's score below 3, or the owner's
//! name with little added). The length sees to it, and for the shortest
//! lengths a check of each draw as well:
//!
//! - **The length.** zxcvbn counts a string it finds no pattern in as
//!   10<sup>n</sup> guesses for `n` characters, whatever the alphabet, and
//!   score 3 needs more than 10<sup>8</sup>: a random password of 8
//!   characters *cannot* score 3, and one of 9 or 10 often does not, once
//!   zxcvbn sees a run (`stuv`), a repeat or a word in it. So
//!   [`MIN_LENGTH`] is 12. Draws zxcvbn called weak, measured without
//!   the check for the poorest policies (one class or two,
//!   [`AMBIGUOUS`] characters left out):
//!
//!   | characters          | 9           | 10         | 12           | 13, 14 and 16     |
//!   |---------------------|-------------|------------|--------------|-------------------|
//!   | lower case          | 18 in 2,000 | 1 in 2,000 | 2 in 200,000 | 0 in 300,000 each |
//!   | upper case          | 16 in 2,000 | 1 in 2,000 | 0 in 200,000 | 0 in 300,000 (16) |
//!   | upper case, digits  | 32 in 2,000 | 2 in 2,000 | 0 in 200,000 |                   |
//!
//!   (The two at 12 were such as `bzguyssstuvw`: a repeat and a run.)
//! - **A check of each short draw**, with the `strength` feature: a draw
//!   of fewer than 16 characters that `strength` calls weak (for its owner,
//!   when [`new_credentials`] makes it for a user) is thrown away and drawn
//!   again, as a draw that misses a class is, so the passwords given are
//!   uniform over the rest and none is weak. Longer draws are not checked:
//!   none was weak above, and a zxcvbn run grows faster than the length
//!   (in a release build: 0.15 ms at 12 characters, 0.3 ms at 16, 1.3 ms
//!   at 32, 80 ms at 100, where the hash takes 1 ms).
//!
//! Without the feature (a build that leaves zxcvbn's 2.5 MB of wasm out,
//! as the page does) the length alone stands, with the odds above.
//!
//! ```
//! use proget_users_core::{generate::{self, PasswordPolicy}, model::{User, UsersFile}, password, write};
//! let mut file = UsersFile::new();
//! file.users.push(User::new("jDoe"));
//! let (done, sheet) = generate::reset_passwords(&mut file, &["jDoe"], &PasswordPolicy::default()).unwrap();
//! assert_eq!(done.to_string(), "generated a new password for jDoe");
//! assert_eq!(sheet[0].password.chars().count(), 20);
//! assert!(password::verify(&sheet[0].password, &file.users[0]));
//! assert!(!write::to_json(&file).contains(&sheet[0].password));
//! assert!(generate::credentials_csv(&sheet).starts_with("Name,DisplayName,Email,Password\r\njDoe,jDoe,,"));
//! ```

use crate::csv::Sheet;
use crate::model::{User, UsersFile};
use crate::names::UserIndex;
use crate::password::{self, PasswordError, PasswordHash};
use crate::text::{escaped, quoted};
use foldhash::{HashSet, HashSetExt};
use rand::distr::{Distribution, Uniform};
use rand::rngs::OsRng;
use rand::{RngCore, TryRngCore};
use std::fmt;
use zeroize::Zeroize;

/// Lower-case letters.
pub const LOWERCASE: &str = "abcdefghijklmnopqrstuvwxyz";
/// Upper-case letters.
pub const UPPERCASE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// Digits.
pub const DIGITS: &str = "0123456789";
/// Symbols: printable ASCII punctuation less quotes, backslash, backtick
/// and space, which trouble shells, CSV and JSON.
pub const SYMBOLS: &str = "!#$%&()*+,-./:;<=>?@[]^_{|}~";
/// Characters easily taken for one another in many fonts.
pub const AMBIGUOUS: &str = "Il1O0o|";
/// Characters a password never starts with: a spreadsheet opening the
/// credentials sheet would take the cell for a formula.
pub const NOT_FIRST: &str = "=+-@";
/// The characters a spreadsheet's number can be written with: a password
/// made only of these (`12345678`, `1e300`, `-1.5`) would be turned into a
/// number like `1.23457E+19` when the credentials sheet is opened, so such
/// a draw is thrown away.
pub const NUMBER_LIKE: &str = "0123456789.,+-eE";

/// The shortest password [`PasswordPolicy`] allows: long enough that
/// zxcvbn does not call a random password of the poorest policy weak (see
/// [Never weak](self#never-weak)). With the `strength` feature, 12: draws
/// shorter than 16 are scored and a weak one is drawn again. Without it
/// (the page, whose wasm leaves zxcvbn to a worker of its own), nothing can
/// score a draw, so the length alone must do: 16, where no unchecked draw
/// was weak.
pub const MIN_LENGTH: usize = if cfg!(feature = "strength") {
    12
} else {
    CHECKED_BELOW
};
/// The longest password [`PasswordPolicy`] allows.
pub const MAX_LENGTH: usize = 128;

// The shortest password has room for one character of every class.
const _: () = assert!(MIN_LENGTH >= 4);

/// What a generated password is made of. Every chosen class appears at
/// least once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PasswordPolicy {
    /// Characters, from [`MIN_LENGTH`] to [`MAX_LENGTH`].
    pub length: usize,
    pub lowercase: bool,
    pub uppercase: bool,
    pub digits: bool,
    pub symbols: bool,
    /// Leave out [`AMBIGUOUS`] characters (for passwords read aloud or
    /// typed from paper).
    pub exclude_ambiguous: bool,
}

impl Default for PasswordPolicy {
    /// 20 characters of every class, ambiguous ones included: about 128
    /// bits.
    fn default() -> Self {
        PasswordPolicy {
            length: 20,
            lowercase: true,
            uppercase: true,
            digits: true,
            symbols: true,
            exclude_ambiguous: false,
        }
    }
}

impl PasswordPolicy {
    /// The chosen character classes, each as its characters.
    pub fn classes(&self) -> Vec<Vec<char>> {
        [
            (self.lowercase, LOWERCASE),
            (self.uppercase, UPPERCASE),
            (self.digits, DIGITS),
            (self.symbols, SYMBOLS),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, chars)| {
            chars
                .chars()
                .filter(|c| !(self.exclude_ambiguous && AMBIGUOUS.contains(*c)))
                .collect()
        })
        .collect()
    }

    /// Checks the policy: a length in range, at least one class, and more
    /// than digits alone (a spreadsheet turns a password of digits into a
    /// number like `1.23457E+19`, losing it). (The shortest length,
    /// [`MIN_LENGTH`], always has room for one of each of the 4 classes.)
    pub fn validate(&self) -> Result<(), GenerateError> {
        if !(MIN_LENGTH..=MAX_LENGTH).contains(&self.length) {
            return Err(GenerateError::Length(self.length));
        }
        if !(self.lowercase || self.uppercase || self.digits || self.symbols) {
            return Err(GenerateError::NoClasses);
        }
        if self.digits && !(self.lowercase || self.uppercase || self.symbols) {
            return Err(GenerateError::OnlyDigits);
        }
        Ok(())
    }

    /// The strength of a password made under this policy, in bits (an
    /// upper bound: the at-least-one-of-each rule takes a little away).
    pub fn entropy_bits(&self) -> f64 {
        let alphabet: usize = self.classes().iter().map(Vec::len).sum();
        self.length as f64 * (alphabet.max(1) as f64).log2()
    }
}

/// Why passwords could not be made or set; the file is then unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GenerateError {
    /// The length is outside [`MIN_LENGTH`]`..=`[`MAX_LENGTH`].
    Length(usize),
    /// No character class was chosen.
    NoClasses,
    /// Digits alone were chosen: a spreadsheet would turn the passwords
    /// into numbers.
    OnlyDigits,
    /// No user of that exact name.
    UnknownUser(String),
    /// The RNG failed, or hashing did.
    Password(PasswordError),
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Length(n) => write!(
                f,
                "a password length of {n} is not allowed: choose {MIN_LENGTH} to {MAX_LENGTH}"
            ),
            GenerateError::NoClasses => f.write_str("choose at least one kind of character"),
            GenerateError::OnlyDigits => f.write_str(
                "choose letters or symbols as well as digits: a spreadsheet opening the \
                 credentials sheet would turn a password of digits into a number",
            ),
            GenerateError::UnknownUser(name) => write!(f, "there is no user {}", quoted(name)),
            GenerateError::Password(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for GenerateError {}

impl From<PasswordError> for GenerateError {
    fn from(e: PasswordError) -> Self {
        GenerateError::Password(e)
    }
}

/// The OS RNG ([`OsRng`]), read up to [`RandomBytes::SIZE`] bytes at a time so
/// that 50,000 passwords cost a few hundred calls, not a million. A failed
/// read is kept and reported after the draw ([`RandomBytes::check`]), as
/// `RngCore` cannot fail. The buffer is wiped when dropped.
struct RandomBytes {
    buf: [u8; RandomBytes::SIZE],
    /// How many bytes of `buf` one read fills.
    len: usize,
    at: usize,
    failed: Option<String>,
}

impl RandomBytes {
    const SIZE: usize = 2048;

    /// Reads of `len` bytes (at most [`RandomBytes::SIZE`]): enough for
    /// the work at hand, so one password does not read kilobytes.
    fn new(len: usize) -> Self {
        let len = len.clamp(1, RandomBytes::SIZE);
        RandomBytes {
            buf: [0; RandomBytes::SIZE],
            len,
            at: len,
            failed: None,
        }
    }

    fn check(&self) -> Result<(), PasswordError> {
        match &self.failed {
            Some(e) => Err(PasswordError::Random(e.clone())),
            None => Ok(()),
        }
    }
}

impl RngCore for RandomBytes {
    fn next_u32(&mut self) -> u32 {
        let mut bytes = [0; 4];
        self.fill_bytes(&mut bytes);
        u32::from_le_bytes(bytes)
    }

    fn next_u64(&mut self) -> u64 {
        let mut bytes = [0; 8];
        self.fill_bytes(&mut bytes);
        u64::from_le_bytes(bytes)
    }

    fn fill_bytes(&mut self, mut dest: &mut [u8]) {
        while !dest.is_empty() {
            if self.at == self.len {
                if let Err(e) = OsRng.try_fill_bytes(&mut self.buf[..self.len]) {
                    self.failed.get_or_insert_with(|| e.to_string());
                }
                self.at = 0;
            }
            let n = dest.len().min(self.len - self.at);
            let (now, rest) = dest.split_at_mut(n);
            let used = &mut self.buf[self.at..self.at + n];
            now.copy_from_slice(used);
            used.zeroize(); // a byte is handed out once
            self.at += n;
            dest = rest;
        }
    }
}

impl Drop for RandomBytes {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

/// A new random password under `policy`, for no one user in particular
/// ([`new_credentials`] makes them for users).
///
/// Every character is drawn uniformly from the chosen classes together;
/// a draw that misses a class, starts with one of [`NOT_FIRST`], is made
/// only of [`NUMBER_LIKE`] characters, or (with the `strength` feature) is
/// weak is thrown away whole (and wiped) and drawn again, so the accepted
/// passwords are all equally likely.
pub fn generate(policy: &PasswordPolicy) -> Result<String, GenerateError> {
    policy.validate()?;
    // Four bytes a character, and room for a redraw or two.
    Drafter::new(policy)?.password(&mut RandomBytes::new(policy.length * 8), None)
}

/// Draws passwords under one policy.
struct Drafter {
    alphabet: Vec<char>,
    /// The class of each character of the alphabet, as a bit.
    class_of: Vec<u8>,
    /// Whether each character of the alphabet is one of [`NUMBER_LIKE`]
    /// (looked up by index: a search of the string per character drawn
    /// was a tenth of the time of 50,000 passwords).
    number_like: Vec<bool>,
    /// Every class's bit.
    every_class: u8,
    pick: Uniform<u32>,
    length: usize,
}

impl Drafter {
    fn new(policy: &PasswordPolicy) -> Result<Self, GenerateError> {
        let classes = policy.classes();
        let mut alphabet = Vec::new();
        let mut class_of = Vec::new();
        for (k, class) in classes.iter().enumerate() {
            alphabet.extend(class);
            class_of.extend(std::iter::repeat_n(1u8 << k, class.len()));
        }
        let pick = u32::try_from(alphabet.len())
            .ok()
            .and_then(|n| Uniform::new(0, n).ok())
            .ok_or(GenerateError::NoClasses)?;
        let number_like = alphabet.iter().map(|&c| NUMBER_LIKE.contains(c)).collect();
        Ok(Drafter {
            alphabet,
            class_of,
            number_like,
            every_class: (1u8 << classes.len()) - 1,
            pick,
            length: policy.length,
        })
    }

    /// A password for `owner` (a user of the file, or no one).
    fn password(
        &self,
        rng: &mut RandomBytes,
        owner: Option<&User>,
    ) -> Result<String, GenerateError> {
        // A draw fails a check at most about two times in five (12
        // characters of every class, ambiguous ones left out, miss a class
        // that often), so this many failures in a row means a broken RNG.
        let mut password = String::with_capacity(self.length * 4);
        for _ in 0..10_000 {
            password.zeroize();
            let (mut classes, mut number_like) = (0u8, true);
            for _ in 0..self.length {
                let at = self.pick.sample(rng) as usize;
                let c = self.alphabet[at];
                password.push(c);
                classes |= self.class_of[at];
                number_like &= self.number_like[at];
            }
            rng.check()?;
            let bad_start = password.starts_with(|c| NOT_FIRST.contains(c));
            let rejected = classes != self.every_class
                || bad_start
                || number_like
                || (self.length < CHECKED_BELOW && weak(&password, owner));
            if !rejected {
                return Ok(password);
            }
        }
        password.zeroize();
        Err(GenerateError::Password(PasswordError::Random(
            "the random numbers never met the policy".into(),
        )))
    }
}

/// Draws shorter than this are checked for weakness (with the `strength`
/// feature); see [Never weak](self#never-weak).
const CHECKED_BELOW: usize = 16;

/// Whether `strength` calls the password weak for `owner` (for no one in
/// particular when `None`).
#[cfg(feature = "strength")]
fn weak(password: &str, owner: Option<&User>) -> bool {
    use crate::strength::{assess, Owner};
    let owner = owner.map(Owner::from).unwrap_or_default();
    assess(password, &owner).is_some()
}

/// Without the `strength` feature, the length alone keeps passwords
/// strong (see [Never weak](self#never-weak)).
#[cfg(not(feature = "strength"))]
fn weak(_password: &str, _owner: Option<&User>) -> bool {
    false
}

/// A user's new password, for the credentials sheet. The password is a
/// secret: `Debug` never prints it, and it is wiped when the credential is
/// dropped (so take a copy, not the field, to hand it on).
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    pub user_name: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub password: String,
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("user_name", &self.user_name)
            .field("display_name", &self.display_name)
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .finish()
    }
}

impl Drop for Credential {
    fn drop(&mut self) {
        self.password.zeroize();
    }
}

/// What [`reset_passwords`] changed: the users with a new password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordsReset {
    pub users: Vec<String>,
}

impl fmt::Display for PasswordsReset {
    /// `generated a new password for jDoe`, or `generated new passwords
    /// for 3 users`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.users.as_slice() {
            [one] => write!(f, "generated a new password for {}", escaped(one)),
            users => write!(f, "generated new passwords for {} users", users.len()),
        }
    }
}

/// New passwords for the named users (exact names, each once), without
/// touching the file: the first half of [`reset_passwords`], for callers
/// that hash elsewhere (in chunks, on all cores). Hash each credential's
/// password and hand the results to [`apply_reset`].
pub fn new_credentials(
    file: &UsersFile,
    users: &[&str],
    policy: &PasswordPolicy,
) -> Result<Vec<Credential>, GenerateError> {
    policy.validate()?;
    let index = UserIndex::of(file);
    let chosen = users
        .iter()
        .map(|&name| {
            index
                .exact(name)
                .ok_or_else(|| GenerateError::UnknownUser(name.to_owned()))
        })
        .collect::<Result<Vec<usize>, _>>()?;
    let drafter = Drafter::new(policy)?;
    let mut rng = RandomBytes::new(RandomBytes::SIZE);
    let mut seen = HashSet::with_capacity(chosen.len());
    let mut out = Vec::with_capacity(chosen.len());
    for i in chosen {
        if seen.insert(i) {
            let user = &file.users[i];
            out.push(Credential {
                user_name: user.user_name.clone(),
                display_name: user.display_name.clone(),
                email: user.email_address.clone(),
                password: drafter.password(&mut rng, Some(user))?,
            });
        }
    }
    Ok(out)
}

/// Sets computed hashes as the named users' passwords (replacing any
/// plaintext or older hash). Refused whole if a name is unknown.
pub fn apply_reset(
    file: &mut UsersFile,
    hashes: Vec<(String, PasswordHash)>,
) -> Result<PasswordsReset, GenerateError> {
    let index = UserIndex::of(file);
    let indices = hashes
        .iter()
        .map(|(name, _)| {
            index
                .exact(name)
                .ok_or_else(|| GenerateError::UnknownUser(name.clone()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut users = Vec::with_capacity(hashes.len());
    for (i, (name, hash)) in indices.into_iter().zip(hashes) {
        file.users[i].set_password_hash(hash.password_bytes, hash.salt_bytes);
        users.push(name);
    }
    Ok(PasswordsReset { users })
}

/// Gives each named user (exact names) a new random password, hashed at
/// once, and returns the credentials sheet. Nothing changes on an error.
pub fn reset_passwords(
    file: &mut UsersFile,
    users: &[&str],
    policy: &PasswordPolicy,
) -> Result<(PasswordsReset, Vec<Credential>), GenerateError> {
    let credentials = new_credentials(file, users, policy)?;
    let mut hashes = Vec::with_capacity(credentials.len());
    for c in &credentials {
        hashes.push((c.user_name.clone(), password::hash(&c.password)?));
    }
    let done = apply_reset(file, hashes)?;
    Ok((done, credentials))
}

/// The credentials sheet as CSV: header `Name,DisplayName,Email,Password`,
/// CRLF line ends, cells quoted where needed and made safe for
/// spreadsheets (see [`crate::csv::defuse`]: a display name such as
/// `=HYPERLINK(...)` is written `"'=HYPERLINK(...)"`, as text). It holds plaintext passwords: hand
/// it over, then wipe it (`zeroize`) and delete it. It is written in one
/// buffer sized up front, so no partial copy is left in freed memory.
pub fn credentials_csv(credentials: &[Credential]) -> String {
    let mut sheet = Sheet::new(
        "Name,DisplayName,Email,Password",
        credentials.iter().map(|c| {
            c.user_name.len()
                + c.display_name.as_deref().map_or(0, str::len)
                + c.email.as_deref().map_or(0, str::len)
                + c.password.len()
        }),
        4,
    );
    for c in credentials {
        sheet.row(&[
            &c.user_name,
            c.display_name.as_deref().unwrap_or(""),
            c.email.as_deref().unwrap_or(""),
            &c.password,
        ]);
    }
    sheet.finish()
}

#[cfg(all(test, feature = "strength"))]
mod tests {
    use super::*;
    use crate::strength::{assess, Owner};

    /// The check of each draw, below the shortest length allowed: one
    /// random draw of 9 lower-case letters in about a hundred is weak
    /// (zxcvbn finds a run, a repeat or a word), so 3,000 draws would hold
    /// some if the check were not made.
    #[test]
    fn a_weak_draw_is_drawn_again() {
        let short = PasswordPolicy {
            length: 9,
            uppercase: false,
            digits: false,
            symbols: false,
            exclude_ambiguous: true,
            ..PasswordPolicy::default()
        };
        let drafter = Drafter::new(&short).unwrap();
        let mut rng = RandomBytes::new(RandomBytes::SIZE);
        let mut owner = User::new("ann");
        owner.set_display_name(Some("Ann Lee".into()));
        for _ in 0..3000 {
            let password = drafter.password(&mut rng, Some(&owner)).unwrap();
            assert_eq!(password.len(), 9);
            assert_eq!(assess(&password, &Owner::from(&owner)), None, "{password}");
        }
    }
}
