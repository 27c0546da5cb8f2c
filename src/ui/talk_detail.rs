//! The detail pane: everything about the selected talk, wrapped to the pane's width.
//!
//! [`wrap`] builds the whole text once per talk and width (the app caches it); the widget then
//! copies only the visible lines.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::theme;
use crate::app::{App, Focus};
use crate::program::Talk;

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
    let options = textwrap::Options::new(width)
        .initial_indent(&blank)
        .subsequent_indent(&blank);
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
        push_wrapped(lines, None, paragraph, Style::new(), width);
    }
}

/// The talk's detail text, wrapped to `width` columns.
pub fn wrap(talk: &Talk, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    push_wrapped(&mut lines, None, &talk.title, theme::TITLE, width);
    if let Some(kind) = &talk.kind {
        push_wrapped(&mut lines, None, kind, theme::LABEL, width);
    }
    lines.push(Line::default());
    for speaker in &talk.speakers {
        let who = match &speaker.affiliation {
            Some(affiliation) => format!("{} · {affiliation}", speaker.name),
            None => speaker.name.clone(),
        };
        push_wrapped(
            &mut lines,
            Some(("Speaker ", theme::LABEL)),
            &who,
            Style::new(),
            width,
        );
    }
    match &talk.slides {
        Some(slides) => {
            push_wrapped(
                &mut lines,
                Some(("Slides  ", theme::LABEL)),
                slides,
                Style::new(),
                width,
            );
        }
        None => {
            push_wrapped(
                &mut lines,
                Some(("Slides  ", theme::LABEL)),
                "no slides",
                theme::MISSING,
                width,
            );
        }
    }
    if !talk.tags.is_empty() {
        push_wrapped(
            &mut lines,
            Some(("Tags    ", theme::LABEL)),
            &talk.tags.join(", "),
            Style::new(),
            width,
        );
    }
    if let Some(text) = &talk.abstract_text {
        lines.push(Line::default());
        lines.push(Line::styled("Abstract", theme::HEADING));
        push_paragraphs(&mut lines, text, width);
    }
    for speaker in &talk.speakers {
        if let Some(bio) = &speaker.bio {
            lines.push(Line::default());
            push_wrapped(
                &mut lines,
                None,
                &format!("About {}", speaker.name),
                theme::HEADING,
                width,
            );
            push_paragraphs(&mut lines, bio, width);
        }
    }
    lines
}

/// The detail pane, borrowing what it draws.
pub struct TalkDetail<'a> {
    app: &'a App,
}

impl<'a> TalkDetail<'a> {
    pub fn new(app: &'a App) -> TalkDetail<'a> {
        TalkDetail { app }
    }
}

impl Widget for TalkDetail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let focused = self.app.focus == Focus::Detail && self.app.overlay.is_none();
        Block::bordered()
            .title(" Talk ")
            .border_style(if focused {
                theme::BORDER_FOCUSED
            } else {
                theme::BORDER
            })
            .render(area, buf);
        let text = text_area(area);
        let lines = self.app.cached_detail_lines();
        let height = usize::from(text.height);
        let scroll = self.app.detail.scroll.min(lines.len());
        let visible: Vec<Line> = lines.iter().skip(scroll).take(height).cloned().collect();
        Paragraph::new(visible).render(text, buf);
        if lines.len() > height {
            let mut state = ScrollbarState::new(lines.len().saturating_sub(height))
                .position(scroll)
                .viewport_content_length(height);
            Scrollbar::new(ScrollbarOrientation::VerticalRight).render(
                area.inner(Margin::new(0, 1)),
                buf,
                &mut state,
            );
        }
    }
}
