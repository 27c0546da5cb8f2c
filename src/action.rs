//! What can happen to the app: commands the user binds to keys, and the events the loop turns
//! into actions (resizes, mouse clicks, reports from a viewer).

/// A user command. Its meaning depends on the focused pane: `Down` selects the next talk in the
/// list and scrolls one line in the detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Next talk, or scroll down one line.
    Down,
    /// Previous talk, or scroll up one line.
    Up,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// First talk, or top of the text.
    Top,
    /// Last talk, or bottom of the text.
    Bottom,
    /// Focus the other pane.
    FocusNext,
    /// Focus the other pane, backwards.
    FocusPrev,
    /// Focus the detail pane.
    FocusDetail,
    /// Focus the talk list.
    FocusList,
    /// Read the selected talk: focus the detail.
    Select,
    /// Open the selected talk's slides in the viewer.
    OpenSlides,
    /// Show or hide the key help.
    ToggleHelp,
    /// Close an overlay, else go back to the list.
    Back,
    /// Quit.
    Quit,
    /// Suspend to the shell; `fg` resumes.
    Suspend,
}

/// Everything `App::update` reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A bound command.
    Command(Command),
    /// The terminal has a new size.
    Resize { width: u16, height: u16 },
    /// A left click at a screen cell.
    Click { column: u16, row: u16 },
    /// The mouse wheel turned over a screen cell (`down` towards the end).
    Wheel { column: u16, row: u16, down: bool },
    /// A message for the status line (a viewer that failed, for instance).
    Report(String),
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        Action::Command(command)
    }
}
