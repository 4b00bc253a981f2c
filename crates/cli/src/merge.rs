//! `proget-users merge FILE OTHER [-o OUT]`: users and groups taken from
//! OTHER ("theirs") into FILE ("ours"), conflicts settled by rule.
//!
//! Users only theirs has are added and groups only theirs knows are
//! declared (names matched ignoring letter case). A user both have with
//! differing fields is a conflict: each differing field is settled by
//! `--field FIELD=SIDE`, else by `--prefer SIDE`; a field with no rule
//! refuses the whole merge (exit 1), listing every such field.

use crate::args::{FieldArg, MergeArgs, SideArg};
use crate::failure::Failure;
use crate::output::Files;
use crate::{diff, input, message, output, report};
use proget_users_core::merge::{self, Field, Resolution};
use proget_users_core::plan::{plan, PlanOptions};
use proget_users_core::text::plural;
use proget_users_core::validate::validate;
use proget_users_core::write;
use std::process::ExitCode;

/// Merges, then writes the result (or prints the plan with `--dry-run`)
/// and says on standard error what was taken.
pub fn run(args: &MergeArgs) -> Result<ExitCode, Failure> {
    Files::new()
        .edited("FILE", &args.file)
        .input("OTHER", &args.other)
        .result("-o", args.output.as_deref())
        .check()?;
    let (name, ours) = input::parse(&args.file)?;
    let (_, theirs) = input::parse(&args.other)?;
    let (mut ours, theirs) = (ours.file, theirs.file);
    let rule = |field: Field| {
        args.fields
            .iter()
            .rev()
            .find(|(f, _)| field_of(*f) == field)
            .map(|(_, side)| *side)
            .or(args.prefer)
    };

    let comparison = merge::compare(&ours, &theirs);
    let unsettled: Vec<String> = comparison
        .conflicts
        .iter()
        .flat_map(|c| c.fields.iter().map(move |d| (c, d)))
        .filter(|(_, d)| rule(d.field).is_none())
        .map(|(c, d)| {
            let single = merge::Comparison {
                conflicts: vec![merge::Conflict {
                    name: c.name.clone(),
                    theirs_name: c.theirs_name.clone(),
                    fields: vec![d.clone()],
                }],
                ..merge::Comparison::default()
            };
            single.lines().concat()
        })
        .collect();
    if !unsettled.is_empty() {
        let mut lines = unsettled;
        lines.push(format!(
            "error: {} no rule: pass --prefer ours|theirs, or --field FIELD=ours|theirs \
             for each field; nothing was written",
            if lines.len() == 1 {
                "1 conflicting field has".to_owned()
            } else {
                format!("{} conflicting fields have", lines.len())
            }
        ));
        return Err(Failure::Rejected { lines, code: 1 });
    }

    let original = args.dry_run.then(|| ours.clone());
    let from_theirs = Field::ALL
        .into_iter()
        .filter(|&f| rule(f) == Some(SideArg::Theirs))
        .collect();
    let taken = merge::take_all(&mut ours, &theirs, &Resolution::PerField(from_theirs));

    if let Some(original) = original {
        diff::print_plan(&plan(&original, &ours, PlanOptions::default()))?;
        message::line("dry run: nothing written");
        return Ok(ExitCode::SUCCESS);
    }
    output::write(args.output.as_deref(), &write::to_bytes(&ours))?;
    let kept = comparison.conflicts.len() - taken.users_updated.len();
    message::line(if taken.is_empty() {
        "took nothing: FILE has every user and group OTHER has".to_owned()
    } else {
        taken.to_string()
    });
    if kept > 0 {
        message::line(format!(
            "kept {} as FILE has them",
            plural(kept, "conflicting user", "conflicting users")
        ));
    }
    report::note_errors(&name, &validate(&ours));
    Ok(ExitCode::SUCCESS)
}

fn field_of(field: FieldArg) -> Field {
    match field {
        FieldArg::UserName => Field::UserName,
        FieldArg::DisplayName => Field::DisplayName,
        FieldArg::Email => Field::Email,
        FieldArg::Password => Field::Password,
        FieldArg::Groups => Field::Groups,
    }
}
