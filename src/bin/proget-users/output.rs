//! Writing results: to standard output, or to a file replaced atomically so
//! that a failed run never leaves it half written.

use crate::failure::Failure;
use crate::input::is_stdio;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
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
        Some(path) if !is_stdio(path) => {
            write_file(path, bytes).map_err(|e| Failure::write(path.display().to_string(), e))
        }
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

fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = NamedTempFile::new_in(dir)?;
    if let Ok(meta) = fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
