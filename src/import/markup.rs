//! Abstracts, descriptions and biographies as schedules write them (HTML in FOSDEM's,
//! Markdown in pretalx's and wafer's, plain text in calendars) turned into Lectern's text:
//! paragraphs separated by a blank line, no tags, entities decoded, line breaks as paragraphs
//! of their own, links kept as `text (url)`. A list is one paragraph of `- item` lines, nested
//! items indented two spaces a level, and code (`<pre>`, Markdown code blocks) is indented four
//! spaces: the lines the program file's text rule keeps (see [`crate::sanitize::text`]).
//!
//! HTML goes through `html2text` (on `html5ever`), with a decorator of our own so nothing of
//! the markup shows. The text of XML and JSON schedules that has no HTML block tags goes
//! through `pulldown-cmark`, which leaves plain text as it is and drops the inline tags some
//! Markdown carries. iCalendar text is plain text (RFC 5545): every line is a paragraph, and a
//! calendar that puts HTML in it has it rendered with its line breaks kept.

use std::fmt::Write as _;

use html2text::render::TextDecorator;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::Format;
use super::html_cost::Budget;
use crate::sanitize;

/// The longest text field converted, in bytes; the rest is cut off. Real abstracts are a few
/// kilobytes, and the HTML renderer takes time quadratic in the nesting depth, so a hostile
/// field of deeply nested tags must stay small.
pub const MAX_TEXT: usize = 64 * 1024;

/// Readable text from a text field of a schedule in `format`, sanitized; empty when there is
/// nothing to read. HTML that would cost too much to convert (see [`Budget`]) is kept as
/// plain text.
pub fn field(raw: &str, format: Format, budget: &mut Budget) -> String {
    if let Some(plain) = budget.plain_if_too_costly(raw) {
        return plain;
    }
    match format {
        Format::Ical => plain_to_text(raw),
        Format::Pentabarf | Format::FrabJson => to_text(raw),
    }
}

/// Readable text from HTML or Markdown (plain text included), sanitized.
pub fn to_text(raw: &str) -> String {
    convert(raw, |raw| {
        if has_block_html(raw) {
            html_paragraphs(raw)
        } else {
            markdown_paragraphs(raw)
        }
    })
}

/// Readable text from plain text whose line breaks are meant (iCalendar's `DESCRIPTION`),
/// sanitized: every non-blank line is a paragraph. Text with HTML tags or entities in it is
/// rendered as HTML, each line break as a `<br>`.
pub fn plain_to_text(raw: &str) -> String {
    convert(raw, |raw| {
        if has_html(raw) {
            html_paragraphs(&breaks_as_html(raw))
        } else {
            raw.split(['\n', '\r'])
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect()
        }
    })
}

/// Cuts `raw` at [`MAX_TEXT`], splits it into paragraphs with `paragraphs` and sanitizes the
/// result.
fn convert(raw: &str, paragraphs: impl FnOnce(&str) -> Vec<String>) -> String {
    if raw.trim().is_empty() {
        return String::new();
    }
    let mut end = raw.len().min(MAX_TEXT);
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    let cut = end < raw.len();
    if cut && let Some(space) = raw[..end].rfind(char::is_whitespace) {
        end = space;
    }
    let paragraphs = paragraphs(&raw[..end]);
    let mut text = sanitize::text(&paragraphs.join("\n\n"));
    if cut {
        text.push_str(if text.is_empty() { "[…]" } else { " […]" });
    }
    text
}

/// HTML block elements.
const BLOCK: &[&str] = &[
    "p",
    "br",
    "div",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "table",
    "tr",
    "dl",
    "hr",
];

/// HTML inline elements and the parts of lists and tables that are not blocks of their own.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "big", "cite", "code", "del", "dd", "dt", "em", "font", "i", "img", "ins",
    "kbd", "mark", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "td", "th", "tt",
    "u",
];

/// HTML block tags decide the format: a text with only inline tags (`<i>`) and blank lines
/// between its paragraphs reads better as Markdown, which keeps those paragraphs.
fn has_block_html(raw: &str) -> bool {
    has_tag(raw, BLOCK)
}

/// Whether plain text carries HTML: a tag of a known element, or a character reference
/// (`&amp;`, `&#8217;`).
fn has_html(raw: &str) -> bool {
    has_tag(raw, BLOCK) || has_tag(raw, INLINE) || has_entity(raw)
}

/// Whether `raw` has a start or end tag of one of the elements `names`.
fn has_tag(raw: &str, names: &[&str]) -> bool {
    let lower = raw.to_ascii_lowercase();
    lower.match_indices('<').any(|(i, _)| {
        let rest = lower[i + 1..].trim_start_matches('/');
        let name_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let after = rest[name_end..].chars().next();
        names.contains(&&rest[..name_end])
            && matches!(after, Some('>' | '/' | ' ' | '\t' | '\n' | '\r'))
    })
}

/// Whether `raw` has a named (`&amp;`) or numeric (`&#39;`, `&#x27;`) character reference.
fn has_entity(raw: &str) -> bool {
    raw.match_indices('&').any(|(i, _)| {
        let rest = &raw[i + 1..];
        let Some(end) = rest
            .char_indices()
            .take(33)
            .find_map(|(i, c)| (c == ';').then_some(i))
        else {
            return false;
        };
        let name = &rest[..end];
        let digits = name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .map_or_else(
                || {
                    name.strip_prefix('#')
                        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                },
                |h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()),
            );
        let named = name.len() >= 2
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.bytes().all(|b| b.is_ascii_alphanumeric());
        digits || named
    })
}

/// Plain text with HTML in it as HTML whose line breaks are `<br>`s. Blank lines are dropped,
/// and a line break next to a block tag (`</li>`, `<ul>`) is left alone: the block breaks the
/// line already, and a `<br>` between list items would be read as an empty one.
fn breaks_as_html(raw: &str) -> String {
    let mut html = String::with_capacity(raw.len() + raw.len() / 8);
    let mut previous: Option<&str> = None;
    for line in raw.split(['\n', '\r']).map(str::trim) {
        if line.is_empty() {
            continue;
        }
        if let Some(previous) = previous {
            let after_block = previous
                .rfind('<')
                .is_some_and(|i| previous.ends_with('>') && has_block_html(&previous[i..]));
            let before_block = line.starts_with('<')
                && has_block_html(&line[..line.find('>').map_or(line.len(), |i| i + 1)]);
            html.push_str(if after_block || before_block {
                "\n"
            } else {
                "<br>\n"
            });
        }
        html.push_str(line);
        previous = Some(line);
    }
    html
}

/// Renders through `html2text` without any decoration, and keeps each non-empty line as a
/// paragraph (the renderer puts list items and `<br>` breaks on lines of their own).
fn html_paragraphs(raw: &str) -> Vec<String> {
    // Wider than any line of the input, so nothing is wrapped.
    let width = raw.chars().count().max(80);
    let rendered = html2text::config::with_decorator(Plain)
        .no_table_borders()
        .allow_width_overflow()
        .lines_from_read(raw.as_bytes(), width);
    // With overflow allowed the renderer has no reason left to fail; if it does, the text is
    // kept as it is (the sanitizer still makes it safe to draw).
    let Ok(lines) = rendered else {
        return vec![raw.to_owned()];
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut previous = Kind::Other;
    for line in lines {
        let mut out = String::new();
        let mut link: Option<(String, usize)> = None;
        let mut pre = false;
        for piece in line.tagged_strings() {
            pre |= piece.tag.iter().flatten().any(|m| *m == Mark::Pre);
            let url = piece.tag.iter().flatten().find_map(|m| match m {
                Mark::Link(url) => Some(url),
                Mark::Pre => None,
            });
            if link.as_ref().map(|(u, _)| u) != url {
                close_link(&mut out, link.take());
                link = url.map(|u| (u.clone(), out.len()));
            }
            out.push_str(&piece.s);
        }
        close_link(&mut out, link);
        // A horizontal rule renders as a line of box-drawing characters.
        if out.trim().is_empty() || out.chars().all(|c| matches!(c, '─' | '━' | '═' | ' ')) {
            previous = Kind::Other;
            continue;
        }
        let kind = if pre {
            out.insert_str(0, CODE_INDENT);
            Kind::Pre
        } else if sanitize::list_marker(out.trim_start())
            || (previous == Kind::List && out.starts_with("  "))
        {
            Kind::List
        } else {
            // Other text is indented only by the blocks it is nested in (`<blockquote>`, `<dd>`).
            out.drain(..out.len() - out.trim_start().len());
            Kind::Other
        };
        match paragraphs.last_mut() {
            Some(last) if kind != Kind::Other && kind == previous => {
                last.push('\n');
                last.push_str(&out);
            }
            _ => paragraphs.push(out),
        }
        previous = kind;
    }
    paragraphs
}

/// What a rendered line of HTML is: lines of one list, and lines of one `<pre>`, stay together
/// in one paragraph, a line each.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    List,
    Pre,
    Other,
}

/// How code (`<pre>`, a Markdown code block) is indented, so that the program file's text rule
/// keeps its lines: every line of it is indented.
const CODE_INDENT: &str = "    ";

/// What the decorator marks in the rendered text: a link and its target, preformatted text.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Mark {
    Link(String),
    Pre,
}

/// Appends ` (url)` after a link's text, unless the text already is the address.
fn close_link(out: &mut String, link: Option<(String, usize)>) {
    let Some((url, start)) = link else {
        return;
    };
    let text = out[start..].trim();
    let bare = |u: &str| {
        u.trim_start_matches("mailto:")
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned()
    };
    if url.is_empty() || url.starts_with('#') || bare(text) == bare(&url) {
        return;
    }
    if text.is_empty() {
        out.push_str(&url);
    } else {
        out.push_str(" (");
        out.push_str(&url);
        out.push(')');
    }
}

/// The `html2text` decorator that adds no markup: links carry their target as the annotation,
/// preformatted text is marked so its lines are kept.
#[derive(Clone, Copy)]
struct Plain;

impl TextDecorator for Plain {
    type Annotation = Option<Mark>;

    fn decorate_link_start(&mut self, url: &str) -> (String, Self::Annotation) {
        (String::new(), Some(Mark::Link(url.to_owned())))
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, Self::Annotation) {
        (String::new(), None)
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, Self::Annotation) {
        (String::new(), None)
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, Self::Annotation) {
        (String::new(), None)
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, Self::Annotation) {
        (String::new(), None)
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) -> Self::Annotation {
        Some(Mark::Pre)
    }
    fn decorate_preformat_cont(&self) -> Self::Annotation {
        Some(Mark::Pre)
    }
    fn decorate_image(&mut self, _src: &str, title: &str) -> (String, Self::Annotation) {
        (title.to_owned(), None)
    }
    fn header_prefix(&self, _level: usize) -> String {
        String::new()
    }
    fn quote_prefix(&self) -> String {
        String::new()
    }
    fn unordered_item_prefix(&self) -> String {
        "- ".to_owned()
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }
    fn make_subblock_decorator(&self) -> Self {
        Plain
    }
}

/// Walks the Markdown events: blocks become paragraphs, soft breaks spaces, links
/// `text (url)`; the items of a list are one paragraph, an item a line (`- item`, `1. item`),
/// indented two spaces per level of nesting; code blocks keep their lines, indented by
/// [`CODE_INDENT`]; raw HTML blocks go through the HTML renderer, inline tags are dropped.
fn markdown_paragraphs(raw: &str) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    // Open lists: the next number of an ordered one, `None` for a bulleted one.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut links: Vec<(String, usize)> = Vec::new();
    let mut code: Option<String> = None; // the indentation of the code block being read
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        if !current.trim().is_empty() {
            paragraphs.push(std::mem::take(current));
        }
        current.clear();
    };
    // Inside a list a block goes on with the item; a new line of it starts with a break.
    let new_line = |current: &mut String, paragraphs: &mut Vec<String>, in_list: bool| {
        if in_list {
            if !current.trim().is_empty() {
                current.push('\n');
            }
        } else {
            flush(current, paragraphs);
        }
    };
    for event in Parser::new(raw) {
        let in_list = !lists.is_empty();
        match event {
            Event::Start(Tag::Item) => {
                new_line(&mut current, &mut paragraphs, true);
                current.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        let _ = write!(current, "{n}. ");
                        *n += 1;
                    }
                    _ => current.push_str("- "),
                }
            }
            Event::Start(Tag::List(first)) => {
                if !in_list {
                    flush(&mut current, &mut paragraphs);
                }
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    flush(&mut current, &mut paragraphs);
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push((dest_url.into_string(), current.len()));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => close_link(&mut current, links.pop()),
            Event::Start(Tag::CodeBlock(_)) => {
                new_line(&mut current, &mut paragraphs, in_list);
                code = Some("  ".repeat(lists.len()) + CODE_INDENT);
            }
            Event::End(TagEnd::CodeBlock) => {
                code = None;
                new_line(&mut current, &mut paragraphs, in_list);
            }
            Event::Text(text) if code.is_some() => {
                let indent = code.as_deref().unwrap_or(CODE_INDENT);
                for line in text.lines() {
                    if !current.is_empty() && !current.ends_with('\n') {
                        current.push('\n');
                    }
                    current.push_str(indent);
                    current.push_str(line);
                }
            }
            // Paragraphs of a list item go on in the item.
            Event::Start(Tag::Paragraph)
            | Event::End(TagEnd::Paragraph | TagEnd::Item)
            | Event::HardBreak
                if in_list =>
            {
                current.push(' ');
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::BlockQuote(_))
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::BlockQuote(_) | TagEnd::Item,
            )
            | Event::HardBreak
            | Event::Rule => flush(&mut current, &mut paragraphs),
            Event::Text(text) => current.push_str(&text),
            Event::Code(code) => current.push_str(&code),
            Event::SoftBreak => current.push(' '),
            Event::Html(html) => {
                flush(&mut current, &mut paragraphs);
                paragraphs.extend(html_paragraphs(&html));
            }
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

#[cfg(test)]
#[path = "markup_tests.rs"]
mod tests;
