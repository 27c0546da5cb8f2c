//! Import of published conference schedules: Pentabarf/frab `schedule.xml`, frab/pretalx
//! `schedule.json` (the c3voc schema) and iCalendar `.ics`, converted into a [`Program`].
//!
//! Each format has a reader (`pentabarf`, `frab_json`, `ical`) that uses a real parser
//! (`quick-xml`, `serde_json`, `icalendar`) and gives the schedule's events as they are
//! written; `event` turns them into talks the same way for all formats (`markup` for the text,
//! `resources` for links and slides). Used by `lectern import` and by `lectern FILE` on a
//! schedule; [`crate::program::to_toml`] writes the result as a program file.

mod event;
mod frab_json;
mod ical;
mod markup;
mod pentabarf;
mod resources;
mod summary;
mod xml;

use std::fmt;
use std::path::Path;

use jiff::tz::TimeZone;

use crate::program::{
    Diagnostic, Expected, Origin, Program, ReadError as FileError, Severity, SourceText,
    invalid_utf8, read_capped,
};

pub use summary::{Skipped, Summary};

/// The schedule formats Lectern reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Pentabarf or frab `schedule.xml` (FOSDEM, wafer, frab, pretalx).
    Pentabarf,
    /// frab or pretalx `schedule.json`, the c3voc schema.
    FrabJson,
    /// iCalendar `.ics`.
    Ical,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Pentabarf => "Pentabarf/frab XML",
            Format::FrabJson => "frab/pretalx JSON",
            Format::Ical => "iCalendar",
        })
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The format; detected from the content when `None`.
    pub format: Option<Format>,
    /// The zone of the schedule's local times, over the one the schedule names (UTC when it
    /// names none).
    pub timezone: Option<TimeZone>,
    /// Where the schedule was downloaded from: relative links resolve against it when the
    /// schedule names no base address of its own.
    pub base_url: Option<url::Url>,
}

/// A schedule converted into a program, and what the conversion did.
#[derive(Debug, Clone)]
pub struct Imported {
    pub program: Program,
    pub summary: Summary,
}

/// Why a schedule could not be imported. Displaying it gives the whole report for the user.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read at all.
    #[error(transparent)]
    Read(#[from] FileError),
    #[error(
        "{path}: not a schedule Lectern can import: expected Pentabarf/frab XML (root element <schedule>), frab/pretalx JSON (with schedule.conference) or iCalendar (BEGIN:VCALENDAR); choose the format with --format"
    )]
    UnknownFormat { path: String },
    /// The file is not valid in its format; the diagnostic has the position.
    #[error("{}", .diagnostic.render(path))]
    Malformed {
        path: String,
        format: Format,
        diagnostic: Box<Diagnostic>,
    },
}

impl ImportError {
    /// Where the file is malformed, when it is.
    pub fn location(&self) -> Option<crate::program::Location> {
        match self {
            ImportError::Malformed { diagnostic, .. } => diagnostic.location,
            _ => None,
        }
    }
}

/// The format of a schedule, from its first characters: `<` for XML, `{` for JSON,
/// `BEGIN:VCALENDAR` for iCalendar. Each reader then checks the rest (the root `<schedule>`,
/// the `schedule.conference` object); a program file starts with none of these.
pub fn detect(text: &str) -> Option<Format> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('<') {
        Some(Format::Pentabarf)
    } else if start.starts_with('{') {
        Some(Format::FrabJson)
    } else if start
        .get(..15)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        Some(Format::Ical)
    } else {
        None
    }
}

/// Imports schedule text; `origin` names it in messages and becomes the program's origin.
pub fn import_str(text: &str, options: &Options, origin: Origin) -> Result<Imported, ImportError> {
    let path = origin.display_name();
    let Some(format) = options.format.or_else(|| detect(text)) else {
        return Err(ImportError::UnknownFormat { path });
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let zone = options.timezone.as_ref();
    let read = match format {
        Format::Pentabarf => pentabarf::read(text, zone),
        Format::FrabJson => frab_json::read(text, zone),
        Format::Ical => ical::read(text, zone),
    };
    match read {
        Ok(mut schedule) => {
            if schedule.base.is_none() {
                schedule.base.clone_from(&options.base_url);
            }
            Ok(event::build(schedule, format, origin))
        }
        Err(error) => Err(malformed(text, format, path, &error)),
    }
}

/// Reads and imports the schedule file at `path`, with the size cap of program files.
pub fn import_file(path: &Path, options: &Options) -> Result<Imported, ImportError> {
    let name = crate::sanitize::visible(&path.display().to_string());
    let bytes = read_capped(path).map_err(|f| f.explain(path, Expected::Schedule))?;
    let origin = Origin::File(path.to_path_buf());
    match std::str::from_utf8(&bytes) {
        Ok(text) => import_str(text, options, origin),
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let format = options.format.or_else(|| detect(&valid));
            let message = format!("{}; expected a UTF-8 text file", invalid_utf8(&bytes, &e));
            let error = ReadError::at(e.valid_up_to(), message);
            match format {
                Some(format) => Err(malformed(&valid, format, name, &error)),
                None => Err(ImportError::UnknownFormat { path: name }),
            }
        }
    }
}

/// A reader's error: what is wrong, and the byte offset where the parser found it.
#[derive(Debug)]
struct ReadError {
    offset: usize,
    message: String,
}

impl ReadError {
    fn at(offset: usize, message: impl Into<String>) -> ReadError {
        ReadError {
            offset,
            message: message.into(),
        }
    }
}

fn malformed(text: &str, format: Format, path: String, error: &ReadError) -> ImportError {
    let expected = match format {
        Format::Pentabarf => "expected a Pentabarf or frab schedule.xml",
        Format::FrabJson => "expected a frab or pretalx schedule.json (c3voc schema)",
        Format::Ical => "expected an iCalendar file (RFC 5545)",
    };
    let diagnostic = Diagnostic::at(
        Severity::Error,
        &SourceText::new(text),
        error.offset,
        format!("invalid {format}: {}", error.message),
    )
    .with_help(expected);
    ImportError::Malformed {
        path,
        format,
        diagnostic: Box::new(diagnostic),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_detected_from_the_content() {
        let cases = [
            (
                "<?xml version=\"1.0\"?><schedule/>",
                Some(Format::Pentabarf),
            ),
            ("\u{feff}\n  <schedule>", Some(Format::Pentabarf)),
            ("{\"schedule\": {}}", Some(Format::FrabJson)),
            ("BEGIN:VCALENDAR\r\nVERSION:2.0", Some(Format::Ical)),
            ("begin:vcalendar\n", Some(Format::Ical)),
            ("[program]\ntitle = \"x\"", None),
            ("# <schedule>\n", None),
            ("BEGIN:VCARD", None),
            ("", None),
        ];
        for (text, format) in cases {
            assert_eq!(detect(text), format, "{text:?}");
        }
    }

    #[test]
    fn unknown_content_names_the_formats() {
        let e = import_str(
            "title = 1",
            &Options::default(),
            Origin::File("x.txt".into()),
        )
        .expect_err("not a schedule");
        assert!(
            e.to_string()
                .starts_with("x.txt: not a schedule Lectern can import"),
            "{e}"
        );
    }
}
