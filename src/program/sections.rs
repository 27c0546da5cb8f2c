//! A program file cut at its `[[talks]]` headers, so that its talks are parsed, checked and
//! dropped a few at a time (runs of about 16 KiB) and loading needs memory for one such parse
//! at a time, not the whole file's.
//!
//! The TOML parser lists every token and every parse event of what it is given (48 bytes per
//! token; a dense file has a token every byte or two) before it builds its tree, and that tree
//! costs about a kilobyte per small table: parsed whole, a file of many short talks peaks at
//! 80 times its size. Cut into sections, the same file is the rest (everything that is not a
//! talk section, joined) and small documents of talks; the spans of each are mapped back to
//! the file, so every diagnostic points where it did.
//!
//! The cut must not change what the file means, so it is only used when it provably cannot:
//! a header that names `talks` in a way the cut does not follow (quoted, or a `[talks.x]`
//! sub-table after another table), a rest that defines `talks` itself, or a run of sections
//! that defines anything but its talks, and the file is checked whole instead. A syntax error
//! in a file of up to [`SECTIONED_ERRORS_ABOVE`] bytes is also reported from the file parsed
//! whole, exactly as the parser words and places it; in a longer file each section reports its
//! own, at the same line and column (a file of many talks and one error would otherwise cost
//! 84 times its size).
//!
//! No piece the parser gets at once (a talk section, the rest, or a file checked whole) may be
//! longer than [`PIECE_MAX`]: one that is, is refused with an error at its start rather than
//! parsed, so that no file, whatever its shape, makes one parse cost more than about 200 MB.

use std::borrow::Cow;
use std::ops::Range;

use memchr::memchr;
use toml::de::DeTable;

use super::checker::{Checker, find};
use super::schema::Parts;
use super::talk_list::TalkList;

/// What a top-level header says about `talks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    /// `[[talks]]`: a new talk.
    Talk,
    /// `[talks.…]` or `[[talks.…]]`: a sub-table of the last talk.
    TalkPart,
    /// Any other table.
    Other,
    /// A quoted first key that is, or might decode to, `talks`.
    Unclear,
}

/// The byte ranges of the talk sections of `src`, in file order: each a `[[talks]]` header
/// and the lines up to the next top-level header that is not a `talks.` sub-table. `None` when
/// a header names `talks` in a way the sections could not follow.
///
/// A header is a `[` that starts a line outside any string, comment or open array or inline
/// table. Written by hand over the bytes rather than with the TOML parser's own lexer
/// (`toml_parser`), which found the same headers but, run before the parser lexes every
/// section again, added a fifth to the load time of a large program. A mistake here cannot
/// change what a file means, only cost the cut: a section cut in the middle of a string or
/// an array does not parse, a header missed leaves sections holding more talks than were
/// counted or another table, or the rest holding `talks`, and each of those is checked whole.
pub(super) fn talk_sections(src: &str) -> Option<Vec<Range<usize>>> {
    let bytes = src.as_bytes();
    let mut sections = Vec::new();
    let mut open: Option<usize> = None;
    // Brackets and braces open in the current value: a line starting with `[` inside an
    // array is an element, not a header.
    let mut depth = 0usize;
    let mut line_start = true;
    // A byte order mark is not part of the first line.
    let mut i = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'\n' => {
                line_start |= depth == 0;
                i += 1;
            }
            // A carriage return alone is the parser's to report.
            b' ' | b'\t' | b'\r' => i += 1,
            b'#' => i = memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n),
            b'"' | b'\'' => {
                line_start = false;
                i = string_end(bytes, i);
            }
            b'[' if line_start && depth == 0 => {
                line_start = false;
                let (header, after) = header(bytes, i + 1);
                match header {
                    Header::Talk => {
                        if let Some(open) = open.replace(i) {
                            sections.push(open..i);
                        }
                    }
                    Header::TalkPart if open.is_some() => {}
                    Header::TalkPart | Header::Unclear => return None,
                    Header::Other => {
                        if let Some(open) = open.take() {
                            sections.push(open..i);
                        }
                    }
                }
                i = after;
            }
            b'[' | b'{' => {
                depth += 1;
                line_start = false;
                i += 1;
            }
            b']' | b'}' => {
                // Too many closing brackets is a syntax error: the file is then checked whole.
                depth = depth.saturating_sub(1);
                line_start = false;
                i += 1;
            }
            _ => {
                line_start = false;
                i += 1;
            }
        }
    }
    if let Some(open) = open {
        sections.push(open..src.len());
    }
    Some(sections)
}

/// Where the string opening at `start` ends (just past its closing quotes; at the line's end
/// for an unclosed one-line string, at the file's end for an unclosed multi-line one).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let basic = quote == b'"';
    let multi = bytes[start..].starts_with(&[quote; 3]);
    let mut i = start + if multi { 3 } else { 1 };
    while let Some(&byte) = bytes.get(i) {
        if basic && byte == b'\\' {
            i += 2;
        } else if byte == b'\n' && !multi {
            return i;
        } else if byte == quote && (!multi || bytes[i..].starts_with(&[quote; 3])) {
            if !multi {
                return i + 1;
            }
            // A multi-line string may end with one or two quotes before its closing three.
            let run = bytes[i..]
                .iter()
                .take(5)
                .take_while(|&&b| b == quote)
                .count();
            return i + run;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// Reads a header from just after its first `[` to past its first key: what it says about
/// `talks`, and where to go on reading (the rest of the header closes nothing that counts).
fn header(bytes: &[u8], mut i: usize) -> (Header, usize) {
    let array = bytes.get(i) == Some(&b'[');
    if array {
        i += 1;
    }
    let blank = |bytes: &[u8], i: usize| {
        i + bytes[i.min(bytes.len())..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    };
    i = blank(bytes, i);
    let talks = if let Some(b'"' | b'\'') = bytes.get(i) {
        let end = string_end(bytes, i);
        let inner = bytes.get(i + 1..end.saturating_sub(1)).unwrap_or_default();
        if inner == b"talks" || inner.contains(&b'\\') || inner.first() == Some(&bytes[i]) {
            return (Header::Unclear, end);
        }
        i = end;
        false
    } else {
        let key = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
            .count();
        let talks = &bytes[i..i + key] == b"talks";
        i += key;
        talks
    };
    i = blank(bytes, i);
    let header = match bytes.get(i) {
        Some(b'.') if talks => Header::TalkPart,
        Some(b']') if talks && array => Header::Talk,
        // `[talks]` is another table here: the rest then defines `talks`, and a file that
        // also has `[[talks]]` is checked whole (where it is an error).
        _ => Header::Other,
    };
    (header, i)
}

/// `src` without its talk sections, and where each piece of it lies in `src`: (offset in the
/// rest, offset in `src`). Each piece ends at a line break (or at a header's indentation), so
/// the pieces joined read as they did apart. (Blanking the sections out instead would keep
/// every offset, but the parser reserves its token list by the length of its input.)
fn rest<'s>(src: &'s str, sections: &[Range<usize>]) -> (Cow<'s, str>, Vec<(usize, usize)>) {
    if sections.is_empty() {
        return (Cow::Borrowed(src), Vec::new());
    }
    let kept = src.len() - sections.iter().map(Range::len).sum::<usize>();
    let mut text = String::with_capacity(kept);
    let mut pieces = Vec::new();
    let mut at = 0;
    for section in sections
        .iter()
        .chain(std::iter::once(&(src.len()..src.len())))
    {
        if section.start > at {
            pieces.push((text.len(), at));
            text.push_str(&src[at..section.start]);
        }
        at = section.end;
    }
    (Cow::Owned(text), pieces)
}

/// Talk sections next to each other are parsed together up to about this many bytes: one
/// parse per tiny talk costs more time than the whole file parsed at once, and this bounds
/// what one parse needs (at most about 100 times it, under 2 MB).
const BATCH: usize = 16 * 1024;

/// The sections grouped into runs of adjacent ones of about [`BATCH`] bytes (a longer section
/// alone): each run's range and its number of talks.
fn batches(sections: &[Range<usize>]) -> impl Iterator<Item = (Range<usize>, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut range = sections.get(i)?.clone();
        let mut count = 1;
        while let Some(next) = sections.get(i + count)
            && next.start == range.end
            && next.end - range.start <= BATCH
        {
            range.end = next.end;
            count += 1;
        }
        i += count;
        Some((range, count))
    })
}

/// The longest piece of a file the TOML parser is given at once: a talk section, the rest of
/// a file cut at its talks, or a file that must be checked whole. The parser needs up to 96
/// times what it parses (see the README's "Safety" section), so this bounds one parse to
/// about 200 MB. A real talk is a few kilobytes (the longest of the 100,000-talk, 281 MB
/// benchmark program, with three speakers' bios and an abstract, is 3.5 KiB); a file read
/// whole is one whose talks are not `[[talks]]` tables, of which this still allows thousands.
pub(super) const PIECE_MAX: usize = 2 << 20;

/// Files longer than this report syntax errors section by section rather than parsed whole.
const SECTIONED_ERRORS_ABOVE: usize = 1 << 20;

/// `bytes` in mebibytes, for a message.
fn mib(bytes: usize) -> String {
    #[expect(clippy::cast_precision_loss, reason = "one decimal is shown")]
    let mib = bytes as f64 / f64::from(1 << 20);
    format!("{mib:.1} MiB")
}

/// What a piece too long to parse is told to be instead.
const PIECE_HELP: &str =
    "expected each talk as its own `[[talks]]` table, a table of at most 2 MiB";

/// The file cannot be checked in sections: it must be checked whole.
pub(super) struct NotSplit;

impl Checker<'_> {
    /// Checks the file section by section; [`NotSplit`] when it must be checked whole instead
    /// (see the module's documentation), with nothing reported.
    pub(super) fn sections(
        &mut self,
        sections: &[Range<usize>],
    ) -> Result<Option<Parts>, NotSplit> {
        let mark = (self.diagnostics.len(), self.kept, self.suppressed);
        let parts = self.try_sections(sections);
        if parts.is_err() {
            self.undo(mark);
        }
        parts
    }

    /// Drops what was reported since `mark`.
    fn undo(&mut self, mark: (usize, (usize, usize), (usize, usize))) {
        self.diagnostics.truncate(mark.0);
        (self.kept, self.suppressed) = (mark.1, mark.2);
        self.pieces.clear();
    }

    /// Reports a file longer than [`PIECE_MAX`] that must be checked whole.
    pub(super) fn too_large_whole(&mut self) {
        self.error_in_file(
            0,
            format!(
                "this file is {} and cannot be read a talk at a time (its talks are not all \
                 `[[talks]]` tables, or a `[[\"talks\"]]` header is quoted); a file read whole \
                 can be at most {}",
                mib(self.src.len()),
                mib(PIECE_MAX)
            ),
            "expected each talk as its own `[[talks]]` table",
        );
    }

    /// Reports a piece longer than [`PIECE_MAX`], `what` it is, starting at `at` in the file,
    /// with a `note` after its length.
    fn too_large(&mut self, at: usize, len: usize, what: &str, note: &str) {
        self.error_in_file(
            at,
            format!(
                "{what} is {}{note}; a single talk or table can be at most {}",
                mib(len),
                mib(PIECE_MAX)
            ),
            PIECE_HELP,
        );
    }

    /// Reports a talk section longer than [`PIECE_MAX`] starting at `at`. One that runs to the
    /// end of the file may be a string left open (the rest of the file is then in it).
    fn too_large_talk(&mut self, at: usize, len: usize) {
        let to_end = if at + len == self.src.len() {
            ", to the end of the file (is a string in it left open?)"
        } else {
            ""
        };
        self.too_large(at, len, "this talk", to_end);
    }

    fn try_sections(&mut self, sections: &[Range<usize>]) -> Result<Option<Parts>, NotSplit> {
        let src = self.src;
        let mark = (self.diagnostics.len(), self.kept, self.suppressed);
        let sectioned_errors = src.len() > SECTIONED_ERRORS_ABOVE;
        let kept = src.len() - sections.iter().map(Range::len).sum::<usize>();
        if kept > PIECE_MAX {
            // Where the rest starts: past the sections that start the file, if any.
            let at = sections
                .iter()
                .try_fold(0, |at, s| if s.start == at { Ok(s.end) } else { Err(at) })
                .unwrap_or_else(|at| at);
            self.too_large(at, kept, "what is outside the `[[talks]]` tables", "");
            return Ok(None);
        }
        let (rest, pieces) = rest(src, sections);
        let (root, errors) = DeTable::parse_recoverable(&rest);
        let root = root.into_inner();
        // Once a syntax error is found only syntax errors are reported, as for a file parsed
        // whole: what the parser made of broken text is not worth checking.
        let mut syntax = !errors.is_empty();
        if syntax && !sectioned_errors || !syntax && find(&root, "talks").is_some() {
            return Err(NotSplit);
        }
        self.pieces = pieces;
        let (info, tz) = if syntax {
            self.syntax_errors_in(&rest, errors);
            (None, None)
        } else {
            self.head(&root)
        };
        drop(root);
        drop(rest);
        let mut list = TalkList::expecting(sections.len());
        // Talks refused as too long (by their start and length): reported again if a syntax
        // error later drops what was reported before it.
        let mut too_long = Vec::new();
        let mut index = 0;
        for (batch, count) in batches(sections) {
            self.pieces.clear();
            self.pieces.push((0, batch.start));
            index += count;
            if batch.len() > PIECE_MAX {
                // A run that long is one section (runs are far shorter).
                self.too_large_talk(batch.start, batch.len());
                too_long.push((batch.start, batch.len()));
                list.fail();
                continue;
            }
            let text = &src[batch.clone()];
            let (tree, errors) = DeTable::parse_recoverable(text);
            if !errors.is_empty() {
                if !sectioned_errors {
                    return Err(NotSplit);
                }
                if !syntax {
                    syntax = true;
                    let pieces = std::mem::take(&mut self.pieces);
                    self.undo(mark);
                    self.pieces = pieces;
                    for &(at, len) in &too_long {
                        self.too_large_talk(at, len);
                    }
                }
                self.syntax_errors_in(text, errors);
                continue;
            }
            if syntax {
                continue;
            }
            let tree = tree.into_inner();
            let mut entries = tree.iter();
            let items = match (entries.next(), entries.next()) {
                (Some((key, value)), None) if key.get_ref() == "talks" => {
                    match value.get_ref().as_array() {
                        Some(items) if items.len() == count => items,
                        _ => return Err(NotSplit),
                    }
                }
                _ => return Err(NotSplit),
            };
            for (i, item) in items.iter().enumerate() {
                self.talk_item(&mut list, index - count + i, item, tz.as_ref());
            }
        }
        self.pieces.clear();
        if syntax {
            return Ok(None);
        }
        Ok(self.finish(info, Some(list)))
    }
}

#[cfg(test)]
#[path = "sections_tests.rs"]
mod tests;
