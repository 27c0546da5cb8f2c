//! The program file's schema, checked by walking the span-carrying TOML tree.
//!
//! Written by hand over `toml::de::DeTable` rather than with `#[derive(Deserialize)]`: serde
//! stops at the first error and drops unknown keys without their location, while an organizer
//! checking a file wants every problem at once, each with its line and column, and a warning
//! with a suggestion for every misspelt key.

use std::collections::HashMap;

use toml::de::DeTable;

#[cfg(test)]
use super::checker::suggest;
use super::checker::{Checker, MAX_DIAGNOSTICS, Value, find};
use super::diagnostic::{Diagnostic, Severity};
use super::{ProgramInfo, Speaker, Talk, slug};
use crate::sanitize;

const TOP_KEYS: &[&str] = &["program", "talks"];
const PROGRAM_KEYS: &[&str] = &["title", "subtitle", "venue", "date", "url", "description"];
const TALK_KEYS: &[&str] = &[
    "id", "title", "kind", "abstract", "slides", "tags", "speakers",
];
const SPEAKER_KEYS: &[&str] = &["name", "affiliation", "bio"];

/// Checks `src`; returns the program parts when there is no error, the diagnostics found (at
/// most [`MAX_DIAGNOSTICS`] of each severity) and the number of errors, shown or not.
pub fn check(src: &str) -> Checked {
    let mut checker = Checker::new(src);
    let result = checker.document();
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
pub struct Checked {
    /// The program's parts, when there is no error.
    pub parts: Option<(ProgramInfo, Vec<Talk>)>,
    /// At most [`MAX_DIAGNOSTICS`] of each severity, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Every error found, shown or not.
    pub errors: usize,
}

impl Checker<'_> {
    fn document(&mut self) -> Option<(ProgramInfo, Vec<Talk>)> {
        let (root, syntax_errors) = DeTable::parse_recoverable(self.src);
        if !syntax_errors.is_empty() {
            for e in syntax_errors {
                let span = e.span().unwrap_or(0..0);
                self.error(
                    &span,
                    format!("invalid TOML: {}", e.message().trim()),
                    "expected TOML syntax (https://toml.io)",
                );
            }
            return None;
        }
        let root = root.into_inner();
        self.unknown_keys(&root, TOP_KEYS, "at the top level");
        let info = match find(&root, "program") {
            None => {
                self.error(
                    &(0..0),
                    "missing the `[program]` table".into(),
                    "expected a `[program]` table with at least `title = \"...\"`",
                );
                None
            }
            Some((_, value)) => self
                .table(value, "`program`")
                .map(|t| self.program(value, t)),
        };
        let talks = match find(&root, "talks") {
            None => Some(Vec::new()),
            Some((_, value)) => self.talks(value),
        };
        if talks.as_ref().is_some_and(Vec::is_empty) {
            self.warn(
                0,
                "the program has no talks".into(),
                "expected one or more `[[talks]]` tables",
            );
        }
        Some((info??, talks?))
    }

    fn program(&mut self, value: &Value<'_>, table: &DeTable<'_>) -> Option<ProgramInfo> {
        self.unknown_keys(table, PROGRAM_KEYS, "in `[program]`");
        let title = self.required_line(table, value, "title", "`[program]`");
        let info = ProgramInfo {
            title: title?,
            subtitle: self.line(table, "subtitle"),
            venue: self.line(table, "venue"),
            date: self.line(table, "date"),
            url: self.line(table, "url"),
            description: self.text(table, "description"),
        };
        Some(info)
    }

    fn talks(&mut self, value: &Value<'_>) -> Option<Vec<Talk>> {
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(value, "`talks`", "an array of tables: `[[talks]]`");
            return None;
        };
        let mut talks = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.table(item, &format!("talk #{}", i + 1)) {
                Some(table) => match self.talk(i, item, table) {
                    Some(talk) => talks.push(talk),
                    None => ok = false,
                },
                None => ok = false,
            }
        }
        self.assign_ids(items, &mut talks);
        ok.then_some(talks)
    }

    fn talk(&mut self, index: usize, value: &Value<'_>, table: &DeTable<'_>) -> Option<Talk> {
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
        Some(Talk {
            id: id.unwrap_or_default(),
            title: title?,
            kind: self.line(table, "kind"),
            abstract_text: self.text(table, "abstract"),
            slides,
            tags: tags?,
            speakers: speakers?,
        })
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

    /// Fills derived ids and reports duplicates among the given ones.
    fn assign_ids(&mut self, items: &[Value<'_>], talks: &mut [Talk]) {
        let mut first_use: HashMap<String, usize> = HashMap::new();
        // Given ids first, so a derived id never takes a name the file uses explicitly.
        for item in items {
            let Some(table) = item.get_ref().as_table() else {
                continue;
            };
            let Some((_, value)) = find(table, "id") else {
                continue;
            };
            let Some(id) = value.get_ref().as_str() else {
                continue;
            };
            if let Some(&first) = first_use.get(id) {
                let first_at = self.source.location(first);
                self.error(
                    &value.span(),
                    format!("duplicate talk id \"{id}\" (first used at {first_at})"),
                    "expected each talk id to be unique",
                );
            } else {
                first_use.insert(id.to_owned(), value.span().start);
            }
        }
        for (i, talk) in talks.iter_mut().enumerate() {
            if !talk.id.is_empty() {
                continue;
            }
            let base = match slug(&talk.title) {
                s if s.is_empty() => format!("talk-{}", i + 1),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while first_use.contains_key(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            first_use.insert(id.clone(), 0);
            talk.id = id;
        }
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
#[path = "schema_tests.rs"]
mod tests;
