//! [`AppContext`]: what input translation and rendering share besides the app's state, built
//! once at start-up from the defaults and the configuration file: the keymap, the theme, the
//! detail text's width and whether the clipboard may be written. Handed down by reference,
//! never global, so tests can use their own.

pub use crate::clipboard::Clipboard;
use crate::keymap::Keymap;
use crate::theme::Theme;

/// The widest the detail text runs by default, however wide the pane: longer lines are hard
/// to read.
pub const DETAIL_WIDTH: u16 = 100;

/// The keymap, the theme and the settings drawing and input read.
#[derive(Debug, Clone)]
pub struct AppContext {
    pub keymap: Keymap,
    pub theme: Theme,
    /// The widest the detail text runs, in columns.
    pub detail_width: u16,
    /// Whether copying may write the clipboard.
    pub clipboard: Clipboard,
}

impl Default for AppContext {
    fn default() -> AppContext {
        AppContext {
            keymap: Keymap::default(),
            theme: Theme::default(),
            detail_width: DETAIL_WIDTH,
            clipboard: Clipboard::default(),
        }
    }
}
