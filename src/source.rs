//! Where a program comes from: a [`Source`] (a file, a web address through the cache, or the
//! built-in program) loads into a [`Loaded`] program or fails with a [`SourceError`] whose
//! message is the whole report for the user.
//!
//! A file or a download is a program file or a published schedule, told apart by its first
//! characters: a schedule is imported in memory. Used by `lectern [PROGRAM]`, `lectern check`,
//! `lectern import` and `lectern diff`.

pub mod remote;
pub mod seen;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use url::Url;

use crate::fetch::{FetchError, Limits};
use crate::import::{self, ImportError, Imported};
use crate::program::{Diagnostic, LoadError, Program};

/// Where a program comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A program file or a schedule on disk.
    File(PathBuf),
    /// The program built into Lectern.
    BuiltIn,
    /// A program file or a schedule at an http(s) address, kept in the cache.
    Url(Url),
}

/// Why a program could not be loaded. Displaying it gives the whole report for the user.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Program(#[from] LoadError),
    #[error(transparent)]
    Schedule(#[from] ImportError),
    /// A zone was given for a program file, which names its own.
    #[error(
        "lectern: --timezone applies to published schedules; {path} is a program file, whose zone is `timezone` in [program]"
    )]
    ZoneForProgram { path: String },
    #[error("lectern: {0}")]
    Fetch(FetchError),
    #[error("lectern: {0}; no copy of it is in the cache to open instead")]
    Unreachable(FetchError),
    #[error("lectern: {url}: no copy of it is in the cache; open it once without --offline")]
    NotCached { url: String },
    #[error(
        "lectern: {url}: not UTF-8 text (byte {offset}); expected a schedule or a program file"
    )]
    NotText { url: String, offset: usize },
}

/// A program as loaded: from a program file with its warnings, or imported from a schedule.
#[derive(Debug)]
pub enum Loaded {
    Program(Program, Vec<Diagnostic>),
    Schedule(Imported),
}

impl Source {
    /// A command-line argument: an `http://` or `https://` address, else a path.
    pub fn from_path(path: &Path) -> Source {
        path.to_str()
            .filter(|s| {
                let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
                lower.starts_with("http://") || lower.starts_with("https://")
            })
            .and_then(|s| Url::parse(s).ok())
            .map_or_else(|| Source::File(path.to_path_buf()), Source::Url)
    }

    /// As [`Source::from_path`], for an argument read as text.
    pub fn from_arg(arg: &str) -> Result<Source, SourceError> {
        Ok(Source::from_path(Path::new(arg)))
    }

    /// The source `lectern [PROGRAM]` browses: the file or address given, else
    /// `./program.toml` in `folder` when there is one, else the built-in program.
    pub fn choose(path: Option<&Path>, folder: &Path) -> Source {
        if let Some(path) = path {
            return Source::from_path(path);
        }
        let default = Path::new("program.toml");
        if folder.join(default).is_file() {
            Source::File(default.to_path_buf())
        } else {
            Source::BuiltIn
        }
    }

    /// Reads and checks the program (a schedule is imported in memory); an address is
    /// downloaded, or opened from the cache when the server cannot give it.
    pub fn load(&self) -> Result<Loaded, SourceError> {
        self.load_in(None)
    }

    /// Reads and checks the program; a schedule is imported in memory in `timezone` when one
    /// is given, and a program file refuses one (it names its own zone).
    pub fn load_in(&self, timezone: Option<&TimeZone>) -> Result<Loaded, SourceError> {
        self.open_in(remote::Mode::Online, &Limits::from_env(), timezone)
            .map(|opened| opened.loaded)
    }

    /// As [`Source::load`], saying when the copy is the cached one, and `mode` decides whether
    /// the network is used.
    pub fn open(&self, mode: remote::Mode, limits: &Limits) -> Result<remote::Opened, SourceError> {
        self.open_in(mode, limits, None)
    }

    /// As [`Source::open`], a schedule read in `timezone` when one is given (a program file
    /// refuses one: it names its own zone).
    pub fn open_in(
        &self,
        mode: remote::Mode,
        limits: &Limits,
        timezone: Option<&TimeZone>,
    ) -> Result<remote::Opened, SourceError> {
        let options = import::Options {
            timezone: timezone.cloned(),
            ..import::Options::default()
        };
        let loaded = match self {
            Source::Url(url) => return remote::open(url, mode, limits, &options),
            Source::BuiltIn => Loaded::Program(Program::built_in()?, Vec::new()),
            Source::File(path) if is_schedule(path) => {
                Loaded::Schedule(import::import_file(path, &options)?)
            }
            Source::File(path) if timezone.is_some() => {
                return Err(SourceError::ZoneForProgram {
                    path: crate::sanitize::visible(&path.display().to_string()),
                });
            }
            Source::File(path) => {
                let (program, warnings) = crate::program::load_file(path)?;
                Loaded::Program(program, warnings)
            }
        };
        Ok(remote::Opened {
            loaded,
            offline: None,
        })
    }
}

impl Loaded {
    /// What the browser's messages view lists: each warning of a program file as `lectern
    /// check` prints it, or an import's summary and each of its notes.
    pub fn messages(&self) -> Vec<String> {
        match self {
            Loaded::Program(program, warnings) => {
                let file = program.origin.display_name();
                warnings.iter().map(|w| w.render(&file)).collect()
            }
            Loaded::Schedule(imported) => {
                let summary = &imported.summary;
                let mut messages = vec![format!("imported {}: {summary}", summary.format)];
                messages.extend(summary.notes.iter().map(|n| format!("note: {n}")));
                messages
            }
        }
    }

    /// The program and the first status line of the browser: what the import did, or how many
    /// warnings the file has.
    pub fn into_browsed(self) -> (Program, Option<String>) {
        match self {
            Loaded::Schedule(imported) => {
                let summary = &imported.summary;
                let mut status = format!("imported {}: {summary}", summary.format);
                for note in &summary.notes {
                    status.push_str("; ");
                    status.push_str(note);
                }
                (imported.program, Some(status))
            }
            Loaded::Program(program, warnings) => {
                let status = (!warnings.is_empty()).then(|| {
                    let (s, them) = if warnings.len() == 1 {
                        ("", "it")
                    } else {
                        ("s", "them")
                    };
                    format!(
                        "{} warning{s} in the program file: run `lectern check` to see {them}",
                        warnings.len(),
                    )
                });
                (program, status)
            }
        }
    }
}

/// A warning for each talk whose slides name a local file that cannot be opened (missing,
/// not a regular file, or outside the program's folder), as the browser would find when asked
/// to open it. Web addresses are not fetched.
pub fn missing_slides(program: &Program) -> Vec<Diagnostic> {
    use crate::program::Severity;
    use crate::slides::{Link, classify, resolve};
    let base = program.origin.base_dir();
    program
        .talks
        .iter()
        .enumerate()
        .filter_map(|(i, talk)| {
            let raw = talk.slides.as_deref()?;
            if !matches!(classify(raw), Ok(Link::Local(_))) {
                return None;
            }
            let error = resolve(raw, &base).err()?;
            // Said relative to the program file, as the file names it.
            let why = match error {
                crate::slides::SlidesError::NotFound(_) => "there is no such file".to_owned(),
                crate::slides::SlidesError::NotAFile(_) => "it is not a regular file".to_owned(),
                other => other.to_string(),
            };
            Some(Diagnostic {
                severity: Severity::Warning,
                location: None,
                message: format!(
                    "talk {} ({}): slides {:?}: {why}",
                    i + 1,
                    crate::sanitize::visible(&talk.title),
                    crate::sanitize::visible(raw)
                ),
                help: Some("expected a file in the program file's folder".to_owned()),
                source_line: None,
            })
        })
        .collect()
}

/// Whether the file starts like a schedule rather than a program file. Anything unreadable is
/// left to the program loader, which reports it.
fn is_schedule(path: &Path) -> bool {
    if !path.is_file() {
        return false;
    }
    let mut start = Vec::with_capacity(1024);
    let read = std::fs::File::open(path).and_then(|file| file.take(1024).read_to_end(&mut start));
    read.is_ok() && import::detect(&String::from_utf8_lossy(&start)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_program_toml_else_the_built_in_program() {
        let dir = tempfile::tempdir().expect("tempdir");
        let given = Path::new("x.toml");
        assert_eq!(
            Source::choose(Some(given), dir.path()),
            Source::File(given.into())
        );
        assert_eq!(Source::choose(None, dir.path()), Source::BuiltIn);
        std::fs::create_dir(dir.path().join("program.toml")).expect("mkdir");
        assert_eq!(
            Source::choose(None, dir.path()),
            Source::BuiltIn,
            "a folder named program.toml is not a program"
        );
        let file_dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(file_dir.path().join("program.toml"), "").expect("write");
        assert_eq!(
            Source::choose(None, file_dir.path()),
            Source::File("program.toml".into())
        );
    }

    /// Program files and schedules, told apart by content; failures typed by where they come
    /// from, with the user's message.
    #[test]
    fn files_load_as_programs_or_schedules() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write");
            Source::File(path)
        };
        let program = write(
            "p.toml",
            "[program]\ntitle = \"T\"\nabstarct = 1\n[[talks]]\ntitle = \"A\"\n",
        );
        let Ok(Loaded::Program(p, warnings)) = program.load() else {
            panic!("a program file");
        };
        assert_eq!((p.info.title.as_str(), warnings.len()), ("T", 1));
        let (_, status) = program.load().expect("loads").into_browsed();
        assert_eq!(
            status.as_deref(),
            Some("1 warning in the program file: run `lectern check` to see it")
        );

        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Talk\r\nDTSTART:20240101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let schedule = write("s.txt", ics);
        let Ok(Loaded::Schedule(imported)) = schedule.load() else {
            panic!("a schedule");
        };
        assert_eq!(imported.program.talks.len(), 1);
        let (_, status) = schedule.load().expect("loads").into_browsed();
        assert!(
            status.is_some_and(|s| s.starts_with("imported iCalendar: 1 talk")),
            "the import summary"
        );

        let bad = write("bad.toml", "[program]\n");
        assert!(matches!(bad.load(), Err(SourceError::Program(_))));
        let bad = write("bad.xml", "<schedule><day></dy></schedule>");
        assert!(matches!(bad.load(), Err(SourceError::Schedule(_))));
        let missing = Source::File(dir.path().join("missing.toml"));
        let error = missing.load().expect_err("missing");
        assert!(
            error
                .to_string()
                .ends_with("missing.toml: cannot read: No such file or directory (os error 2)"),
            "{error}"
        );

        let Ok(Loaded::Program(built_in, _)) = Source::BuiltIn.load() else {
            panic!("the built-in program");
        };
        assert_eq!(built_in.talks.len(), 4);
    }
}
