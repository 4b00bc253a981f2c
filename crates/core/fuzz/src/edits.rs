//! Edits of a file that read, driven by a script of bytes: every edit the
//! page and the command line make ([`proget_users_core::edit`]), through a
//! [`History`] so that undo and redo are exercised too, plus direct changes
//! of the model (reordering, a new layout) as a caller may make them.
//!
//! After each step, the file writes as the state the history says it is
//! in: an undo or a redo gives back the very text of the state it returns
//! to, and an edit that records no step leaves the text as it was.
//!
//! After the script: the file is written, the text reads, and it reads as
//! the edited model. Then every step is undone, and the file is the one
//! that was read, written back byte for byte.

use proget_users_core::edit::{self, PasswordStorage};
use proget_users_core::history::History;
use proget_users_core::model::{Indent, LineEnd, User, UsersFile};
use proget_users_core::parse::parse;
use proget_users_core::password::PasswordHash;
use proget_users_core::write::to_json;
use std::convert::Infallible;
use std::fmt;

use crate::assert_safe_message;

/// Reads the script one byte at a time; past its end every byte is 0.
struct Script<'a> {
    bytes: &'a [u8],
}

impl Script<'_> {
    fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((&b, rest)) => {
                self.bytes = rest;
                b
            }
            None => 0,
        }
    }

    fn done(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The name of one of the file's users, or of none when it has none.
    fn user<'f>(&mut self, file: &'f UsersFile) -> &'f str {
        let i = usize::from(self.byte());
        match file.users.len() {
            0 => "",
            n => &file.users[i % n].user_name,
        }
    }

    /// One of the groups the file knows, or a new name.
    fn group(&mut self, file: &UsersFile) -> String {
        let groups = file.all_groups();
        let i = usize::from(self.byte());
        if groups.is_empty() || i >= 200 {
            self.text(file)
        } else {
            groups[i % groups.len()].clone()
        }
    }

    /// Text: a name the file has in another letter case, or up to 15 bytes
    /// of the script (lossily UTF-8).
    fn text(&mut self, file: &UsersFile) -> String {
        let head = self.byte();
        let len = usize::from(head & 0x0f);
        match head >> 4 {
            0 if !file.users.is_empty() => {
                let name = &file.users[len % file.users.len()].user_name;
                name.to_uppercase()
            }
            1 if !file.users.is_empty() => {
                let name = &file.users[len % file.users.len()].user_name;
                name.to_lowercase()
            }
            _ => {
                let take = len.min(self.bytes.len());
                let (text, rest) = self.bytes.split_at(take);
                self.bytes = rest;
                String::from_utf8_lossy(text).into_owned()
            }
        }
    }

    fn optional_text(&mut self, file: &UsersFile) -> Option<String> {
        match self.byte() % 4 {
            0 => None,
            _ => Some(self.text(file)),
        }
    }
}

/// Runs the script on `file` (read from `text`) and checks the result.
pub fn run(file: UsersFile, text: &[u8], script: &[u8]) {
    let original = file.clone();
    let mut file = file;
    let mut history = History::with_capacity(usize::MAX);
    let mut script = Script { bytes: script };
    let mut states = States::new(&file);
    let mut steps = 0;
    while !script.done() && steps < 64 {
        steps += 1;
        let undo_steps = history.undo_len();
        let did = step(&mut file, &mut history, &mut script);
        states.follow(did, history.undo_len() > undo_steps, &file);
    }

    let written = to_json(&file);
    let again = parse(written.as_bytes())
        .unwrap_or_else(|e| panic!("an edited file's text does not read: {e}\n{written:?}"));
    let again = again.file;
    assert_eq!(again.users, file.users, "written → read changed the users");
    assert_eq!(
        again.groups, file.groups,
        "written → read changed the groups"
    );
    assert!(
        again.extra_fields().eq(file.extra_fields()),
        "written → read changed the other root fields"
    );

    while history.undo(&mut file).is_some() {}
    assert!(!history.can_undo(), "a step that does not fit the file");
    assert_eq!(
        file, original,
        "undoing every step did not give the file as read"
    );
    let written = to_json(&file);
    assert!(
        written.as_bytes() == text,
        "undoing every step did not give the text as read:\nread:    {:?}\nwritten: {written:?}",
        String::from_utf8_lossy(text)
    );
}

/// What a step of the script did.
enum Did {
    /// Ran an edit through the history (which may have refused it, or
    /// found nothing changed).
    Edit,
    /// Undid a step, or found none to undo.
    Undo(bool),
    /// Redid a step, or found none to redo.
    Redo(bool),
}

/// The text of every state undo and redo can reach, oldest first, and the
/// one the file is in: after each step the file must write as that state,
/// so an undo or a redo gives back exactly the text it should, and an
/// edit that records no step changes no text (it could not be undone).
struct States {
    texts: Vec<String>,
    at: usize,
}

impl States {
    fn new(file: &UsersFile) -> Self {
        States {
            texts: vec![to_json(file)],
            at: 0,
        }
    }

    fn follow(&mut self, did: Did, recorded: bool, file: &UsersFile) {
        let last = self.texts.len() - 1;
        match did {
            Did::Edit if recorded => {
                self.texts.truncate(self.at + 1);
                self.texts.push(to_json(file));
                self.at += 1;
                return;
            }
            Did::Edit => {}
            Did::Undo(true) => {
                assert!(self.at > 0, "undo found a step before the first");
                self.at -= 1;
            }
            Did::Undo(false) => assert_eq!(self.at, 0, "undo refused a step"),
            Did::Redo(true) => {
                assert!(self.at < last, "redo found a step after the last");
                self.at += 1;
            }
            Did::Redo(false) => assert_eq!(self.at, last, "redo refused a step"),
        }
        let written = to_json(file);
        assert!(
            written == self.texts[self.at],
            "after {}, the file is not the state it should be:\nexpected: {:?}\nwritten:  {written:?}",
            match did {
                Did::Edit => "an edit that recorded no step",
                Did::Undo(_) => "undo",
                Did::Redo(_) => "redo",
            },
            self.texts[self.at]
        );
    }
}

/// A hash that looks like ProGet's (hashing for real would cost a
/// millisecond an edit).
fn fake_hash(seed: u8) -> PasswordHash {
    PasswordHash {
        password_bytes: format!("{seed:02x}R53UEz8LiA/yIyaWf0HAbc9zQ4="),
        salt_bytes: format!("{seed:02x}BaGqDLnTykFGQ=="),
    }
}

fn step(file: &mut UsersFile, history: &mut History, script: &mut Script<'_>) -> Did {
    let op = script.byte() % 20;
    // Each edit, through the history; refused edits leave the file alone.
    match op {
        0 => {
            let user = User::new(script.text(file));
            shown(history.apply(file, |f| edit::add_user(f, user)))
        }
        1 => {
            let name = script.user(file).to_owned();
            shown(history.apply(file, |f| edit::remove_user(f, &name)))
        }
        2 => {
            let (from, to) = (script.user(file).to_owned(), script.text(file));
            shown(history.apply(file, |f| edit::rename_user(f, &from, &to)))
        }
        3 => {
            let (name, to) = (script.user(file).to_owned(), script.optional_text(file));
            shown(history.apply(file, |f| edit::set_display_name(f, &name, to.as_deref())))
        }
        4 => {
            let (name, to) = (script.user(file).to_owned(), script.optional_text(file));
            shown(history.apply(file, |f| edit::set_email(f, &name, to.as_deref())))
        }
        5 => {
            let name = script.user(file).to_owned();
            let groups: Vec<String> = (0..script.byte() % 4).map(|_| script.group(file)).collect();
            let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
            shown(history.apply(file, |f| edit::set_groups(f, &name, &groups)))
        }
        6 | 7 => {
            let (name, group) = (script.user(file).to_owned(), script.group(file));
            let users = [name.as_str()];
            if op == 6 {
                shown(history.apply(file, |f| edit::join_group(f, &users, &group)))
            } else {
                shown(history.apply(file, |f| edit::leave_group(f, &users, &group)))
            }
        }
        8 => {
            let group = script.text(file);
            shown(history.apply(file, |f| edit::add_group(f, &group)))
        }
        9 => {
            let (from, to) = (script.group(file), script.text(file));
            shown(history.apply(file, |f| edit::rename_group(f, &from, &to)))
        }
        10 => {
            let group = script.group(file);
            shown(history.apply(file, |f| edit::remove_group(f, &group)))
        }
        11 => shown(history.apply(file, |f| Ok::<_, Infallible>(edit::add_missing_groups(f)))),
        12 => {
            let (name, password) = (script.user(file).to_owned(), script.text(file));
            shown(history.apply(file, |f| {
                edit::set_password(f, &name, &password, PasswordStorage::Plaintext)
            }))
        }
        13 => {
            let name = script.user(file).to_owned();
            shown(history.apply(file, |f| edit::clear_password(f, &name)))
        }
        14 => shown(history.apply(file, |f| Ok::<_, Infallible>(edit::hide_password_bytes(f)))),
        15 => {
            // Hashing every plaintext, as the page does in chunks.
            let seed = script.byte();
            shown(history.apply(file, |f| {
                let jobs = edit::plaintext_passwords(f);
                let hashes = jobs.into_iter().map(|(i, _)| (i, fake_hash(seed)));
                Ok::<_, Infallible>(edit::apply_hashes(f, hashes))
            }))
        }
        16 => return Did::Undo(history.undo(file).is_some()),
        17 => return Did::Redo(history.redo(file).is_some()),
        18 => {
            // Move a user to the front, as a sort would.
            let i = usize::from(script.byte());
            shown(history.apply(file, |f| {
                if !f.users.is_empty() {
                    let i = i % f.users.len();
                    let user = f.users.remove(i);
                    f.users.insert(0, user);
                }
                Ok::<_, Infallible>("moved a user")
            }))
        }
        _ => {
            // A new layout: the whole file is written anew in it.
            let choice = script.byte();
            shown(history.apply(file, |f| {
                let style = &mut f.style;
                match choice % 6 {
                    0 => style.indent = Indent::OneLine,
                    1 => style.indent = Indent::Spaces(choice / 6 % 9),
                    2 => style.indent = Indent::Tabs(choice / 6 % 3),
                    3 => {
                        style.line_end =
                            [LineEnd::Lf, LineEnd::CrLf, LineEnd::Cr][usize::from(choice / 6 % 3)]
                    }
                    4 => style.ascii_only = !style.ascii_only,
                    _ => style.bom = !style.bom,
                }
                Ok::<_, Infallible>("changed the layout")
            }))
        }
    };
    Did::Edit
}

/// Every label and every error is safe to show.
fn shown<T: fmt::Display, E: fmt::Display>(result: Result<T, E>) {
    match result {
        Ok(change) => assert_safe_message("a change", &change.to_string()),
        Err(e) => assert_safe_message("an edit error", &e.to_string()),
    }
}
