//! Building the model while the reader walks the text: users, their fields,
//! groups, and every value we do not know kept as its text; every value of
//! the wrong shape and every duplicate key reported with its JSON path; and
//! where each part stood, as byte offsets, for the source map and for
//! writing the file back.

use super::error::{Diagnostic, ErrorKind, Expected, Found, Limit};
use super::reader::{Fail, KeySet, Reader};
use super::source::Mark;
use super::{MAX_DIAGNOSTICS, MAX_USERS, MAX_VALUES};
use crate::model::{Key, Member, Origin, RawJson, RootField, Span, User, UserField, UsersFile};
use crate::path::{JsonPath, Position};

/// Diagnostics of a read, up to [`MAX_DIAGNOSTICS`] and a last one saying
/// there were more.
#[derive(Default)]
pub(crate) struct Sink {
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    fn report(&mut self, kind: ErrorKind, path: JsonPath, at: usize) {
        match self.diagnostics.len() {
            n if n < MAX_DIAGNOSTICS => self.diagnostics.push(Diagnostic {
                kind,
                path: Some(path),
                at: Some(Position::unresolved(at)),
            }),
            n if n == MAX_DIAGNOSTICS => self.diagnostics.push(Diagnostic {
                kind: ErrorKind::TooManyProblems,
                path: None,
                at: None,
            }),
            _ => {}
        }
    }
}

/// What a read noted besides the model: where things stood.
#[derive(Default)]
pub(crate) struct Places {
    /// The root object.
    pub root: Span,
    /// The root's members.
    pub members: Vec<Member>,
    /// Each user object.
    pub users: Vec<Span>,
    /// Where each user's marks start in `marks`.
    pub user_marks: Vec<u32>,
    /// Each user field and group name, user after user.
    pub marks: Vec<Mark>,
    /// Each name of the root `groups`.
    pub groups: Vec<u32>,
}

pub(crate) struct Builder<'t> {
    pub reader: Reader<'t>,
    pub sink: Sink,
    pub places: Places,
    /// Which reading this is, given to each user as its origin.
    id: u32,
    /// Users, fields and names read so far, against [`MAX_VALUES`].
    values: usize,
    /// Reused for each user's fields and names, so that each gets a vector
    /// of exactly its size.
    fields: Vec<UserField>,
    names: Vec<String>,
}

impl<'t> Builder<'t> {
    pub fn new(text: &'t str, id: u32) -> Self {
        Builder {
            reader: Reader::new(text),
            sink: Sink::default(),
            places: Places::default(),
            id,
            values: 0,
            fields: Vec::new(),
            names: Vec::new(),
        }
    }

    /// Reads the whole text. `Err` is a syntax error or a limit, which ends
    /// the read; wrong shapes are in the sink.
    pub fn root(&mut self) -> Result<UsersFile, Fail> {
        let mut file = UsersFile::default();
        self.reader.skip_ws();
        let start = self.reader.pos;
        if self.reader.peek() != Some(b'{') {
            self.wrong(Expected::RootObject, &JsonPath::root)?;
        } else if self.reader.open()? {
            let mut keys = KeySet::default();
            loop {
                let (key, key_at) = self.reader.key()?;
                let value_at = self.reader.pos;
                if let Some(first) = keys.insert(key.clone(), key_at) {
                    self.duplicate(&key, first, JsonPath::root(), key_at);
                }
                match key.as_ref() {
                    "users" => {
                        file.fields.push(RootField::Users);
                        self.users(&mut file.users)?;
                    }
                    "groups" => {
                        file.fields.push(RootField::Groups);
                        let path = || JsonPath::root().key("groups");
                        file.groups = self.names(&path, false)?;
                    }
                    _ => {
                        self.count(value_at)?;
                        let path = || JsonPath::root().key(&key);
                        let value = self.raw(&path)?;
                        file.fields.push(RootField::Other(key.to_string(), value));
                    }
                }
                self.places.members.push(Member {
                    key: key.into_owned(),
                    key_at: key_at as u32,
                    value: Span::new(value_at, self.reader.pos),
                });
                if !self.reader.more()? {
                    break;
                }
            }
        }
        self.places.root = Span::new(start, self.reader.pos);
        self.reader.end()?;
        Ok(file)
    }

    fn users(&mut self, users: &mut Vec<User>) -> Result<(), Fail> {
        let path = || JsonPath::root().key("users");
        if self.reader.peek() != Some(b'[') {
            return self.wrong(Expected::UserArray, &path);
        }
        if !self.reader.open()? {
            return Ok(());
        }
        let mut index = 0;
        loop {
            self.reader.skip_ws();
            let start = self.reader.pos;
            if self.reader.peek() == Some(b'{') {
                if users.len() >= MAX_USERS {
                    return Err(limit(Limit::Users, start));
                }
                let user = self.user(index, start)?;
                self.places.users.push(Span::new(start, self.reader.pos));
                users.push(user);
            } else {
                self.wrong(Expected::UserObject, &|| JsonPath::user(index))?;
            }
            index += 1;
            if !self.reader.more()? {
                return Ok(());
            }
        }
    }

    fn user(&mut self, index: usize, start: usize) -> Result<User, Fail> {
        self.count(start)?;
        let mut user = User {
            origin: Some(Origin {
                file: self.id,
                index: self.places.users.len() as u32,
            }),
            ..User::default()
        };
        self.places.user_marks.push(self.places.marks.len() as u32);
        let mut fields = std::mem::take(&mut self.fields);
        fields.clear();
        // Where each of ProGet's keys stood, and the keys we do not know.
        let mut known: [Option<usize>; Key::ALL.len()] = [None; Key::ALL.len()];
        let mut others = KeySet::default();
        if self.reader.open()? {
            loop {
                let (key, key_at) = self.reader.key()?;
                let value_at = self.reader.pos;
                self.count(key_at)?;
                let first = match Key::from_name(&key) {
                    Some(k) => {
                        let first = known[k as usize].replace(key_at);
                        self.places.marks.push(Mark::field(k, value_at));
                        self.known_value(&mut user, k, index)?;
                        fields.push(UserField::Known(k));
                        first
                    }
                    None => {
                        let first = others.insert(key.clone(), key_at);
                        self.places.marks.push(Mark::other(key_at));
                        let path = || JsonPath::user_field(index, &key);
                        let value = self.raw(&path)?;
                        fields.push(UserField::other(key.to_string(), value));
                        first
                    }
                };
                if let Some(first) = first {
                    self.duplicate(&key, first, JsonPath::user(index), key_at);
                }
                if !self.reader.more()? {
                    break;
                }
            }
        }
        user.fields = exact(&mut fields);
        self.fields = fields;
        Ok(user)
    }

    /// The value of one of ProGet's keys, into its field.
    fn known_value(&mut self, user: &mut User, key: Key, index: usize) -> Result<(), Fail> {
        let path = || JsonPath::user_field(index, key.name());
        let next = self.reader.peek();
        match key {
            Key::UserName if next == Some(b'"') => {
                user.user_name = self.reader.string()?.into_owned();
            }
            Key::UserName => self.wrong(Expected::Name, &path)?,
            Key::Groups => user.groups = self.names(&path, true)?,
            _ => {
                let value = match next {
                    Some(b'"') => Some(self.reader.string()?.into_owned()),
                    Some(b'n') => {
                        self.reader.scalar()?;
                        None
                    }
                    _ => return self.wrong(Expected::Text, &path),
                };
                match key {
                    Key::DisplayName => user.display_name = value,
                    Key::EmailAddress => user.email_address = value,
                    Key::Password => user.password = value,
                    Key::PasswordBytes => user.password_bytes = value,
                    _ => user.salt_bytes = value,
                }
            }
        }
        Ok(())
    }

    /// An array of names: a user's groups (`in_user`) or the root's.
    fn names(&mut self, path: &dyn Fn() -> JsonPath, in_user: bool) -> Result<Vec<String>, Fail> {
        if self.reader.peek() != Some(b'[') {
            self.wrong(Expected::NameArray, path)?;
            return Ok(Vec::new());
        }
        if !self.reader.open()? {
            return Ok(Vec::new());
        }
        let mut names = std::mem::take(&mut self.names);
        names.clear();
        let mut index = 0;
        loop {
            self.reader.skip_ws();
            let at = self.reader.pos;
            self.count(at)?;
            if in_user {
                self.places.marks.push(Mark::item(at));
            } else {
                self.places.groups.push(at as u32);
            }
            if self.reader.peek() == Some(b'"') {
                names.push(self.reader.string()?.into_owned());
            } else {
                self.wrong(Expected::Name, &|| path().index(index))?;
            }
            index += 1;
            if !self.reader.more()? {
                break;
            }
        }
        let out = exact(&mut names);
        self.names = names;
        Ok(out)
    }

    /// A value we do not know, checked and kept as its compact text.
    fn raw(&mut self, path: &dyn Fn() -> JsonPath) -> Result<RawJson, Fail> {
        let start = self.reader.pos;
        self.skip(path)?;
        Ok(RawJson::compact(&self.reader.text[start..self.reader.pos]))
    }

    /// Checks and passes the value at the cursor, reporting its duplicate keys.
    fn skip(&mut self, path: &dyn Fn() -> JsonPath) -> Result<(), Fail> {
        let Builder { reader, sink, .. } = self;
        reader.skip_value(&mut |segments, key, first, at| {
            let mut path = path();
            path.0.extend_from_slice(segments);
            sink.report(
                ErrorKind::DuplicateKey {
                    key: key.to_owned(),
                    first: Position::unresolved(first),
                },
                path,
                at,
            );
        })
    }

    /// Reports a value of the wrong shape at the cursor and passes it.
    fn wrong(&mut self, expected: Expected, path: &dyn Fn() -> JsonPath) -> Result<(), Fail> {
        self.reader.skip_ws();
        let at = self.reader.pos;
        let starts = self.reader.text.as_bytes().get(at).copied();
        if let Some(found) = starts.and_then(Found::starting) {
            self.sink
                .report(ErrorKind::WrongType { expected, found }, path(), at);
        }
        // A value that does not even start right is a syntax error here.
        self.skip(path)
    }

    fn duplicate(&mut self, key: &str, first: usize, path: JsonPath, at: usize) {
        let kind = ErrorKind::DuplicateKey {
            key: key.to_owned(),
            first: Position::unresolved(first),
        };
        self.sink.report(kind, path, at);
    }

    /// Counts one more value, refusing the file past [`MAX_VALUES`].
    fn count(&mut self, at: usize) -> Result<(), Fail> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(limit(Limit::Values, at));
        }
        Ok(())
    }
}

/// The items of `buffer` in a vector of exactly their number, leaving the
/// buffer empty with its capacity, to be filled again.
fn exact<T>(buffer: &mut Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(buffer.len());
    out.append(buffer);
    out
}

fn limit(what: Limit, at: usize) -> Fail {
    Box::new(Diagnostic {
        kind: ErrorKind::TooMany { what },
        path: None,
        at: Some(Position::unresolved(at)),
    })
}
