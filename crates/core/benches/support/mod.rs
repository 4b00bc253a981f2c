//! What the benchmarks share (each bench file is its own crate: `mod support;`).

use proget_users_core::model::{User, UsersFile};

/// The "server" side of the plan: a copy with every 10th user missing,
/// every 7th with another display name, every 13th in other groups, and
/// 1,000 users the import lacks.
pub fn modified(file: &UsersFile) -> UsersFile {
    let mut server = file.clone();
    server.users = server
        .users
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % 10 != 0)
        .map(|(i, mut user)| {
            if i % 7 == 0 {
                user.set_display_name(Some(format!("Old Name {i}")));
            }
            if i % 13 == 0 {
                user.set_groups(vec!["Retired".into()]);
            }
            user
        })
        .collect();
    server
        .users
        .extend((0..1000).map(|i| User::new(format!("gone{i}"))));
    server.groups.push("Retired".into());
    server
}
