//! `proget-users diff OLD NEW`: the import plan, one change a line.

use crate::args::DiffArgs;
use crate::failure::Failure;
use crate::{input, output};
use proget_users_core::plan::{plan, PlanOptions};
use std::process::ExitCode;

/// Prints what importing NEW over a server exported as OLD would change;
/// "no changes" on standard error when nothing would.
pub fn run(args: &DiffArgs) -> Result<ExitCode, Failure> {
    if input::is_stdio(&args.old) && input::is_stdio(&args.new) {
        return Err(Failure::Message(
            "OLD and NEW cannot both be standard input (-)".to_owned(),
        ));
    }
    let (_, old) = input::parse(&args.old)?;
    let (_, new) = input::parse(&args.new)?;
    let options = PlanOptions {
        delete_missing: args.delete_missing,
    };
    let plan = plan(&old.file, &new.file, options);
    if plan.is_empty() {
        eprintln!("no changes");
    } else {
        output::stdout(plan.to_string().as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
