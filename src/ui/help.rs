//! The `?` overlay: every key binding, generated from [`crate::keymap::BINDINGS`].

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget,
};

use super::theme;
use crate::keymap;

/// Width of the key column.
const KEYS_WIDTH: usize = 16;

/// The help overlay at a scroll position.
pub struct Help {
    pub scroll: usize,
}

fn lines() -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (title, rows) in keymap::help_sections() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(title, theme::HEADING));
        for binding in rows {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<KEYS_WIDTH$}", keymap::keys_label(binding)),
                    theme::KEY,
                ),
                Span::raw(binding.help),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Mouse: click a talk or a pane; the wheel scrolls.",
        theme::DIM,
    ));
    lines
}

/// How many lines the help has.
pub fn line_count() -> usize {
    lines().len()
}

/// Where the overlay goes inside `body`.
pub fn area(body: Rect) -> Rect {
    let lines = lines();
    let height = (lines.len() as u16).saturating_add(2);
    // The widest line, the border and the scrollbar.
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let [area] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(body);
    let [area] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    area
}

impl Widget for Help {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let area = area(body);
        Clear.render(area, buf);
        let block = Block::bordered()
            .title(" Keys ")
            .title_bottom(Line::from(" Esc or ? closes ").right_aligned())
            .border_style(theme::BORDER_FOCUSED);
        let inner = block.inner(area);
        block.render(area, buf);
        let all = lines();
        let height = usize::from(inner.height);
        let visible: Vec<Line> = all.iter().skip(self.scroll).take(height).cloned().collect();
        Paragraph::new(visible).render(inner, buf);
        if all.len() > height {
            let mut state = ScrollbarState::new(all.len().saturating_sub(height))
                .position(self.scroll)
                .viewport_content_length(height);
            Scrollbar::new(ScrollbarOrientation::VerticalRight).render(
                area.inner(Margin::new(0, 1)),
                buf,
                &mut state,
            );
        }
    }
}
