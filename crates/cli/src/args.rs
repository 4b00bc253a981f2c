//! The command line: subcommands, their arguments and their help.

use clap::{ArgGroup, Args, Parser, Subcommand};
use std::path::PathBuf;

/// Check, hash, verify, diff and edit ProGet users-and-groups export files
/// (Administration > Built-In Users & Groups > Export), offline.
#[derive(Debug, Parser)]
#[command(
    name = "proget-users",
    version,
    after_help = "Exit codes: 0 success; 1 the file has errors, does not parse, or the password \
                  does not match; 2 usage error, I/O failure, or (verify) no answer possible."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lists the file's errors and warnings as FILE:LINE:COL: error|warning: message.
    ///
    /// Errors would make ProGet's import fail or do the wrong thing; warnings are
    /// legal but probably not meant. A one-line count follows on standard error.
    #[command(
        after_help = "Exit codes: 0 no errors (warnings allowed); 1 errors found or \
                            the file does not parse; 2 usage or I/O failure."
    )]
    Check(CheckArgs),

    /// Hashes every plaintext `password` the way ProGet does and writes the file.
    ///
    /// `passwordBytes` and `saltBytes` take the place of `password`; everything else
    /// is written as it was. A file that does not parse is refused and nothing is
    /// written; an existing OUT is replaced atomically.
    #[command(
        after_help = "Exit codes: 0 written; 1 the file does not parse (nothing is \
                            written); 2 usage or I/O failure."
    )]
    Hash(HashArgs),

    /// Checks the password read from standard input against USER's hash.
    ///
    /// Reads one line (a trailing newline is not part of the password) and prints
    /// nothing on standard output; the password is never shown.
    #[command(
        after_help = "Exit codes: 0 the password matches; 1 it does not; 2 the user is \
                            unknown or has no password hash, the file does not parse, or \
                            usage or I/O failure.\n\n\
                            Example: read -rs PW && printf '%s\\n' \"$PW\" | \
                            proget-users verify users.json jDoe"
    )]
    Verify(VerifyArgs),

    /// Prints what importing NEW into a server whose export is OLD would change.
    ///
    /// One change a line (add-group, add-user, update-user, remove-user,
    /// remove-group), like ProGet's dry run; nothing when there is no change.
    #[command(
        after_help = "Exit codes: 0 plan printed (even when empty); 1 a file does not \
                            parse; 2 usage or I/O failure."
    )]
    Diff(DiffArgs),

    /// Adds and updates users from a CSV (Name,DisplayName,Email,Password[,Groups]).
    ///
    /// The header names the columns (Name is required); Groups holds names
    /// separated by `;`. A new name adds a user, a known one (letter case
    /// ignored) is updated; an empty Password, DisplayName or absent Groups
    /// column leaves that alone. Passwords are hashed on import. Bad rows are
    /// listed as USERS.csv:LINE: error: ... and the import is refused unless
    /// --skip-bad-rows is given. The CSV may use `,`, `;` or tab, quotes and a
    /// byte order mark.
    #[command(
        after_help = "Exit codes: 0 written (or, with --dry-run, previewed); 1 FILE \
                            does not parse, the CSV cannot be read, or it has bad rows \
                            without --skip-bad-rows (nothing is written); 2 usage or I/O \
                            failure.\n\n\
                            Example: proget-users import-csv users.json new-users.csv -o users.json"
    )]
    ImportCsv(ImportCsvArgs),

    /// Gives users new random passwords and writes them to a credentials sheet.
    ///
    /// Passwords come from the cryptographic random number generator and are
    /// hashed at once into OUT; the plaintext goes only into the credentials
    /// sheet (CSV: Name,DisplayName,Email,Password), created readable by its
    /// owner only. Both are written to files, never to standard output. Hand
    /// the passwords out, then delete the sheet.
    #[command(
        after_help = "Exit codes: 0 written; 1 FILE does not parse; 2 an unknown user \
                            or group, a group without members, a bad password policy, or \
                            usage or I/O failure (nothing is written).\n\n\
                            Example: proget-users reset users.json --group Developers \
                            -o users-reset.json --credentials developers.csv"
    )]
    Reset(ResetArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The export file to check, or - for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct HashArgs {
    /// The export file to read, or - for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Where to write the result (standard output by default, or -).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The export file holding the user's hash.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The user name (letter case does not matter, as in ProGet).
    #[arg(value_name = "USER")]
    pub user: String,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// An export of the server as it is now.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,

    /// The file to import.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,

    /// Also remove the users and groups NEW lacks, like ProGet's "Delete missing
    /// users and groups" import option.
    #[arg(long)]
    pub delete_missing: bool,
}

#[derive(Debug, Args)]
pub struct ImportCsvArgs {
    /// The export file to import into, or - for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The CSV of users, or - for standard input.
    #[arg(value_name = "USERS.csv")]
    pub csv: PathBuf,

    /// Where to write the result (standard output by default, or -).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Import the good rows and leave out the bad ones (listed as warnings)
    /// instead of refusing the import.
    #[arg(long)]
    pub skip_bad_rows: bool,

    /// Print what the import would change, one change a line, and write
    /// nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("who").required(true).args(["users", "group", "all"])))]
pub struct ResetArgs {
    /// The export file, or - for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// A user to give a new password (letter case does not matter); repeat
    /// for more users.
    #[arg(long = "user", value_name = "NAME")]
    pub users: Vec<String>,

    /// Every member of this group (letter case does not matter).
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,

    /// Every user in the file.
    #[arg(long)]
    pub all: bool,

    /// Characters in each password (8 to 128).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub length: usize,

    /// Leave out lower-case letters.
    #[arg(long)]
    pub no_lowercase: bool,

    /// Leave out upper-case letters.
    #[arg(long)]
    pub no_uppercase: bool,

    /// Leave out digits.
    #[arg(long)]
    pub no_digits: bool,

    /// Leave out symbols.
    #[arg(long)]
    pub no_symbols: bool,

    /// Leave out characters easily taken for one another (I l 1 O 0 o |).
    #[arg(long)]
    pub no_ambiguous: bool,

    /// Where to write the file with the new hashes (a file; not -).
    #[arg(short, long, value_name = "OUT", required = true)]
    pub output: PathBuf,

    /// Where to write the credentials sheet, readable by its owner only (a
    /// file; not -).
    #[arg(long, value_name = "SHEET.csv", required = true)]
    pub credentials: PathBuf,
}
