//! The version of each program from a web address the user saw last, kept in the data folder
//! (`seen/<program key>.toml`, beside the picks), so that opening a program that changed since
//! shows what changed. Written atomically, as a program file. Files on disk are not kept: the
//! user changes them knowingly, and a copy of a program of hundreds of megabytes at every
//! opening would cost more than it tells.

use std::path::PathBuf;

use super::Source;
use crate::agenda::store::{data_dir, file_stem};
use crate::atomic::write_atomic;
use crate::changes::Change;
use crate::program::{self, Origin, Program};

fn path(program: &Program) -> Option<PathBuf> {
    let dir = data_dir().ok()?.join("seen");
    Some(dir.join(format!("{}.toml", file_stem(program.key()))))
}

/// What changed in `program` since the version seen last (`None` when none was kept), and
/// `program` kept as the version seen now. Only for programs from a web address.
pub fn changes_since(source: &Source, program: &Program) -> Option<Vec<Change>> {
    if !matches!(source, Source::Url(_)) {
        return None;
    }
    let found = last_seen(program).map(|seen| crate::changes::compare(&seen, program));
    if found.as_ref().is_none_or(|f| !f.is_empty()) {
        remember(program);
    }
    found
}

/// The version of `program` seen last, if one was kept and still loads.
pub fn last_seen(program: &Program) -> Option<Program> {
    let text = std::fs::read_to_string(path(program)?).ok()?;
    program::parse_str(&text, Origin::BuiltIn)
        .ok()
        .map(|loaded| loaded.0)
}

/// Keeps `program` as the version seen last. A failure costs only the comparison next time.
pub fn remember(program: &Program) {
    let Some(path) = path(program) else { return };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = write_atomic(&path, program::to_toml(program).as_bytes(), true);
}
