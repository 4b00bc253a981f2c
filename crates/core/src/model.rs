//! The users-and-groups file: users, groups, and everything else, in order.
//!
//! ProGet's fields are typed ([`User::user_name`], [`User::groups`], ...);
//! fields we do not know are kept as their JSON text ([`RawJson`]) in their
//! place, so a file that is read and written back is the same JSON, key order
//! and number spellings included. The key order lives in a private list that
//! the setters keep right: a field set for the first time goes where ProGet's
//! own export puts it.
//!
//! A file read from text also keeps that text, shared by every clone rather
//! than copied, with where each user stood in it: writing copies every part
//! that did not change, so a file comes back in its own layout (see
//! [`crate::write`]). Equality looks only at the content, never at where it
//! came from.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// A whole export file: `{"users": [...], "groups": [...]}` plus any other
/// root fields.
#[derive(Clone, Default)]
pub struct UsersFile {
    pub users: Vec<User>,
    /// The declared groups (the root `groups` array), in file order.
    pub groups: Vec<String>,
    pub(crate) fields: Vec<RootField>,
    /// How the text was laid out, so writing keeps it.
    pub style: TextStyle,
    /// The text the file was read from, if it was.
    pub(crate) original: Option<Arc<Original>>,
}

impl PartialEq for UsersFile {
    /// Same users, groups, other fields and style, wherever they were read
    /// from.
    fn eq(&self, other: &Self) -> bool {
        self.users == other.users
            && self.groups == other.groups
            && self.fields == other.fields
            && self.style == other.style
    }
}

/// A root key in file order: ours, or one we keep as it was.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RootField {
    Users,
    Groups,
    Other(String, RawJson),
}

/// A JSON value kept as its text, for fields we do not know: numbers keep
/// their spelling (`1.50`, `1e3`, digits beyond any float) and strings their
/// escapes (`"\u00e9"`). The text is compact: the white space between
/// tokens is dropped, and writing lays the value out like the rest of the
/// file when it is not copied from the original text.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RawJson(Box<str>);

impl RawJson {
    /// The compact JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `json` (valid JSON) without the white space between its tokens.
    pub(crate) fn compact(json: &str) -> RawJson {
        let spaced = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        if !json.as_bytes().iter().any(spaced) {
            return RawJson(json.into());
        }
        let mut out = String::with_capacity(json.len());
        let (mut in_string, mut escaped) = (false, false);
        for c in json.chars() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
            } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
                continue;
            } else if c == '"' {
                in_string = true;
            }
            out.push(c);
        }
        RawJson(out.into())
    }
}

impl fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Layout choices of a file that JSON itself does not carry, found when it
/// is read. Writing copies the parts of the original text that did not
/// change; new and changed parts are written in this style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextStyle {
    /// A UTF-8 byte order mark led the file.
    pub bom: bool,
    /// How lines end (the first line end of the text).
    pub line_end: LineEnd,
    /// The text ended with a line end.
    pub final_newline: bool,
    /// The indentation of one level, or everything on one line.
    pub indent: Indent,
    /// A space before the `:` between a key and its value (`"a" : 1`).
    pub space_before_colon: bool,
    /// A space after that `:` (`"a": 1`).
    pub space_after_colon: bool,
    /// On one line, a space after each `,` (`[1, 2]`).
    pub space_after_comma: bool,
    /// Characters outside ASCII are written as `\u` escapes (`"\u00e9"`), as
    /// tools that write ASCII-only JSON do.
    pub ascii_only: bool,
}

impl Default for TextStyle {
    /// ProGet's own export: two spaces, `": "`, LF and a final line end.
    fn default() -> Self {
        TextStyle {
            bom: false,
            line_end: LineEnd::Lf,
            final_newline: true,
            indent: Indent::Spaces(2),
            space_before_colon: false,
            space_after_colon: true,
            space_after_comma: false,
            ascii_only: false,
        }
    }
}

/// How lines end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineEnd {
    /// `\n`, as on Linux and macOS.
    #[default]
    Lf,
    /// `\r\n`, as on Windows.
    CrLf,
    /// A lone `\r`, as old Mac files have it.
    Cr,
}

impl LineEnd {
    /// The characters that end a line.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnd::Lf => "\n",
            LineEnd::CrLf => "\r\n",
            LineEnd::Cr => "\r",
        }
    }
}

/// How far each nesting level is indented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indent {
    /// No line breaks at all: the whole file on one line, as `jq -c` and
    /// minifiers write it.
    OneLine,
    /// Each level on its own line, indented by this many spaces (ProGet: 2).
    Spaces(u8),
    /// Each level on its own line, indented by this many tabs.
    Tabs(u8),
}

/// The text a file was read from (without its byte order mark), and where
/// its parts stood: writing copies every part that did not change from here.
pub(crate) struct Original {
    /// Which reading this was, to tell its users from those of another file.
    pub id: u32,
    pub text: String,
    /// The style found when reading: the text is copied only while the
    /// file's style is still this one.
    pub style: TextStyle,
    /// The root object, braces included.
    pub root: Span,
    /// The root's members, in text order.
    pub members: Vec<Member>,
    /// Each user object, by its index in the `users` array.
    pub users: Vec<Span>,
}

impl fmt::Debug for Original {
    /// A summary: the text can be tens of megabytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Original")
            .field("id", &self.id)
            .field("bytes", &self.text.len())
            .field("members", &self.members.len())
            .field("users", &self.users.len())
            .finish_non_exhaustive()
    }
}

impl Original {
    /// A number no other reading in this process has.
    pub fn next_id() -> u32 {
        static NEXT: AtomicU32 = AtomicU32::new(1);
        NEXT.fetch_add(1, Ordering::Relaxed)
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }
}

/// A byte range of the original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        // The input is at most 64 MiB, so offsets fit in 32 bits.
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

/// An object member in the original text: its key (decoded), where the key
/// began, and its value.
#[derive(Clone, Debug)]
pub(crate) struct Member {
    pub key: String,
    pub key_at: u32,
    pub value: Span,
}

/// Where a user was read from: which reading, and its index there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    pub file: u32,
    pub index: u32,
}

impl UsersFile {
    /// An empty file with `users` and `groups`, in ProGet's order.
    pub fn new() -> Self {
        UsersFile {
            users: Vec::new(),
            groups: Vec::new(),
            fields: vec![RootField::Users, RootField::Groups],
            style: TextStyle::default(),
            original: None,
        }
    }

    /// The index of the user named exactly `name`.
    pub fn user_index(&self, name: &str) -> Option<usize> {
        self.users.iter().position(|u| u.user_name == name)
    }

    /// The user named exactly `name`.
    pub fn user(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.user_name == name)
    }

    /// The user named exactly `name`, to change.
    pub fn user_mut(&mut self, name: &str) -> Option<&mut User> {
        self.users.iter_mut().find(|u| u.user_name == name)
    }

    /// Every group the file knows of: the declared ones, then those only
    /// users name, each once, in order of first appearance.
    pub fn all_groups(&self) -> Vec<String> {
        let mut seen = foldhash::HashSet::default();
        self.groups
            .iter()
            .chain(self.users.iter().flat_map(|u| u.groups.iter()))
            .filter(|g| seen.insert(g.as_str()))
            .cloned()
            .collect()
    }

    /// Root fields we do not know, in file order.
    pub fn extra_fields(&self) -> impl Iterator<Item = (&str, &RawJson)> {
        self.fields.iter().filter_map(|f| match f {
            RootField::Other(k, v) => Some((k.as_str(), v)),
            _ => None,
        })
    }

    /// How many users hold a plaintext `password`.
    pub fn plaintext_count(&self) -> usize {
        self.users.iter().filter(|u| u.password.is_some()).count()
    }
}

impl fmt::Debug for UsersFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsersFile")
            .field("users", &self.users)
            .field("groups", &self.groups)
            .field("fields", &self.fields)
            .field("style", &self.style)
            .finish()
    }
}

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
        self.fields.retain(|f| !is_password_key(f));
    }

    /// Removes `passwordBytes` and `saltBytes`, keeping any plaintext.
    pub fn clear_password_hash(&mut self) {
        self.password_bytes = None;
        self.salt_bytes = None;
        self.fields
            .retain(|f| !matches!(f, UserField::Known(Key::PasswordBytes | Key::SaltBytes)));
    }

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
            Key::DisplayName => self.display_name.is_some(),
            Key::EmailAddress => self.email_address.is_some(),
            Key::PasswordBytes => self.password_bytes.is_some(),
            Key::SaltBytes => self.salt_bytes.is_some(),
            Key::Password => self.password.is_some(),
            Key::Groups => !self.groups.is_empty(),
        }
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
    fn replace_password_keys(&mut self, keys: &[Key]) {
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

fn is_password_key(field: &UserField) -> bool {
    matches!(
        field,
        UserField::Known(Key::Password | Key::PasswordBytes | Key::SaltBytes)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn raw_json_drops_the_space_between_tokens_only() {
        let raw = RawJson::compact("{ \"a b\" : [1.50 ,\r\n\t\"x \\\" y\"], \"c\": {} }");
        assert_eq!(raw.as_str(), r#"{"a b":[1.50,"x \" y"],"c":{}}"#);
        assert_eq!(RawJson::compact("1e3").to_string(), "1e3");
    }

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
