//! [`AppContext`]: what input translation and rendering share besides the app's state, built
//! once at start-up: the keymap and the theme. Handed down by reference, never global, so a
//! configuration file can build another one and tests can use their own.

use crate::clipboard::Clipboard;
use crate::keymap::Keymap;
use crate::theme::Theme;

/// The keymap and the theme.
#[derive(Debug, Clone, Default)]
pub struct AppContext {
    pub keymap: Keymap,
    pub theme: Theme,
    /// How `y` copies: off unless the user turns it on, and then nothing is ever written to
    /// the clipboard. Carried out by the effect runner, which is handed this value.
    pub clipboard: Clipboard,
}
