//! The `i` overlay: what the program file says about itself (title, subtitle, venue, date,
//! web page, description) and how many talks, speakers and days it has.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::action::Command;
use crate::app::Viewport;
use crate::context::AppContext;
use crate::numbers::thousands;
use crate::program::Program;
use crate::theme::Theme;

/// Where the overlay goes inside `body`: up to 72 columns wide, as tall as the body allows.
pub fn area(body: Rect) -> Rect {
    let [area] = Layout::horizontal([Constraint::Length(72)])
        .flex(Flex::Center)
        .areas(body);
    area
}

/// The text, wrapped to `width` columns.
pub fn lines(program: &Program, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let info = &program.info;
    let mut lines = Vec::new();
    let push = |text: &str, style, lines: &mut Vec<Line<'static>>| {
        for row in textwrap::wrap(text, width) {
            lines.push(Line::styled(row.into_owned(), style));
        }
    };
    push(&info.title, theme.title, &mut lines);
    if let Some(subtitle) = &info.subtitle {
        push(subtitle, theme.label, &mut lines);
    }
    lines.push(Line::default());
    for (label, value) in [
        ("Venue", &info.venue),
        ("Date", &info.date),
        ("Web", &info.url),
    ] {
        if let Some(value) = value {
            push(
                &format!("{label:<6}{value}"),
                ratatui::style::Style::new(),
                &mut lines,
            );
        }
    }
    let speakers: BTreeSet<&str> = program
        .talks
        .iter()
        .flat_map(|t| t.speakers.iter().map(|s| s.name.as_str()))
        .collect();
    let days: BTreeSet<_> = (0..program.talks.len())
        .filter_map(|i| program.conference_day(i))
        .collect();
    let mut counts = format!(
        "{} talks, {} speakers",
        thousands(program.talks.len()),
        thousands(speakers.len())
    );
    if !days.is_empty() {
        let _ = write!(counts, ", {} days", thousands(days.len()));
    }
    push(&counts, theme.dim, &mut lines);
    if let Some(description) = &info.description {
        for paragraph in description.split("\n\n") {
            lines.push(Line::default());
            push(paragraph, ratatui::style::Style::new(), &mut lines);
        }
    }
    lines
}

/// The overlay's rows inside `body` and the lines of its text: as tall as its text, up to
/// the body's height less the border.
pub fn viewport(program: &Program, theme: &Theme, body: Rect) -> Viewport {
    let lines = lines(program, theme, text_width(area(body))).len();
    Viewport {
        rows: lines.min(usize::from(body.height.saturating_sub(2))),
        lines,
    }
}

fn text_width(area: Rect) -> u16 {
    area.width.saturating_sub(4)
}

/// The overlay at a scroll position.
pub struct About<'a> {
    pub program: &'a Program,
    pub scroll: usize,
    pub ctx: &'a AppContext,
}

impl Widget for About<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let width = text_width(area(body));
        let all = lines(self.program, &self.ctx.theme, width);
        let height = (all.len() as u16).saturating_add(2);
        let [area] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area(body));
        Clear.render(area, buf);
        let block = Block::bordered()
            .title(" Program ")
            .title_bottom(
                Line::from(Span::raw(super::help::closes(self.ctx, Command::About)))
                    .right_aligned(),
            )
            .border_style(self.ctx.theme.border_focused);
        let inner = block.inner(area).inner(Margin::new(1, 0));
        block.render(area, buf);
        let rows = usize::from(inner.height);
        let scroll = self.scroll.min(all.len().saturating_sub(rows));
        let visible: Vec<Line> = all.into_iter().skip(scroll).take(rows).collect();
        let total = usize::from(height.saturating_sub(2));
        Paragraph::new(visible).render(inner, buf);
        super::scroll::scrollbar(area, total, rows, scroll, buf);
    }
}
