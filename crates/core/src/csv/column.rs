//! The columns a users CSV has: the ones the importer knows, by any of
//! the names a header may give them, and the header the writer writes.

use std::fmt;

/// The header [`to_csv`](super::to_csv) writes.
pub const HEADER: &str = "Name,DisplayName,Email,Password,Groups";

/// A column the importer knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    DisplayName,
    Email,
    Password,
    Groups,
}

impl Column {
    /// Every column, in the order [`to_csv`](super::to_csv) writes them.
    pub const ALL: [Column; 5] = [
        Column::Name,
        Column::DisplayName,
        Column::Email,
        Column::Password,
        Column::Groups,
    ];

    /// The column's name in a header.
    pub fn name(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::DisplayName => "DisplayName",
            Column::Email => "Email",
            Column::Password => "Password",
            Column::Groups => "Groups",
        }
    }

    /// The column a header cell names: the names above in any letter case,
    /// with spaces, `_` and `-` ignored, and `UserName`, `EmailAddress` and
    /// `Group` as synonyms.
    pub fn from_header(cell: &str) -> Option<Column> {
        let key: String = cell
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .collect::<String>()
            .to_lowercase();
        Some(match key.as_str() {
            "name" | "username" => Column::Name,
            "displayname" => Column::DisplayName,
            "email" | "emailaddress" => Column::Email,
            "password" => Column::Password,
            "groups" | "group" => Column::Groups,
            _ => return None,
        })
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
