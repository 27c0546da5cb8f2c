//! The domain core: what a program file holds, as plain types.
//!
//! [`load_file`] reads and validates a file into a [`Program`]; nothing here knows about the terminal.
//! Every string in these types has been through [`crate::sanitize`], so it is safe to draw.

mod checker;
mod diagnostic;
mod ids;
mod load;
mod read;
pub mod schedule;
mod schema;
mod sections;
mod syntax;
mod talk_ix;
mod talk_list;
mod write;

use std::path::{Path, PathBuf};

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime};

pub(crate) use checker::{Checker, suggest};
pub use diagnostic::{Diagnostic, LoadError, Location, Severity, SourceText};
pub use load::{
    MAX_FILE_SIZE, ReadFailure, load_file, parse_bytes, parse_str, parse_str_whole, read_capped,
};
pub use read::{Expected, ReadError, UTF8_HELP, invalid_utf8};
pub use talk_ix::TalkIx;
pub use write::to_toml;

/// The program the binary carries: the keynote session of the ASSYST workshop at ISCA 2023.
pub const BUILT_IN: &str = include_str!("../../program.toml");

/// Where a program came from: it decides where relative slides paths are looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk; slides are resolved against its folder.
    File(PathBuf),
    /// The built-in program; slides are resolved against the current directory.
    BuiltIn,
    /// Downloaded from this web address; its relative slides were made absolute addresses
    /// when it was loaded, so the current directory is only a formality.
    Url(String),
}

impl Origin {
    /// The name used in messages: the path as given, or `built-in program`.
    pub fn display_name(&self) -> String {
        match self {
            Origin::File(path) => crate::sanitize::visible(&path.display().to_string()),
            Origin::BuiltIn => "built-in program".to_owned(),
            Origin::Url(url) => crate::sanitize::visible(url),
        }
    }

    /// The folder that relative slides paths are resolved against.
    pub fn base_dir(&self) -> PathBuf {
        match self {
            Origin::File(path) => match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            },
            Origin::BuiltIn | Origin::Url(_) => PathBuf::from("."),
        }
    }
}

/// A loaded, validated program.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub info: ProgramInfo,
    pub talks: Vec<Talk>,
    pub origin: Origin,
}

/// The `[program]` table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgramInfo {
    pub title: String,
    /// A stable name for the program across versions of its file (`fosdem-2021`): what
    /// personal data such as picks is keyed on; see [`Program::key`].
    pub id: Option<String>,
    pub subtitle: Option<String>,
    pub venue: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    /// The zone local start times are written in, and the one times are shown in.
    pub timezone: Option<TimeZone>,
    /// Talks before this time of day belong to the previous conference day (default 00:00).
    pub day_change: Option<Time>,
}

/// One `[[talks]]` entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Talk {
    /// Unique within the program: given in the file or derived from the title.
    pub id: String,
    pub title: String,
    pub kind: Option<String>,
    /// Paragraphs separated by `"\n\n"`, each on one line.
    pub abstract_text: Option<String>,
    /// As written in the file: a relative path or an http(s) URL; see [`crate::slides`].
    pub slides: Option<String>,
    pub tags: Vec<String>,
    pub speakers: Vec<Speaker>,
    pub subtitle: Option<String>,
    pub start: Option<ZonedDateTime>,
    /// From `duration`, or from `end` less `start`.
    pub duration: Option<SignedDuration>,
    pub room: Option<String>,
    pub track: Option<String>,
    pub language: Option<String>,
    /// Video, feedback, chat...: only http(s) links are kept.
    pub links: Vec<Link>,
}

/// A labelled web link of a talk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// One `[[talks.speakers]]` entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Speaker {
    pub name: String,
    pub affiliation: Option<String>,
    /// Paragraphs separated by `"\n\n"`, each on one line.
    pub bio: Option<String>,
}

impl Program {
    /// The built-in demo program.
    pub fn built_in() -> Result<Program, LoadError> {
        parse_str(BUILT_IN, Origin::BuiltIn).map(|loaded| loaded.0)
    }

    /// The stable key of the program: its `id`, else its URL, else its title. Importing a newer
    /// version of a schedule, moving the file or browsing the schedule directly keeps the key,
    /// so what is keyed on it (picks) follows the program rather than the file.
    pub fn key(&self) -> &str {
        let info = &self.info;
        info.id
            .as_deref()
            .or(info.url.as_deref())
            .unwrap_or(&info.title)
    }

    /// The zone times are shown in: the program's `timezone`, else the zone of the talk's start.
    pub fn zone_for(&self, start: &ZonedDateTime) -> TimeZone {
        self.info
            .timezone
            .clone()
            .unwrap_or_else(|| start.time_zone().clone())
    }

    /// The conference day of talk `i` (times before `day_change` count for the day before).
    pub fn conference_day(&self, i: usize) -> Option<Date> {
        let start = self.talks.get(i)?.start.as_ref()?;
        let day_change = self.info.day_change.unwrap_or(Time::midnight());
        Some(schedule::conference_day(
            start,
            &self.zone_for(start),
            day_change,
        ))
    }

    /// The conference day of talk `i` as people say it: `Saturday 2021-02-06`.
    pub fn day_label(&self, i: usize) -> Option<String> {
        self.conference_day(i)
            .map(|d| d.strftime("%A %Y-%m-%d").to_string())
    }

    /// A program of `n` small talks, for tests.
    pub fn sample(n: usize) -> Program {
        Program {
            info: ProgramInfo {
                title: "Sample Workshop".to_owned(),
                subtitle: Some("A program for tests".to_owned()),
                ..ProgramInfo::default()
            },
            talks: (0..n).map(Talk::sample).collect(),
            origin: Origin::File(Path::new("/programs/sample.toml").to_path_buf()),
        }
    }
}

impl Talk {
    /// A small talk numbered `i`, for tests.
    pub fn sample(i: usize) -> Talk {
        Talk {
            id: format!("talk-{i}"),
            title: format!("Talk number {i}"),
            kind: Some("talk".to_owned()),
            abstract_text: Some(format!(
                "The abstract of talk {i}. It has a few sentences so that it wraps.\n\nA second paragraph."
            )),
            slides: Some(format!("slides/talk-{i}.pdf")),
            tags: vec!["sample".to_owned()],
            speakers: vec![Speaker {
                name: format!("Speaker {i}"),
                affiliation: Some("Example University".to_owned()),
                bio: Some(format!("Speaker {i} gives talks.")),
            }],
            ..Talk::default()
        }
    }

    /// When the talk ends, if it has a start and a duration.
    pub fn end(&self) -> Option<ZonedDateTime> {
        self.start.as_ref()?.checked_add(self.duration?).ok()
    }

    /// The speakers' names joined by commas, for one-line displays.
    pub fn speaker_names(&self) -> String {
        let names: Vec<&str> = self.speakers.iter().map(|s| s.name.as_str()).collect();
        names.join(", ")
    }
}

/// A stable id from a title: lowercase ASCII letters and digits, other runs become one `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("LLM Training at Wafer-Scale"),
            "llm-training-at-wafer-scale"
        );
        assert_eq!(slug("  ML4ML: The “Interplay” "), "ml4ml-the-interplay");
        assert_eq!(slug("東京"), "");
    }

    #[test]
    fn the_key_is_the_id_else_the_url_else_the_title() {
        let with = |id: Option<&str>, url: Option<&str>| Program {
            info: ProgramInfo {
                title: "FOSDEM 2021".to_owned(),
                id: id.map(str::to_owned),
                url: url.map(str::to_owned),
                ..ProgramInfo::default()
            },
            ..Program::sample(0)
        };
        let url = Some("https://fosdem.org/2021/");
        assert_eq!(with(Some("fosdem-2021"), url).key(), "fosdem-2021");
        assert_eq!(with(None, url).key(), "https://fosdem.org/2021/");
        assert_eq!(with(None, None).key(), "FOSDEM 2021");
        // Read from a file: an empty id counts as absent, like every optional line.
        let read = |program: &str| {
            parse_str(&format!("[program]\n{program}\n"), Origin::BuiltIn)
                .expect("loads")
                .0
        };
        assert_eq!(read("title = \"T\"\nid = \"acm-t\"").key(), "acm-t");
        assert_eq!(read("title = \"T\"\nid = \" \"").key(), "T");
    }

    #[test]
    fn built_in_program_loads_with_four_keynotes() {
        let (program, warnings) = parse_str(BUILT_IN, Origin::BuiltIn).expect("built-in loads");
        assert!(warnings.is_empty(), "{warnings:?}");
        let surnames: Vec<&str> = program
            .talks
            .iter()
            .map(|t| t.speakers[0].name.rsplit(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(
            surnames,
            ["Ranganathan", "Frankle", "Manohararajah", "Zhou"]
        );
        assert_eq!(program.talks[0].slides, None);
        assert!(program.talks[1..].iter().all(|t| t.slides.is_some()));
    }
}
