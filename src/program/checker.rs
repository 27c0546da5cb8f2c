//! The primitives of program checking: typed access to the span-carrying TOML tree, with every
//! problem reported at its line and column (and at most [`MAX_DIAGNOSTICS`] of each kind).

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, Severity, SourceText};
use crate::sanitize;

pub(crate) type Key<'i> = Spanned<Cow<'i, str>>;
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// At most this many diagnostics are located and kept; the rest are only counted. This keeps a
/// file with 100,000 broken talks from producing (and locating) 100,000 messages.
pub(crate) const MAX_DIAGNOSTICS: usize = 200;

pub(crate) struct Checker<'s> {
    pub(crate) src: &'s str,
    pub(crate) source: SourceText<'s>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Diagnostics kept: (errors, warnings).
    pub(crate) kept: (usize, usize),
    /// Diagnostics past [`MAX_DIAGNOSTICS`] of their severity: (errors, warnings).
    pub(crate) suppressed: (usize, usize),
    /// Where the text the tree being checked was parsed from lies in `src`, when it is not
    /// `src` itself ([`super::sections`]): pieces as (offset in that text, offset in `src`), in
    /// order. Empty: the text is `src`.
    pub(crate) pieces: Vec<(usize, usize)>,
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

impl<'s> Checker<'s> {
    pub(crate) fn new(src: &'s str) -> Checker<'s> {
        Checker {
            src,
            source: SourceText::new(src),
            diagnostics: Vec::new(),
            kept: (0, 0),
            suppressed: (0, 0),
            pieces: Vec::new(),
        }
    }
}

impl Checker<'_> {
    pub(crate) fn report(
        &mut self,
        severity: Severity,
        offset: usize,
        message: String,
        help: String,
    ) {
        let (kept, suppressed) = match severity {
            Severity::Error => (&mut self.kept.0, &mut self.suppressed.0),
            Severity::Warning => (&mut self.kept.1, &mut self.suppressed.1),
        };
        if *kept >= MAX_DIAGNOSTICS {
            *suppressed += 1;
            return;
        }
        *kept += 1;
        let d =
            Diagnostic::at(severity, &self.source, self.in_file(offset), message).with_help(help);
        self.diagnostics.push(d);
    }

    /// The offset in `src` of `offset` in the text the tree was parsed from (a span never
    /// crosses from one piece to the next: pieces end at line breaks).
    pub(super) fn in_file(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|&(at, _)| at <= offset);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(at, file)) => file + (offset - at),
            None => offset,
        }
    }

    /// An error at an offset of `src` itself, whatever text the tree was parsed from.
    pub(super) fn error_in_file(&mut self, offset: usize, message: String, help: &str) {
        let pieces = std::mem::take(&mut self.pieces);
        self.error(&(offset..offset), message, help);
        self.pieces = pieces;
    }

    pub(crate) fn error(&mut self, span: &Range<usize>, message: String, help: impl Into<String>) {
        self.report(Severity::Error, span.start, message, help.into());
    }

    pub(crate) fn warn(&mut self, offset: usize, message: String, help: impl Into<String>) {
        self.report(Severity::Warning, offset, message, help.into());
    }

    /// The source text of a value, shortened, for quoting in a message.
    pub(crate) fn quote(&self, span: &Range<usize>) -> String {
        let text = self
            .src
            .get(self.in_file(span.start)..self.in_file(span.start) + span.len())
            .unwrap_or("");
        let short: String = text.chars().take(40).collect();
        if short.len() < text.len() {
            format!("{short}…")
        } else {
            short
        }
    }

    pub(crate) fn table<'a, 'i>(
        &mut self,
        value: &'a Value<'i>,
        what: &str,
    ) -> Option<&'a DeTable<'i>> {
        let table = value.get_ref().as_table();
        if table.is_none() {
            self.wrong_type(value, what, "a table");
        }
        table
    }

    pub(crate) fn wrong_type(&mut self, value: &Value<'_>, what: &str, expected: &str) {
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
    pub(crate) fn string<'t>(
        &mut self,
        table: &'t DeTable<'_>,
        key: &str,
    ) -> Option<(Range<usize>, &'t str)> {
        let (_, value) = find(table, key)?;
        if let Some(s) = value.get_ref().as_str() {
            Some((value.span(), s))
        } else {
            self.wrong_type(value, &format!("`{key}`"), "a string");
            None
        }
    }

    /// An optional one-line field, sanitized; empty values count as absent.
    pub(crate) fn line(&mut self, table: &DeTable<'_>, key: &str) -> Option<String> {
        self.string(table, key)
            .map(|(_, s)| sanitize::line(s))
            .filter(|s| !s.is_empty())
    }

    /// An optional multi-paragraph field, sanitized; empty values count as absent.
    pub(crate) fn text(&mut self, table: &DeTable<'_>, key: &str) -> Option<String> {
        self.string(table, key)
            .map(|(_, s)| sanitize::text(s))
            .filter(|s| !s.is_empty())
    }

    /// A required one-line field that must not be empty once sanitized.
    pub(crate) fn required_line(
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

    pub(crate) fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], place: &str) {
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

pub(crate) fn find<'t, 'i>(
    table: &'t DeTable<'i>,
    key: &str,
) -> Option<(&'t Key<'i>, &'t Value<'i>)> {
    table.get_key_value(key)
}

/// The known key closest to a misspelt one, when it is close enough to be a typo.
pub(crate) fn suggest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = name.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}
