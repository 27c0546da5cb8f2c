//! What can happen to the app: commands the user binds to keys, and the events the loop turns
//! into actions (mouse clicks, typed text, what came of an effect).

use std::sync::Arc;

use crate::program::Program;

/// A user command. Its meaning depends on the focused pane: `Down` selects the next talk in the
/// list and scrolls one line in the detail.
///
/// Each command's name in the configuration file is its variant's name in kebab-case
/// (`PageDown` is `page-down`), derived here and nowhere else: a new command is named by
/// adding its variant. [`Command::name`] gives it, `str::parse` reads it back.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
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
    /// Show or hide what the program file says about itself.
    About,
    /// Close an overlay, else go back to the list.
    Back,
    /// Quit.
    Quit,
    /// Suspend to the shell; `fg` resumes.
    Suspend,
    /// Open the search prompt.
    Search,
    /// Scroll the detail to the next match of the search.
    NextMatch,
    /// Scroll the detail to the previous match of the search.
    PrevMatch,
    /// Open or close the filter panel.
    Filters,
    /// Clear every filter.
    ClearFilters,
    /// Pick or drop the highlighted filter value.
    Toggle,
    /// Keep the search and go back to the list.
    Submit,
    /// Move the prompt's cursor a character left.
    CursorLeft,
    /// Move the prompt's cursor a character right.
    CursorRight,
    /// Move the prompt's cursor to the start.
    LineStart,
    /// Move the prompt's cursor to the end.
    LineEnd,
    /// Delete the character before the cursor.
    DeleteBack,
    /// Delete the character under the cursor.
    DeleteForward,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Delete everything before the cursor.
    DeleteLine,
    /// An earlier query of this session.
    HistoryPrev,
    /// A later query of this session.
    HistoryNext,
    /// Select the talk running now, or the next one.
    JumpNow,
    /// Show times in the local time zone, or the program's again.
    ToggleZone,
    /// Load the program again from where it came from (a web address, a file).
    Refresh,
    /// Show what changed in the program since it was last seen.
    Changes,
    /// Star the selected talk, or unstar it.
    Star,
    /// Mark the selected talk "maybe", or drop the mark.
    Maybe,
    /// Open or close the agenda: the picked talks by day.
    Agenda,
    /// Write the agenda as an iCalendar file.
    ExportAgenda,
    /// Search results by relevance, or by day and time again.
    ToggleRank,
    /// The first talk of the previous day.
    PrevDay,
    /// The first talk of the next day.
    NextDay,
    /// Show or hide the messages about the program (its warnings, an import's notes).
    Messages,
    /// Open or close the numbered list of the selected talk's links.
    Links,
    /// Open the link of the number typed (the digit keys in the links list).
    OpenNumber,
    /// Copy the highlighted link, or the talk's page, to the clipboard.
    CopyLink,
    /// Pipe the selected talk as text to a shell command typed at a prompt.
    Pipe,
    /// Show the timetable of the selected talk's day, or the list again.
    Timetable,
    /// In the timetable: the talk beside, or in the room to the left.
    Left,
    /// In the timetable: the talk beside, or in the room to the right.
    Right,
    /// In the timetable: only the rooms with a talk now (or with starred talks), or every room.
    NarrowRooms,
}

impl Command {
    /// The command's name in the configuration file: `page-down`, `star`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Every command, in declaration order.
    pub fn all() -> impl Iterator<Item = Command> {
        <Command as strum::IntoEnumIterator>::iter()
    }
}

/// Everything `App::update` reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A bound command.
    Command(Command),
    /// A left click at a screen cell.
    Click { column: u16, row: u16 },
    /// The mouse wheel turned over a screen cell (`down` towards the end).
    Wheel { column: u16, row: u16, down: bool },
    /// An error for the status line (slides that cannot be opened, a viewer that failed).
    Report(String),
    /// News for the status line (the viewer is starting).
    Notice(String),
    /// A character typed where text is expected (the search prompt).
    Insert(char),
    /// Text pasted into the terminal.
    Paste(String),
    /// News from the search thread.
    SearchProgress(crate::search::worker::Progress),
    /// The time now, from the loop's clock (or a test's).
    Tick(jiff::Timestamp),
    /// The local time zone, as the system names it (`None` when it cannot tell).
    LocalZone(Option<jiff::tz::TimeZone>),
    /// A refresh brought this program (or failed with this message).
    Refreshed(Result<Fresh, String>),
    /// The search thread now searches the program the app shows.
    Reindexed,
    /// The picks read from the picks file as the browser starts, and what was wrong with the
    /// file if it could not be read (the picks are then empty).
    PicksLoaded {
        picks: crate::agenda::Picks,
        problem: Option<String>,
    },
    /// The picks as saved (merged with what another Lectern wrote), or why they could not be.
    PicksSaved(Result<crate::agenda::Picks, String>),
    /// A digit key bound to [`Command::OpenNumber`]: open link `n` of the list (from 1).
    OpenNumber(u8),
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        Action::Command(command)
    }
}

/// A program shared with the search thread, compared by identity: the same `Arc` is the same
/// version, so actions and effects carrying one stay comparable.
#[derive(Debug, Clone)]
pub struct Shared(pub Arc<Program>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Shared {}

/// A newly loaded version of the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fresh {
    pub program: Shared,
    /// `offline: copy from Sat 10:42` when the refresh could only reach the cache.
    pub note: Option<String>,
}

impl Fresh {
    pub fn new(program: Program, note: Option<String>) -> Fresh {
        Fresh {
            program: Shared(Arc::new(program)),
            note,
        }
    }
}
