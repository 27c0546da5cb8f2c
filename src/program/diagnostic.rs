//! Errors and warnings about a program file, written for the person who has to fix the file.
//!
//! A [`Diagnostic`] knows its line and column and quotes the offending source line; everything
//! it prints has been through [`crate::sanitize::visible`], so a hostile file cannot put escape
//! sequences on stderr.

use std::cell::{Cell, OnceCell};
use std::fmt::{self, Write as _};

use crate::sanitize::visible;

/// Whether the file still loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `src` (clamped to the text).
    pub fn of(src: &str, offset: usize) -> Location {
        SourceText::new(src).location(offset)
    }
}

/// A text with its line starts, found once, so that locating many diagnostics in a large file
/// stays linear.
#[derive(Debug)]
pub struct SourceText<'a> {
    text: &'a str,
    line_starts: OnceCell<Vec<usize>>,
    /// The last offset located and its column: diagnostics mostly come in file order, so the
    /// next column on the same line is counted from there, not from the line's start (a
    /// one-line file of many megabytes and hundreds of problems stays linear).
    last: Cell<(usize, usize)>,
}

impl<'a> SourceText<'a> {
    pub fn new(text: &'a str) -> SourceText<'a> {
        SourceText {
            text,
            line_starts: OnceCell::new(),
            last: Cell::new((0, 1)),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text
                        .bytes()
                        .enumerate()
                        .filter(|(_, b)| *b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect()
        })
    }

    /// The location of byte `offset` (clamped to the text).
    pub fn location(&self, offset: usize) -> Location {
        let offset = self.clamp(offset);
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        let (from, column) = match self.last.get() {
            (last, column) if line_start <= last && last <= offset => (last, column),
            _ => (line_start, 1),
        };
        let column = column + self.text[from..offset].chars().count();
        self.last.set((offset, column));
        Location { line, column }
    }

    /// `offset` moved into the text and back to a character boundary.
    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> Option<&'a str> {
        let starts = self.line_starts();
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).map_or(self.text.len(), |next| next - 1);
        Some(self.text[start..end].trim_end_matches('\r'))
    }

    /// The part of `location`'s line that a diagnostic quotes: [`QUOTE_BEFORE`] characters
    /// before the column and up to [`QUOTE_WIDTH`] in all. Only this window is copied, so a
    /// one-line file of many megabytes costs a hundred characters per diagnostic, not a copy
    /// of the whole line each.
    /// The window is found from `offset` (at `location`) outwards, never from the line's start.
    fn quote_window(&self, offset: usize, location: Location) -> Option<&'a str> {
        let line = self.line_text(location.line)?;
        let line_start = self.line_starts()[location.line - 1];
        let at = (self.clamp(offset) - line_start).min(line.len());
        let before = (location.column - 1).min(QUOTE_BEFORE);
        let start = match before.checked_sub(1) {
            None => at,
            Some(n) => line[..at].char_indices().rev().nth(n).map_or(0, |(i, _)| i),
        };
        let end = line[at..]
            .char_indices()
            .nth(QUOTE_WIDTH - before)
            .map_or(line.len(), |(i, _)| at + i);
        Some(&line[start..end])
    }
}

/// Characters quoted before a diagnostic's column.
const QUOTE_BEFORE: usize = 59;
/// Characters quoted in all, the column's included.
const QUOTE_WIDTH: usize = 100;

/// One problem found in a program file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    /// What is wrong, quoting the bad value.
    pub message: String,
    /// What was expected instead, or a suggestion.
    pub help: Option<String>,
    /// The source line around the column, for the quote under the message: the line from 59
    /// characters before the column (or its start), at most 100 characters.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at byte `offset` of `source`.
    pub fn at(
        severity: Severity,
        source: &SourceText,
        offset: usize,
        message: String,
    ) -> Diagnostic {
        let location = source.location(offset);
        let source_line = source.quote_window(offset, location).map(str::to_owned);
        Diagnostic {
            severity,
            location: Some(location),
            message,
            help: None,
            source_line,
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Formats the diagnostic for `file` (a display name), one or more lines, no trailing newline.
    pub fn render(&self, file: &str) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = visible(file);
        let mut out = match self.location {
            Some(loc) => format!("{file}:{}:{}: {label}: ", loc.line, loc.column),
            None => format!("{file}: {label}: "),
        };
        out.push_str(&visible(&self.message));
        if let (Some(loc), Some(text)) = (self.location, &self.source_line) {
            // The quote starts QUOTE_BEFORE characters before the column, or at the line's start.
            let before = (loc.column - 1).min(QUOTE_BEFORE);
            let gutter = loc.line.to_string().len();
            let caret_pad: String = text
                .chars()
                .take(before)
                .map(|c| visible(&c.to_string()).chars().count())
                .map(|n| " ".repeat(n))
                .collect();
            let _ = write!(
                out,
                "\n{:gutter$} |\n{} | {}\n{:gutter$} | {caret_pad}^",
                "",
                loc.line,
                visible(text),
                ""
            );
        }
        if let Some(help) = &self.help {
            out.push_str("\n  = ");
            out.push_str(&visible(help));
        }
        out
    }
}

/// Why a program could not be loaded. Displaying it gives the whole report for the user.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error(transparent)]
    Read(#[from] super::ReadError),
    #[error("{}", render_all(path, diagnostics, *errors))]
    Invalid {
        path: String,
        diagnostics: Vec<Diagnostic>,
        /// Every error found, including those past the cap that are not in `diagnostics`.
        errors: usize,
    },
}

impl LoadError {
    /// The diagnostics with locations, when the file was read but is not a valid program.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            LoadError::Invalid { diagnostics, .. } => diagnostics,
            LoadError::Read(_) => &[],
        }
    }
}

fn render_all(path: &str, diagnostics: &[Diagnostic], errors: usize) -> String {
    let mut out: Vec<String> = diagnostics.iter().map(|d| d.render(path)).collect();
    out.push(format!(
        "{path}: {errors} error{} found; the program was not loaded",
        if errors == 1 { "" } else { "s" }
    ));
    out.join("\n")
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_characters() {
        let src = "a = 1\nbé = \"x\"\n";
        assert_eq!(Location::of(src, 0), Location { line: 1, column: 1 });
        assert_eq!(Location::of(src, 6), Location { line: 2, column: 1 });
        // byte 10 is after 'b', 'é' (2 bytes) and ' ': the fourth character of line 2.
        assert_eq!(Location::of(src, 10), Location { line: 2, column: 4 });
        assert_eq!(Location::of(src, 999), Location { line: 3, column: 1 });
        let source = SourceText::new("one\r\ntwo\n\nlast");
        assert_eq!(source.line_text(1), Some("one"));
        assert_eq!(source.line_text(3), Some(""));
        assert_eq!(source.line_text(4), Some("last"));
        assert_eq!(source.line_text(5), None);
        assert_eq!(source.location(13), Location { line: 4, column: 4 });
    }

    #[test]
    fn render_quotes_the_line_with_a_caret() {
        let src = "[program]\ntitel = \"x\"\n";
        let d = Diagnostic::at(
            Severity::Warning,
            &SourceText::new(src),
            10,
            "unknown key `titel`".into(),
        )
        .with_help("did you mean `title`?");
        assert_eq!(
            d.render("p.toml"),
            "p.toml:2:1: warning: unknown key `titel`\n  |\n2 | titel = \"x\"\n  | ^\n  = did you mean `title`?"
        );
    }

    /// A diagnostic on a very long line keeps a hundred characters around the column and
    /// points its caret at the column's character, near the start, middle and end of the line.
    #[test]
    fn a_long_line_is_quoted_in_a_window_around_the_column() {
        // Every tenth character is `é` (two bytes), the rest say their position modulo ten.
        let line: String = (0..10_000)
            .map(|i| {
                char::from_digit(i % 10, 10)
                    .filter(|_| i % 10 != 0)
                    .unwrap_or('é')
            })
            .collect();
        let src = format!("a = 1\n{line}\nb = 2\n");
        let source = SourceText::new(&src);
        for column in [1, 3, 60, 61, 62, 5_005, 9_960, 9_999, 10_000] {
            let offset = 6 + line.char_indices().nth(column - 1).expect("in the line").0;
            let d = Diagnostic::at(Severity::Error, &source, offset, "bad".into());
            assert_eq!(d.location, Some(Location { line: 2, column }));
            let quoted = d.source_line.clone().expect("a quote");
            let first = column.saturating_sub(60);
            let want: String = line.chars().skip(first).take(100).collect();
            assert_eq!(quoted, want, "column {column}");
            let rendered = d.render("p.toml");
            let lines: Vec<&str> = rendered.lines().collect();
            let caret = lines[3].find('^').expect("a caret") - "  | ".len();
            let under = lines[2]["2 | ".len()..].chars().nth(caret);
            assert_eq!(under, line.chars().nth(column - 1), "column {column}");
        }
    }

    #[test]
    fn render_never_prints_control_characters() {
        let src = "\u{1b}[2J = 1\n";
        let d = Diagnostic::at(
            Severity::Error,
            &SourceText::new(src),
            0,
            "bad key `\u{1b}[2J`".into(),
        );
        assert!(!d.render("p\u{1b}.toml").contains('\u{1b}'));
    }
}
