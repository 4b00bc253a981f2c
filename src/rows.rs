//! The users table's rows, without a browser: which users a filter shows,
//! in which order a sort puts them, and which of them a scroll position
//! brings into view.

use crate::labels::password_label;
use proget_users_core::model::User;
use std::cmp::Reverse;

/// The height of a row in whole pixels (the CSS sets the same).
pub const ROW_PX: usize = 36;
/// [`ROW_PX`] for layout arithmetic.
pub const ROW_HEIGHT: f64 = ROW_PX as f64;
/// Rows rendered above and below the visible ones.
pub const MARGIN: usize = 8;

/// A column of the users table, to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableColumn {
    UserName,
    DisplayName,
    Email,
    Groups,
    Password,
}

/// How the users table is sorted; without one, rows keep file order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: TableColumn,
    pub descending: bool,
}

impl Sort {
    /// What a click on `column`'s header makes of `current`: ascending,
    /// then descending, then file order again.
    pub fn next(current: Option<Sort>, column: TableColumn) -> Option<Sort> {
        match current {
            Some(s) if s.column == column && !s.descending => Some(Sort {
                column,
                descending: true,
            }),
            Some(s) if s.column == column => None,
            _ => Some(Sort {
                column,
                descending: false,
            }),
        }
    }

    /// The header's `aria-sort` for `column`.
    pub fn aria(current: Option<Sort>, column: TableColumn) -> &'static str {
        match current {
            Some(s) if s.column == column && s.descending => "descending",
            Some(s) if s.column == column => "ascending",
            _ => "none",
        }
    }
}

/// Whether a user matches a filter (already lower case): any of its name,
/// display name, email, groups or password state contains it.
pub fn matches(user: &User, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let has = |s: &str| contains_folded(s, needle);
    has(&user.user_name)
        || user.display_name.as_deref().is_some_and(has)
        || user.email_address.as_deref().is_some_and(has)
        || user.groups.iter().any(|g| has(g))
        || password_label(user.password_state()).contains(needle)
}

/// Whether `text`, in lower case, contains `needle` (lower case already);
/// ASCII text is compared without allocating.
fn contains_folded(text: &str, needle: &str) -> bool {
    if text.is_ascii() && needle.is_ascii() {
        let (hay, pin) = (text.as_bytes(), needle.as_bytes());
        hay.len() >= pin.len() && hay.windows(pin.len()).any(|w| w.eq_ignore_ascii_case(pin))
    } else {
        text.to_lowercase().contains(needle)
    }
}

/// What a user is sorted by in `column`.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Text(String),
    Rank(u8),
}

fn sort_key(user: &User, column: TableColumn) -> Key {
    let text = |s: &Option<String>| Key::Text(s.as_deref().unwrap_or("").to_lowercase());
    match column {
        TableColumn::UserName => Key::Text(user.user_name.to_lowercase()),
        TableColumn::DisplayName => text(&user.display_name),
        TableColumn::Email => text(&user.email_address),
        TableColumn::Groups => Key::Text(user.groups.join(", ").to_lowercase()),
        TableColumn::Password => Key::Rank(user.password_state() as u8),
    }
}

/// The indices of the users that match `needle` (lower case), in the order
/// `sort` asks (file order without one; ties keep file order). Each user's
/// sort key is computed once.
pub fn visible_rows(users: &[User], needle: &str, sort: Option<Sort>) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..users.len())
        .filter(|&i| matches(&users[i], needle))
        .collect();
    if let Some(sort) = sort {
        if sort.descending {
            // Ties keep file order: the index breaks them, not reversed.
            rows.sort_by_cached_key(|&i| (Reverse(sort_key(&users[i], sort.column)), i));
        } else {
            rows.sort_by_cached_key(|&i| sort_key(&users[i], sort.column));
        }
    }
    rows
}

/// The rows to render for a scroll position: `(first, end)` positions in
/// the filtered list of `count` rows, with [`MARGIN`] rows either side.
pub fn visible_range(count: usize, scroll_top: f64, viewport: f64) -> (usize, usize) {
    let first = ((scroll_top.max(0.0) / ROW_HEIGHT).floor() as usize)
        .saturating_sub(MARGIN)
        .min(count);
    let end = (((scroll_top.max(0.0) + viewport.max(0.0)) / ROW_HEIGHT).ceil() as usize + MARGIN)
        .min(count);
    (first, end.max(first))
}

/// Where to scroll so that the row at `position` stands near the middle.
pub fn scroll_to_row(position: usize, viewport: f64) -> f64 {
    (position as f64 * ROW_HEIGHT - viewport / 2.0 + ROW_HEIGHT).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, display: &str, groups: &[&str]) -> User {
        let mut u = User::new(name);
        u.set_display_name(Some(display.to_owned()));
        u.set_groups(groups.iter().map(|g| g.to_string()).collect());
        u
    }

    fn users() -> Vec<User> {
        vec![
            user("Admin", "Administrator", &["Administrators"]),
            user("jDoe", "John Doe", &["Developers"]),
            user("mRoe", "Mary Roe", &["Developers", "Testers"]),
            user("zed", "John Doe", &[]),
        ]
    }

    #[test]
    fn the_filter_looks_at_every_column_ignoring_case() {
        let users = users();
        assert_eq!(visible_rows(&users, "develop", None), [1, 2]);
        assert_eq!(visible_rows(&users, "mary", None), [2]);
        assert_eq!(visible_rows(&users, "none", None), [0, 1, 2, 3]);
        assert_eq!(visible_rows(&users, "", None), [0, 1, 2, 3]);
        let mut accented = User::new("Élodie");
        accented.set_display_name(Some("ÉLODIE".into()));
        assert!(matches(&accented, "élo"));
    }

    #[test]
    fn sorting_orders_by_the_column_and_ties_keep_file_order() {
        let users = users();
        let by = |column, descending| visible_rows(&users, "", Some(Sort { column, descending }));
        assert_eq!(by(TableColumn::DisplayName, false), [0, 1, 3, 2]);
        assert_eq!(by(TableColumn::DisplayName, true), [2, 1, 3, 0]);
        assert_eq!(by(TableColumn::UserName, false), [0, 1, 2, 3]);
        assert_eq!(by(TableColumn::Groups, false), [3, 0, 1, 2]);
    }

    #[test]
    fn a_header_click_cycles_ascending_descending_and_file_order() {
        let c = TableColumn::Email;
        let asc = Sort::next(None, c);
        assert_eq!(Sort::aria(asc, c), "ascending");
        let desc = Sort::next(asc, c);
        assert_eq!(Sort::aria(desc, c), "descending");
        assert_eq!(Sort::next(desc, c), None);
        assert_eq!(Sort::aria(desc, TableColumn::UserName), "none");
    }

    #[test]
    fn only_the_rows_in_view_and_a_margin_are_rendered() {
        assert_eq!(visible_range(0, 0.0, 600.0), (0, 0));
        assert_eq!(visible_range(10_000, 0.0, 360.0), (0, 10 + MARGIN));
        let (first, end) = visible_range(10_000, 3600.0, 360.0);
        assert_eq!((first, end), (100 - MARGIN, 110 + MARGIN));
        assert_eq!(visible_range(5, 3600.0, 360.0), (5, 5));
        assert_eq!(scroll_to_row(0, 600.0), 0.0);
    }

    #[test]
    fn filtering_a_large_list_is_linear() {
        // 200,000 users: a quadratic filter or sort would not finish.
        let users: Vec<User> = (0..200_000)
            .map(|i| user(&format!("user{i:06}"), &format!("User {i}"), &["g"]))
            .collect();
        assert_eq!(visible_rows(&users, "user00001", None).len(), 10);
        let sorted = visible_rows(
            &users,
            "",
            Some(Sort {
                column: TableColumn::DisplayName,
                descending: true,
            }),
        );
        assert_eq!(sorted.len(), 200_000);
    }
}
