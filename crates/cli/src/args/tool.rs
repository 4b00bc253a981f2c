//! The arguments of the commands that describe the format and the tool:
//! `schema`, `completions` and `man`.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

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
