//! `proget-users man [COMMAND | --dir DIR]`: manual pages in roff, made by
//! `clap_mangen` from the same description clap parses with.
//!
//! They are made when asked for rather than at build time, so that
//! `cargo install` gives them too (a build script's output stays in the
//! build directory), and they always match the binary that prints them.

use crate::args::{self, ManArgs};
use crate::failure::Failure;
use crate::output::{self, Access, Outputs};
use crate::paths;
use clap_mangen::Man;
use proget_users_core::text::quoted;
use std::process::ExitCode;

/// Prints one page, or writes every page into `--dir`.
pub fn run(args: &ManArgs) -> Result<ExitCode, Failure> {
    let pages = pages();
    if let Some(dir) = &args.dir {
        if paths::is_stdio(dir) {
            return Err(Failure::Message(
                "--dir names a directory; to print a page, leave --dir out".to_owned(),
            ));
        }
        let mut outputs = Outputs::new();
        for (name, page) in &pages {
            outputs.file(&dir.join(format!("{name}.1")), page, Access::Shared)?;
        }
        outputs.commit()?;
        crate::message::line(format!(
            "wrote {} pages to {}",
            pages.len(),
            paths::display_name(dir)
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let wanted = match &args.command {
        None => "proget-users".to_owned(),
        Some(command) => format!("proget-users-{command}"),
    };
    match pages.into_iter().find(|(name, _)| *name == wanted) {
        Some((_, page)) => {
            output::stdout(&page)?;
            Ok(ExitCode::SUCCESS)
        }
        None => Err(Failure::Message(format!(
            "there is no command {}; `proget-users --help` lists them",
            quoted(args.command.as_deref().unwrap_or_default())
        ))),
    }
}

/// Every page: the tool's, then one per command, each with its name
/// (`proget-users`, `proget-users-check`, ...).
fn pages() -> Vec<(String, Vec<u8>)> {
    let mut command = args::described();
    command.build();
    let mut pages = vec![("proget-users".to_owned(), render(command.clone()))];
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("proget-users-{}", sub.get_name());
        let sub = sub.clone().name(name.clone());
        pages.push((name, render(sub)));
    }
    pages
}

fn render(command: clap::Command) -> Vec<u8> {
    let mut page = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = Man::new(command).render(&mut page);
    page
}
