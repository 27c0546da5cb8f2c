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
        let state = self.state;
        let choices = &state.choices;
        // The rows: a header for each facet, then its values that the narrowing text keeps.
        let mut display: Vec<Option<usize>> = Vec::with_capacity(state.shown.len() + 8);
        let mut cursor_row = 0;
        for (position, &i) in state.shown.iter().enumerate() {
            if display
                .iter()
                .rev()
                .find_map(|r| *r)
                .is_none_or(|p| choices[p].facet != choices[i].facet)
            {
                display.push(None);
                display.push(Some(i));
            } else {
                display.push(Some(i));
            }
            if position == state.cursor {
                cursor_row = display.len() - 1;
            }
        }
        let height = (display.len().max(1) as u16).saturating_add(2);
        let [area] = Layout::horizontal([Constraint::Length(56)])
            .flex(Flex::Center)
            .areas(body);
        let [area] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        Clear.render(area, buf);
        let narrow = state.narrow.text();
        let title = if state.typing || !narrow.is_empty() {
            format!(" Filters /{narrow}{} ", if state.typing { "_" } else { "" })
        } else {
            " Filters ".to_owned()
        };
        let block = Block::bordered()
            .title(title)
            .title_bottom(
                Line::from(format!(
                    " {} narrows · {} picks · {} clears · {} closes ",
                    key(Command::Search),
                    key(Command::Toggle),
                    key(Command::ClearFilters),
                    key(Command::Filters)
                ))
                .right_aligned(),
            )
            .border_style(theme.border_focused);
        let inner = block.inner(area);
        block.render(area, buf);
        if choices.is_empty() || display.is_empty() {
            let text = if choices.is_empty() {
                "nothing to filter on: no kinds, tags, tracks, rooms or days"
            } else {
                "no value has this text"
            };
            Paragraph::new(Span::styled(text, theme.missing)).render(inner, buf);
            return;
        }
        let rows = usize::from(inner.height);
        // Keep the cursor's facet header in sight with it when there is room.
        let mut first = (cursor_row + 1).saturating_sub(rows);
        if first > 0 && first == cursor_row && display[cursor_row - 1].is_none() {
            first -= 1;
        }
        for (row, entry) in display.iter().skip(first).take(rows).enumerate() {
            let line_area = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
            let Some(i) = *entry else {
                let facet = display[first + row + 1..]
                    .iter()
                    .find_map(|r| *r)
                    .map_or("", |i| choices[i].facet.name());
                Line::styled(format!("{facet}s"), theme.heading).render(line_area, buf);
                continue;
            };
            let choice = &choices[i];
            let count = state.counts.get(i).copied().unwrap_or(choice.count);
            let picked = self
                .app
                .search
                .filters
                .is_picked(choice.facet, &choice.value);
            let value_style = if count == 0 && !picked {
                theme.dim
            } else {
                ratatui::style::Style::new()
            };
            let spans = vec![
                Span::styled(if picked { " [x] " } else { " [ ] " }, theme.key),
                Span::styled(choice.value.as_str(), value_style),
                Span::styled(format!(" ({})", thousands(count)), theme.dim),
            ];
            let mut line = Line::from(fit(spans, usize::from(inner.width)));
            if first + row == cursor_row {
                line = line.style(theme.selected_focused);
                buf.set_style(line_area, theme.selected_focused);
            }
            line.render(line_area, buf);
        }
    }
}
