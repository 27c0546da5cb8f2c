//! The keys, as one table. Key lookup, the `?` help overlay and the footer hints are all
//! generated from [`BINDINGS`], so they cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Command;

/// Where a key is pressed: it decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    List,
    Detail,
    Help,
    /// The search prompt: unbound printable keys type text.
    Search,
    /// The filter panel.
    Filters,
}

/// One key chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

/// One row of the key table.
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    pub contexts: &'static [Context],
    /// What the command does here, for the help overlay.
    pub help: &'static str,
    /// A short label for the footer hints; `None` keeps the binding out of the footer.
    pub hint: Option<&'static str>,
}

use Context::{Detail, Filters, Help, List, Search};

const PANES: &[Context] = &[List, Detail];

/// Every key binding. Order is the order of the help overlay and of the footer hints.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { keys: &[plain(KeyCode::Down), ch('j')], command: Command::Down, contexts: &[List], help: "next talk", hint: Some("move") },
    Binding { keys: &[plain(KeyCode::Up), ch('k')], command: Command::Up, contexts: &[List], help: "previous talk", hint: None },
    Binding { keys: &[plain(KeyCode::Down), ch('j')], command: Command::Down, contexts: &[Detail, Help], help: "scroll down a line", hint: Some("scroll") },
    Binding { keys: &[plain(KeyCode::Up), ch('k')], command: Command::Up, contexts: &[Detail, Help], help: "scroll up a line", hint: None },
    Binding { keys: &[plain(KeyCode::PageDown), ctrl('d')], command: Command::PageDown, contexts: &[List, Detail, Help], help: "a page down", hint: None },
    Binding { keys: &[plain(KeyCode::PageUp), ctrl('u')], command: Command::PageUp, contexts: &[List, Detail, Help], help: "a page up", hint: None },
    Binding { keys: &[plain(KeyCode::Home), ch('g')], command: Command::Top, contexts: &[List], help: "first talk", hint: None },
    Binding { keys: &[plain(KeyCode::End), ch('G')], command: Command::Bottom, contexts: &[List], help: "last talk", hint: None },
    Binding { keys: &[plain(KeyCode::Home), ch('g')], command: Command::Top, contexts: &[Detail, Help], help: "top of the text", hint: None },
    Binding { keys: &[plain(KeyCode::End), ch('G')], command: Command::Bottom, contexts: &[Detail, Help], help: "bottom of the text", hint: None },
    Binding { keys: &[plain(KeyCode::Enter)], command: Command::Select, contexts: &[List], help: "read the talk", hint: Some("read") },
    Binding { keys: &[plain(KeyCode::Tab)], command: Command::FocusNext, contexts: PANES, help: "other pane", hint: None },
    Binding { keys: &[plain(KeyCode::BackTab)], command: Command::FocusPrev, contexts: PANES, help: "other pane, backwards", hint: None },
    Binding { keys: &[plain(KeyCode::Right), ch('l')], command: Command::FocusDetail, contexts: PANES, help: "focus the detail", hint: None },
    Binding { keys: &[plain(KeyCode::Left), ch('h')], command: Command::FocusList, contexts: PANES, help: "focus the list", hint: None },
    Binding { keys: &[ch('o')], command: Command::OpenSlides, contexts: PANES, help: "open the slides", hint: Some("slides") },
    Binding { keys: &[ch('/')], command: Command::Search, contexts: PANES, help: "search", hint: Some("search") },
    Binding { keys: &[ch('n')], command: Command::NextMatch, contexts: PANES, help: "next match in the text", hint: None },
    Binding { keys: &[ch('N')], command: Command::PrevMatch, contexts: PANES, help: "previous match in the text", hint: None },
    Binding { keys: &[ch('f')], command: Command::Filters, contexts: PANES, help: "filters", hint: Some("filter") },
    Binding { keys: &[ch('F')], command: Command::ClearFilters, contexts: PANES, help: "clear every filter", hint: None },
    Binding { keys: &[ch('.')], command: Command::JumpNow, contexts: PANES, help: "the talk on now, or the next", hint: None },
    Binding { keys: &[ch('z')], command: Command::ToggleZone, contexts: PANES, help: "local times / program times", hint: None },
    Binding { keys: &[ch('?')], command: Command::ToggleHelp, contexts: &[List, Detail, Help], help: "show or hide this help", hint: Some("help") },
    Binding { keys: &[ch('i')], command: Command::About, contexts: &[List, Detail, Help], help: "about the program: venue, web page", hint: None },
    Binding { keys: &[plain(KeyCode::Esc)], command: Command::Back, contexts: &[List], help: "clear the search", hint: None },
    Binding { keys: &[plain(KeyCode::Esc)], command: Command::Back, contexts: &[Detail], help: "back to the list", hint: Some("back") },
    Binding { keys: &[plain(KeyCode::Esc)], command: Command::Back, contexts: &[Help], help: "close the help", hint: Some("close") },
    Binding { keys: &[ch('q'), ctrl('c')], command: Command::Quit, contexts: &[List, Detail, Help, Filters], help: "quit", hint: Some("quit") },
    Binding { keys: &[ctrl('c')], command: Command::Quit, contexts: &[Search], help: "quit", hint: None },
    Binding { keys: &[plain(KeyCode::Enter)], command: Command::Submit, contexts: &[Search], help: "keep the search, back to the list", hint: Some("keep") },
    Binding { keys: &[plain(KeyCode::Esc)], command: Command::Back, contexts: &[Search], help: "clear the search", hint: Some("clear") },
    Binding { keys: &[plain(KeyCode::Left)], command: Command::CursorLeft, contexts: &[Search], help: "cursor left", hint: None },
    Binding { keys: &[plain(KeyCode::Right)], command: Command::CursorRight, contexts: &[Search], help: "cursor right", hint: None },
    Binding { keys: &[plain(KeyCode::Home), ctrl('a')], command: Command::LineStart, contexts: &[Search], help: "cursor to the start", hint: None },
    Binding { keys: &[plain(KeyCode::End), ctrl('e')], command: Command::LineEnd, contexts: &[Search], help: "cursor to the end", hint: None },
    Binding { keys: &[plain(KeyCode::Backspace)], command: Command::DeleteBack, contexts: &[Search], help: "delete a character", hint: None },
    Binding { keys: &[plain(KeyCode::Delete)], command: Command::DeleteForward, contexts: &[Search], help: "delete under the cursor", hint: None },
    Binding { keys: &[ctrl('w')], command: Command::DeleteWord, contexts: &[Search], help: "delete a word", hint: Some("word") },
    Binding { keys: &[ctrl('u')], command: Command::DeleteLine, contexts: &[Search], help: "delete to the start", hint: None },
    Binding { keys: &[plain(KeyCode::Up)], command: Command::HistoryPrev, contexts: &[Search], help: "earlier query", hint: Some("history") },
    Binding { keys: &[plain(KeyCode::Down)], command: Command::HistoryNext, contexts: &[Search], help: "later query", hint: None },
    Binding { keys: &[plain(KeyCode::Down), ch('j')], command: Command::Down, contexts: &[Filters], help: "next value", hint: Some("move") },
    Binding { keys: &[plain(KeyCode::Up), ch('k')], command: Command::Up, contexts: &[Filters], help: "previous value", hint: None },
    Binding { keys: &[plain(KeyCode::PageDown), ctrl('d')], command: Command::PageDown, contexts: &[Filters], help: "ten values down", hint: None },
    Binding { keys: &[plain(KeyCode::PageUp), ctrl('u')], command: Command::PageUp, contexts: &[Filters], help: "ten values up", hint: None },
    Binding { keys: &[plain(KeyCode::Home), ch('g')], command: Command::Top, contexts: &[Filters], help: "first value", hint: None },
    Binding { keys: &[plain(KeyCode::End), ch('G')], command: Command::Bottom, contexts: &[Filters], help: "last value", hint: None },
    Binding { keys: &[ch(' '), plain(KeyCode::Enter)], command: Command::Toggle, contexts: &[Filters], help: "pick or drop the value", hint: Some("pick") },
    Binding { keys: &[ch('c'), ch('F')], command: Command::ClearFilters, contexts: &[Filters], help: "clear every filter", hint: Some("clear") },
    Binding { keys: &[plain(KeyCode::Esc), ch('f')], command: Command::Filters, contexts: &[Filters], help: "close the filters", hint: Some("close") },
    Binding { keys: &[ctrl('z')], command: Command::Suspend, contexts: &[List, Detail, Help, Search, Filters], help: "suspend (fg resumes)", hint: None },
];

impl Key {
    /// The key as the help and the footer show it.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }

    fn matches(&self, event: &KeyEvent) -> bool {
        // Terminals report `G` as Char('G') with or without SHIFT; ignore SHIFT for characters.
        let modifiers = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        self.code == event.code && self.modifiers == modifiers
    }
}

/// The command a key press means in `context`, if any. Ctrl-C always quits.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Command> {
    if event.code == KeyCode::Char('c') && event.modifiers.contains(KeyModifiers::CONTROL) {
        return Some(Command::Quit);
    }
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.command)
}

/// All the key labels of a binding, joined: `↓ j`.
pub fn keys_label(binding: &Binding) -> String {
    let labels: Vec<String> = binding.keys.iter().map(Key::label).collect();
    labels.join(" ")
}

/// The footer hints for `context`: (first key, short label) pairs, in table order.
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .filter_map(|b| Some((b.keys.first()?.label(), b.hint?)))
        .collect()
}

/// The help overlay's sections: a title and the bindings that apply in that context.
pub fn help_sections() -> Vec<(&'static str, Vec<&'static Binding>)> {
    [
        (List, "Talk list"),
        (Detail, "Talk detail"),
        (Search, "Search prompt (other keys type)"),
        (Filters, "Filter panel"),
        (Help, "This help and the program's details"),
    ]
    .into_iter()
    .map(|(context, title)| {
        let rows = BINDINGS
            .iter()
            .filter(|b| b.contexts.contains(&context))
            .collect();
        (title, rows)
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(key: Key) -> KeyEvent {
        KeyEvent::new(key.code, key.modifiers)
    }

    /// Every key of every row resolves to that row's command: no row is shadowed by another.
    #[test]
    fn every_binding_is_reachable() {
        for binding in BINDINGS {
            for context in binding.contexts {
                for key in binding.keys {
                    assert_eq!(
                        lookup(*context, &event(*key)),
                        Some(binding.command),
                        "{} in {context:?}",
                        key.label()
                    );
                }
            }
        }
    }

    /// The help lists exactly the bindings of each context, and the footer hints come from them.
    #[test]
    fn help_and_hints_match_the_bindings() {
        for (context, (_, rows)) in [List, Detail, Search, Filters, Help]
            .into_iter()
            .zip(help_sections())
        {
            let bound: Vec<&Binding> = BINDINGS
                .iter()
                .filter(|b| b.contexts.contains(&context))
                .collect();
            assert_eq!(rows.len(), bound.len());
            for (key, hint) in hints(context) {
                let row = rows
                    .iter()
                    .find(|b| b.hint == Some(hint))
                    .unwrap_or_else(|| panic!("hint {hint} has no help row"));
                assert_eq!(row.keys[0].label(), key);
            }
        }
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_shift_is_ignored_for_letters() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in [List, Detail, Help, Search, Filters] {
            assert_eq!(lookup(context, &ctrl_c), Some(Command::Quit));
        }
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(List, &shift_g), Some(Command::Bottom));
        assert_eq!(
            lookup(List, &KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn labels() {
        assert_eq!(ctrl('d').label(), "Ctrl-d");
        assert_eq!(plain(KeyCode::BackTab).label(), "Shift-Tab");
        assert_eq!(keys_label(&BINDINGS[0]), "↓ j");
    }
}
