//! The `i` overlay: what the program file says about itself (title, subtitle, venue, date,
//! web page, description) and how many talks, speakers and days it has.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::action::Command;
use crate::app::Viewport;
use crate::context::AppContext;
use crate::numbers::thousands;
use crate::program::Program;
use crate::theme::Theme;

use super::text_overlay::{self, TextOverlay};

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

/// The overlay's width.
const WIDTH: u16 = 72;

/// The overlay's rows inside `body` and the lines of its text.
pub fn viewport(program: &Program, theme: &Theme, body: Rect) -> Viewport {
    text_overlay::viewport(
        lines(program, theme, text_overlay::text_width(body, WIDTH)).len(),
        body,
    )
}

/// The overlay at a scroll position.
pub struct About<'a> {
    pub program: &'a Program,
    pub scroll: usize,
    pub ctx: &'a AppContext,
}

impl Widget for About<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        TextOverlay {
            title: " Program ",
            command: Command::About,
            width: WIDTH,
            lines: lines(
                self.program,
                &self.ctx.theme,
                text_overlay::text_width(body, WIDTH),
            ),
            scroll: self.scroll,
            ctx: self.ctx,
        }
        .render(body, buf);
    }
}
