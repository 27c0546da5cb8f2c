//! A program file cut at its `[[talks]]` headers, so that each talk is parsed, checked and
//! dropped in turn and loading needs memory for one talk's parse at a time, not the whole
//! file's.
//!
//! The TOML parser lists every token and every parse event of what it is given (48 bytes per
//! token; a dense file has a token every byte or two) before it builds its tree, and that tree
//! costs about a kilobyte per small table: parsed whole, a file of many short talks peaks at
//! 80 times its size. Cut into sections, the same file is the rest (everything that is not a
//! talk section, joined) and one small document per talk; the spans of each are mapped back
//! to the file, so every diagnostic points where it did.
//!
//! The cut must not change what the file means, so it is only used when it provably cannot:
//! a header that names `talks` in a way the cut does not follow (quoted, or a `[talks.x]`
//! sub-table after another table), a rest that defines `talks` itself, a section that defines
//! anything but one talk, or any syntax error anywhere, and the file is checked whole instead
//! (which is also what reports syntax errors, exactly as before).

use std::borrow::Cow;
use std::ops::Range;

use toml::de::DeTable;
use toml_parser::Source;
use toml_parser::lexer::{Lexer, TokenKind};

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
/// Found with the TOML parser's own lexer, token by token without keeping them, so a header
/// inside a multi-line string, a comment or an array spanning lines is never taken for one.
pub(super) fn talk_sections(src: &str) -> Option<Vec<Range<usize>>> {
    let mut sections = Vec::new();
    let mut open: Option<usize> = None;
    // Brackets and braces open in the current value: a line starting with `[` inside an
    // array is an element, not a header.
    let mut depth = 0usize;
    let mut line_start = true;
    let mut tokens = Source::new(src).lex();
    while let Some(token) = tokens.next() {
        match token.kind() {
            TokenKind::Eof => break,
            TokenKind::Newline => line_start |= depth == 0,
            TokenKind::Whitespace | TokenKind::Comment => {}
            TokenKind::LeftSquareBracket if line_start && depth == 0 => {
                line_start = false;
                let start = token.span().start();
                match header(src, &mut tokens) {
                    Header::Talk => {
                        if let Some(open) = open.replace(start) {
                            sections.push(open..start);
                        }
                    }
                    Header::TalkPart if open.is_some() => {}
                    Header::TalkPart | Header::Unclear => return None,
                    Header::Other => {
                        if let Some(open) = open.take() {
                            sections.push(open..start);
                        }
                    }
                }
            }
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                depth += 1;
                line_start = false;
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                // Too many closing brackets is a syntax error: the file is then checked whole.
                depth = depth.saturating_sub(1);
                line_start = false;
            }
            _ => line_start = false,
        }
    }
    if let Some(open) = open {
        sections.push(open..src.len());
    }
    Some(sections)
}

/// Reads a header's opening and first key from just after its first `[`; the rest of the
/// header is left to the caller (its brackets close nothing it counts).
fn header(src: &str, tokens: &mut Lexer<'_>) -> Header {
    let mut array = false;
    let mut first = None;
    for token in tokens.by_ref() {
        let text = &src[token.span().start()..token.span().end()];
        match token.kind() {
            TokenKind::LeftSquareBracket if !array && first.is_none() => array = true,
            TokenKind::Whitespace => {}
            TokenKind::Atom if first.is_none() => first = Some(text == "talks"),
            TokenKind::BasicString | TokenKind::LiteralString if first.is_none() => {
                let inner = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
                if inner == "talks" || inner.contains('\\') {
                    return Header::Unclear;
                }
                first = Some(false);
            }
            TokenKind::MlBasicString | TokenKind::MlLiteralString => return Header::Unclear,
            TokenKind::Dot if first == Some(true) => return Header::TalkPart,
            TokenKind::RightSquareBracket if first == Some(true) && array => return Header::Talk,
            // `[talks]` is another table here: the rest then defines `talks`, and a file that
            // also has `[[talks]]` is checked whole (where it is an error).
            _ => return Header::Other,
        }
    }
    Header::Other
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
            self.diagnostics.truncate(mark.0);
            (self.kept, self.suppressed) = (mark.1, mark.2);
            self.pieces.clear();
        }
        parts
    }

    fn try_sections(&mut self, sections: &[Range<usize>]) -> Result<Option<Parts>, NotSplit> {
        let src = self.src;
        let (rest, pieces) = rest(src, sections);
        let (root, errors) = DeTable::parse_recoverable(&rest);
        let root = root.into_inner();
        if !errors.is_empty() || find(&root, "talks").is_some() {
            return Err(NotSplit);
        }
        self.pieces = pieces;
        let (info, tz) = self.head(&root);
        drop(root);
        drop(rest);
        let mut list = TalkList::with_capacity(sections.len());
        for (index, section) in sections.iter().enumerate() {
            let (tree, errors) = DeTable::parse_recoverable(&src[section.clone()]);
            let tree = tree.into_inner();
            let mut entries = tree.iter();
            let item = match (entries.next(), entries.next(), errors.is_empty()) {
                (Some((key, value)), None, true) if key.get_ref() == "talks" => {
                    match value.get_ref().as_array().map(|a| &a[..]) {
                        Some([item]) => item,
                        _ => return Err(NotSplit),
                    }
                }
                _ => return Err(NotSplit),
            };
            self.pieces.clear();
            self.pieces.push((0, section.start));
            self.talk_item(&mut list, index, item, tz.as_ref());
        }
        self.pieces.clear();
        Ok(self.finish(info, Some(list)))
    }
}

#[cfg(test)]
#[path = "sections_tests.rs"]
mod tests;
