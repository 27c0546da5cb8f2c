//! The `w` overlay: what Lectern noticed while loading the program (a program file's
//! warnings, an import's summary and notes), to read at leisure rather than in a status line
//! that goes at the next key.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::action::Command;
use crate::app::Viewport;
use crate::context::AppContext;
use crate::theme::Theme;

/// The text: each message wrapped to `width` columns, a blank line between messages.
pub fn lines(messages: &[String], theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    if messages.is_empty() {
        return vec![Line::styled(
            "Nothing to report about this program.",
            theme.dim,
        )];
    }
    let mut lines = Vec::new();
    for (i, message) in messages.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        for text_line in message.lines() {
            for row in textwrap::wrap(text_line, width) {
                lines.push(Line::styled(row.into_owned(), Style::new()));
            }
        }
    }
    lines
}

/// The overlay's rows inside `body` and the lines of its text.
pub fn viewport(messages: &[String], theme: &Theme, body: Rect) -> Viewport {
    let lines = lines(messages, theme, text_width(super::about::area(body))).len();
    Viewport {
        rows: lines.min(usize::from(body.height.saturating_sub(2))),
        lines,
    }
}

fn text_width(area: Rect) -> u16 {
    area.width.saturating_sub(4)
}

/// The overlay at a scroll position.
pub struct Messages<'a> {
    pub messages: &'a [String],
    pub scroll: usize,
    pub ctx: &'a AppContext,
}

impl Widget for Messages<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let area = super::about::area(body);
        let all = lines(self.messages, &self.ctx.theme, text_width(area));
        let height = (all.len() as u16).saturating_add(2);
        let [area] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        Clear.render(area, buf);
        let block = Block::bordered()
            .title(" Messages ")
            .title_bottom(
                Line::from(Span::raw(super::help::closes(self.ctx, Command::Messages)))
                    .right_aligned(),
            )
            .border_style(self.ctx.theme.border_focused);
        let inner = block.inner(area).inner(Margin::new(1, 0));
        block.render(area, buf);
        let rows = usize::from(inner.height);
        let scroll = self.scroll.min(all.len().saturating_sub(rows));
        let total = all.len();
        let visible: Vec<Line> = all.into_iter().skip(scroll).take(rows).collect();
        Paragraph::new(visible).render(inner, buf);
        super::scroll::scrollbar(area, total, rows, scroll, buf);
    }
}
