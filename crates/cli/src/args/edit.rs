//! The arguments of `edit`, and of each of its verbs: the edits follow
//! FILE, separated by `;`, and each is parsed on its own ([`EditLine`]).

use super::passwords::{PolicyArgs, SlipArgs};
use clap::{ArgGroup, Args, Parser, Subcommand};
use std::path::PathBuf;

/// The edit verbs and their arguments, shown in `edit --help`.
pub(super) const EDITS_HELP: &str = "\
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
