//! [`AppContext`]: what input translation and rendering share besides the app's state, built
//! once at start-up from the defaults and the configuration file: the keymap, the theme, the
//! detail text's width and whether the clipboard may be written. Handed down by reference,
//! never global, so tests can use their own.

use crate::keymap::Keymap;
use crate::theme::Theme;

/// The widest the detail text runs by default, however wide the pane: longer lines are hard
/// to read.
pub const DETAIL_WIDTH: u16 = 100;

/// Whether Lectern may copy to the terminal's clipboard, and how.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Clipboard {
    /// Nothing is ever written to the clipboard.
    #[default]
    Off,
    /// Copies go to the terminal as OSC 52 sequences, which most terminals put on the
    /// system clipboard.
    Osc52,
}

impl Clipboard {
    /// The name in the configuration file: `off`, `osc52`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Every choice, in declaration order.
    pub fn all() -> impl Iterator<Item = Clipboard> {
        <Clipboard as strum::IntoEnumIterator>::iter()
    }
}

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
