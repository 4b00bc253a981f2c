//! The arguments of `reset`, and what it shares with `edit --generate`:
//! how generated passwords are made ([`PolicyArgs`]) and the printable
//! slips they can go to ([`SlipArgs`]).

use clap::{ArgGroup, Args, ValueEnum};
use std::path::PathBuf;

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
    #[arg(long, value_name = "N", default_value_t = 20, help = length_help())]
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

/// `--length`'s help, with the core's limits.
fn length_help() -> String {
    use proget_users_core::generate::{MAX_LENGTH, MIN_LENGTH};
    format!("Characters in each password ({MIN_LENGTH} to {MAX_LENGTH})")
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
