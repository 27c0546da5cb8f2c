//! The program file's schema, checked by walking the span-carrying TOML tree.
//!
//! Written by hand over `toml::de::DeTable` rather than with `#[derive(Deserialize)]`: serde
//! stops at the first error and drops unknown keys without their location, while an organizer
//! checking a file wants every problem at once, each with its line and column, and a warning
//! with a suggestion for every misspelt key.

use std::ops::Range;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime};
use toml::de::{DeTable, DeValue};

#[cfg(test)]
use super::checker::suggest;
use super::checker::{Checker, MAX_DIAGNOSTICS, Value, find};
use super::diagnostic::{Diagnostic, Severity};
use super::sections;
use super::talk_list::TalkList;
use super::{Link, ProgramInfo, Speaker, Talk, schedule};
use crate::sanitize;

const TOP_KEYS: &[&str] = &["program", "talks"];
const PROGRAM_KEYS: &[&str] = &[
    "id",
    "title",
    "subtitle",
    "venue",
    "date",
    "url",
    "description",
    "timezone",
    "day_change",
];
const TALK_KEYS: &[&str] = &[
    "id", "title", "kind", "abstract", "slides", "tags", "speakers", "subtitle", "start", "end",
    "duration", "room", "track", "language", "links",
];
const LINK_KEYS: &[&str] = &["label", "url"];
const SPEAKER_KEYS: &[&str] = &["name", "affiliation", "bio"];

/// Checks `src`; returns the program parts when there is no error, the diagnostics found (at
/// most [`MAX_DIAGNOSTICS`] of each severity) and the number of errors, shown or not.
pub fn check(src: &str) -> Checked {
    check_in(src, Parse::Sections)
}

/// How [`check`] parses the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Parse {
    /// One talk at a time where it can ([`super::sections`]), else whole.
    Sections,
    /// Whole: what the sections must agree with (tests compare the two, benchmarks time them).
    Whole,
}

pub(super) fn check_in(src: &str, parse: Parse) -> Checked {
    let mut checker = Checker::new(src);
    let result = checker.document(parse);
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(|d| (d.location, d.severity == Severity::Warning));
    let (errors, warnings) = checker.suppressed;
    if errors + warnings > 0 {
        diagnostics.push(Diagnostic {
            severity: if errors > 0 {
                Severity::Error
            } else {
                Severity::Warning
            },
            location: None,
            message: format!("{errors} more errors and {warnings} more warnings not shown"),
            help: Some(format!(
                "only the first {MAX_DIAGNOSTICS} problems are listed"
            )),
            source_line: None,
        });
    }
    let errors = checker.kept.0 + errors;
    Checked {
        parts: if errors > 0 { None } else { result },
        diagnostics,
        errors,
    }
}

/// The outcome of [`check`].
#[derive(Debug, PartialEq)]
pub struct Checked {
    /// The program's parts, when there is no error.
    pub parts: Option<(ProgramInfo, Vec<Talk>)>,
    /// At most [`MAX_DIAGNOSTICS`] of each severity, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Every error found, shown or not.
    pub errors: usize,
}

/// What a valid file yields: its `[program]` and its talks.
pub(super) type Parts = (ProgramInfo, Vec<Talk>);

impl Checker<'_> {
    fn document(&mut self, parse: Parse) -> Option<Parts> {
        if self.cr_line_endings() {
            return None;
        }
        if parse == Parse::Sections
            && let Some(sections) = sections::talk_sections(self.src).filter(|s| !s.is_empty())
            && let Ok(parts) = self.sections(&sections)
        {
            return parts;
        }
        if parse == Parse::Sections && self.src.len() > sections::PIECE_MAX {
            self.too_large_whole();
            return None;
        }
        self.whole()
    }

    /// Checks the file parsed whole: what reports syntax errors.
    pub(super) fn whole(&mut self) -> Option<Parts> {
        let (root, syntax_errors) = DeTable::parse_recoverable(self.src);
        if !syntax_errors.is_empty() {
            self.syntax_errors(syntax_errors);
            return None;
        }
        let root = root.into_inner();
        let (info, tz) = self.head(&root);
        let talks = match find(&root, "talks") {
            None => Some(TalkList::expecting(0)),
            Some((_, value)) => self.talks(value, tz.as_ref()),
        };
        self.finish(info, talks)
    }

    /// Checks the top level and `[program]`: the program's info (`None` when the table is
    /// missing or wrong) and the zone local times are read in.
    pub(super) fn head(&mut self, root: &DeTable<'_>) -> (Option<ProgramInfo>, Option<TimeZone>) {
        self.unknown_keys(root, TOP_KEYS, "at the top level");
        let info = match find(root, "program") {
            None => {
                self.error_in_file(
                    0,
                    "missing the `[program]` table".into(),
                    "expected a `[program]` table with at least `title = \"...\"`",
                );
                None
            }
            Some((_, value)) => self
                .table(value, "`program`")
                .map(|t| self.program(value, t)),
        };
        // Local times need the program's zone; if it was given but is invalid (an error already),
        // check them against UTC rather than report each one again.
        let zone_given = find(root, "program")
            .and_then(|(_, v)| v.get_ref().as_table())
            .is_some_and(|t| find(t, "timezone").is_some());
        let info = info.flatten();
        let tz = match &info {
            Some(info) if info.timezone.is_some() => info.timezone.clone(),
            _ if zone_given => Some(TimeZone::UTC),
            _ => None,
        };
        (info, tz)
    }

    fn program(&mut self, value: &Value<'_>, table: &DeTable<'_>) -> Option<ProgramInfo> {
        self.unknown_keys(table, PROGRAM_KEYS, "in `[program]`");
        let title = self.required_line(table, value, "title", "`[program]`");
        // Every field is read (and checked) before a missing title ends the table.
        let info = ProgramInfo {
            title: String::new(),
            id: self.line(table, "id"),
            subtitle: self.line(table, "subtitle"),
            venue: self.line(table, "venue"),
            date: self.line(table, "date"),
            url: self.line(table, "url"),
            description: self.text(table, "description"),
            timezone: self.string(table, "timezone").and_then(|(span, name)| {
                let zone = schedule::time_zone(name);
                self.time_result(&span, zone)
            }),
            day_change: self
                .time_text(table, "day_change")
                .and_then(|(span, text)| {
                    let time = schedule::time_of_day(&text);
                    self.time_result(&span, time)
                }),
        };
        Some(ProgramInfo {
            title: title?,
            ..info
        })
    }

    pub(super) fn talk(
        &mut self,
        index: usize,
        value: &Value<'_>,
        table: &DeTable<'_>,
        tz: Option<&TimeZone>,
    ) -> Option<Talk> {
        let what = format!("talk #{}", index + 1);
        self.unknown_keys(table, TALK_KEYS, &format!("in {what}"));
        let title = self.required_line(table, value, "title", &what);
        let id = self.id(table);
        let slides = self.line(table, "slides");
        if let (Some(raw), Some((_, v))) = (&slides, find(table, "slides"))
            && let Err(reason) = crate::slides::classify(raw)
        {
            let message = format!(
                "slides {} will not be opened: {reason}",
                self.quote(&v.span())
            );
            self.warn(
                v.span().start,
                message,
                "expected a path inside the program's folder or an http(s) URL",
            );
        }
        let tags = self.tags(table);
        let speakers = self.speakers(table, &what);
        let start = self.date_time(table, "start", tz);
        let duration = self.times(table, start.as_ref(), tz);
        // Every field is read (and checked) before a missing one ends the talk.
        let talk = Talk {
            id: id.unwrap_or_default(),
            title: String::new(),
            kind: self.line(table, "kind"),
            abstract_text: self.text(table, "abstract"),
            slides,
            tags: Vec::new(),
            speakers: Vec::new(),
            subtitle: self.line(table, "subtitle"),
            start,
            duration,
            room: self.line(table, "room"),
            track: self.line(table, "track"),
            language: self.line(table, "language"),
            links: self.links(table, &what),
        };
        Some(Talk {
            title: title?,
            tags: tags?,
            speakers: speakers?,
            ..talk
        })
    }

    /// The talk's duration from `duration` and `end`, checked against each other and `start`.
    fn times(
        &mut self,
        table: &DeTable<'_>,
        start: Option<&ZonedDateTime>,
        tz: Option<&TimeZone>,
    ) -> Option<SignedDuration> {
        let end = self.time_text(table, "end").and_then(|(span, text)| {
            let end = schedule::date_time(&text, tz);
            self.time_result(&span, end).map(|end| (span, end))
        });
        let duration = self.duration(table);
        let Some((span, end)) = end else {
            return duration.map(|(_, d)| d);
        };
        let Some(start) = start else {
            if find(table, "start").is_none() {
                self.error(
                    &span,
                    "`end` without a `start`".into(),
                    "expected a `start` too",
                );
            }
            return None;
        };
        let length = end.duration_since(start);
        if length.is_negative() {
            self.error(
                &span,
                format!("the talk ends ({end}) before it starts ({start})"),
                "expected an `end` after the `start`",
            );
            return None;
        }
        if let Some((duration_span, duration)) = duration
            && duration != length
        {
            self.error(
                &duration_span,
                format!(
                    "`duration` {duration:#} disagrees with `end` ({length:#} after the start)"
                ),
                "expected `end` or `duration`, or both agreeing",
            );
        }
        Some(length)
    }

    fn date_time(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        tz: Option<&TimeZone>,
    ) -> Option<ZonedDateTime> {
        let (span, text) = self.time_text(table, key)?;
        let zoned = schedule::date_time(&text, tz);
        self.time_result(&span, zoned)
    }

    /// A `duration`: minutes as an integer, or text.
    fn duration(&mut self, table: &DeTable<'_>) -> Option<(Range<usize>, SignedDuration)> {
        let (_, value) = find(table, "duration")?;
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .map_err(|_| schedule::TimeError {
                    message: format!("invalid duration {}", i.as_str()),
                    expected: "a number of minutes".into(),
                })
                .and_then(schedule::minutes),
            DeValue::String(s) => schedule::duration(s),
            _ => {
                self.wrong_type(value, "`duration`", "a duration like \"45m\" or minutes");
                return None;
            }
        };
        let span = value.span();
        self.time_result(&span, parsed).map(|d| (span, d))
    }

    /// Reports a time error at `span`.
    fn time_result<T>(
        &mut self,
        span: &Range<usize>,
        result: Result<T, schedule::TimeError>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.error(span, e.message, format!("expected {}", e.expected));
                None
            }
        }
    }

    /// A string or TOML date-time value, as text.
    fn time_text(&mut self, table: &DeTable<'_>, key: &str) -> Option<(Range<usize>, String)> {
        let (_, value) = find(table, key)?;
        match value.get_ref() {
            DeValue::String(s) => Some((value.span(), s.to_string())),
            DeValue::Datetime(d) => Some((value.span(), d.to_string())),
            _ => {
                self.wrong_type(value, &format!("`{key}`"), "a date-time");
                None
            }
        }
    }

    fn links(&mut self, table: &DeTable<'_>, talk: &str) -> Vec<Link> {
        let Some((_, value)) = find(table, "links") else {
            return Vec::new();
        };
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(
                value,
                "`links`",
                "an array of tables: `links = [{ label = \"Video\", url = \"https://...\" }]`",
            );
            return Vec::new();
        };
        let mut links = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let what = format!("link #{} of {talk}", i + 1);
            let Some(t) = self.table(item, &what) else {
                continue;
            };
            self.unknown_keys(t, LINK_KEYS, &format!("in {what}"));
            let Some(url) = self.required_line(t, item, "url", &what) else {
                continue;
            };
            let label = self.line(t, "label");
            let classified = crate::slides::classify(&url);
            if let Ok(crate::slides::Link::Web(url)) = classified {
                links.push(Link {
                    label: label.unwrap_or_else(|| url.host_str().unwrap_or("link").to_owned()),
                    url: url.to_string(),
                });
            } else {
                let span = find(t, "url").map_or(item.span(), |(_, v)| v.span());
                let why = match classified {
                    Err(e @ crate::slides::SlidesError::Credentials) => e.to_string(),
                    _ => "not an http(s) URL".to_owned(),
                };
                self.warn(
                    span.start,
                    format!("link {} is ignored: {why}", self.quote(&span)),
                    "expected an http or https URL",
                );
            }
        }
        links
    }

    fn id(&mut self, table: &DeTable<'_>) -> Option<String> {
        let (span, raw) = self.string(table, "id")?;
        let valid = !raw.is_empty()
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c));
        if !valid {
            self.error(
                &span,
                format!("invalid id {}", self.quote(&span)),
                "expected an id of ASCII letters, digits, `-`, `_`, `.` or `:`",
            );
            return None;
        }
        Some(raw.to_owned())
    }

    fn tags(&mut self, table: &DeTable<'_>) -> Option<Vec<String>> {
        let Some((_, value)) = find(table, "tags") else {
            return Some(Vec::new());
        };
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(
                value,
                "`tags`",
                "an array of strings: `tags = [\"a\", \"b\"]`",
            );
            return None;
        };
        let mut tags = Vec::new();
        for item in items {
            if let Some(s) = item.get_ref().as_str() {
                let clean = sanitize::line(s);
                if !clean.is_empty() {
                    tags.push(clean);
                }
            } else {
                self.wrong_type(item, "a tag", "a string");
                return None;
            }
        }
        Some(tags)
    }

    fn speakers(&mut self, table: &DeTable<'_>, talk: &str) -> Option<Vec<Speaker>> {
        let Some((_, value)) = find(table, "speakers") else {
            return Some(Vec::new());
        };
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(
                value,
                "`speakers`",
                "an array of tables: `[[talks.speakers]]`",
            );
            return None;
        };
        let mut speakers = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let what = format!("speaker #{} of {talk}", i + 1);
            let Some(t) = self.table(item, &what) else {
                ok = false;
                continue;
            };
            self.unknown_keys(t, SPEAKER_KEYS, &format!("in {what}"));
            match self.required_line(t, item, "name", &what) {
                Some(name) => speakers.push(Speaker {
                    name,
                    affiliation: self.line(t, "affiliation"),
                    bio: self.text(t, "bio"),
                }),
                None => ok = false,
            }
        }
        ok.then_some(speakers)
    }
}

#[cfg(test)]
#[path = "schedule_fields_tests.rs"]
mod schedule_fields_tests;
#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
