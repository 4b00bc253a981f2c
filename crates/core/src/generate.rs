//! Strong random passwords for selected users, hashed at once, with a
//! credentials sheet to hand out.
//!
//! Passwords come from the operating system's (or the browser's)
//! cryptographic RNG through `getrandom`, each character drawn uniformly by
//! rejection sampling (no modulo bias). The plaintext goes only into the
//! [`Credential`]s (and from there into [`credentials_csv`]); the file gets
//! the hash, never the plaintext.
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

use crate::csv::write_record;
use crate::model::UsersFile;
use crate::password::{self, PasswordError, PasswordHash};
use std::collections::HashSet;
use std::fmt;

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

/// The shortest password [`PasswordPolicy`] allows.
pub const MIN_LENGTH: usize = 8;
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

    /// Checks the policy: a length in range and at least one class. (The
    /// shortest length, 8, always has room for one of each of the 4
    /// classes.)
    pub fn validate(&self) -> Result<(), GenerateError> {
        if !(MIN_LENGTH..=MAX_LENGTH).contains(&self.length) {
            return Err(GenerateError::Length(self.length));
        }
        if self.classes().is_empty() {
            return Err(GenerateError::NoClasses);
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
            GenerateError::UnknownUser(name) => write!(f, "there is no user {name:?}"),
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

/// Random bytes from the cryptographic RNG, handed out one at a time.
struct RandomBytes {
    buf: [u8; 256],
    at: usize,
}

impl RandomBytes {
    fn new() -> Self {
        RandomBytes {
            buf: [0; 256],
            at: 256,
        }
    }

    fn next(&mut self) -> Result<u8, PasswordError> {
        if self.at == self.buf.len() {
            getrandom::fill(&mut self.buf).map_err(|e| PasswordError::Random(e.to_string()))?;
            self.at = 0;
        }
        self.at += 1;
        Ok(self.buf[self.at - 1])
    }

    /// A uniform index below `n` (1 to 256): bytes at or above the largest
    /// multiple of `n` are thrown away, so no index is likelier.
    fn below(&mut self, n: usize) -> Result<usize, PasswordError> {
        let limit = 256 - 256 % n;
        loop {
            let b = usize::from(self.next()?);
            if b < limit {
                return Ok(b % n);
            }
        }
    }
}

/// A new random password under `policy`.
///
/// Every character is drawn uniformly from the chosen classes together;
/// a draw that misses a class, or starts with one of [`NOT_FIRST`], is
/// thrown away whole and drawn again, so the accepted passwords are all
/// equally likely.
pub fn generate(policy: &PasswordPolicy) -> Result<String, GenerateError> {
    policy.validate()?;
    let classes = policy.classes();
    let alphabet: Vec<char> = classes.iter().flatten().copied().collect();
    let mut rng = RandomBytes::new();
    // A draw fails a check at most about three times in five (8 characters
    // of every class, ambiguous ones left out), so this many failures in a
    // row means a broken RNG.
    for _ in 0..10_000 {
        let mut password = String::with_capacity(policy.length);
        for _ in 0..policy.length {
            password.push(alphabet[rng.below(alphabet.len())?]);
        }
        let every_class = classes
            .iter()
            .all(|class| password.chars().any(|c| class.contains(&c)));
        let bad_start = password.starts_with(|c| NOT_FIRST.contains(c));
        if every_class && !bad_start {
            return Ok(password);
        }
    }
    Err(GenerateError::Password(PasswordError::Random(
        "the random numbers never met the policy".into(),
    )))
}

/// A user's new password, for the credentials sheet. The password is a
/// secret: `Debug` never prints it.
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
            [one] => write!(f, "generated a new password for {one}"),
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
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(users.len());
    for &name in users {
        let user = file
            .user(name)
            .ok_or_else(|| GenerateError::UnknownUser(name.to_owned()))?;
        if seen.insert(name) {
            out.push(Credential {
                user_name: user.user_name.clone(),
                display_name: user.display_name.clone(),
                email: user.email_address.clone(),
                password: generate(policy)?,
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
    let indices = hashes
        .iter()
        .map(|(name, _)| {
            file.user_index(name)
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
/// CRLF line ends, fields quoted where needed. It holds plaintext passwords:
/// hand it over and delete it.
pub fn credentials_csv(credentials: &[Credential]) -> String {
    let mut out = String::from("Name,DisplayName,Email,Password\r\n");
    for c in credentials {
        write_record(
            &mut out,
            &[
                &c.user_name,
                c.display_name.as_deref().unwrap_or(""),
                c.email.as_deref().unwrap_or(""),
                &c.password,
            ],
        );
    }
    out
}
