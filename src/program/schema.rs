//! The program file's schema, checked by walking the span-carrying TOML tree.
//!
//! Written by hand over `toml::de::DeTable` rather than with `#[derive(Deserialize)]`: serde
//! stops at the first error and drops unknown keys without their location, while an organizer
//! checking a file wants every problem at once, each with its line and column, and a warning
//! with a suggestion for every misspelt key.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, Severity, SourceText};
use super::{ProgramInfo, Speaker, Talk, slug};
use crate::sanitize;

const TOP_KEYS: &[&str] = &["program", "talks"];
const PROGRAM_KEYS: &[&str] = &["title", "subtitle", "venue", "date", "url", "description"];
const TALK_KEYS: &[&str] = &[
    "id", "title", "kind", "abstract", "slides", "tags", "speakers",
];
const SPEAKER_KEYS: &[&str] = &["name", "affiliation", "bio"];

type Key<'i> = Spanned<Cow<'i, str>>;
type Value<'i> = Spanned<DeValue<'i>>;

/// Checks `src`; returns the program parts when there is no error, the diagnostics found (at
/// most [`MAX_DIAGNOSTICS`] of each severity) and the number of errors, shown or not.
pub fn check(src: &str) -> Checked {
    let mut checker = Checker {
        src,
        source: SourceText::new(src),
        diagnostics: Vec::new(),
        kept: (0, 0),
        suppressed: (0, 0),
    };
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

/// At most this many diagnostics are located and kept; the rest are only counted. This keeps a
/// file with 100,000 broken talks from producing (and locating) 100,000 messages.
const MAX_DIAGNOSTICS: usize = 200;

struct Checker<'s> {
    src: &'s str,
    source: SourceText<'s>,
    diagnostics: Vec<Diagnostic>,
    /// Diagnostics kept: (errors, warnings).
    kept: (usize, usize),
    /// Diagnostics past [`MAX_DIAGNOSTICS`] of their severity: (errors, warnings).
    suppressed: (usize, usize),
}

/// The text the user sees for a value's type.
fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Checker<'_> {
    fn report(&mut self, severity: Severity, offset: usize, message: String, help: String) {
        let (kept, suppressed) = match severity {
            Severity::Error => (&mut self.kept.0, &mut self.suppressed.0),
            Severity::Warning => (&mut self.kept.1, &mut self.suppressed.1),
        };
        if *kept >= MAX_DIAGNOSTICS {
            *suppressed += 1;
            return;
        }
        *kept += 1;
        let d = Diagnostic::at(severity, &self.source, offset, message).with_help(help);
        self.diagnostics.push(d);
    }

    fn error(&mut self, span: &Range<usize>, message: String, help: impl Into<String>) {
        self.report(Severity::Error, span.start, message, help.into());
    }

    fn warn(&mut self, offset: usize, message: String, help: impl Into<String>) {
        self.report(Severity::Warning, offset, message, help.into());
    }

    /// The source text of a value, shortened, for quoting in a message.
    fn quote(&self, span: &Range<usize>) -> String {
        let text = self.src.get(span.clone()).unwrap_or("");
        let short: String = text.chars().take(40).collect();
        if short.len() < text.len() {
            format!("{short}…")
        } else {
            short
        }
    }

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

    fn table<'a, 'i>(&mut self, value: &'a Value<'i>, what: &str) -> Option<&'a DeTable<'i>> {
        let table = value.get_ref().as_table();
        if table.is_none() {
            self.wrong_type(value, what, "a table");
        }
        table
    }

    fn wrong_type(&mut self, value: &Value<'_>, what: &str, expected: &str) {
        let span = value.span();
        self.error(
            &span,
            format!(
                "{what} is {} ({}), not {expected}",
                type_name(value.get_ref()),
                self.quote(&span)
            ),
            format!("expected {expected}"),
        );
    }

    /// An optional string field, raw; a wrong type is reported and yields `None`.
    fn string<'t>(&mut self, table: &'t DeTable<'_>, key: &str) -> Option<(Range<usize>, &'t str)> {
        let (_, value) = find(table, key)?;
        if let Some(s) = value.get_ref().as_str() {
            Some((value.span(), s))
        } else {
            self.wrong_type(value, &format!("`{key}`"), "a string");
            None
        }
    }

    /// An optional one-line field, sanitized; empty values count as absent.
    fn line(&mut self, table: &DeTable<'_>, key: &str) -> Option<String> {
        self.string(table, key)
            .map(|(_, s)| sanitize::line(s))
            .filter(|s| !s.is_empty())
    }

    /// An optional multi-paragraph field, sanitized; empty values count as absent.
    fn text(&mut self, table: &DeTable<'_>, key: &str) -> Option<String> {
        self.string(table, key)
            .map(|(_, s)| sanitize::text(s))
            .filter(|s| !s.is_empty())
    }

    /// A required one-line field that must not be empty once sanitized.
    fn required_line(
        &mut self,
        table: &DeTable<'_>,
        owner: &Value<'_>,
        key: &str,
        what: &str,
    ) -> Option<String> {
        if find(table, key).is_none() {
            self.error(
                &owner.span(),
                format!("{what} has no `{key}`"),
                format!("expected `{key} = \"...\"` in {what}"),
            );
            return None;
        }
        let (span, raw) = self.string(table, key)?;
        let clean = sanitize::line(raw);
        if clean.is_empty() {
            self.error(
                &span,
                format!("empty `{key}` {} in {what}", self.quote(&span)),
                format!("expected a non-empty {key}"),
            );
            return None;
        }
        Some(clean)
    }

    fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], place: &str) {
        for (key, _) in table {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                continue;
            }
            let help = match suggest(name, known) {
                Some(k) => format!("did you mean `{k}`? (this key is ignored)"),
                None => format!("known keys here: {}; this key is ignored", known.join(", ")),
            };
            self.warn(
                key.span().start,
                format!("unknown key `{name}` {place}"),
                help,
            );
        }
    }
}

fn find<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<(&'t Key<'i>, &'t Value<'i>)> {
    table.get_key_value(key)
}

/// The known key closest to a misspelt one, when it is close enough to be a typo.
fn suggest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = name.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
