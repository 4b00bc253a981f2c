//! `proget-users completions SHELL`: a completion script, made by
//! `clap_complete` from the same description clap parses with.

use crate::args::{self, CompletionsArgs, ShellArg};
use crate::failure::Failure;
use crate::output;
use clap_complete::{generate, Shell};
use std::process::ExitCode;

/// Prints the script for the shell on standard output.
pub fn run(args: &CompletionsArgs) -> Result<ExitCode, Failure> {
    let shell = match args.shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
        ShellArg::Powershell => Shell::PowerShell,
    };
    let mut command = args::described();
    let mut script = Vec::new();
    generate(shell, &mut command, "proget-users", &mut script);
    output::stdout(&script)?;
    Ok(ExitCode::SUCCESS)
}
