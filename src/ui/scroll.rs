//! The vertical scrollbar every scrolling pane and overlay draws on its right border.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

/// Draws a scrollbar on the right border of `pane` (between its top and bottom borders) for
/// `total` lines seen through `rows` rows from `first`; nothing when everything fits.
pub fn scrollbar(pane: Rect, total: usize, rows: usize, first: usize, buf: &mut Buffer) {
    if total <= rows {
        return;
    }
    let mut state = ScrollbarState::new(total - rows)
        .position(first)
        .viewport_content_length(rows);
    Scrollbar::new(ScrollbarOrientation::VerticalRight).render(
        pane.inner(Margin::new(0, 1)),
        buf,
        &mut state,
    );
}
