//! [`TextOverlay`]: the scroll of an overlay that shows text (the help, the program's details,
//! the changes, the messages), and the keys that scroll it.

use super::layout::Viewport;
use crate::action::Command;

/// A scrolling text overlay (the help, the program's details).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextOverlay {
    /// The first line shown.
    pub scroll: usize,
    /// The overlay's rows and text length, as the last frame measured them; `None` until it
    /// has been drawn.
    pub viewport: Option<Viewport>,
}

impl TextOverlay {
    /// Keeps the scroll inside the text, when its size is known.
    pub(super) fn clamp(&mut self) {
        if let Some(v) = self.viewport {
            self.scroll = self.scroll.min(v.lines.saturating_sub(v.rows.max(1)));
        }
    }

    /// Lines in a page: the rows shown (at least one).
    pub(super) fn page(&self) -> usize {
        self.viewport.map_or(1, |v| v.rows.max(1))
    }
}

/// Keys in the help or the program overlay: they scroll it; `false` when they close it.
pub(super) fn text_overlay_command(text: &mut TextOverlay, command: Command) -> bool {
    let page = text.page();
    text.scroll = match command {
        Command::Down => text.scroll.saturating_add(1),
        Command::Up => text.scroll.saturating_sub(1),
        Command::PageDown => text.scroll.saturating_add(page),
        Command::PageUp => text.scroll.saturating_sub(page),
        Command::Top => 0,
        Command::Bottom => usize::MAX,
        Command::ToggleHelp
        | Command::Back
        | Command::About
        | Command::Changes
        | Command::Messages => return false,
        _ => text.scroll,
    };
    text.clamp();
    true
}
