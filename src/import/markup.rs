//! Abstracts, descriptions and biographies as schedules write them (HTML in FOSDEM's,
//! Markdown in pretalx's and wafer's, plain text in calendars) turned into Lectern's text:
//! paragraphs separated by a blank line, no tags, entities decoded, list items and line breaks
//! as paragraphs of their own, links kept as `text (url)`.
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
    let mut paragraphs = Vec::new();
    for line in lines {
        let mut out = String::new();
        let mut link: Option<(String, usize)> = None;
        for piece in line.tagged_strings() {
            let url = piece.tag.iter().flatten().next();
            if link.as_ref().map(|(u, _)| u) != url {
                close_link(&mut out, link.take());
                link = url.map(|u| (u.clone(), out.len()));
            }
            out.push_str(&piece.s);
        }
        close_link(&mut out, link);
        // A horizontal rule renders as a line of box-drawing characters.
        if !out.trim().is_empty() && !out.chars().all(|c| matches!(c, '─' | '━' | '═' | ' '))
        {
            paragraphs.push(out);
        }
    }
    paragraphs
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

/// The `html2text` decorator that adds no markup: links carry their target as the annotation.
#[derive(Clone, Copy)]
struct Plain;

impl TextDecorator for Plain {
    type Annotation = Option<String>;

    fn decorate_link_start(&mut self, url: &str) -> (String, Self::Annotation) {
        (String::new(), Some(url.to_owned()))
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
        None
    }
    fn decorate_preformat_cont(&self) -> Self::Annotation {
        None
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
        "* ".to_owned()
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }
    fn make_subblock_decorator(&self) -> Self {
        Plain
    }
}

/// Walks the Markdown events: blocks and list items become paragraphs, soft breaks spaces,
/// links `text (url)`; raw HTML blocks go through the HTML renderer, inline tags are dropped.
fn markdown_paragraphs(raw: &str) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    // Open lists: the next number of an ordered one, `None` for a bulleted one.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut links: Vec<(String, usize)> = Vec::new();
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        if !current.trim().is_empty() {
            paragraphs.push(std::mem::take(current));
        }
        current.clear();
    };
    for event in Parser::new(raw) {
        match event {
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut paragraphs);
                match lists.last_mut() {
                    Some(Some(n)) => {
                        let _ = write!(current, "{n}. ");
                        *n += 1;
                    }
                    _ => current.push_str("* "),
                }
            }
            Event::Start(Tag::List(first)) => {
                flush(&mut current, &mut paragraphs);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut paragraphs);
                lists.pop();
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push((dest_url.into_string(), current.len()));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => close_link(&mut current, links.pop()),
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::CodeBlock(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::Item,
            )
            | Event::HardBreak
            | Event::Rule => flush(&mut current, &mut paragraphs),
            Event::Text(text) => {
                // Code blocks keep their lines; elsewhere text has no line breaks.
                let mut pieces = text.split('\n');
                current.push_str(pieces.next().unwrap_or(""));
                for piece in pieces {
                    flush(&mut current, &mut paragraphs);
                    current.push_str(piece);
                }
            }
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
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_paragraphs() {
        let cases = [
            (
                "<p>Q&amp;A &lt;here&gt; &eacute;t&eacute;</p>",
                "Q&A <here> été",
            ),
            ("<p>One.</p>\n<p>Two.</p>", "One.\n\nTwo."),
            (
                "<p>See <a href=\"https://fuss.bz.it\">the project</a>.</p>",
                "See the project (https://fuss.bz.it).",
            ),
            (
                "<p>Site: <a href=\"https://fuss.bz.it/\">https://fuss.bz.it</a></p>",
                "Site: https://fuss.bz.it",
            ),
            (
                "<p>Mail <a href=\"mailto:a@b.org\">a@b.org</a></p>",
                "Mail a@b.org",
            ),
            (
                "<p>Points:</p><ul><li>one <b>bold</b></li><li>two</li></ul>",
                "Points:\n\n* one bold\n\n* two",
            ),
            (
                "<ol><li>first</li><li>second</li></ol>",
                "1. first\n\n2. second",
            ),
            (
                "<h2>Heading</h2><p>line<br>break</p>",
                "Heading\n\nline\n\nbreak",
            ),
            ("<p>a</p><hr><p>b</p>", "a\n\nb"),
            // The HTML parser drops control characters; the sanitizer would show them.
            ("<p>\u{1b}[31mred</p>", "[31mred"),
            ("<div><script>x</script></div>", ""),
        ];
        for (html, expected) in cases {
            assert_eq!(to_text(html), expected, "{html}");
        }
    }

    #[test]
    fn markdown_and_plain_text() {
        let cases = [
            (
                "Plain text.\nSame paragraph.\n\nNext one.",
                "Plain text. Same paragraph.\n\nNext one.",
            ),
            (
                "This session will:\n\n- Explain\n- Validate\n\nDone.",
                "This session will:\n\n* Explain\n\n* Validate\n\nDone.",
            ),
            ("1. first\n2. second", "1. first\n\n2. second"),
            (
                "A [link](https://x.org/a) and <https://y.org>.",
                "A link (https://x.org/a) and https://y.org.",
            ),
            (
                "Xen war <i>die</i> Plattform\\, oder?\n\nJa.",
                "Xen war die Plattform, oder?\n\nJa.",
            ),
            ("esc \u{1b}[2J here", "esc \u{241b}[2J here"),
            (
                "# Title\n\n**Strong** and `code` &amp; more",
                "Title\n\nStrong and code & more",
            ),
            ("```\nline 1\nline 2\n```", "line 1\n\nline 2"),
            ("   \n\n  ", ""),
        ];
        for (markdown, expected) in cases {
            assert_eq!(to_text(markdown), expected, "{markdown}");
        }
    }

    #[test]
    fn long_and_deeply_nested_text_is_cut() {
        let long = "word ".repeat(20_000);
        let text = to_text(&long);
        assert!(text.ends_with("word […]"), "{}", &text[text.len() - 20..]);
        assert!(text.len() < MAX_TEXT + 10);
        // Deep nesting never reaches the renderer (whose time grows with the depth): the
        // field is kept as plain text.
        let deep = format!(
            "<p>{}x{}</p>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let mut budget = Budget::default();
        assert_eq!(field(&deep, Format::Pentabarf, &mut budget), "[…]");
        let deep_text = format!("<ul><li>{}deep</li></ul>", "<div>".repeat(40));
        assert_eq!(field(&deep_text, Format::FrabJson, &mut budget), "deep");
        assert_eq!(budget.too_deep, 2);
    }

    #[test]
    fn html_in_plain_text_is_told_from_plain_text() {
        let ampersands = "& ".repeat(10_000);
        let cases = [
            ("<i>x</i>", true),
            ("<a href=\"https://x.org\">x</a>", true),
            ("</ul>", true),
            ("Q&amp;A", true),
            ("&#8217; and &#x2019;", true),
            ("&eacute;t&eacute;", true),
            ("a < b and c > d", false),
            ("<marquee>", false),
            ("AT&T, R&D; &; &#; &#x; &a;", false),
            (ampersands.as_str(), false),
        ];
        for (text, html) in cases {
            assert_eq!(has_html(text), html, "{text}");
        }
    }

    #[test]
    fn line_breaks_become_br_except_next_to_blocks() {
        let cases = [
            ("a\nb", "a<br>\nb"),
            ("a\r\n\r\n  b\rc", "a<br>\nb<br>\nc"),
            (
                "x:\n<ul>\n <li>1</li>\n\n <li>2\n</li>\n</ul>\ny",
                "x:\n<ul>\n<li>1</li>\n<li>2\n</li>\n</ul>\ny",
            ),
            ("<i>a</i>\n<b>b</b>", "<i>a</i><br>\n<b>b</b>"),
        ];
        for (text, html) in cases {
            assert_eq!(breaks_as_html(text), html, "{text:?}");
        }
    }

    #[test]
    fn plain_text_keeps_every_line() {
        let cases = [
            ("one\ntwo\n\n\nthree", "one\n\ntwo\n\nthree"),
            ("    indented\n\tcode", "indented\n\ncode"),
            ("- a\n- b", "- a\n\n- b"),
            ("esc \u{1b}[2J", "esc \u{241b}[2J"),
            ("<p>One</p>\n<p>Two</p>", "One\n\nTwo"),
            ("line<br>\nnext", "line\n\nnext"),
            (" \n\r\n ", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(plain_to_text(text), expected, "{text:?}");
        }
        let long = "word\n".repeat(20_000);
        assert!(plain_to_text(&long).ends_with("word\n\nword […]"));
    }

    #[test]
    fn block_html_is_told_from_inline_tags() {
        let cases = [
            ("<p>x</p>", true),
            ("a<br/>b", true),
            ("<BR>", true),
            ("<i>x</i> and <b>y</b>", false),
            ("a < b and <pre", false),
            ("<para>", false),
        ];
        for (text, block) in cases {
            assert_eq!(has_block_html(text), block, "{text}");
        }
    }
}
