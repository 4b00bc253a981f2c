//! The arguments of `import-csv` and `export-csv`: users in from a CSV and
//! out to one.

use clap::Args;
use std::path::PathBuf;

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
