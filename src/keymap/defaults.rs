//! The default key table: every binding Lectern ships with, one row per keys-and-command, in
//! the order of the help overlay and the footer hints. [`super::Keymap::default`] is built
//! from it.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Context, Key};
use crate::action::Command;

pub const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

pub const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

/// A binding's place in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Shown while there is room, in table order.
    Room(&'static str),
    /// Always shown, at the end (going back, help, quitting).
    Always(&'static str),
}

impl Hint {
    pub fn label(self) -> &'static str {
        match self {
            Hint::Room(label) | Hint::Always(label) => label,
        }
    }
}

/// One row of the default table.
#[derive(Debug)]
pub struct Row {
    pub keys: &'static [Key],
    pub command: Command,
    pub contexts: &'static [Context],
    /// What the command does here, for the help overlay.
    pub help: &'static str,
    /// The footer hint; `None` keeps the binding out of the footer.
    pub hint: Option<Hint>,
}

use Context::{Agenda, Detail, Filters, Help, Links, List, Search, Timetable};

const PANES: &[Context] = &[List, Detail];

/// The default key bindings. Order is the order of the help overlay and of the footer hints.
#[rustfmt::skip]
pub const DEFAULTS: &[Row] = &[
    Row { keys: &[plain(KeyCode::Down), ch('j')], command: Command::Down, contexts: &[List], help: "next talk", hint: Some(Hint::Room("move")) },
    Row { keys: &[plain(KeyCode::Up), ch('k')], command: Command::Up, contexts: &[List], help: "previous talk", hint: None },
    Row { keys: &[plain(KeyCode::Down), ch('j')], command: Command::Down, contexts: &[Detail, Help], help: "scroll down a line", hint: Some(Hint::Room("scroll")) },
    Row { keys: &[plain(KeyCode::Up), ch('k')], command: Command::Up, contexts: &[Detail, Help], help: "scroll up a line", hint: None },
    Row { keys: &[plain(KeyCode::PageDown), ctrl('d')], command: Command::PageDown, contexts: &[List, Detail, Help], help: "a page down", hint: None },
    Row { keys: &[plain(KeyCode::PageUp), ctrl('u')], command: Command::PageUp, contexts: &[List, Detail, Help], help: "a page up", hint: None },
    Row { keys: &[plain(KeyCode::Home), ch('g')], command: Command::Top, contexts: &[List], help: "first talk", hint: None },
    Row { keys: &[plain(KeyCode::End), ch('G')], command: Command::Bottom, contexts: &[List], help: "last talk", hint: None },
    Row { keys: &[plain(KeyCode::Home), ch('g')], command: Command::Top, contexts: &[Detail, Help], help: "top of the text", hint: None },
    Row { keys: &[plain(KeyCode::End), ch('G')], command: Command::Bottom, contexts: &[Detail, Help], help: "bottom of the text", hint: None },
    Row { keys: &[plain(KeyCode::Enter)], command: Command::Select, contexts: &[List], help: "read the talk", hint: Some(Hint::Room("read")) },
    Row { keys: &[plain(KeyCode::Tab)], command: Command::FocusNext, contexts: PANES, help: "other pane", hint: None },
    Row { keys: &[plain(KeyCode::BackTab)], command: Command::FocusPrev, contexts: PANES, help: "other pane, backwards", hint: None },
    Row { keys: &[plain(KeyCode::Right), ch('l')], command: Command::FocusDetail, contexts: PANES, help: "focus the detail", hint: None },
    Row { keys: &[plain(KeyCode::Left), ch('h')], command: Command::FocusList, contexts: PANES, help: "focus the list", hint: None },
    Row { keys: &[ch('o')], command: Command::OpenSlides, contexts: PANES, help: "open the slides", hint: Some(Hint::Room("slides")) },
    Row { keys: &[ch('/')], command: Command::Search, contexts: PANES, help: "search", hint: Some(Hint::Room("search")) },
    Row { keys: &[ch('n')], command: Command::NextMatch, contexts: PANES, help: "next match in the text", hint: None },
    Row { keys: &[ch('N')], command: Command::PrevMatch, contexts: PANES, help: "previous match in the text", hint: None },
    Row { keys: &[ch('f')], command: Command::Filters, contexts: PANES, help: "filters", hint: Some(Hint::Room("filter")) },
    Row { keys: &[ch('F')], command: Command::ClearFilters, contexts: PANES, help: "clear every filter", hint: None },
    Row { keys: &[ch('.')], command: Command::JumpNow, contexts: PANES, help: "the talk on now, or the next", hint: None },
    Row { keys: &[ch('[')], command: Command::PrevDay, contexts: PANES, help: "previous day", hint: None },
    Row { keys: &[ch(']')], command: Command::NextDay, contexts: PANES, help: "next day", hint: None },
    Row { keys: &[ch('r')], command: Command::ToggleRank, contexts: PANES, help: "results by relevance / by day", hint: None },
    Row { keys: &[ch('z')], command: Command::ToggleZone, contexts: PANES, help: "local times / program times", hint: None },
    Row { keys: &[ch('R')], command: Command::Refresh, contexts: PANES, help: "load again, keeping your place", hint: None },
    Row { keys: &[ch('C')], command: Command::Changes, contexts: &[List, Detail, Help], help: "what changed since you looked", hint: None },
    Row { keys: &[ch('s')], command: Command::Star, contexts: PANES, help: "star the talk, or unstar it", hint: None },
    Row { keys: &[ch('m')], command: Command::Maybe, contexts: PANES, help: "mark the talk maybe, or unmark it", hint: None },
    Row { keys: &[ch('a')], command: Command::Agenda, contexts: PANES, help: "my agenda: the picked talks by day", hint: Some(Hint::Room("agenda")) },
    Row { keys: &[ch('u')], command: Command::Links, contexts: PANES, help: "the talk's links: u 3 opens [3]", hint: Some(Hint::Room("links")) },
    Row { keys: &[ch('y')], command: Command::CopyLink, contexts: PANES, help: "copy the talk's page (or first link)", hint: None },
    Row { keys: &[ch('|')], command: Command::Pipe, contexts: PANES, help: "pipe the talk as text to a command", hint: None },
    Row { keys: &[plain(KeyCode::Down), ch('j')], command: Command::Down, contexts: &[Links], help: "next link", hint: Some(Hint::Room("move")) },
    Row { keys: &[plain(KeyCode::Up), ch('k')], command: Command::Up, contexts: &[Links], help: "previous link", hint: None },
    Row { keys: &[plain(KeyCode::Home), ch('g')], command: Command::Top, contexts: &[Links], help: "first link", hint: None },
    Row { keys: &[plain(KeyCode::End), ch('G')], command: Command::Bottom, contexts: &[Links], help: "last link", hint: None },
    Row { keys: &[plain(KeyCode::Enter)], command: Command::Select, contexts: &[Links], help: "open the link", hint: Some(Hint::Room("open")) },
    Row { keys: &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')], command: Command::OpenNumber, contexts: &[Links], help: "open the link of that number", hint: None },
    Row { keys: &[ch('y')], command: Command::CopyLink, contexts: &[Links], help: "copy the link", hint: Some(Hint::Room("copy")) },
    Row { keys: &[plain(KeyCode::Esc), ch('u')], command: Command::Links, contexts: &[Links], help: "close the links", hint: Some(Hint::Always("close")) },
    Row { keys: &[ch('q'), ctrl('c')], command: Command::Quit, contexts: &[Links], help: "quit", hint: Some(Hint::Always("quit")) },
    Row { keys: &[ctrl('z')], command: Command::Suspend, contexts: &[Links], help: "suspend (fg resumes)", hint: None },
    Row { keys: &[ch('?')], command: Command::ToggleHelp, contexts: &[List, Detail, Help], help: "show or hide this help", hint: Some(Hint::Always("help")) },
    Row { keys: &[ch('w')], command: Command::Messages, contexts: &[List, Detail, Help], help: "warnings and notes on the program", hint: None },
    Row { keys: &[ch('i')], command: Command::About, contexts: &[List, Detail, Help], help: "about the program: venue, web page", hint: None },
    Row { keys: &[plain(KeyCode::Esc)], command: Command::Back, contexts: &[List], help: "clear the search", hint: None },
    Row { keys: &[plain(KeyCode::Esc)], command: Command::Back, contexts: &[Detail], help: "back to the list", hint: Some(Hint::Always("back")) },
    Row { keys: &[plain(KeyCode::Esc)], command: Command::Back, contexts: &[Help], help: "close the help", hint: Some(Hint::Always("close")) },
    Row { keys: &[ch('q'), ctrl('c')], command: Command::Quit, contexts: &[List, Detail, Help, Filters, Agenda], help: "quit", hint: Some(Hint::Always("quit")) },
    Row { keys: &[ctrl('c')], command: Command::Quit, contexts: &[Search], help: "quit", hint: None },
    Row { keys: &[plain(KeyCode::Enter)], command: Command::Submit, contexts: &[Search], help: "keep the search, back to the list", hint: Some(Hint::Room("keep")) },
    Row { keys: &[plain(KeyCode::Esc)], command: Command::Back, contexts: &[Search], help: "clear the search", hint: Some(Hint::Room("clear")) },
    Row { keys: &[plain(KeyCode::Left)], command: Command::CursorLeft, contexts: &[Search], help: "cursor left", hint: None },
    Row { keys: &[plain(KeyCode::Right)], command: Command::CursorRight, contexts: &[Search], help: "cursor right", hint: None },
    Row { keys: &[plain(KeyCode::Home), ctrl('a')], command: Command::LineStart, contexts: &[Search], help: "cursor to the start", hint: None },
    Row { keys: &[plain(KeyCode::End), ctrl('e')], command: Command::LineEnd, contexts: &[Search], help: "cursor to the end", hint: None },
    Row { keys: &[plain(KeyCode::Backspace)], command: Command::DeleteBack, contexts: &[Search], help: "delete a character", hint: None },
    Row { keys: &[plain(KeyCode::Delete)], command: Command::DeleteForward, contexts: &[Search], help: "delete under the cursor", hint: None },
    Row { keys: &[ctrl('w')], command: Command::DeleteWord, contexts: &[Search], help: "delete a word", hint: Some(Hint::Room("word")) },
    Row { keys: &[ctrl('u')], command: Command::DeleteLine, contexts: &[Search], help: "delete to the start", hint: None },
    Row { keys: &[plain(KeyCode::Up)], command: Command::HistoryPrev, contexts: &[Search], help: "earlier query", hint: Some(Hint::Room("history")) },
    Row { keys: &[plain(KeyCode::Down)], command: Command::HistoryNext, contexts: &[Search], help: "later query", hint: None },
    Row { keys: &[plain(KeyCode::Down), ch('j')], command: Command::Down, contexts: &[Filters], help: "next value", hint: Some(Hint::Room("move")) },
    Row { keys: &[plain(KeyCode::Up), ch('k')], command: Command::Up, contexts: &[Filters], help: "previous value", hint: None },
    Row { keys: &[plain(KeyCode::PageDown), ctrl('d')], command: Command::PageDown, contexts: &[Filters], help: "ten values down", hint: None },
    Row { keys: &[plain(KeyCode::PageUp), ctrl('u')], command: Command::PageUp, contexts: &[Filters], help: "ten values up", hint: None },
    Row { keys: &[plain(KeyCode::Home), ch('g')], command: Command::Top, contexts: &[Filters], help: "first value", hint: None },
    Row { keys: &[plain(KeyCode::End), ch('G')], command: Command::Bottom, contexts: &[Filters], help: "last value", hint: None },
    Row { keys: &[ch('/')], command: Command::Search, contexts: &[Filters], help: "type to narrow the values", hint: Some(Hint::Room("narrow")) },
    Row { keys: &[ch(' '), plain(KeyCode::Enter)], command: Command::Toggle, contexts: &[Filters], help: "pick or drop the value", hint: Some(Hint::Room("pick")) },
    Row { keys: &[ch('c'), ch('F')], command: Command::ClearFilters, contexts: &[Filters], help: "clear every filter", hint: Some(Hint::Room("clear")) },
    Row { keys: &[plain(KeyCode::Esc), ch('f')], command: Command::Filters, contexts: &[Filters], help: "close the filters", hint: Some(Hint::Always("close")) },
    Row { keys: &[plain(KeyCode::Down), ch('j')], command: Command::Down, contexts: &[Agenda], help: "next pick", hint: Some(Hint::Room("move")) },
    Row { keys: &[plain(KeyCode::Up), ch('k')], command: Command::Up, contexts: &[Agenda], help: "previous pick", hint: None },
    Row { keys: &[plain(KeyCode::PageDown), ctrl('d')], command: Command::PageDown, contexts: &[Agenda], help: "ten picks down", hint: None },
    Row { keys: &[plain(KeyCode::PageUp), ctrl('u')], command: Command::PageUp, contexts: &[Agenda], help: "ten picks up", hint: None },
    Row { keys: &[plain(KeyCode::Home), ch('g')], command: Command::Top, contexts: &[Agenda], help: "first pick", hint: None },
    Row { keys: &[plain(KeyCode::End), ch('G')], command: Command::Bottom, contexts: &[Agenda], help: "last pick", hint: None },
    Row { keys: &[plain(KeyCode::Enter)], command: Command::Select, contexts: &[Agenda], help: "read the talk", hint: Some(Hint::Room("read")) },
    Row { keys: &[ch('s')], command: Command::Star, contexts: &[Agenda], help: "star the talk, or unstar it", hint: Some(Hint::Room("star")) },
    Row { keys: &[ch('m')], command: Command::Maybe, contexts: &[Agenda], help: "mark the talk maybe, or unmark it", hint: Some(Hint::Room("maybe")) },
    Row { keys: &[ch('e')], command: Command::ExportAgenda, contexts: &[Agenda], help: "export the starred talks as iCalendar", hint: Some(Hint::Room("export")) },
    Row { keys: &[plain(KeyCode::Esc), ch('a')], command: Command::Agenda, contexts: &[Agenda], help: "close the agenda", hint: Some(Hint::Always("close")) },
    Row { keys: &[ctrl('z')], command: Command::Suspend, contexts: &[List, Detail, Help, Search, Filters, Agenda], help: "suspend (fg resumes)", hint: None },
    Row { keys: &[ch('t')], command: Command::Timetable, contexts: PANES, help: "the timetable of the talk's day", hint: None },
    Row { keys: &[plain(KeyCode::Down), ch('j')], command: Command::Down, contexts: &[Timetable], help: "the next talk in the room", hint: Some(Hint::Room("move")) },
    Row { keys: &[plain(KeyCode::Up), ch('k')], command: Command::Up, contexts: &[Timetable], help: "the talk before in the room", hint: None },
    Row { keys: &[plain(KeyCode::Right), ch('l')], command: Command::Right, contexts: &[Timetable], help: "the talk beside, or in the next room", hint: None },
    Row { keys: &[plain(KeyCode::Left), ch('h')], command: Command::Left, contexts: &[Timetable], help: "the talk beside, or the room before", hint: None },
    Row { keys: &[plain(KeyCode::PageDown), ctrl('d')], command: Command::PageDown, contexts: &[Timetable], help: "a page later", hint: None },
    Row { keys: &[plain(KeyCode::PageUp), ctrl('u')], command: Command::PageUp, contexts: &[Timetable], help: "a page earlier", hint: None },
    Row { keys: &[plain(KeyCode::Home), ch('g')], command: Command::Top, contexts: &[Timetable], help: "the start of the day", hint: None },
    Row { keys: &[plain(KeyCode::End), ch('G')], command: Command::Bottom, contexts: &[Timetable], help: "the end of the day", hint: None },
    Row { keys: &[plain(KeyCode::Enter)], command: Command::Select, contexts: &[Timetable], help: "read the talk", hint: Some(Hint::Room("read")) },
    Row { keys: &[ch('[')], command: Command::PrevDay, contexts: &[Timetable], help: "previous day", hint: None },
    Row { keys: &[ch(']')], command: Command::NextDay, contexts: &[Timetable], help: "next day", hint: Some(Hint::Room("day")) },
    Row { keys: &[ch('w')], command: Command::NarrowRooms, contexts: &[Timetable], help: "rooms with a talk now / starred", hint: Some(Hint::Room("rooms")) },
    Row { keys: &[ch('.')], command: Command::JumpNow, contexts: &[Timetable], help: "now: the talk running, the now line", hint: None },
    Row { keys: &[ch('s')], command: Command::Star, contexts: &[Timetable], help: "star the talk, or unstar it", hint: None },
    Row { keys: &[ch('m')], command: Command::Maybe, contexts: &[Timetable], help: "mark the talk maybe, or unmark it", hint: None },
    Row { keys: &[ch('o')], command: Command::OpenSlides, contexts: &[Timetable], help: "open the slides", hint: None },
    Row { keys: &[ch('u')], command: Command::Links, contexts: &[Timetable], help: "the talk's links, numbered", hint: None },
    Row { keys: &[ch('y')], command: Command::CopyLink, contexts: &[Timetable], help: "copy the talk's page", hint: None },
    Row { keys: &[ch('|')], command: Command::Pipe, contexts: &[Timetable], help: "pipe the talk to a command", hint: None },
    Row { keys: &[ch('/')], command: Command::Search, contexts: &[Timetable], help: "search: the rest is dimmed", hint: Some(Hint::Room("search")) },
    Row { keys: &[ch('f')], command: Command::Filters, contexts: &[Timetable], help: "filters: the rest is dimmed", hint: None },
    Row { keys: &[ch('F')], command: Command::ClearFilters, contexts: &[Timetable], help: "clear every filter", hint: None },
    Row { keys: &[ch('z')], command: Command::ToggleZone, contexts: &[Timetable], help: "local times / program times", hint: None },
    Row { keys: &[ch('a')], command: Command::Agenda, contexts: &[Timetable], help: "my agenda: the picked talks by day", hint: None },
    Row { keys: &[ch('R')], command: Command::Refresh, contexts: &[Timetable], help: "load again, keeping your place", hint: None },
    Row { keys: &[ch('i')], command: Command::About, contexts: &[Timetable], help: "about the program: venue, web page", hint: None },
    Row { keys: &[ch('t')], command: Command::Timetable, contexts: &[Timetable], help: "back to the list", hint: Some(Hint::Always("list")) },
    Row { keys: &[ch('?')], command: Command::ToggleHelp, contexts: &[Timetable], help: "show or hide the help", hint: Some(Hint::Always("help")) },
    Row { keys: &[plain(KeyCode::Esc)], command: Command::Back, contexts: &[Timetable], help: "clear the search", hint: None },
    Row { keys: &[ch('q'), ctrl('c')], command: Command::Quit, contexts: &[Timetable], help: "quit", hint: Some(Hint::Always("quit")) },
    Row { keys: &[ctrl('z')], command: Command::Suspend, contexts: &[Timetable], help: "suspend (fg resumes)", hint: None },
];
