//! The detail pane: everything about the selected talk, wrapped to the pane's width.
//!
//! [`wrap`] builds the whole text once per talk, width, query and zone ([`Wrapped`] keeps it
//! between frames and tells the app how long it is); the widget then copies only the visible
//! lines.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::app::{App, DetailKey, Focus, TextFacts};
use crate::theme::Theme;
use std::fmt::Write as _;

use jiff::tz::TimeZone;

use super::text::{highlight, plain};
use crate::program::{Program, TalkIx};
use crate::search::Query;

/// The text area inside the detail pane: inside the border, less a column for the scrollbar.
pub fn text_area(pane: Rect) -> Rect {
    let inner = Block::bordered().inner(pane).inner(Margin::new(1, 0));
    Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    }
}

/// Appends `text` wrapped to `width`, every line in `style`, the first line after `prefix`.
fn push_wrapped(
    lines: &mut Vec<Line<'static>>,
    prefix: Option<(&str, Style)>,
    text: &str,
    style: Style,
    width: usize,
) {
    let indent = prefix.map_or(0, |(p, _)| p.chars().count());
    let blank = " ".repeat(indent);
    let mut options = textwrap::Options::new(width)
        .initial_indent(&blank)
        .subsequent_indent(&blank);
    if prefix.is_some() {
        // Labelled fields hold names, places and links: break them only at spaces, not
        // inside a link after a hyphen or a slash. (A link wider than the pane is still cut.)
        options = options
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
    }
    for (i, row) in textwrap::wrap(text, options).into_iter().enumerate() {
        let mut spans = Vec::new();
        let body = match (i, prefix) {
            (0, Some((p, prefix_style))) => {
                spans.push(Span::styled(p.to_owned(), prefix_style));
                row.get(indent..).unwrap_or("").to_owned()
            }
            _ => row.into_owned(),
        };
        spans.push(Span::styled(body, style));
        lines.push(Line::from(spans));
    }
}

fn push_paragraphs(lines: &mut Vec<Line<'static>>, text: &str, width: usize) {
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        for (indent, hang, line) in kept_lines(paragraph, width) {
            let (first, rest) = (" ".repeat(indent), " ".repeat(hang));
            let options = textwrap::Options::new(width)
                .initial_indent(&first)
                .subsequent_indent(&rest);
            for row in textwrap::wrap(line, options) {
                lines.push(Line::from(row.into_owned()));
            }
        }
    }
}

/// The lines a paragraph keeps (list items, code: see [`crate::sanitize::text`]), each as its
/// indentation, the indentation its wrapped rows hang at (under the text of a list item, after
/// its marker), and its text. Both are held to half the width, so every row has room.
fn kept_lines(paragraph: &str, width: usize) -> impl Iterator<Item = (usize, usize, &str)> {
    paragraph.split('\n').map(move |line| {
        let text = line.trim_start_matches(' ');
        let indent = line.len() - text.len();
        let marker = if crate::sanitize::list_marker(text) {
            text.find([' ', '\t'])
                .map_or(0, |space| text[..space].chars().count() + 1)
        } else {
            0
        };
        let most = width / 2;
        (indent.min(most), (indent + marker).min(most), text)
    })
}

/// A labelled line: `Speaker Ada Lovelace · ETH`, wrapped under its label.
fn push_field(
    lines: &mut Vec<Line<'static>>,
    theme: &Theme,
    label: &str,
    text: &str,
    style: Style,
    width: usize,
) {
    push_wrapped(lines, Some((label, theme.label)), text, style, width);
}

/// `50 min`, `1 h 30 min`.
fn minutes(duration: jiff::SignedDuration) -> String {
    let total = duration.as_secs() / 60;
    match (total / 60, total % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The schedule lines of a talk: when (day, time range, duration) and where.
fn push_schedule(
    lines: &mut Vec<Line<'static>>,
    theme: &Theme,
    program: &Program,
    index: usize,
    zone: Option<&TimeZone>,
    width: usize,
) {
    let talk = &program.talks[index];
    if let Some(start) = &talk.start {
        let tz = zone.cloned().unwrap_or_else(|| program.zone_for(start));
        let local = start.with_time_zone(tz);
        // The calendar date goes with the time shown; a talk after midnight that belongs to
        // the conference day before says so.
        let mut when = local.strftime("%A %Y-%m-%d, %H:%M").to_string();
        if let Some(end) = talk.end() {
            let end = end.with_time_zone(local.time_zone().clone());
            let _ = write!(when, "–{}", end.strftime("%H:%M"));
        }
        if let Some(duration) = talk.duration {
            let _ = write!(when, " ({})", minutes(duration));
        }
        if let Some(day) = program.conference_day(index)
            && day != local.date()
            && zone.is_none()
        {
            let _ = write!(when, ", the night of {}", day.strftime("%A %Y-%m-%d"));
        }
        push_field(lines, theme, "When    ", &when, Style::new(), width);
    } else if let Some(duration) = talk.duration {
        push_field(
            lines,
            theme,
            "Length  ",
            &minutes(duration),
            Style::new(),
            width,
        );
    }
    let mut place = Vec::new();
    if let Some(room) = &talk.room {
        place.push(room.clone());
    }
    if let Some(track) = &talk.track {
        place.push(format!("track {track}"));
    }
    if let Some(language) = &talk.language {
        place.push(format!("language {language}"));
    }
    if !place.is_empty() {
        push_field(
            lines,
            theme,
            "Where   ",
            &place.join(" · "),
            Style::new(),
            width,
        );
    }
}

/// The detail text of talk `index`, wrapped to `width` columns, with the query's matches
/// highlighted; and the numbers of the lines that hold a match. Times show in `zone`, or in
/// the program's zone when `None`.
pub fn wrap(
    program: &Program,
    theme: &Theme,
    talk: Option<TalkIx>,
    width: u16,
    query: &Query,
    zone: Option<&TimeZone>,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let width = usize::from(width);
    let mut lines = Vec::new();
    let Some((index, talk)) = talk.and_then(|ix| Some((ix.index(), program.get(ix)?))) else {
        return (lines, Vec::new());
    };
    if width == 0 {
        return (lines, Vec::new());
    }
    push_wrapped(&mut lines, None, &talk.title, theme.title, width);
    if let Some(subtitle) = &talk.subtitle {
        push_wrapped(&mut lines, None, subtitle, theme.label, width);
    }
    if let Some(kind) = &talk.kind {
        push_wrapped(&mut lines, None, kind, theme.label, width);
    }
    lines.push(Line::default());
    push_schedule(&mut lines, theme, program, index, zone, width);
    for speaker in &talk.speakers {
        let who = match &speaker.affiliation {
            Some(affiliation) => format!("{} · {affiliation}", speaker.name),
            None => speaker.name.clone(),
        };
        push_field(&mut lines, theme, "Speaker ", &who, Style::new(), width);
    }
    match &talk.slides {
        Some(slides) => push_field(&mut lines, theme, "Slides  ", slides, Style::new(), width),
        None => push_field(
            &mut lines,
            theme,
            "Slides  ",
            "no slides",
            theme.missing,
            width,
        ),
    }
    if !talk.tags.is_empty() {
        push_field(
            &mut lines,
            theme,
            "Tags    ",
            &talk.tags.join(", "),
            Style::new(),
            width,
        );
    }
    for link in &talk.links {
        push_field(
            &mut lines,
            theme,
            "Link    ",
            &format!("{}: {}", link.label, link.url),
            Style::new(),
            width,
        );
    }
    // Title, names and the other short fields end here: the search matches them fuzzily too.
    let short_lines = lines.len();
    if let Some(text) = &talk.abstract_text {
        lines.push(Line::default());
        lines.push(Line::styled("Abstract", theme.heading));
        push_paragraphs(&mut lines, text, width);
    }
    for speaker in &talk.speakers {
        if let Some(bio) = &speaker.bio {
            lines.push(Line::default());
            push_wrapped(
                &mut lines,
                None,
                &format!("About {}", speaker.name),
                theme.heading,
                width,
            );
            push_paragraphs(&mut lines, bio, width);
        }
    }
    let mut matches = Vec::new();
    if !query.is_empty() {
        for (n, line) in lines.iter_mut().enumerate() {
            let ranges = crate::search::highlights(&plain(line), query, n < short_lines);
            if !ranges.is_empty() {
                matches.push(n);
                *line = highlight(std::mem::take(line), &ranges, theme.highlight);
            }
        }
    }
    (lines, matches)
}

/// The detail text of the talk shown, kept between frames: wrapped again only when the
/// talk, the width, the query or the zone changes.
#[derive(Debug, Default)]
pub struct Wrapped {
    key: Option<(DetailKey, u16)>,
    /// The query whose matches are highlighted: the search generation changes with the
    /// filters too, and those leave the text alone.
    query: Query,
    lines: Vec<Line<'static>>,
    /// The lines with a match, for `n` and `N`.
    matches: Vec<usize>,
    /// The version of the program the text is of (a refresh replaces the program).
    version: u64,
}

impl Wrapped {
    /// Wraps the text of the app's selected talk to `width`, unless it already is, and
    /// returns what the app needs to know of it.
    pub fn prepare(&mut self, app: &App, theme: &Theme, width: u16) -> TextFacts {
        let key = app.detail_key();
        let query = &app.search.query;
        let same = self
            .key
            .is_some_and(|(k, w)| w == width && k.talk == key.talk && k.local == key.local)
            && self.query == *query
            && self.version == app.live.version;
        if !same {
            let (lines, matches) = wrap(
                &app.program,
                theme,
                key.talk,
                width,
                query,
                app.display_zone(),
            );
            self.lines = lines;
            self.matches = matches;
            self.query = query.clone();
            self.version = app.live.version;
        }
        self.key = Some((key, width));
        TextFacts {
            key,
            lines: self.lines.len(),
            matches: self.matches.clone(),
        }
    }

    pub fn lines(&self) -> &[Line<'static>] {
        &self.lines
    }
}

/// The detail pane, borrowing what it draws.
pub struct TalkDetail<'a> {
    app: &'a App,
    lines: &'a [Line<'static>],
    theme: &'a Theme,
}

impl<'a> TalkDetail<'a> {
    /// The pane for `app`, showing `lines` (the selected talk's text, as [`Wrapped`] made it).
    pub fn new(app: &'a App, lines: &'a [Line<'static>], theme: &'a Theme) -> TalkDetail<'a> {
        TalkDetail { app, lines, theme }
    }
}

impl Widget for TalkDetail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let focused = self.app.focus == Focus::Detail && self.app.overlay.is_none();
        Block::bordered()
            .title(" Talk ")
            .border_style(if focused {
                theme.border_focused
            } else {
                theme.border
            })
            .render(area, buf);
        let text = text_area(area);
        let lines = self.lines;
        let height = usize::from(text.height);
        let scroll = self.app.detail.scroll.min(lines.len());
        let visible: Vec<Line> = lines.iter().skip(scroll).take(height).cloned().collect();
        Paragraph::new(visible).render(text, buf);
        super::scroll::scrollbar(area, lines.len(), height, scroll, buf);
    }
}
