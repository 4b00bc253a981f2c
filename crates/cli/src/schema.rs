//! `proget-users schema [-o OUT]`: the JSON Schema of the users-and-groups
//! file ([`proget_users_core::schema::SCHEMA`], the repository's
//! `schema/users-and-groups.schema.json`), for editors that check a file as
//! it is typed.

use crate::args::SchemaArgs;
use crate::failure::Failure;
use crate::output::{self, Access, Files};
use crate::{message, paths};
use proget_users_core::schema::SCHEMA;
use std::process::ExitCode;

/// Prints the schema, or writes it to OUT atomically. A new OUT gets the
/// usual permissions: the schema holds no secret and is meant to be shared.
pub fn run(args: &SchemaArgs) -> Result<ExitCode, Failure> {
    Files::new().result("-o", args.output.as_deref()).check()?;
    match args.output.as_deref() {
        Some(path) if !paths::is_stdio(path) => {
            output::stage(path, SCHEMA.as_bytes(), Access::Shared)?.commit()?;
            message::line(format!("wrote the schema to {}", paths::display_name(path)));
        }
        _ => output::stdout(SCHEMA.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
