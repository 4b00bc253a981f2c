//! The command line: subcommands, their arguments and their help.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Check, hash, verify and diff ProGet users-and-groups export files
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
