//! The command line: the tool and its subcommands with their help
//! ([`Cli`], [`Command`]), and each subcommand's arguments in a module of
//! its group:
//! - `files`: `check`, `hash`, `verify` and `diff`, which take export files
//!   as they are;
//! - `csv`: `import-csv` and `export-csv`;
//! - `passwords`: `reset`, and the password policy and printable slips it
//!   shares with `edit --generate`;
//! - `edit`: `edit` and its verbs (`add-user`, `set-user`, ...), parsed one
//!   edit at a time;
//! - `merge`: `merge` and how it settles conflicts;
//! - `tool`: `schema`, `completions` and `man`, which describe the format
//!   and the tool.

use clap::{Parser, Subcommand};

mod csv;
mod edit;
mod files;
mod merge;
mod passwords;
mod tool;

pub use csv::{ExportCsvArgs, ImportCsvArgs};
use edit::EDITS_HELP;
pub use edit::{AddUserArgs, Edit, EditArgs, EditLine, NewPassword, SetUserArgs};
pub use files::{CheckArgs, DiffArgs, HashArgs, VerifyArgs};
pub use merge::{FieldArg, MergeArgs, SideArg};
pub use passwords::{ResetArgs, SlipArgs};
pub use tool::{CompletionsArgs, ManArgs, SchemaArgs, ShellArg};

/// Check, hash, verify, diff and edit ProGet users-and-groups export files
/// (Administration > Users & Tasks > Users, Export below the table), offline.
#[derive(Debug, Parser)]
#[command(
    name = "proget-users",
    version,
    after_help = "Exit codes: 0 success; 1 the file has errors, does not parse, the password \
                  does not match, or (merge) the files conflict; 2 usage error, I/O failure, \
                  an edit that cannot be made, or (verify) no answer possible."
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

    /// Gives users new random passwords and writes them to a credentials sheet
    /// or printable slips.
    ///
    /// Passwords come from the cryptographic random number generator and are
    /// hashed at once into OUT; the plaintext goes only into the credentials
    /// sheet (CSV: Name,DisplayName,Email,Password) and/or a page of
    /// printable slips (--slips, one slip per user), each created readable
    /// by its owner only. All are written to files, never to standard
    /// output. Hand the passwords out, then delete the sheet and the slips.
    #[command(
        after_help = "Exit codes: 0 written; 1 FILE does not parse; 2 an unknown user \
                            or group, a group without members, a bad password policy, or \
                            usage or I/O failure (nothing is written).\n\n\
                            Example: proget-users reset users.json --group Developers \
                            -o users-reset.json --credentials developers.csv \
                            --slips developers.html --server https://proget.example.com"
    )]
    Reset(ResetArgs),

    /// Makes one or more edits to FILE, in order, all or nothing.
    ///
    /// Each EDIT is a verb and its arguments; edits are separated by a `;`
    /// argument of its own (written `\;` or `';'` in a shell). Each edit is
    /// checked before the next is made, and if one cannot be made nothing
    /// is written. Users and groups are named in any letter case, as in
    /// ProGet. EDIT's options come after FILE and before the first edit.
    #[command(
        after_help = EDITS_HELP,
        after_long_help = EDITS_HELP,
    )]
    Edit(EditArgs),

    /// Writes the users as CSV (Name,DisplayName,Email,Password,Groups),
    /// the columns of the editor's export.
    ///
    /// The Password column is empty: passwords are never exported. Groups
    /// are separated by `;`. `import-csv` reads the result back.
    #[command(
        after_help = "Exit codes: 0 written; 1 FILE does not parse; 2 an unknown user or \
                            group, or usage or I/O failure.\n\n\
                            Example: proget-users export-csv users.json --group Developers \
                            -o developers.csv"
    )]
    ExportCsv(ExportCsvArgs),

    /// Takes users and groups from OTHER into FILE.
    ///
    /// Users and groups only OTHER has are added (letter case ignored, as in
    /// ProGet); users only FILE has are kept. A user both have with a
    /// different display name, email, password, groups or letter case of
    /// the name is a conflict: each conflicting field is settled by
    /// --field FIELD=SIDE, else by --prefer SIDE; without either the merge
    /// is refused and the conflicts are listed.
    #[command(
        after_help = "Exit codes: 0 written (or, with --dry-run, planned); 1 a file does not \
                            parse, or a conflict has no rule (nothing is written); 2 usage or \
                            I/O failure.\n\n\
                            Example: proget-users merge users.json other.json --prefer ours \
                            --field password=theirs --dry-run"
    )]
    Merge(MergeArgs),

    /// Prints the JSON Schema of the users-and-groups file, for editors that
    /// check a file as it is typed.
    ///
    /// The schema (JSON Schema draft 2020-12) refuses what ProGet's import
    /// would refuse for the file's shape; `check` finds the rest. Point an
    /// editor at it: in VS Code, with the `json.schemas` setting.
    #[command(
        after_help = "Exit codes: 0 printed or written; 2 usage or I/O failure.\n\n\
                            Example: proget-users schema -o .vscode/users-and-groups.schema.json"
    )]
    Schema(SchemaArgs),

    /// Prints a completion script for SHELL on standard output.
    #[command(after_help = "Exit codes: 0 printed; 2 usage error.\n\n\
                            Example: proget-users completions bash > \
                            ~/.local/share/bash-completion/completions/proget-users")]
    Completions(CompletionsArgs),

    /// Prints the manual page (roff) of the tool, or of one COMMAND.
    #[command(
        after_help = "Exit codes: 0 printed or written; 2 usage or I/O failure.\n\n\
                            Example: proget-users man --dir ~/.local/share/man/man1"
    )]
    Man(ManArgs),
}

/// The whole command line as clap describes it, with the edit verbs shown
/// as subcommands of `edit`: for completion scripts and manual pages.
/// (Parsing reads the edits itself, as several may follow one another.)
pub fn described() -> clap::Command {
    use clap::CommandFactory;
    let edits: Vec<clap::Command> = EditLine::command().get_subcommands().cloned().collect();
    Cli::command().mut_subcommand("edit", |edit| edit.subcommands(edits))
}
