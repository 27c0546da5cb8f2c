//! Where picks are kept: one small TOML file per program in Lectern's data folder
//! (`$XDG_DATA_HOME/lectern/`, `~/.local/share/lectern/` by default, or `$LECTERN_DATA_DIR`),
//! named after the program's key and holding its title so a person can tell the files apart.
//!
//! Every write goes to a temporary file in the same folder, is flushed to the disk, and renamed
//! over the old file, so a crash leaves the old picks or the new ones, never a torn file. Two
//! Lecterns may have the same program open: a save takes a lock, reads the file, and merges
//! (three-way, see [`Picks::merge`]) what this process changed into what is on disk. A file
//! that cannot be read is reported with its line and column, copied to `.bak`, and left as it
//! is until the user changes a pick.

pub(crate) use crate::atomic::write_atomic;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy as _;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::{Mark, Picked, Picks};
use crate::program::{Diagnostic, Program, Severity, SourceText};
use crate::sanitize;

/// The environment variable that overrides the data folder (tests use it).
pub const DATA_DIR_ENV: &str = "LECTERN_DATA_DIR";

/// A picks file is a few kilobytes; anything this large is not one.
const MAX_SIZE: u64 = 16 * 1024 * 1024;

/// The folder picks are kept in: `$LECTERN_DATA_DIR`, else `lectern` in the XDG data folder
/// (on every system: one place to look, as for Lectern's other files).
pub fn data_dir() -> Result<PathBuf, StoreError> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let xdg =
        etcetera::base_strategy::Xdg::new().map_err(|e| StoreError::NoDataDir(e.to_string()))?;
    Ok(xdg.data_dir().join("lectern"))
}

/// The file name (without `.toml`) for a program key: a readable slug of the key and a hash of
/// all of it. The key may be a URL or any title, so nothing of it is used as a path: only
/// ASCII letters, digits and `-` reach the name.
pub fn file_stem(key: &str) -> String {
    let slug: String = crate::program::slug(key).chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    let digest = Sha256::digest(key.as_bytes());
    let hash = digest[..6].iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    });
    if slug.is_empty() {
        format!("program-{hash}")
    } else {
        format!("{slug}-{hash}")
    }
}

/// Why picks could not be read or saved. Displaying it gives the whole message for the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot find the folder for your picks ({0}); set XDG_DATA_HOME or LECTERN_DATA_DIR")]
    NoDataDir(String),
    #[error("{path}: cannot read your picks: {source}")]
    Read { path: String, source: io::Error },
    #[error("{path}: cannot save your picks: {source}")]
    Write { path: String, source: io::Error },
    #[error(
        "{}\n{path}: your picks could not be read; a copy is kept in {backup}, and the file is left as it is until you change a pick",
        diagnostic.render(path)
    )]
    Damaged {
        path: String,
        diagnostic: Box<Diagnostic>,
        backup: String,
    },
}

/// The picks file of one program, and what it held when this process last read or wrote it.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    title: String,
    key: String,
    zone: Option<TimeZone>,
    /// The base of the three-way merge: the file's picks as this process last saw them.
    base: Picks,
}

/// A store just opened: the picks read, and the problem with the file if it could not be read
/// (the picks are then empty, and the file is kept until a pick changes).
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    pub picks: Picks,
    pub problem: Option<StoreError>,
}

impl Store {
    /// Opens the picks of `program` in `dir` (see [`data_dir`]). A missing file is no picks.
    pub fn open(dir: &Path, program: &Program) -> Result<Opened, StoreError> {
        let path = dir.join(format!("{}.toml", file_stem(program.key())));
        let mut store = Store {
            path,
            title: program.info.title.clone(),
            key: program.key().to_owned(),
            zone: program.info.timezone.clone(),
            base: Picks::default(),
        };
        let (picks, problem) = match store.read()? {
            None => (Picks::default(), None),
            Some(Ok(picks)) => (picks, None),
            Some(Err(diagnostic)) => (Picks::default(), Some(store.damaged(diagnostic)?)),
        };
        store.base = picks.clone();
        Ok(Opened {
            store,
            picks,
            problem,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves `ours`, merged with what another process wrote since this one last read or wrote
    /// the file, and returns the merged picks (what the file holds now). Nothing is written
    /// when `ours` has no change: a damaged file stays as it is until the user changes a pick.
    pub fn save(&mut self, ours: &Picks) -> Result<Picks, StoreError> {
        // Another Lectern saving at the same moment waits here, then merges with our result.
        let lock = self.lock()?;
        self.remove_stale_temporaries();
        let theirs = match self.read()? {
            None => Picks::default(),
            Some(Ok(picks)) => picks,
            // Damaged since it was read: keep a copy, and take it as unchanged.
            Some(Err(_)) => {
                self.back_up().map_err(|e| self.write_error(e))?;
                self.base.clone()
            }
        };
        if *ours == self.base {
            self.base = theirs.clone();
            return Ok(theirs);
        }
        let merged = Picks::merge(&self.base, ours, &theirs);
        write_atomic(&self.path, self.render(&merged).as_bytes(), true)
            .map_err(|e| self.write_error(e))?;
        drop(lock);
        self.base = merged.clone();
        Ok(merged)
    }

    /// Takes the lock that every write of this program's files holds (released on drop).
    fn lock(&self) -> Result<File, StoreError> {
        let dir = self.dir();
        fs::create_dir_all(&dir).map_err(|e| self.write_error(e))?;
        let lock_path = dir.join(format!(
            ".{}.lock",
            self.path.file_stem().unwrap_or_default().display()
        ));
        File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .and_then(|file| file.lock().map(|()| file))
            .map_err(|e| self.write_error(e))
    }

    /// Removes the temporary files of writes that were cut short (a crash, a SIGKILL). Called
    /// with the lock held, when no write of this program's files can be under way.
    fn remove_stale_temporaries(&self) {
        let prefix = format!(".{}.", self.path.file_name().unwrap_or_default().display());
        let Ok(entries) = fs::read_dir(self.dir()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    fn dir(&self) -> PathBuf {
        self.path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }

    fn name(&self) -> String {
        sanitize::visible(&self.path.display().to_string())
    }

    fn write_error(&self, source: io::Error) -> StoreError {
        StoreError::Write {
            path: self.name(),
            source,
        }
    }

    fn backup_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".bak");
        self.path.with_file_name(name)
    }

    /// Copies the file as it is to `.bak`.
    fn back_up(&self) -> io::Result<()> {
        let bytes = fs::read(&self.path)?;
        write_atomic(&self.backup_path(), &bytes, true)
    }

    /// The error for a file that could not be read, once it is backed up.
    fn damaged(&self, diagnostic: Diagnostic) -> Result<StoreError, StoreError> {
        let lock = self.lock()?;
        self.back_up().map_err(|e| self.write_error(e))?;
        drop(lock);
        Ok(StoreError::Damaged {
            path: self.name(),
            diagnostic: Box::new(diagnostic),
            backup: sanitize::visible(&self.backup_path().display().to_string()),
        })
    }

    /// The file's picks: `None` when there is no file, a diagnostic when it cannot be read.
    fn read(&self) -> Result<Option<Result<Picks, Diagnostic>>, StoreError> {
        let read_error = |source| StoreError::Read {
            path: self.name(),
            source,
        };
        match fs::metadata(&self.path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(read_error(e)),
            // Opening a FIFO would wait for a writer forever.
            Ok(meta) if !meta.is_file() => {
                return Err(read_error(io::Error::other(
                    "not a regular file; expected a picks file",
                )));
            }
            Ok(_) => {}
        }
        let file = File::open(&self.path).map_err(read_error)?;
        let mut bytes = Vec::new();
        file.take(MAX_SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
        if bytes.len() as u64 > MAX_SIZE {
            return Ok(Some(Err(Diagnostic {
                severity: Severity::Error,
                location: None,
                message: format!("the file is over {} MiB", MAX_SIZE / 1024 / 1024),
                help: Some("expected a picks file of a few kilobytes".to_owned()),
                source_line: None,
            })));
        }
        Ok(Some(parse(&bytes)))
    }

    /// The picks as the file's text.
    fn render(&self, picks: &Picks) -> String {
        let zone = self.zone.clone().unwrap_or(TimeZone::UTC);
        let talks = picks
            .iter()
            .map(|(id, p)| {
                let start = p.start.map(|t| {
                    let zoned = t.to_zoned_datetime(zone.clone());
                    t.display_with_offset(zoned.offset()).to_string()
                });
                let entry = EntryOut {
                    pick: p.mark.as_str(),
                    title: &p.title,
                    start,
                    room: p.room.as_deref(),
                };
                (id, entry)
            })
            .collect();
        let file = FileOut {
            program: &self.title,
            key: &self.key,
            talks,
        };
        let body = toml::to_string(&file).unwrap_or_default();
        format!(
            "# The talks you picked in one program, kept by Lectern. You may edit this file:\n\
             # each [talks.ID] has pick = \"star\" or \"maybe\"; title, start and room are\n\
             # what the talk was when you picked it.\n{body}"
        )
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    program: &'a str,
    key: &'a str,
    talks: BTreeMap<&'a str, EntryOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    pick: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    room: Option<&'a str>,
}

#[derive(Deserialize)]
struct FileIn {
    #[serde(default)]
    talks: BTreeMap<String, EntryIn>,
}

#[derive(Deserialize)]
struct EntryIn {
    pick: toml::Spanned<String>,
    #[serde(default)]
    title: String,
    start: Option<toml::Spanned<String>>,
    room: Option<String>,
}

/// Reads a picks file's bytes; the first problem comes with its line and column.
pub fn parse(bytes: &[u8]) -> Result<Picks, Diagnostic> {
    let src = match std::str::from_utf8(bytes) {
        Ok(src) => src,
        Err(e) => {
            let prefix = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let at = Diagnostic::at(
                Severity::Error,
                &SourceText::new(&prefix),
                prefix.len(),
                format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            );
            return Err(Diagnostic {
                source_line: None,
                ..at.with_help("expected a UTF-8 text file")
            });
        }
    };
    let source = SourceText::new(src);
    let error = |offset: usize, message: String, help: &str| {
        Diagnostic::at(Severity::Error, &source, offset, message).with_help(help)
    };
    let file: FileIn = toml::from_str(src).map_err(|e| {
        error(
            e.span().map_or(0, |s| s.start),
            format!("invalid picks file: {}", e.message().trim()),
            "expected `[talks.ID]` tables with `pick = \"star\"` or `pick = \"maybe\"`",
        )
    })?;
    let mut picks = Picks::default();
    for (id, entry) in file.talks {
        let mark = match entry.pick.get_ref().as_str() {
            "star" => Mark::Star,
            "maybe" => Mark::Maybe,
            other => {
                return Err(error(
                    entry.pick.span().start,
                    format!("unknown pick \"{other}\""),
                    "expected `pick = \"star\"` or `pick = \"maybe\"`",
                ));
            }
        };
        let start = match entry.start {
            None => None,
            Some(text) => Some(text.get_ref().parse::<Timestamp>().map_err(|_| {
                error(
                    text.span().start,
                    format!("invalid start \"{}\"", text.get_ref()),
                    "expected a date-time with an offset: \"2021-02-06T10:00:00+01:00\"",
                )
            })?),
        };
        let picked = Picked {
            mark,
            title: sanitize::line(&entry.title),
            start,
            room: entry
                .room
                .map(|r| sanitize::line(&r))
                .filter(|r| !r.is_empty()),
        };
        picks.insert(id, picked);
    }
    Ok(picks)
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
