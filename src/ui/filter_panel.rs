//! The `f` panel: every kind, tag, track, room and day of the program with its count; the
//! picked ones are checked.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::text::fit;
use crate::action::Command;
use crate::app::{App, FilterPanel as PanelState};
use crate::context::AppContext;
use crate::keymap::Context;
use crate::numbers::thousands;

/// The panel, borrowing the app (for the picked values) and the panel's state.
pub struct FilterPanel<'a> {
    app: &'a App,
    state: &'a PanelState,
    ctx: &'a AppContext,
}

impl<'a> FilterPanel<'a> {
    pub fn new(app: &'a App, state: &'a PanelState, ctx: &'a AppContext) -> FilterPanel<'a> {
        FilterPanel { app, state, ctx }
    }
}

impl Widget for FilterPanel<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let theme = &self.ctx.theme;
        let key = |command| self.ctx.keymap.key_for(Context::Filters, command);
        let choices = &self.state.choices;
        let cursor = self.state.cursor;
        let height = (choices.len().max(1) as u16).saturating_add(2);
        let [area] = Layout::horizontal([Constraint::Length(56)])
            .flex(Flex::Center)
            .areas(body);
        let [area] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        Clear.render(area, buf);
        let block = Block::bordered()
            .title(" Filters ")
            .title_bottom(
                Line::from(format!(
                    " {} picks · {} clears · {} closes ",
                    key(Command::Toggle),
                    key(Command::ClearFilters),
                    key(Command::Filters)
                ))
                .right_aligned(),
            )
            .border_style(theme.border_focused);
        let inner = block.inner(area);
        block.render(area, buf);
        if choices.is_empty() {
            Paragraph::new(Span::styled(
                "nothing to filter on: no kinds, tags, tracks, rooms or days",
                theme.missing,
            ))
            .render(inner, buf);
            return;
        }
        let rows = usize::from(inner.height);
        let first = (cursor + 1).saturating_sub(rows);
        for (row, (i, choice)) in choices
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .enumerate()
        {
            let picked = self.app.filters.is_picked(choice.facet, &choice.value);
            let spans = vec![
                Span::styled(if picked { "[x] " } else { "[ ] " }, theme.key),
                Span::styled(format!("{}: ", choice.facet.name()), theme.label),
                Span::raw(choice.value.as_str()),
                Span::styled(format!(" ({})", thousands(choice.count)), theme.dim),
            ];
            let line_area = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
            let mut line = Line::from(fit(spans, usize::from(inner.width)));
            if i == cursor {
                line = line.style(theme.selected_focused);
                buf.set_style(line_area, theme.selected_focused);
            }
            line.render(line_area, buf);
        }
    }
}
