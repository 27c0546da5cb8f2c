//! What the drawing side measured on the last frame, in the app's own terms: where the panes
//! are, how many rows they show, how long the wrapped detail text is and which of its lines
//! hold a match. [`App::measured`] stores these facts and keeps the scroll positions inside
//! them; `update` reads them to page, clamp and map clicks, so it needs no geometry of its own.

use super::{App, Focus, Overlay};
use crate::action::Command;
use crate::program::TalkIx;

/// A rectangle of screen cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Region {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Region {
    pub fn new(x: u16, y: u16, width: u16, height: u16) -> Region {
        Region {
            x,
            y,
            width,
            height,
        }
    }

    pub fn contains(&self, column: u16, row: u16) -> bool {
        column >= self.x
            && row >= self.y
            && u32::from(column) < u32::from(self.x) + u32::from(self.width)
            && u32::from(row) < u32::from(self.y) + u32::from(self.height)
    }

    /// The rows it spans.
    pub fn rows(&self) -> usize {
        usize::from(self.height)
    }
}

/// Where a pane was drawn: the whole pane (border included), and the part its rows fill.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaneRegion {
    pub pane: Region,
    pub inner: Region,
}

/// A scrolling text's window: the rows shown and the lines the text has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    pub rows: usize,
    pub lines: usize,
}

/// What the detail text depends on besides the width: facts measured for another key are
/// out of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailKey {
    pub talk: Option<TalkIx>,
    /// The search generation: every new query has a new one.
    pub generation: u64,
    /// Whether times are shown in the local zone.
    pub local: bool,
}

/// The detail text as it was wrapped for the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFacts {
    pub key: DetailKey,
    /// How many lines it has.
    pub lines: usize,
    /// Every match of the query, in order, as the line it is on (a line with two matches
    /// is there twice), for `n` and `N`.
    pub matches: Vec<usize>,
}

/// Everything a frame measured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measured {
    /// The list pane; `None` when it is not shown.
    pub list: Option<PaneRegion>,
    /// The detail pane; `None` when it is not shown.
    pub detail: Option<PaneRegion>,
    /// The detail text, when the detail pane is shown.
    pub text: Option<TextFacts>,
    /// The open text overlay's window (the help, the program's details).
    pub overlay: Option<Viewport>,
    /// The timetable's grid, when it is shown.
    pub grid: Option<super::GridViewport>,
}

impl App {
    /// What the detail text shown now depends on.
    pub fn detail_key(&self) -> DetailKey {
        DetailKey {
            talk: self.selected_index(),
            generation: self.search.generation,
            local: self.display_zone().is_some(),
        }
    }

    /// The measured detail text, if it is the text of the talk shown now.
    pub(super) fn fresh_text(&self) -> Option<&TextFacts> {
        let key = self.detail_key();
        self.detail.text.as_ref().filter(|t| t.key == key)
    }

    /// Stores what a frame measured, keeps every scroll position inside it, and carries out a
    /// jump to a match that waited for the text.
    pub fn measured(&mut self, measured: Measured) {
        self.list.region = measured.list;
        self.detail.region = measured.detail;
        self.detail.text = measured.text;
        if let Some(Overlay::Help(text) | Overlay::About(text) | Overlay::Messages(text)) =
            &mut self.overlay
        {
            text.viewport = measured.overlay;
        }
        if let Some(forward) = self.detail.pending_jump
            && self.fresh_text().is_some()
        {
            self.detail.pending_jump = None;
            self.jump_to_match(forward);
        }
        self.measured_grid(measured.grid);
        self.clamp();
    }

    /// The largest detail scroll that still fills the pane, when the text is measured (none
    /// without a talk).
    pub(super) fn max_detail_scroll(&self) -> Option<usize> {
        if self.selected_index().is_none() {
            return Some(0);
        }
        let text = self.fresh_text()?;
        let rows = self.detail.region.map_or(0, |r| r.inner.rows());
        Some(text.lines.saturating_sub(rows))
    }

    /// Keeps the detail scroll inside the text; left alone until the text is measured.
    pub(super) fn clamp_detail(&mut self) {
        if let Some(max) = self.max_detail_scroll() {
            self.detail.scroll = self.detail.scroll.min(max);
        }
    }

    /// The match `n` and `N` last moved to (an index into the measured text's matches), while
    /// the text shown is the one it was found in.
    pub fn current_match(&self) -> Option<usize> {
        let (key, k) = self.detail.current?;
        (key == self.detail_key()).then_some(k)
    }

    /// `n`/`N`: moves the current match to the next or previous match of the talk's text,
    /// wrapping at the ends, and scrolls only when that match is not already shown. Before the
    /// text of this talk is measured, the jump waits for it. The focus stays where it is
    /// (unless the detail is hidden), so Esc in the list still clears the search.
    pub(super) fn jump_to_match(&mut self, forward: bool) {
        if self.search.query.is_empty() {
            self.set_status_with_key("no search: press {} to search", Command::Search);
            return;
        }
        // On a narrow screen the detail shows only when focused.
        if self.detail.region.is_none() {
            self.focus = Focus::Detail;
        }
        let current = self.current_match();
        let rows = self.detail.region.map_or(0, |r| r.inner.rows()).max(1);
        let scroll = self.detail.scroll;
        let (Some(max), Some(text)) = (self.max_detail_scroll(), self.fresh_text()) else {
            self.detail.pending_jump = Some(forward);
            return;
        };
        let matches = &text.matches;
        let count = matches.len();
        if count == 0 {
            self.set_status("no match in this talk's text", false);
            return;
        }
        let target = match current {
            Some(k) if forward => (k + 1) % count,
            Some(k) => (k + count - 1) % count,
            // The first move starts from the lines shown.
            None if forward => matches.iter().position(|&l| l >= scroll).unwrap_or(0),
            None => matches
                .iter()
                .rposition(|&l| l < scroll)
                .unwrap_or(count - 1),
        };
        let (line, key) = (matches[target], text.key);
        if line < scroll || line >= scroll + rows {
            self.detail.scroll = line.min(max);
        }
        self.detail.current = Some((key, target));
        self.set_status(format!("match {} of {count}", target + 1), false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_contain_their_cells_only() {
        let r = Region::new(2, 3, 4, 2);
        let inside = [(2, 3), (5, 3), (2, 4), (5, 4)];
        let outside = [(1, 3), (6, 3), (2, 2), (2, 5)];
        for (c, row) in inside {
            assert!(r.contains(c, row), "{c},{row}");
        }
        for (c, row) in outside {
            assert!(!r.contains(c, row), "{c},{row}");
        }
        assert!(
            !Region::default().contains(0, 0),
            "an empty region holds nothing"
        );
        let edge = Region::new(u16::MAX - 1, 0, 2, 1);
        assert!(edge.contains(u16::MAX, 0));
    }
}
