//! Writing results: to standard output, or to a file replaced atomically so
//! that a failed run never leaves it half written.

use crate::failure::Failure;
use crate::input::is_stdio;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Writes `bytes` to `path`, or to standard output when `path` is `None`
/// or `-`.
///
/// A file is written to a temporary file in the same directory, synced,
/// then renamed over `path`, so readers see the old file or the new one,
/// never a mix. An existing file keeps its permissions; a new one is
/// readable by its owner only, as it holds password hashes.
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
        .map_err(|e| Failure::write("<stdout>", e))
}

/// Who may read a file written by [`stage`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// An existing file's permissions; owner only for a new file.
    Keep,
    /// Owner only (0600), even when the file existed with wider ones: for
    /// files holding plaintext passwords.
    OwnerOnly,
}

/// A file written and synced beside its destination, not yet in place.
/// Dropping it removes the temporary file, leaving the destination alone.
pub struct Staged {
    temp: NamedTempFile,
    path: PathBuf,
}

impl Staged {
    /// Renames the temporary file over the destination.
    pub fn commit(self) -> Result<(), Failure> {
        let name = self.path.display().to_string();
        self.temp
            .persist(&self.path)
            .map(drop)
            .map_err(|e| Failure::write(name, e.error))
    }
}

/// Writes `bytes` to a temporary file in `path`'s directory and syncs it,
/// for [`Staged::commit`] to put in place. Staging every output first lets
/// a command write several files all or nothing (as near as renames allow).
pub fn stage(path: &Path, bytes: &[u8], access: Access) -> Result<Staged, Failure> {
    stage_file(path, bytes, access)
        .map(|temp| Staged {
            temp,
            path: path.to_owned(),
        })
        .map_err(|e| Failure::write(path.display().to_string(), e))
}

fn stage_file(path: &Path, bytes: &[u8], access: Access) -> io::Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // tempfile creates the file readable by its owner only (0600 on Unix).
    let mut temp = NamedTempFile::new_in(dir)?;
    match access {
        Access::Keep => {
            if let Ok(meta) = fs::metadata(path) {
                temp.as_file().set_permissions(meta.permissions())?;
            }
        }
        Access::OwnerOnly => owner_only(temp.as_file())?,
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
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
