//! Writing a file so that a crash, a kill or a full disk at any moment leaves the old content or
//! the new, never a mix: every file Lectern writes (picks, the cache, exports, imported
//! programs) goes through [`write_atomic`].

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::Path;

/// Writes `bytes` to `path` so that the path holds the old content or the new one at every
/// moment: a temporary file in the same folder, flushed to the disk, renamed over `path`, and
/// the folder flushed so the rename itself is durable. A `private` file is readable by its
/// owner only; another keeps the old file's permissions, or gets `rw-r--r--`.
pub fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // Named after the file it replaces, so the store can tell its own leftovers.
    let prefix = format!(".{}.", path.file_name().unwrap_or_default().display());
    let mut file = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    if !private {
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))?;
    }
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    File::open(dir)?.sync_all()
}
