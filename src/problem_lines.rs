//! The problems list's lines, without a browser. Findings with the same
//! message are listed once with the users they concern, so ten thousand
//! users without a password make one line, not ten thousand.

use crate::labels::plural;
use foldhash::{HashMap, HashMapExt};
use proget_users_core::model::UsersFile;
use proget_users_core::path::{JsonPath, Segment};
use proget_users_core::validate::{Finding, Severity};

/// Findings with one message, in the order the first of them came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemLine {
    pub severity: Severity,
    pub message: String,
    /// The users the findings are about, in file order.
    pub users: Vec<usize>,
    /// Where the problem is, as the list says it.
    pub place: String,
    /// Whether the first finding is about an entry of the root `groups`.
    pub about_a_group: bool,
    pub count: usize,
}

fn is_about_a_group(path: &JsonPath) -> bool {
    matches!(path.0.as_slice(), [Segment::Key(k), _, ..] if k == "groups")
}

/// Where the findings of a line are: `user jDoe`, `2 users: a, b`, or the
/// first one's JSON path.
fn place(users: &[usize], path: &JsonPath, file: &UsersFile) -> String {
    let name = |i: &usize| {
        file.users
            .get(*i)
            .map(|u| u.user_name.as_str())
            .filter(|n| !n.is_empty())
            .map_or_else(|| format!("users[{i}]"), str::to_owned)
    };
    match users {
        [] => path.to_string(),
        [one] => format!("user {}", name(one)),
        many => {
            let first: Vec<String> = many.iter().take(3).map(name).collect();
            let more = if many.len() > 3 { ", …" } else { "" };
            format!(
                "{}: {}{more}",
                plural(many.len(), "user", "users"),
                first.join(", ")
            )
        }
    }
}

/// The findings as the list shows them: one line per message.
pub fn problem_lines(findings: &[Finding], file: &UsersFile) -> Vec<ProblemLine> {
    let mut lines: Vec<(ProblemLine, JsonPath)> = Vec::new();
    let mut at: HashMap<(Severity, String), usize> = HashMap::new();
    for finding in findings {
        let message = finding.problem.to_string();
        let key = (finding.severity(), message.clone());
        let i = *at.entry(key).or_insert_with(|| {
            let line = ProblemLine {
                severity: finding.severity(),
                message,
                users: Vec::new(),
                place: String::new(),
                about_a_group: is_about_a_group(&finding.path),
                count: 0,
            };
            lines.push((line, finding.path.clone()));
            lines.len() - 1
        });
        let line = &mut lines[i].0;
        line.count += 1;
        if let Some(user) = finding.path.user_index() {
            if line.users.last() != Some(&user) {
                line.users.push(user);
            }
        }
    }
    lines
        .into_iter()
        .map(|(mut line, path)| {
            line.place = place(&line.users, &path, file);
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proget_users_core::{parse, validate};

    #[test]
    fn one_line_per_message_with_the_users_it_concerns() {
        let file = parse::parse(
            br#"{"users":[{"userName":"a"},{"userName":"b"},{"userName":"a"},{"userName":"c","groups":["x"]}],"groups":["g","g"]}"#,
        )
        .unwrap()
        .file;
        let lines = problem_lines(&validate::validate(&file), &file);
        let view: Vec<(&str, &str)> = lines
            .iter()
            .map(|l| (l.message.as_str(), l.place.as_str()))
            .collect();
        assert!(
            view.contains(&("the user has no password", "4 users: a, b, a, …")),
            "{view:?}"
        );
        let dup = lines
            .iter()
            .find(|l| l.message.contains("used twice"))
            .unwrap();
        assert_eq!(
            (dup.users.as_slice(), dup.place.as_str()),
            (&[2][..], "user a")
        );
        let group = lines
            .iter()
            .find(|l| l.message.contains("declared twice"))
            .unwrap();
        assert!(group.about_a_group && group.users.is_empty());
        assert_eq!(group.place, "$.groups[1]");
        assert_eq!(lines[0].severity, Severity::Error);
    }
}
