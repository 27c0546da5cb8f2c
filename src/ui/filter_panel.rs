//! The `f` panel: every kind, tag, track, room and day of the program with its count; the
//! picked ones are checked.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::text::fit;
use super::theme;
use crate::app::App;
use crate::numbers::thousands;

/// The panel, borrowing the app; the choices must have been prepared (`App::filter_choices`).
pub struct FilterPanel<'a> {
    app: &'a App,
    cursor: usize,
}

impl<'a> FilterPanel<'a> {
    pub fn new(app: &'a App, cursor: usize) -> FilterPanel<'a> {
        FilterPanel { app, cursor }
    }
}

impl Widget for FilterPanel<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let choices = self.app.cached_filter_choices();
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
            .title_bottom(Line::from(" Space picks · c clears · Esc closes ").right_aligned())
            .border_style(theme::BORDER_FOCUSED);
        let inner = block.inner(area);
        block.render(area, buf);
        if choices.is_empty() {
            Paragraph::new(Span::styled(
                "nothing to filter on: no kinds, tags, tracks, rooms or days",
                theme::MISSING,
            ))
            .render(inner, buf);
            return;
        }
        let rows = usize::from(inner.height);
        let first = (self.cursor + 1).saturating_sub(rows);
        for (row, (i, choice)) in choices
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .enumerate()
        {
            let picked = self.app.filters.is_picked(choice.facet, &choice.value);
            let spans = vec![
                Span::styled(if picked { "[x] " } else { "[ ] " }, theme::KEY),
                Span::styled(format!("{}: ", choice.facet.name()), theme::LABEL),
                Span::raw(choice.value.as_str()),
                Span::styled(format!(" ({})", thousands(choice.count)), theme::DIM),
            ];
            let line_area = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
            let mut line = Line::from(fit(spans, usize::from(inner.width)));
            if i == self.cursor {
                line = line.style(theme::SELECTED_FOCUSED);
                buf.set_style(line_area, theme::SELECTED_FOCUSED);
            }
            line.render(line_area, buf);
        }
    }
}
