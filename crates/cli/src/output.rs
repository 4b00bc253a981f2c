//! Where results go: standard output, or files replaced atomically; and the
//! one check every command makes of the files it names before it reads or
//! writes anything.
//!
//! **Same file, two roles.** [`Files`] lists what a command reads and
//! writes and refuses, with exit 2, two outputs that are the same file, or
//! an output that is an input (other than the edited file, which `-o` may
//! replace): however the paths are spelled (`./`, `..`, symbolic links,
//! absolute or relative, hard links) and whether or not the files exist
//! yet. Paths are compared by where they lead (the canonical directory and
//! the file name, once symbolic links are followed) and, for files that
//! exist, by device and inode, so two hard links to one file are one file.
//!
//! **Atomic writes.** A file is written to a temporary file in its
//! directory, synced, renamed over the destination, and the directory is
//! synced, so readers see the old file or the new one, never a mix, and
//! the new one survives a crash. A destination that is a symbolic link
//! keeps the link: the file it leads to is replaced. A destination that
//! exists and is not a regular file (a directory, a device such as
//! `/dev/null`, a pipe) is refused, as renaming over it would replace it.

use crate::failure::Failure;
use crate::paths::is_stdio;
use proget_users_core::text::quoted;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use tempfile::NamedTempFile;

/// How many symbolic links one path may go through, as Linux allows.
const MAX_LINKS: usize = 40;

/// What a command does with a file it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// The file the command edits: read, and possibly replaced by the
    /// result (`hash FILE -o FILE`).
    Edited,
    /// Any other file read.
    Input,
    /// The result, which may replace the edited file.
    Result,
    /// Another file written, which must be a file of its own (a
    /// credentials sheet).
    Own,
}

impl Role {
    fn writes(self) -> bool {
        matches!(self, Role::Result | Role::Own)
    }
}

#[derive(Debug)]
struct Entry {
    /// How the command line names the file: `FILE`, `-o`, `--credentials`.
    label: &'static str,
    /// The path as given; `None` for an output that goes to standard
    /// output because none was given.
    path: Option<PathBuf>,
    role: Role,
}

impl Entry {
    fn is_stdio(&self) -> bool {
        self.path.as_deref().is_none_or(is_stdio)
    }
}

/// The files one command reads and writes, checked together by
/// [`Files::check`] before anything is read or written.
#[derive(Debug, Default)]
pub struct Files {
    entries: Vec<Entry>,
}

impl Files {
    /// No files yet.
    pub fn new() -> Self {
        Files::default()
    }

    /// The file the command edits (`-` for standard input).
    pub fn edited(self, label: &'static str, path: &Path) -> Self {
        self.with(label, Some(path), Role::Edited)
    }

    /// Another file the command reads (`-` for standard input).
    pub fn input(self, label: &'static str, path: &Path) -> Self {
        self.with(label, Some(path), Role::Input)
    }

    /// Where the result goes: standard output when `None` or `-`; it may
    /// be the edited file.
    pub fn result(self, label: &'static str, path: Option<&Path>) -> Self {
        self.with(label, path, Role::Result)
    }

    /// Another file written, which may be no other file the command names.
    pub fn own(self, label: &'static str, path: &Path) -> Self {
        self.with(label, Some(path), Role::Own)
    }

    fn with(mut self, label: &'static str, path: Option<&Path>, role: Role) -> Self {
        self.entries.push(Entry {
            label,
            path: path.map(Path::to_owned),
            role,
        });
        self
    }

    /// Refuses (exit 2) standard input named twice, standard output named
    /// twice, two outputs that are one file, and an output that is an
    /// input other than the edited file.
    pub fn check(&self) -> Result<(), Failure> {
        let stdio = |writes: bool| {
            self.entries
                .iter()
                .filter(move |e| e.role.writes() == writes && e.is_stdio())
        };
        for (writes, what) in [(false, "input"), (true, "output")] {
            if let [a, b, ..] = stdio(writes).collect::<Vec<_>>()[..] {
                return Err(Failure::Message(format!(
                    "{} and {} cannot both be standard {what} (-)",
                    a.label, b.label
                )));
            }
        }
        let named: Vec<(&Entry, &Path, Identity)> = self
            .entries
            .iter()
            .filter(|e| !e.is_stdio())
            .filter_map(|e| {
                let path = e.path.as_deref()?;
                Some((e, path, Identity::of(path)))
            })
            .collect();
        for (i, (a, a_path, a_id)) in named.iter().enumerate() {
            for (b, b_path, b_id) in &named[i + 1..] {
                if !(a.role.writes() || b.role.writes()) || !a_id.same(b_id) {
                    continue;
                }
                let roles = [a.role, b.role];
                if roles.contains(&Role::Edited) && roles.contains(&Role::Result) {
                    continue;
                }
                let (first, second) = (shown(a.label, a_path), shown(b.label, b_path));
                return Err(Failure::Message(if a.role.writes() && b.role.writes() {
                    format!(
                        "{first} and {second} are the same file: each output needs a file \
                         of its own, or one would replace the other"
                    )
                } else {
                    format!(
                        "{first} and {second} are the same file: writing the output would \
                         replace an input"
                    )
                }));
            }
        }
        Ok(())
    }
}

/// `-o "./new.json"`, or `FILE "users.json"`.
fn shown(label: &str, path: &Path) -> String {
    format!("{label} {}", quoted(&path.to_string_lossy()))
}

/// Which file a path names, to compare two paths.
#[derive(Debug)]
struct Identity {
    /// Where the path leads: its directory made canonical (every symbolic
    /// link, `.` and `..` resolved) and the file name, after following
    /// symbolic links that the name itself is.
    location: PathBuf,
    /// The file itself, if it exists.
    node: Option<Node>,
}

impl Identity {
    fn of(path: &Path) -> Identity {
        let target = follow_links(path).unwrap_or_else(|_| path.to_owned());
        Identity {
            location: location(&target),
            node: Node::of(&target),
        }
    }

    fn same(&self, other: &Identity) -> bool {
        self.location == other.location || (self.node.is_some() && self.node == other.node)
    }
}

/// A file on disk: its device and inode.
#[cfg(unix)]
#[derive(Debug, PartialEq, Eq)]
struct Node(u64, u64);

#[cfg(unix)]
impl Node {
    fn of(path: &Path) -> Option<Node> {
        use std::os::unix::fs::MetadataExt;
        // `metadata` asks the file system and opens nothing, so a pipe or
        // a device is never opened (which could block).
        fs::metadata(path).ok().map(|m| Node(m.dev(), m.ino()))
    }
}

/// A file on disk: its volume and file index, as `same-file` reads them.
#[cfg(not(unix))]
#[derive(Debug, PartialEq, Eq)]
struct Node(same_file::Handle);

#[cfg(not(unix))]
impl Node {
    fn of(path: &Path) -> Option<Node> {
        same_file::Handle::from_path(path).ok().map(Node)
    }
}

/// The canonical directory of `path` joined with its file name; for a
/// directory that does not exist, the absolute path with `.` and `..`
/// taken away as written.
fn location(path: &Path) -> PathBuf {
    if let Ok(canonical) = fs::canonicalize(path) {
        return canonical;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        return lexical(&absolute);
    };
    fs::canonicalize(parent)
        .unwrap_or_else(|_| lexical(parent))
        .join(name)
}

/// `path` with `.` and `..` taken away as written.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` with every symbolic link that its last part is followed: the
/// file that writing through `path` changes. A path that is no link, or
/// does not exist, is itself.
pub fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Writes `bytes` to `path`, or to standard output when `path` is `None`
/// or `-`. A file is replaced atomically; an existing file keeps its
/// permissions, a new one is readable by its owner only, as it holds
/// password hashes.
pub fn write(path: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match path {
        Some(path) if !is_stdio(path) => stage(path, bytes, Access::Keep)?.commit(),
        _ => stdout(bytes),
    }
}

/// Writes `bytes` to standard output.
pub fn stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(Failure::write_stdout)
}

/// Writes lines meant for people (a plan, findings) to standard output,
/// every control character in them escaped.
pub fn stdout_text(text: &str) -> Result<(), Failure> {
    stdout(crate::message::clean(text).as_bytes())
}

/// Who may read a file written by [`stage`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// An existing file's permissions; owner only for a new file.
    Keep,
    /// Owner only (0600), even when the file existed with wider ones: for
    /// files holding plaintext passwords.
    OwnerOnly,
    /// An existing file's permissions; for a new file, what the user's
    /// umask gives (0644 with the usual 022): for files that hold no
    /// secret and are meant to be shared (the schema, manual pages).
    Shared,
}

/// Several outputs written all or nothing, as near as renames allow: each
/// is staged first (written and synced beside its destination), then they
/// are put in place in the order they were added. If one fails, those put
/// in place before it are removed.
#[derive(Default)]
pub struct Outputs {
    pending: Vec<Pending>,
}

enum Pending {
    File(Staged),
    Stdout(Vec<u8>),
}

impl Outputs {
    /// Nothing to write yet.
    pub fn new() -> Self {
        Outputs::default()
    }

    /// Stages `bytes` for `path` (a file, not `-`).
    pub fn file(&mut self, path: &Path, bytes: &[u8], access: Access) -> Result<(), Failure> {
        self.pending
            .push(Pending::File(stage(path, bytes, access)?));
        Ok(())
    }

    /// Stages `bytes` for `path`, or for standard output when `path` is
    /// `None` or `-`.
    pub fn result(&mut self, path: Option<&Path>, bytes: Vec<u8>) -> Result<(), Failure> {
        match path {
            Some(path) if !is_stdio(path) => self.file(path, &bytes, Access::Keep),
            _ => {
                self.pending.push(Pending::Stdout(bytes));
                Ok(())
            }
        }
    }

    /// Puts everything in place, in order.
    pub fn commit(self) -> Result<(), Failure> {
        let mut done: Vec<PathBuf> = Vec::new();
        for pending in self.pending {
            let result = match pending {
                Pending::File(staged) => {
                    let target = staged.target.clone();
                    staged.commit().map(|()| done.push(target))
                }
                Pending::Stdout(bytes) => stdout(&bytes),
            };
            if let Err(failure) = result {
                for path in done {
                    let _ = fs::remove_file(path);
                }
                return Err(failure);
            }
        }
        Ok(())
    }
}

/// A file written and synced beside its destination, not yet in place.
/// Dropping it removes the temporary file, leaving the destination alone.
pub struct Staged {
    temp: NamedTempFile,
    /// The path as given, for messages.
    path: PathBuf,
    /// The file replaced: `path` with symbolic links followed.
    target: PathBuf,
}

impl Staged {
    /// Renames the temporary file over the destination, then syncs the
    /// directory so that the rename itself is on disk.
    pub fn commit(self) -> Result<(), Failure> {
        let Staged { temp, path, target } = self;
        temp.persist(&target)
            .map_err(|e| Failure::write(&path, e.error))?;
        sync_dir(&target).map_err(|e| Failure::write(&path, e))
    }
}

/// Writes `bytes` to a temporary file in the directory of the file `path`
/// leads to and syncs it, for [`Staged::commit`] to put in place.
pub fn stage(path: &Path, bytes: &[u8], access: Access) -> Result<Staged, Failure> {
    let fail = |e| Failure::write(path, e);
    let target = follow_links(path).map_err(fail)?;
    if let Ok(meta) = fs::metadata(&target) {
        if meta.is_dir() {
            return Err(fail(io::Error::other("it is a directory")));
        }
        if !meta.is_file() {
            return Err(fail(io::Error::other(
                "it is not a regular file (outputs are replaced by a new file, \
                 so a device or pipe cannot be one)",
            )));
        }
    }
    let temp = stage_file(&target, bytes, access).map_err(fail)?;
    Ok(Staged {
        temp,
        path: path.to_owned(),
        target,
    })
}

fn stage_file(target: &Path, bytes: &[u8], access: Access) -> io::Result<NamedTempFile> {
    // tempfile creates the file readable by its owner only (0600 on Unix),
    // unless asked for the usual permissions (0666 less the umask).
    let mut temp = match access {
        Access::Shared => shared(directory(target))?,
        Access::Keep | Access::OwnerOnly => NamedTempFile::new_in(directory(target))?,
    };
    match access {
        Access::Keep | Access::Shared => {
            if let Ok(meta) = fs::metadata(target) {
                temp.as_file().set_permissions(meta.permissions())?;
            }
        }
        Access::OwnerOnly => owner_only(temp.as_file())?,
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// The directory a file is in (`.` for a bare name).
fn directory(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Syncs the directory holding `path`, so a rename into it survives a
/// crash. File systems that cannot sync a directory are let be.
#[cfg(unix)]
fn sync_dir(path: &Path) -> io::Result<()> {
    match fs::File::open(directory(path)).and_then(|dir| dir.sync_all()) {
        Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
        other => other,
    }
}

/// Elsewhere a directory cannot be opened to sync it; the rename is what
/// the system gives.
#[cfg(not(unix))]
fn sync_dir(_path: &Path) -> io::Result<()> {
    Ok(())
}

/// A temporary file in `dir` created as any new file is: 0666 less the
/// umask.
#[cfg(unix)]
fn shared(dir: &Path) -> io::Result<NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .permissions(fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
}

/// Elsewhere files are created with the system's usual permissions.
#[cfg(not(unix))]
fn shared(dir: &Path) -> io::Result<NamedTempFile> {
    NamedTempFile::new_in(dir)
}

/// Makes `file` readable and writable by its owner only.
#[cfg(unix)]
fn owner_only(file: &fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

/// Elsewhere the temporary file's own permissions are the best there is.
#[cfg(not(unix))]
fn owner_only(_file: &fs::File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_takes_away_dots() {
        assert_eq!(lexical(Path::new("/a/./b/../c")), Path::new("/a/c"));
    }
}
