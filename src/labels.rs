//! Words the page shows, made without a browser: password states, status
//! sentences, counts, and the lines of a user's planned changes.

use proget_users_core::model::PasswordState;
use proget_users_core::plan::{ImportPlan, UserUpdate};
pub use proget_users_core::text::plural;

/// The word the table shows for a password state.
pub fn password_label(state: PasswordState) -> &'static str {
    match state {
        PasswordState::Hashed => "hashed",
        PasswordState::Plaintext => "plaintext",
        PasswordState::None => "none",
    }
}

/// The text with its first letter in upper case, for a status line.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How many users the table shows: `3 users`, or `1 of 3 users` when a
/// filter hides some.
pub fn shown_count(shown: usize, total: usize) -> String {
    if shown == total {
        plural(total, "user", "users")
    } else {
        format!("{shown} of {}", plural(total, "user", "users"))
    }
}

/// The problems' summary: `none`, `2 errors`, `1 error, 3 warnings`.
pub fn problems_summary(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => "none".to_owned(),
        (e, 0) => plural(e, "error", "errors"),
        (0, w) => plural(w, "warning", "warnings"),
        (e, w) => format!(
            "{}, {}",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        ),
    }
}

/// What the selection bar says.
pub fn selection_summary(selected: usize) -> String {
    match selected {
        0 => "Select users to change them together".to_owned(),
        n => format!("{n} selected"),
    }
}

/// The number of changes in a plan: the lines [`ImportPlan::lines`] would
/// write, counted without writing them.
pub fn change_count(plan: &ImportPlan) -> usize {
    let update = |u: &UserUpdate| {
        usize::from(u.renamed_to.is_some())
            + usize::from(u.display_name.is_some())
            + usize::from(u.email.is_some())
            + u.groups_joined.len()
            + u.groups_left.len()
            + usize::from(u.password_changed)
    };
    plan.groups_added.len()
        + plan.users_added.len()
        + plan.users_updated.iter().map(update).sum::<usize>()
        + plan.users_removed.len()
        + plan.groups_removed.len()
}

fn quoted(value: &Option<String>) -> String {
    match value {
        Some(v) if !v.is_empty() => format!("“{v}”"),
        _ => "(none)".to_owned(),
    }
}

/// The changes to one user, one line each.
pub fn update_lines(update: &UserUpdate) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(to) = &update.renamed_to {
        lines.push(format!("User name: “{}” → “{to}”", update.user_name));
    }
    if let Some((from, to)) = &update.display_name {
        lines.push(format!("Display name: {} → {}", quoted(from), quoted(to)));
    }
    if let Some((from, to)) = &update.email {
        lines.push(format!("Email: {} → {}", quoted(from), quoted(to)));
    }
    lines.extend(update.groups_joined.iter().map(|g| format!("Joins {g}")));
    lines.extend(update.groups_left.iter().map(|g| format!("Leaves {g}")));
    if update.password_changed {
        lines.push("Password changes".to_owned());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proget_users_core::plan::{plan, PlanOptions};
    use proget_users_core::{parse, sample};

    #[test]
    fn counts_and_summaries_read_as_sentences() {
        assert_eq!(shown_count(3, 3), "3 users");
        assert_eq!(shown_count(1, 3), "1 of 3 users");
        assert_eq!(shown_count(1, 1), "1 user");
        assert_eq!(problems_summary(0, 0), "none");
        assert_eq!(problems_summary(1, 3), "1 error, 3 warnings");
        assert_eq!(problems_summary(0, 1), "1 warning");
        assert_eq!(selection_summary(0), "Select users to change them together");
        assert_eq!(selection_summary(2), "2 selected");
        assert_eq!(sentence("added user bob"), "Added user bob");
        assert_eq!(password_label(PasswordState::Plaintext), "plaintext");
    }

    #[test]
    fn the_change_count_is_the_number_of_plan_lines() {
        let server = parse::parse(sample::directory(300).as_bytes())
            .unwrap()
            .file;
        let mut import = server.clone();
        import.users.truncate(250);
        for (i, user) in import.users.iter_mut().enumerate().step_by(7) {
            user.set_display_name(Some(format!("Renamed {i}")));
            user.set_groups(vec!["New group".into()]);
            user.set_plaintext_password("pw".into());
        }
        for options in [
            PlanOptions::default(),
            PlanOptions {
                delete_missing: true,
            },
        ] {
            let plan = plan(&server, &import, options);
            assert_eq!(change_count(&plan), plan.lines().len());
        }
    }

    #[test]
    fn update_lines_say_each_field_change() {
        let update = UserUpdate {
            user_name: "jDoe".into(),
            email: Some((Some("a@x".into()), None)),
            groups_joined: vec!["Dev".into()],
            password_changed: true,
            ..UserUpdate::default()
        };
        assert_eq!(
            update_lines(&update),
            ["Email: “a@x” → (none)", "Joins Dev", "Password changes"]
        );
    }
}
