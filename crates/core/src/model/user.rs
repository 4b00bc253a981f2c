//! One user: ProGet's fields typed, the others kept in their places, and
//! the setters that put a key set for the first time where ProGet's export
//! writes it. A plaintext password is never shown by `Debug`.

use super::keys::{self, Key, UserField};
use super::{Origin, RawJson};
use std::fmt;

/// One user. A string field that is `None` but whose key stands in the file
/// (as `null`) is written back as `null`.
#[derive(Clone, Default)]
pub struct User {
    pub user_name: String,
    pub display_name: Option<String>,
    pub email_address: Option<String>,
    /// A plaintext password that ProGet hashes on import. A secret: never
    /// printed by `Debug`.
    pub password: Option<String>,
    /// The PBKDF2 hash, base64, as stored in the file.
    pub password_bytes: Option<String>,
    /// The PBKDF2 salt, base64, as stored in the file.
    pub salt_bytes: Option<String>,
    /// Names of the groups the user is in.
    pub groups: Vec<String>,
    pub(crate) fields: Vec<UserField>,
    /// Where the user was read from, if it was.
    pub(crate) origin: Option<Origin>,
}

impl PartialEq for User {
    /// The same fields with the same values in the same order, wherever the
    /// users were read from.
    fn eq(&self, other: &Self) -> bool {
        self.user_name == other.user_name
            && self.display_name == other.display_name
            && self.email_address == other.email_address
            && self.password == other.password
            && self.password_bytes == other.password_bytes
            && self.salt_bytes == other.salt_bytes
            && self.groups == other.groups
            && self.fields == other.fields
    }
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("user_name", &self.user_name)
            .field("display_name", &self.display_name)
            .field("email_address", &self.email_address)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("password_bytes", &self.password_bytes)
            .field("salt_bytes", &self.salt_bytes)
            .field("groups", &self.groups)
            .field("fields", &self.fields)
            .finish()
    }
}

/// Where a user's password stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PasswordState {
    /// `passwordBytes` and `saltBytes`.
    Hashed,
    /// A plaintext `password` that ProGet will hash on import.
    Plaintext,
    /// Neither: ProGet keeps the password it has (or the user has none).
    None,
}

impl User {
    /// A new user with a name and nothing else, with the keys ProGet writes
    /// for every user (`userName`, `displayName`, `groups`).
    pub fn new(user_name: impl Into<String>) -> Self {
        let user_name = user_name.into();
        User {
            display_name: Some(user_name.clone()),
            user_name,
            fields: vec![
                UserField::Known(Key::UserName),
                UserField::Known(Key::DisplayName),
                UserField::Known(Key::Groups),
            ],
            ..User::default()
        }
    }

    /// The password state, plaintext first: a plaintext `password` is what
    /// ProGet would use.
    pub fn password_state(&self) -> PasswordState {
        if self.password.is_some() {
            PasswordState::Plaintext
        } else if self.password_bytes.is_some() || self.salt_bytes.is_some() {
            PasswordState::Hashed
        } else {
            PasswordState::None
        }
    }

    /// Whether `key` stands in the file for this user (even as `null`).
    pub fn has_key(&self, key: Key) -> bool {
        self.fields.contains(&UserField::Known(key))
    }

    /// Fields we do not know, in file order.
    pub fn extra_fields(&self) -> impl Iterator<Item = (&str, &RawJson)> {
        self.fields.iter().filter_map(|f| match f {
            UserField::Other(extra) => Some((extra.key.as_str(), &extra.value)),
            _ => None,
        })
    }

    /// Sets the display name; `None` removes the key.
    pub fn set_display_name(&mut self, value: Option<String>) {
        self.set_optional(Key::DisplayName, value, |u| &mut u.display_name);
    }

    /// Sets the email address; `None` removes the key.
    pub fn set_email_address(&mut self, value: Option<String>) {
        self.set_optional(Key::EmailAddress, value, |u| &mut u.email_address);
    }

    /// Sets the user name (the key is added if it was missing).
    pub fn set_user_name(&mut self, name: String) {
        self.user_name = name;
        self.place_key(Key::UserName);
    }

    /// Sets the groups (the key is added if it was missing).
    pub fn set_groups(&mut self, groups: Vec<String>) {
        self.groups = groups;
        self.place_key(Key::Groups);
    }

    /// Replaces any password by a plaintext one, where the hash stood.
    pub fn set_plaintext_password(&mut self, password: String) {
        self.replace_password_keys(&[Key::Password]);
        self.password = Some(password);
        self.password_bytes = None;
        self.salt_bytes = None;
    }

    /// Replaces any password by a hash, where the old password or hash stood.
    pub fn set_password_hash(&mut self, password_bytes: String, salt_bytes: String) {
        self.replace_password_keys(&[Key::PasswordBytes, Key::SaltBytes]);
        self.password = None;
        self.password_bytes = Some(password_bytes);
        self.salt_bytes = Some(salt_bytes);
    }

    /// Removes `password`, `passwordBytes` and `saltBytes`.
    pub fn clear_password(&mut self) {
        self.password = None;
        self.password_bytes = None;
        self.salt_bytes = None;
        self.fields.retain(|f| !keys::is_password_key(f));
    }

    /// Removes `passwordBytes` and `saltBytes`, keeping any plaintext.
    pub fn clear_password_hash(&mut self) {
        self.password_bytes = None;
        self.salt_bytes = None;
        self.fields
            .retain(|f| !matches!(f, UserField::Known(Key::PasswordBytes | Key::SaltBytes)));
    }

    fn set_optional(
        &mut self,
        key: Key,
        value: Option<String>,
        field: impl Fn(&mut User) -> &mut Option<String>,
    ) {
        match value {
            Some(v) => {
                *field(self) = Some(v);
                self.place_key(key);
            }
            None => {
                *field(self) = None;
                self.fields.retain(|f| f != &UserField::Known(key));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality_ignores_where_a_user_came_from() {
        let mut a = User::new("a");
        let b = a.clone();
        a.origin = Some(Origin { file: 7, index: 3 });
        assert_eq!(a, b);
    }

    #[test]
    fn debug_never_shows_a_plaintext_password() {
        let mut user = User::new("a");
        user.set_plaintext_password("hunter2".into());
        assert!(!format!("{user:?}").contains("hunter2"));
    }
}
