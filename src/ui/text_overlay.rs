//! The frame of the overlays that show a block of text (the program's details, the messages,
//! the changes): centred in the body at a given width, as tall as its text up to the body,
//! scrolled, with the key that closes it in the bottom border. Each overlay only makes its
//! lines.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::action::Command;
use crate::app::Viewport;
use crate::context::AppContext;

/// Where an overlay `width` columns wide goes inside `body`.
pub fn area(body: Rect, width: u16) -> Rect {
    let [area] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(body);
    area
}

/// The columns the text has inside an overlay `width` wide: less the border and a margin.
pub fn text_width(body: Rect, width: u16) -> u16 {
    area(body, width).width.saturating_sub(4)
}

/// The rows an overlay of `lines` lines shows inside `body`, for the app's scrolling.
pub fn viewport(lines: usize, body: Rect) -> Viewport {
    Viewport {
        rows: lines.min(usize::from(body.height.saturating_sub(2))),
        lines,
    }
}

/// An overlay of text at a scroll position.
pub struct TextOverlay<'a> {
    pub title: &'static str,
    /// The command that opened it, and closes it again.
    pub command: Command,
    /// The overlay's width, as given to [`area`].
    pub width: u16,
    pub lines: Vec<Line<'static>>,
    pub scroll: usize,
    pub ctx: &'a AppContext,
}

impl Widget for TextOverlay<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let total = self.lines.len();
        let height = u16::try_from(total).unwrap_or(u16::MAX).saturating_add(2);
        let [area] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area(body, self.width));
        Clear.render(area, buf);
        let block = Block::bordered()
            .title(self.title)
            .title_bottom(
                Line::from(Span::raw(super::help::closes(self.ctx, self.command))).right_aligned(),
            )
            .border_style(self.ctx.theme.border_focused);
        let inner = block.inner(area).inner(Margin::new(1, 0));
        block.render(area, buf);
        let rows = usize::from(inner.height);
        let scroll = self.scroll.min(total.saturating_sub(rows));
        let visible: Vec<Line> = self.lines.into_iter().skip(scroll).take(rows).collect();
        Paragraph::new(visible).render(inner, buf);
        super::scroll::scrollbar(area, total, rows, scroll, buf);
    }
}
