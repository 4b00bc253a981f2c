//! The arguments of `merge`: the two files, and how each conflicting
//! field is settled (`--prefer SIDE`, `--field FIELD=SIDE`).

use clap::{Args, ValueEnum};
use std::path::PathBuf;

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
