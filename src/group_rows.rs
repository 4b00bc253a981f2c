//! The groups panel's rows, without a browser: every group of the file
//! with its member count.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use proget_users_core::model::UsersFile;

/// A group as the groups panel lists it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GroupRow {
    pub name: String,
    pub members: usize,
    /// Whether the root `groups` array declares it.
    pub declared: bool,
}

/// Every group of the file (declared first) with its member count.
pub fn group_rows(file: &UsersFile) -> Vec<GroupRow> {
    let mut members: HashMap<&str, usize> = HashMap::new();
    for user in &file.users {
        let mut seen = HashSet::new();
        for group in user.groups.iter().filter(|g| seen.insert(g.as_str())) {
            *members.entry(group.as_str()).or_default() += 1;
        }
    }
    let declared: HashSet<&str> = file.groups.iter().map(String::as_str).collect();
    file.all_groups()
        .into_iter()
        .map(|name| GroupRow {
            members: members.get(name.as_str()).copied().unwrap_or(0),
            declared: declared.contains(name.as_str()),
            name,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proget_users_core::parse;

    #[test]
    fn groups_count_members_once_and_say_which_are_declared() {
        let file = parse::parse(
            br#"{"users":[{"userName":"a","groups":["Dev","Dev","Ops"]},{"userName":"b","groups":["Dev"]}],"groups":["Dev","Empty"]}"#,
        )
        .unwrap()
        .file;
        let rows = group_rows(&file);
        let view: Vec<(&str, usize, bool)> = rows
            .iter()
            .map(|r| (r.name.as_str(), r.members, r.declared))
            .collect();
        assert_eq!(
            view,
            [("Dev", 2, true), ("Empty", 0, true), ("Ops", 1, false)]
        );
    }
}
