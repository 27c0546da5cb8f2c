//! The detail pane: everything about the selected talk, wrapped to the pane's width.
//!
//! [`wrap`] builds the whole text once per talk, width, query and zone ([`Wrapped`] keeps it
//! between frames and tells the app how long it is); the widget then copies only the visible
//! lines. The pane's top border says whether the talk is picked (`★ starred`, `☆ maybe`) and
//! which starred talk it clashes with.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::app::{App, DetailKey, Focus, TextFacts};
use crate::theme::Theme;
use std::fmt::Write as _;
use std::ops::Range;
use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

use jiff::tz::TimeZone;

use super::links_view::number;
use super::text::{highlight, plain};
use crate::links::Kind;
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
///
/// Labelled fields hold names, places and links: they break only at spaces, never inside a
/// link after a hyphen or a slash. A word too long for the room beside the label (a long
/// link) goes on lines of its own from the left edge, cut into whole lines of `width`
/// columns, so no character of it is lost.
fn push_wrapped(
    lines: &mut Vec<Line<'static>>,
    prefix: Option<(&str, Style)>,
    text: &str,
    style: Style,
    width: usize,
) {
    let Some((label, label_style)) = prefix else {
        for row in textwrap::wrap(text, width) {
            lines.push(Line::styled(row.into_owned(), style));
        }
        return;
    };
    let indent = label.width();
    let blank = " ".repeat(indent);
    let options = textwrap::Options::new(width)
        .initial_indent(&blank)
        .subsequent_indent(&blank)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    for (i, row) in textwrap::wrap(text, options).into_iter().enumerate() {
        let body = row.get(indent..).unwrap_or("").to_owned();
        let lead = if i == 0 {
            Span::styled(label.to_owned(), label_style)
        } else {
            Span::raw(blank.clone())
        };
        if indent + body.width() <= width {
            lines.push(Line::from(vec![lead, Span::styled(body, style)]));
            continue;
        }
        if i == 0 {
            lines.push(Line::from(lead));
        }
        for piece in cut_to_width(&body, width) {
            lines.push(Line::styled(piece, style));
        }
    }
}

/// `text` cut into pieces of at most `width` columns (at least one character each).
fn cut_to_width(text: &str, width: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width && used > 0 {
            pieces.push(String::new());
            used = 0;
        }
        pieces.last_mut().expect("a piece").push(c);
        used += w;
    }
    pieces
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

/// The slides, the tags and the other links of a talk. Every link shows the number `u` opens
/// it by, from [`crate::links::of`] as the links list numbers them.
fn push_links_and_tags(
    lines: &mut Vec<Line<'static>>,
    theme: &Theme,
    program: &Program,
    talk: &crate::program::Talk,
    width: usize,
) {
    let all = crate::links::of(program, talk);
    let numbered = |i: usize, link: &crate::links::TalkLink| {
        let shown = match link.kind {
            Kind::Slides | Kind::ProgramPage => link.target.clone(),
            Kind::Link | Kind::TalkPage => link.line(),
        };
        format!("{}{shown}", number(i + 1))
    };
    match all.first().filter(|l| l.kind == Kind::Slides) {
        Some(slides) => push_field(
            lines,
            theme,
            "Slides  ",
            &numbered(0, slides),
            Style::new(),
            width,
        ),
        None => push_field(lines, theme, "Slides  ", "no slides", theme.missing, width),
    }
    if !talk.tags.is_empty() {
        push_field(
            lines,
            theme,
            "Tags    ",
            &talk.tags.join(", "),
            Style::new(),
            width,
        );
    }
    for (i, link) in all.iter().enumerate() {
        let label = match link.kind {
            Kind::Slides => continue,
            Kind::Link | Kind::TalkPage => "Link    ",
            Kind::ProgramPage => "Program ",
        };
        push_field(lines, theme, label, &numbered(i, link), Style::new(), width);
    }
}

/// Every match in a wrapped text: its line and the byte range in that line's text.
pub type Matches = Vec<(usize, Range<usize>)>;

/// The detail text of talk `index`, wrapped to `width` columns, with the query's matches
/// highlighted; and every match, in order. Times show in `zone`, or in the program's zone
/// when `None`.
pub fn wrap(
    program: &Program,
    theme: &Theme,
    talk: Option<TalkIx>,
    width: u16,
    query: &Query,
    zone: Option<&TimeZone>,
) -> (Vec<Line<'static>>, Matches) {
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
    push_links_and_tags(&mut lines, theme, program, talk, width);
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
                *line = highlight(std::mem::take(line), &ranges, theme.highlight);
                matches.extend(words(&plain(line), ranges).into_iter().map(|r| (n, r)));
            }
        }
    }
    (lines, matches)
}

/// Highlighted ranges joined where only letters stand between them: a fuzzy match of one
/// word (`Manohara`·`jah`) is one match for `n` and `N` to count.
fn words(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match joined.last_mut() {
            Some(last)
                if last.end <= range.start
                    && !text
                        .get(last.end..range.start)
                        .is_none_or(|gap| gap.chars().any(char::is_whitespace)) =>
            {
                last.end = range.end;
            }
            _ => joined.push(range),
        }
    }
    joined
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
    /// Every match, for `n` and `N` and the current match's highlight.
    matches: Matches,
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
            matches: self.matches.iter().map(|(line, _)| *line).collect(),
        }
    }

    pub fn lines(&self) -> &[Line<'static>] {
        &self.lines
    }

    /// Match `k` (as `n`/`N` count them): its line and byte range.
    pub fn match_at(&self, k: usize) -> Option<(usize, Range<usize>)> {
        self.matches.get(k).cloned()
    }
}

/// The detail pane, borrowing what it draws.
pub struct TalkDetail<'a> {
    app: &'a App,
    text: &'a Wrapped,
    theme: &'a Theme,
}

impl<'a> TalkDetail<'a> {
    /// The pane for `app`, showing `text` (the selected talk's text, as [`Wrapped`] made it).
    pub fn new(app: &'a App, text: &'a Wrapped, theme: &'a Theme) -> TalkDetail<'a> {
        TalkDetail { app, text, theme }
    }
}

/// ` ★ starred ` or ` ☆ maybe `, and ` ! clashes with TITLE `, for the top border: kept out
/// of the wrapped text, so a pick changes no line of it.
fn pick_title(app: &App, theme: &Theme) -> Option<Line<'static>> {
    let i = app.selected_index()?.index();
    let mut spans = Vec::new();
    match app.agenda.mark(&app.program, i) {
        Some(crate::agenda::Mark::Star) => spans.push(Span::styled(" ★ starred ", theme.pick)),
        Some(crate::agenda::Mark::Maybe) => spans.push(Span::styled(" ☆ maybe ", theme.pick)),
        None => {}
    }
    if let Some(other) = app.agenda.clash(&app.program, i) {
        let title = &app.program.talks[other].title;
        spans.push(Span::styled(
            format!(" ! clashes with {title} "),
            theme.clash,
        ));
    }
    (!spans.is_empty()).then(|| Line::from(spans).right_aligned())
}

impl Widget for TalkDetail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let focused = self.app.focus == Focus::Detail && self.app.overlay.is_none();
        let mut block = Block::bordered();
        if let Some(picked) = pick_title(self.app, theme) {
            // Room for the corners and ` Talk ` on the left, and a column between them.
            let room = usize::from(area.width).saturating_sub(9);
            block = block.title(Line::from(super::text::fit(picked.spans, room)).right_aligned());
        }
        block
            .title(" Talk ")
            .border_style(if focused {
                theme.border_focused
            } else {
                theme.border
            })
            .render(area, buf);
        let text = text_area(area);
        let lines = self.text.lines();
        let height = usize::from(text.height);
        let scroll = self.app.detail.scroll.min(lines.len());
        let mut visible: Vec<Line> = lines.iter().skip(scroll).take(height).cloned().collect();
        // The match `n`/`N` moved to stands out from the others.
        if let Some((line, range)) = self.app.current_match().and_then(|k| self.text.match_at(k))
            && let Some(shown) = line.checked_sub(scroll).and_then(|i| visible.get_mut(i))
        {
            *shown = highlight(std::mem::take(shown), &[range], theme.current_match);
        }
        Paragraph::new(visible).render(text, buf);
        super::scroll::scrollbar(area, lines.len(), height, scroll, buf);
    }
}
