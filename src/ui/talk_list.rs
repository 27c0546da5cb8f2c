//! The talk list pane: one line per talk, the selection highlighted, a scrollbar when the list
//! is longer than the pane. Only the visible rows are built.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::{fit, theme};
use crate::app::{App, Focus};

/// The list pane, borrowing what it draws.
pub struct TalkList<'a> {
    app: &'a App,
}

/// The rows inside the list pane's border.
pub fn rows_area(pane: Rect) -> Rect {
    Block::bordered().inner(pane)
}

impl<'a> TalkList<'a> {
    pub fn new(app: &'a App) -> TalkList<'a> {
        TalkList { app }
    }
}

impl Widget for TalkList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let focused = self.app.focus == Focus::List && self.app.overlay.is_none();
        let talks = &self.app.program.talks;
        let block = Block::bordered().title(" Talks ").border_style(if focused {
            theme::BORDER_FOCUSED
        } else {
            theme::BORDER
        });
        let rows = rows_area(area);
        block.render(area, buf);
        if talks.is_empty() {
            Paragraph::new(Span::styled("no talks", theme::MISSING)).render(rows, buf);
            return;
        }
        let number_width = talks.len().to_string().len();
        let first = self.app.list.offset;
        let last = (first + usize::from(rows.height)).min(talks.len());
        let selected_style = if focused {
            theme::SELECTED_FOCUSED
        } else {
            theme::SELECTED
        };
        for (row, index) in (first..last).enumerate() {
            let talk = &talks[index];
            // The selected row is drawn in one style: dim parts would turn into dark patches.
            let dim = if index == self.app.list.selected {
                Style::new()
            } else {
                theme::DIM
            };
            let mut spans = vec![
                Span::styled(format!("{:>number_width$} ", index + 1), dim),
                Span::raw(talk.title.as_str()),
            ];
            if !talk.speakers.is_empty() {
                spans.push(Span::styled(format!(" · {}", talk.speaker_names()), dim));
            }
            let line_area = Rect::new(rows.x, rows.y + row as u16, rows.width, 1);
            let mut line = Line::from(fit(spans, usize::from(rows.width)));
            if index == self.app.list.selected {
                line = line.style(selected_style);
                buf.set_style(line_area, selected_style);
            }
            line.render(line_area, buf);
        }
        if talks.len() > usize::from(rows.height) {
            let mut state =
                ScrollbarState::new(talks.len().saturating_sub(usize::from(rows.height)))
                    .position(first)
                    .viewport_content_length(usize::from(rows.height));
            Scrollbar::new(ScrollbarOrientation::VerticalRight).render(
                area.inner(Margin::new(0, 1)),
                buf,
                &mut state,
            );
        }
    }
}
