//! The arguments of the commands that take export files as they are:
//! `check`, `hash`, `verify` and `diff`.

use clap::Args;
use std::path::PathBuf;

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
