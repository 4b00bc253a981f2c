//! `proget-users diff OLD NEW`: the import plan, one change a line.

use crate::args::DiffArgs;
use crate::failure::Failure;
use crate::output::Files;
use crate::{input, message, output};
use proget_users_core::plan::{plan, PlanOptions};
use std::process::ExitCode;

/// Prints what importing NEW over a server exported as OLD would change;
/// "no changes" on standard error when nothing would.
pub fn run(args: &DiffArgs) -> Result<ExitCode, Failure> {
    Files::new()
        .input("OLD", &args.old)
        .input("NEW", &args.new)
        .check()?;
    let (_, old) = input::parse(&args.old)?;
    let (_, new) = input::parse(&args.new)?;
    let options = PlanOptions {
        delete_missing: args.delete_missing,
    };
    print_plan(&plan(&old.file, &new.file, options))?;
    Ok(ExitCode::SUCCESS)
}

/// A plan on standard output, one change a line; `no changes` on standard
/// error when it is empty. Shared by `diff`, `edit --dry-run` and
/// `merge --dry-run`.
pub fn print_plan(plan: &proget_users_core::plan::ImportPlan) -> Result<(), Failure> {
    if plan.is_empty() {
        message::line("no changes");
        Ok(())
    } else {
        output::stdout_text(&plan.to_string())
    }
}
