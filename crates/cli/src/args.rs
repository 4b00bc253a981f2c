//! The command line: subcommands, their arguments and their help.

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Check, hash, verify, diff and edit ProGet users-and-groups export files
/// (Administration > Built-In Users & Groups > Export), offline.
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

/// The edit verbs and their arguments, shown in `edit --help`.
const EDITS_HELP: &str = "\
Edits:
  add-user NAME [--display-name TEXT] [--email ADDRESS] [--group GROUP]...
           [--password-stdin | --generate]
      Adds a user (the display name is NAME unless given). Groups the file
      lacks are declared. A password comes only from standard input (one line;
      a warning if it is weak) or is generated (then written only to the
      --credentials sheet and the --slips page).
  set-user NAME [--rename NEW] [--display-name TEXT | --no-display-name]
           [--email ADDRESS | --no-email] [--group GROUP]... [--no-groups]
           [--password-stdin | --generate | --no-password]
      Changes a user's fields; --group replaces the user's groups.
  remove-user NAME...
      Removes users.
  add-group GROUP...
      Declares new groups.
  rename-group GROUP NEW
      Renames a group; its members follow.
  remove-group GROUP...
      Removes groups; their members lose them.
  declare-groups
      Declares every group users name but the file lacks.
  join-group GROUP USER...
      Puts users into a group (declared if new).
  leave-group GROUP USER...
      Takes users out of a group.

Exit codes: 0 written (or, with --dry-run, planned); 1 FILE does not parse; 2 an
edit cannot be made (an unknown user or group, a name taken, ...), or usage or
I/O failure (nothing is written).

Example:
  proget-users edit users.json -o users.json \\
    add-group Testers \\; \\
    add-user asmith --display-name 'Ann Smith' --group Testers \\; \\
    join-group Testers jdoe \\; \\
    remove-user olduser";

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
#[command(group(ArgGroup::new("sheets").required(true).multiple(true).args(["credentials", "slips"])))]
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

    #[command(flatten)]
    pub policy: PolicyArgs,

    /// Where to write the file with the new hashes (a file; not -).
    #[arg(short, long, value_name = "OUT", required = true)]
    pub output: PathBuf,

    /// Where to write the credentials sheet, readable by its owner only (a
    /// file; not -). Required unless --slips is given.
    #[arg(long, value_name = "SHEET.csv")]
    pub credentials: Option<PathBuf>,

    #[command(flatten)]
    pub slips: SlipArgs,
}

/// Printable credential slips (`reset`, and `edit --generate`).
#[derive(Debug, Args)]
pub struct SlipArgs {
    /// Also (or instead of the sheet) write the new passwords as printable
    /// slips, one per user, in one HTML page readable by its owner only (a
    /// file; not -). Open it in a browser and print it.
    #[arg(long, value_name = "SLIPS.html")]
    pub slips: Option<PathBuf>,

    /// The address users sign in at, printed on every slip (a line to
    /// write it on when not given).
    #[arg(long, value_name = "URL", requires = "slips")]
    pub server: Option<String>,

    /// How the slips fall on paper.
    #[arg(
        long,
        value_name = "LAYOUT",
        requires = "slips",
        default_value = "one-per-page"
    )]
    pub layout: LayoutArg,
}

/// How slips fall on paper (`proget_users_core::slips::Layout`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// One slip on each page, to hand over or put in an envelope.
    OnePerPage,
    /// Three or four slips on each A4 or Letter sheet, to cut apart.
    SeveralPerSheet,
}

impl From<LayoutArg> for proget_users_core::slips::Layout {
    fn from(layout: LayoutArg) -> Self {
        use proget_users_core::slips::Layout;
        match layout {
            LayoutArg::OnePerPage => Layout::OnePerPage,
            LayoutArg::SeveralPerSheet => Layout::SeveralPerSheet,
        }
    }
}

/// How generated passwords are made (`reset`, and `edit --generate`).
#[derive(Debug, Args)]
pub struct PolicyArgs {
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
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The export file to edit, or - for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Where to write the result (standard output by default, or -); may
    /// be FILE itself.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Print what importing the result over FILE would change (with
    /// ProGet's "delete missing" option, so removals show), one change a
    /// line as `diff` prints it, and write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Where to write the passwords of `--generate` as a CSV sheet (a
    /// file, readable by its owner only; not -).
    #[arg(long, value_name = "SHEET.csv")]
    pub credentials: Option<PathBuf>,

    #[command(flatten)]
    pub slips: SlipArgs,

    #[command(flatten)]
    pub policy: PolicyArgs,

    /// The edits, separated by `;` (see "Edits" below).
    #[arg(
        value_name = "EDIT",
        required = true,
        num_args = 1..,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub edits: Vec<String>,
}

/// One edit of `edit`, parsed from its part of the command line.
#[derive(Debug, Parser)]
#[command(
    name = "edit",
    no_binary_name = true,
    disable_help_subcommand = true,
    disable_version_flag = true
)]
pub struct EditLine {
    #[command(subcommand)]
    pub edit: Edit,
}

/// What one edit does; see `EDITS_HELP`.
#[derive(Debug, Subcommand)]
pub enum Edit {
    /// Adds a user.
    AddUser(AddUserArgs),
    /// Changes a user's fields.
    SetUser(SetUserArgs),
    /// Removes users.
    RemoveUser {
        #[arg(value_name = "NAME", required = true)]
        names: Vec<String>,
    },
    /// Declares new groups.
    AddGroup {
        #[arg(value_name = "GROUP", required = true)]
        names: Vec<String>,
    },
    /// Renames a group; its members follow.
    RenameGroup {
        #[arg(value_name = "GROUP")]
        from: String,
        #[arg(value_name = "NEW")]
        to: String,
    },
    /// Removes groups; their members lose them.
    RemoveGroup {
        #[arg(value_name = "GROUP", required = true)]
        names: Vec<String>,
    },
    /// Declares every group users name but the file lacks.
    DeclareGroups,
    /// Puts users into a group (declared if new).
    JoinGroup {
        #[arg(value_name = "GROUP")]
        group: String,
        #[arg(value_name = "USER", required = true)]
        users: Vec<String>,
    },
    /// Takes users out of a group.
    LeaveGroup {
        #[arg(value_name = "GROUP")]
        group: String,
        #[arg(value_name = "USER", required = true)]
        users: Vec<String>,
    },
}

/// Where a new password comes from: never from an argument.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct NewPassword {
    /// Read the password from standard input (one line; FILE cannot be -).
    #[arg(long)]
    pub password_stdin: bool,

    /// Generate a password (see the policy options of `edit`); it is
    /// written only to the --credentials sheet and the --slips page.
    #[arg(long)]
    pub generate: bool,
}

#[derive(Debug, Args)]
pub struct AddUserArgs {
    /// The user name.
    #[arg(value_name = "NAME")]
    pub name: String,

    /// The display name (NAME when not given).
    #[arg(long, value_name = "TEXT")]
    pub display_name: Option<String>,

    /// The email address.
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,

    /// A group to put the user in; repeat for more.
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<String>,

    #[command(flatten)]
    pub password: NewPassword,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("change").required(true).multiple(true).args([
    "rename", "display_name", "no_display_name", "email", "no_email", "groups",
    "no_groups", "password_stdin", "generate", "no_password",
])))]
pub struct SetUserArgs {
    /// The user to change.
    #[arg(value_name = "NAME")]
    pub name: String,

    /// A new user name.
    #[arg(long, value_name = "NEW")]
    pub rename: Option<String>,

    /// A new display name.
    #[arg(long, value_name = "TEXT", conflicts_with = "no_display_name")]
    pub display_name: Option<String>,

    /// Remove the display name.
    #[arg(long)]
    pub no_display_name: bool,

    /// A new email address.
    #[arg(long, value_name = "ADDRESS", conflicts_with = "no_email")]
    pub email: Option<String>,

    /// Remove the email address.
    #[arg(long)]
    pub no_email: bool,

    /// The user's groups, replacing those it has; repeat for more.
    #[arg(long = "group", value_name = "GROUP", conflicts_with = "no_groups")]
    pub groups: Vec<String>,

    /// Take the user out of every group.
    #[arg(long)]
    pub no_groups: bool,

    #[command(flatten)]
    pub password: NewPassword,

    /// Remove the password (hash and plaintext): an import then keeps the
    /// password the server has.
    #[arg(long, conflicts_with_all = ["password_stdin", "generate"])]
    pub no_password: bool,
}

#[derive(Debug, Args)]
pub struct ExportCsvArgs {
    /// The export file, or - for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Where to write the CSV (standard output by default, or -).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Export only this user (letter case does not matter); repeat for
    /// more.
    #[arg(long = "user", value_name = "NAME", conflicts_with = "group")]
    pub users: Vec<String>,

    /// Export only the members of this group (letter case does not
    /// matter).
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
}

/// Which file's value a conflict takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SideArg {
    /// Keep FILE's value.
    Ours,
    /// Take OTHER's value.
    Theirs,
}

/// A user field that can conflict, for `--field FIELD=SIDE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FieldArg {
    UserName,
    DisplayName,
    Email,
    Password,
    Groups,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The export file to merge into ("ours"), or - for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The export file to take users and groups from ("theirs"), or - for
    /// standard input.
    #[arg(value_name = "OTHER")]
    pub other: PathBuf,

    /// Where to write the result (standard output by default, or -); may
    /// be FILE itself.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Settle every conflicting field this way, unless --field says
    /// otherwise.
    #[arg(long, value_name = "SIDE")]
    pub prefer: Option<SideArg>,

    /// Settle one field: user-name, display-name, email, password or
    /// groups, each =ours or =theirs (for example password=theirs); repeat
    /// for more fields.
    #[arg(long = "field", value_name = "FIELD=SIDE", value_parser = parse_field_rule)]
    pub fields: Vec<(FieldArg, SideArg)>,

    /// Print what importing the result over FILE would change, one change
    /// a line as `diff` prints it, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `email=theirs` as a field and a side.
fn parse_field_rule(text: &str) -> Result<(FieldArg, SideArg), String> {
    let (field, side) = text
        .split_once('=')
        .ok_or_else(|| "expected FIELD=SIDE, such as password=theirs".to_owned())?;
    Ok((
        FieldArg::from_str(field, true)?,
        SideArg::from_str(side, true)?,
    ))
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Where to write the schema (standard output by default, or -).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// A shell that `completions` writes a script for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish or powershell.
    #[arg(value_name = "SHELL")]
    pub shell: ShellArg,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (the tool's own page when absent).
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Option<String>,

    /// Write every page (proget-users.1, proget-users-check.1, ...) into
    /// this directory instead.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

impl PolicyArgs {
    /// The policy these options describe.
    pub fn policy(&self) -> proget_users_core::generate::PasswordPolicy {
        proget_users_core::generate::PasswordPolicy {
            length: self.length,
            lowercase: !self.no_lowercase,
            uppercase: !self.no_uppercase,
            digits: !self.no_digits,
            symbols: !self.no_symbols,
            exclude_ambiguous: self.no_ambiguous,
        }
    }
}

/// The whole command line as clap describes it, with the edit verbs shown
/// as subcommands of `edit`: for completion scripts and manual pages.
/// (Parsing reads the edits itself, as several may follow one another.)
pub fn described() -> clap::Command {
    use clap::CommandFactory;
    let edits: Vec<clap::Command> = EditLine::command().get_subcommands().cloned().collect();
    Cli::command().mut_subcommand("edit", |edit| edit.subcommands(edits))
}
