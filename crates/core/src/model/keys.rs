//! The keys of a user: the ones ProGet defines ([`Key`]), in the order its
//! export writes them, and the ones we keep as they were; where a key set
//! for the first time goes, and the order a user's keys are written in.

use super::{RawJson, User};

/// A field ProGet defines on a user, in the order its export writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    UserName,
    DisplayName,
    EmailAddress,
    PasswordBytes,
    SaltBytes,
    Password,
    Groups,
}

impl Key {
    /// Every key, in ProGet's order.
    pub const ALL: [Key; 7] = [
        Key::UserName,
        Key::DisplayName,
        Key::EmailAddress,
        Key::PasswordBytes,
        Key::SaltBytes,
        Key::Password,
        Key::Groups,
    ];

    /// The JSON name of the key.
    pub fn name(self) -> &'static str {
        match self {
            Key::UserName => "userName",
            Key::DisplayName => "displayName",
            Key::EmailAddress => "emailAddress",
            Key::PasswordBytes => "passwordBytes",
            Key::SaltBytes => "saltBytes",
            Key::Password => "password",
            Key::Groups => "groups",
        }
    }

    /// The key with this JSON name (exact case, as ProGet writes it).
    pub fn from_name(name: &str) -> Option<Key> {
        Some(match name {
            "userName" => Key::UserName,
            "displayName" => Key::DisplayName,
            "emailAddress" => Key::EmailAddress,
            "passwordBytes" => Key::PasswordBytes,
            "saltBytes" => Key::SaltBytes,
            "password" => Key::Password,
            "groups" => Key::Groups,
            _ => return None,
        })
    }
}

/// A user key in file order: one of ProGet's, or one we keep as it was
/// (boxed, so that the common case takes 16 bytes).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum UserField {
    Known(Key),
    Other(Box<Extra>),
}

/// A field we do not know: its key and its value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Extra {
    pub key: String,
    pub value: RawJson,
}

impl UserField {
    pub(crate) fn other(key: String, value: RawJson) -> Self {
        UserField::Other(Box::new(Extra { key, value }))
    }
}

/// A user field to write, borrowed.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FieldRef<'a> {
    Known(Key),
    Other(&'a str, &'a RawJson),
}

impl User {
    /// The keys in writing order: the file's order, then any field set
    /// directly (not through a setter) that has no place yet, in ProGet's order.
    pub(crate) fn ordered_fields(&self) -> Vec<FieldRef<'_>> {
        let mut out: Vec<FieldRef<'_>> = self
            .fields
            .iter()
            .map(|f| match f {
                UserField::Known(k) => FieldRef::Known(*k),
                UserField::Other(extra) => FieldRef::Other(&extra.key, &extra.value),
            })
            .collect();
        out.extend(
            Key::ALL
                .into_iter()
                .filter(|&k| !self.has_key(k) && self.has_value(k))
                .map(FieldRef::Known),
        );
        out
    }

    fn has_value(&self, key: Key) -> bool {
        match key {
            Key::UserName => !self.user_name.is_empty(),
            Key::Groups => !self.groups.is_empty(),
            key => self.optional_text(key).is_some(),
        }
    }

    /// The value of an optional string key: `displayName`, `emailAddress`,
    /// `password`, `passwordBytes` or `saltBytes` (`None` when unset). The
    /// user name and the groups are not optional strings: `None` for them.
    pub(crate) fn optional_text(&self, key: Key) -> Option<&str> {
        match key {
            Key::DisplayName => self.display_name.as_deref(),
            Key::EmailAddress => self.email_address.as_deref(),
            Key::Password => self.password.as_deref(),
            Key::PasswordBytes => self.password_bytes.as_deref(),
            Key::SaltBytes => self.salt_bytes.as_deref(),
            Key::UserName | Key::Groups => None,
        }
    }

    /// Gives `key` a place if it has none: before the first known key that
    /// ProGet writes after it, else after the last one it writes before it.
    pub(crate) fn place_key(&mut self, key: Key) {
        if self.has_key(key) {
            return;
        }
        let after = self
            .fields
            .iter()
            .position(|f| matches!(f, UserField::Known(k) if *k > key));
        let at = match after {
            Some(i) => i,
            None => self
                .fields
                .iter()
                .rposition(|f| matches!(f, UserField::Known(_)))
                .map_or(self.fields.len(), |i| i + 1),
        };
        self.fields.insert(at, UserField::Known(key));
    }

    /// Puts `keys` where the first password key stood and drops the others;
    /// with no password key yet, places them in ProGet's order.
    pub(super) fn replace_password_keys(&mut self, keys: &[Key]) {
        match self.fields.iter().position(is_password_key) {
            Some(at) => {
                let mut rest: Vec<UserField> = self.fields.drain(at..).collect();
                rest.retain(|f| !is_password_key(f));
                self.fields
                    .extend(keys.iter().map(|&k| UserField::Known(k)));
                self.fields.extend(rest);
            }
            None => keys.iter().for_each(|&k| self.place_key(k)),
        }
    }
}

pub(super) fn is_password_key(field: &UserField) -> bool {
    matches!(
        field,
        UserField::Known(Key::Password | Key::PasswordBytes | Key::SaltBytes)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PasswordState;

    fn keys(user: &User) -> Vec<&str> {
        user.ordered_fields()
            .into_iter()
            .map(|f| match f {
                FieldRef::Known(k) => k.name(),
                FieldRef::Other(k, _) => k,
            })
            .collect()
    }

    #[test]
    fn new_fields_go_where_proget_writes_them() {
        let mut user = User::new("jDoe");
        user.set_email_address(Some("j@example.com".into()));
        user.set_password_hash("h".into(), "s".into());
        assert_eq!(
            keys(&user),
            [
                "userName",
                "displayName",
                "emailAddress",
                "passwordBytes",
                "saltBytes",
                "groups"
            ]
        );
    }

    #[test]
    fn a_hash_takes_the_place_of_the_plaintext() {
        let mut user = User::new("a");
        user.fields
            .insert(1, UserField::other("x".into(), RawJson::compact("null")));
        user.fields.push(UserField::Known(Key::Password));
        user.password = Some("pw".into());
        user.set_password_hash("h".into(), "s".into());
        assert_eq!(
            keys(&user),
            [
                "userName",
                "x",
                "displayName",
                "groups",
                "passwordBytes",
                "saltBytes"
            ]
        );
        assert_eq!(user.password, None);
        user.set_plaintext_password("new".into());
        assert_eq!(
            keys(&user),
            ["userName", "x", "displayName", "groups", "password"]
        );
        user.clear_password();
        assert_eq!(keys(&user), ["userName", "x", "displayName", "groups"]);
        assert_eq!(user.password_state(), PasswordState::None);
    }
}
