//! Users in and out as CSV, the format of Inedo's own `pgutil` scripts:
//! a header `Name,DisplayName,Email,Password` and an optional `Groups`
//! column whose groups are separated by `;`.
//!
//! Reading is forgiving about what spreadsheet programs write: quoted fields
//! (with commas, quotes and line breaks inside), a byte order mark, CRLF or
//! LF line ends, `;` or tab as the field separator (detected from the header
//! line, or given by an Excel `sep=;` first line), header names in any letter
//! case, and blank rows. A row with a problem does not stop the reading: it
//! becomes a [`RowError`] with the line it starts on, and the user decides
//! whether to skip such rows ([`BadRows`]).
//!
//! Importing is in three steps: [`parse_csv`], [`preview`](fn@preview) (what would
//! happen, in the words of the [import plan](crate::plan)), and [`apply`](fn@apply),
//! which hashes every password at once, as [`password::hash`](crate::password::hash) does. To hash
//! elsewhere (in chunks in a browser, on all cores in the command-line tool)
//! take the [`password_jobs`], hash them, and call [`apply_with_hashes`].
//!
//! What a cell means:
//! - `Name`, the only required column, matches an existing user ignoring
//!   letter case (as ProGet does); the file's spelling is kept. A new name
//!   adds a user at the end.
//! - `DisplayName`: an empty cell leaves the display name as it is (a new
//!   user's is its name).
//! - `Email`: an empty cell removes the address (ProGet's export omits an
//!   empty one, so that is what a blank means there).
//! - `Password`: a plaintext password, hashed on import; an empty cell
//!   leaves the password as it is.
//! - `Groups`: `;`-separated names; the cell replaces the user's groups,
//!   so an empty cell takes the user out of every group, while a CSV
//!   without the column leaves groups alone. A group matching a known one
//!   ignoring letter case takes the known spelling; groups the file lacks
//!   are declared.
//!
//! Names, display names, emails and groups are trimmed of surrounding
//! spaces; passwords are taken exactly.
//!
//! Records are read by BurntSushi's `csv` crate (around it: the separator
//! sniffing, the `sep=` line, the byte order mark and UTF-16) and written by
//! its core, `csv-core`. Every CSV the core writes ([`to_csv`] and the
//! [credentials sheet](crate::generate::credentials_csv)) is safe to open in
//! a spreadsheet: a cell that a spreadsheet would run as a formula (one
//! starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written
//! with a `'` before it and quoted, as OWASP's CSV injection guidance says
//! ([`defuse`](fn@defuse)), and a cell holding a `,` or `;` is quoted, so no
//! spreadsheet splits it, whatever its list separator. Reading takes that `'` off again
//! (in every column but `Password`, which is taken exactly), so an export
//! reads back as it was.
//!
//! The parts, in the order a CSV goes through them:
//! - `sniff`: the text before it is records: UTF-8 or UTF-16, the `sep=`
//!   line, and which separator the header uses;
//! - `records`: the text cut into records (by the `csv` crate), each with
//!   the line it starts on, and a quote never closed;
//! - `read`: records to users ([`parse_csv`], [`CsvUsers`]), each cell
//!   checked, with `error` saying why a CSV or a row cannot be read;
//! - `column`: the columns the importer knows ([`Column`]) and the
//!   [`HEADER`] the writer writes;
//! - `preview`: what importing would do to a file ([`preview`](fn@preview));
//! - `apply`: doing it, with the passwords hashed here or elsewhere
//!   ([`apply`](fn@apply), [`password_jobs`], [`apply_with_hashes`]);
//! - `owners`: whose password each row's is, for the weak-password check
//!   ([`password_owners`]);
//! - `write`: users out as CSV ([`to_csv`]), with `defuse` making every
//!   cell safe to open in a spreadsheet ([`defuse`](fn@defuse)).
//!
//! Plaintext passwords read from a CSV are secrets: [`CsvRow`] and
//! [`PasswordJob`] wipe them (`zeroize`) when dropped, and so does the copy
//! the reader makes of a text with CR line ends.
//!
//! ```
//! use proget_users_core::{csv, model::{User, UsersFile}};
//! let mut file = UsersFile::new();
//! file.users.push(User::new("jdoe"));
//! let text = "Name;DisplayName;Email;Password;Groups\r\n\
//!             JDoe;John Doe;john@example.com;;Developers\r\n\
//!             asmith;Ann Smith;ann@example.com;s3cret;\r\n";
//! let users = csv::parse_csv(text).unwrap();
//! let preview = csv::preview(&file, &users);
//! assert_eq!(preview.changes.users_added, ["asmith"]);
//! assert_eq!(preview.changes.users_updated[0].user_name, "jdoe");
//! let done = csv::apply(&mut file, &users, csv::BadRows::Refuse).unwrap();
//! assert_eq!(done.to_string(), "imported CSV: added 1 user, updated 1 user, declared 1 group, hashed 1 password");
//! assert_eq!(file.users[0].groups, ["Developers"]);
//! assert!(file.users[1].password_bytes.is_some() && file.users[1].password.is_none());
//! ```

mod apply;
mod column;
mod defuse;
mod error;
mod owners;
mod preview;
mod read;
mod records;
mod sniff;
mod write;

pub use apply::{
    apply, apply_with_hashes, password_jobs, BadRows, CsvApplyError, CsvImported, PasswordJob,
};
pub use column::{Column, HEADER};
pub use defuse::{defuse, FORMULA_STARTS};
pub use error::{CsvError, RowError, RowProblem};
pub use owners::password_owners;
pub use preview::{preview, CsvPreview};
pub use read::{parse_csv, parse_csv_bytes, CsvRow, CsvUsers};
pub use write::to_csv;
pub(crate) use write::Sheet;
