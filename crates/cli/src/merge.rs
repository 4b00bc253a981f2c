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
use proget_users_core::merge::{self, Field, Taken, UserTaken};
use proget_users_core::plan::{plan, PlanOptions};
use proget_users_core::text::plural;
use proget_users_core::validate::validate;
use proget_users_core::{write, User, UsersFile};
use std::collections::{HashMap, HashSet};
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
    let taken = take(&mut ours, &theirs, &comparison, |f| {
        rule(f) == Some(SideArg::Theirs)
    });

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

/// Takes from `theirs` into `ours` what `comparison` found: the fields of
/// conflicting users for which `from_theirs` holds, then the users and
/// groups only theirs has. As `merge::take_user` and
/// `merge::take_all_missing` do, but in one pass with indexes, so that
/// merging two large directories takes linear time (those functions look
/// every user and group up afresh for each user taken).
fn take(
    ours: &mut UsersFile,
    theirs: &UsersFile,
    comparison: &merge::Comparison,
    from_theirs: impl Fn(Field) -> bool,
) -> Taken {
    let their_index: HashMap<&str, usize> = theirs
        .users
        .iter()
        .enumerate()
        .rev()
        .map(|(i, u)| (u.user_name.as_str(), i))
        .collect();
    let mut our_index: HashMap<String, usize> = HashMap::with_capacity(ours.users.len());
    for (i, user) in ours.users.iter().enumerate() {
        our_index.entry(user.user_name.to_lowercase()).or_insert(i);
    }
    let mut groups = Groups::new(ours);
    let mut taken = Taken::default();
    for conflict in &comparison.conflicts {
        let fields: Vec<Field> = conflict
            .fields
            .iter()
            .map(|d| d.field)
            .filter(|&f| from_theirs(f))
            .collect();
        let (Some(&i), Some(&j)) = (
            our_index.get(&conflict.name.to_lowercase()),
            their_index.get(conflict.theirs_name.as_str()),
        ) else {
            continue;
        };
        if fields.is_empty() {
            continue;
        }
        let from = &theirs.users[j];
        let mut user = ours.users[i].clone();
        for &field in &fields {
            match field {
                Field::UserName => user.set_user_name(from.user_name.clone()),
                Field::DisplayName => user.set_display_name(from.display_name.clone()),
                Field::Email => user.set_email_address(from.email_address.clone()),
                Field::Password => copy_password(&mut user, from),
                Field::Groups => {
                    let spelled = groups.adopt(ours, &from.groups, &mut taken);
                    user.set_groups(spelled);
                }
            }
        }
        taken.users_updated.push(UserTaken {
            name: user.user_name.clone(),
            fields,
        });
        ours.users[i] = user;
    }
    for name in &comparison.only_theirs {
        let Some(&j) = their_index.get(name.as_str()) else {
            continue;
        };
        let mut user = theirs.users[j].clone();
        if !user.groups.is_empty() {
            let spelled = groups.adopt(ours, &theirs.users[j].groups, &mut taken);
            user.set_groups(spelled);
        }
        taken.users_added.push(user.user_name.clone());
        ours.users.push(user);
    }
    groups.adopt(ours, &comparison.groups_only_theirs, &mut taken);
    taken
}

/// Ours' groups, to write theirs' group names ours' way and declare the
/// new ones, each in constant time.
struct Groups {
    /// Lower case to the spelling ours uses (or will).
    spelling: HashMap<String, String>,
    /// Lower case of the groups ours declares.
    declared: HashSet<String>,
}

impl Groups {
    fn new(ours: &UsersFile) -> Groups {
        let mut spelling = HashMap::new();
        for group in ours.all_groups() {
            spelling.entry(group.to_lowercase()).or_insert(group);
        }
        let declared = ours.groups.iter().map(|g| g.to_lowercase()).collect();
        Groups { spelling, declared }
    }

    /// `names` as ours spells them, each once; those ours does not
    /// declare are declared (and noted in `taken`).
    fn adopt(&mut self, ours: &mut UsersFile, names: &[String], taken: &mut Taken) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(names.len());
        for name in names {
            let folded = name.to_lowercase();
            let spelled = self
                .spelling
                .entry(folded.clone())
                .or_insert_with(|| name.clone())
                .clone();
            if self.declared.insert(folded) {
                ours.groups.push(spelled.clone());
                taken.groups_added.push(spelled.clone());
            }
            if !out.contains(&spelled) {
                out.push(spelled);
            }
        }
        out
    }
}

/// Gives `user` the password `from` has, as `merge::take_user` does.
fn copy_password(user: &mut User, from: &User) {
    match (&from.password, &from.password_bytes, &from.salt_bytes) {
        (Some(p), _, _) => user.set_plaintext_password(p.clone()),
        (None, Some(bytes), Some(salt)) => user.set_password_hash(bytes.clone(), salt.clone()),
        (None, bytes, salt) => {
            user.clear_password();
            user.password_bytes.clone_from(bytes);
            user.salt_bytes.clone_from(salt);
        }
    }
}
