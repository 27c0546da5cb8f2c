//! The `u` overlay: the selected talk's links, one a row, numbered as the detail pane numbers
//! them ([`crate::links::of`]), the highlighted one kept in view. A row too long for the
//! overlay is cut; the detail pane shows it whole.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::text::fit;
use crate::action::Command;
use crate::app::{App, LinksOverlay};
use crate::context::AppContext;
use crate::keymap::Context;

/// The overlay, borrowing what it draws.
pub struct LinksView<'a> {
    pub app: &'a App,
    pub overlay: &'a LinksOverlay,
    pub ctx: &'a AppContext,
}

/// `[3] `: how a link's number is shown, here and in the detail pane.
pub fn number(n: usize) -> String {
    format!("[{n}] ")
}

impl Widget for LinksView<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let (ctx, theme) = (self.ctx, &self.ctx.theme);
        let all = self.app.talk_links();
        let height = u16::try_from(all.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let [area] = Layout::horizontal([Constraint::Length(100)])
            .flex(Flex::Center)
            .areas(body);
        let [area] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        Clear.render(area, buf);
        let key = |command| ctx.keymap.key_for(Context::Links, command);
        let title = self
            .app
            .selected_talk()
            .map_or_else(String::new, |t| t.title.clone());
        let block = Block::bordered()
            .title(Line::from(fit(
                vec![Span::raw(format!(" Links · {title} "))],
                usize::from(area.width.saturating_sub(4)),
            )))
            .title_bottom(
                Line::from(format!(
                    " {} or a number opens · {} copies · {} closes ",
                    key(Command::Select),
                    key(Command::CopyLink),
                    key(Command::Links)
                ))
                .right_aligned(),
            )
            .border_style(theme.border_focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = usize::from(inner.height).max(1);
        let selected = self.overlay.selected.min(all.len().saturating_sub(1));
        let scroll = (selected + 1).saturating_sub(rows);
        let width = usize::from(inner.width.saturating_sub(1));
        let shown: Vec<Line> = all
            .iter()
            .enumerate()
            .skip(scroll)
            .take(rows)
            .map(|(i, link)| {
                let spans = vec![
                    Span::styled(number(i + 1), theme.key),
                    Span::raw(link.line()),
                ];
                let line = Line::from(fit(spans, width));
                if i == selected {
                    line.style(theme.selected_focused)
                } else {
                    line
                }
            })
            .collect();
        Paragraph::new(shown).render(inner, buf);
        super::scroll::scrollbar(area, all.len(), rows, scroll, buf);
    }
}
