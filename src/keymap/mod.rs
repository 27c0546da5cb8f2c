//! The keys, as a value: a [`Keymap`] is built from the default table [`DEFAULTS`] at start-up
//! and handed to input translation and rendering. Key lookup, the `?` help overlay, the footer
//! hints and every key named on screen come from it, so they cannot drift apart.
//!
//! A binding applies in one [`Context`]; [`Keymap::bind`] moves a key to another command in a
//! context and [`Keymap::merge`] applies a set of such changes (a user's sparse overrides),
//! refusing a set that binds one key to two commands in one context.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Command;

mod defaults;
mod names;
mod patch;

use Context::{Agenda, Detail, Filters, Help, Links, List, Search, Timetable};
pub use defaults::{DEFAULTS, Hint, Row, ch, ctrl, plain};
pub use names::{BadKey, key_names, parse_key};
pub use patch::Change;

/// Where a key is pressed: it decides which bindings apply. Its name in the configuration
/// file (`[keys.list]`) is derived here: [`Context::name`].
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
#[strum(serialize_all = "lowercase")]
pub enum Context {
    List,
    Detail,
    Help,
    /// The search prompt: unbound printable keys type text.
    #[strum(serialize = "prompt")]
    Search,
    /// The filter panel.
    Filters,
    /// The agenda overlay.
    Agenda,
    /// The numbered list of the selected talk's links.
    Links,
    /// The timetable's grid.
    Timetable,
}

/// One key chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

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
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        names::with_modifiers(self.modifiers, &base)
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

/// One binding of a keymap: keys and what they do in one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub command: Command,
    pub context: Context,
    /// What the command does here, for the help overlay.
    pub help: &'static str,
    pub hint: Option<Hint>,
}

impl Binding {
    /// All the key labels, joined: `↓ j`. A run of three or more plain characters in a row
    /// (`1`, `2`, ... `9`) is shown as its ends: `1…9`.
    pub fn keys_label(&self) -> String {
        let plain_char = |k: &Key| match k.code {
            KeyCode::Char(c) if k.modifiers.is_empty() => Some(c),
            _ => None,
        };
        let mut labels: Vec<String> = Vec::new();
        let mut i = 0;
        while i < self.keys.len() {
            let mut end = i;
            while let (Some(a), Some(b)) = (
                plain_char(&self.keys[end]),
                self.keys.get(end + 1).and_then(plain_char),
            ) && u32::from(a) + 1 == u32::from(b)
            {
                end += 1;
            }
            if end >= i + 2 {
                labels.push(format!(
                    "{}…{}",
                    self.keys[i].label(),
                    self.keys[end].label()
                ));
                i = end + 1;
            } else {
                labels.push(self.keys[i].label());
                i += 1;
            }
        }
        labels.join(" ")
    }
}

/// Which keys do what, in every context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// A key bound to two commands in one context.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{key} is bound twice in the {context} ([keys.{}]): to {} and to {}",
    context.name(),
    first.name(),
    second.name()
)]
pub struct Conflict {
    pub context: Context,
    pub key: String,
    pub first: Command,
    pub second: Command,
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            List => "talk list",
            Detail => "talk detail",
            Help => "help",
            Search => "search prompt",
            Filters => "filter panel",
            Agenda => "agenda",
            Links => "links list",
            Timetable => "timetable",
        })
    }
}

impl Default for Keymap {
    /// The keymap of [`DEFAULTS`].
    fn default() -> Keymap {
        let mut bindings = Vec::new();
        for row in DEFAULTS {
            for &context in row.contexts {
                bindings.push(Binding {
                    keys: row.keys.to_vec(),
                    command: row.command,
                    context,
                    help: row.help,
                    hint: row.hint,
                });
            }
        }
        Keymap { bindings }
    }
}

impl Keymap {
    /// The command a key press means in `context`, if any. Ctrl-C always quits.
    pub fn lookup(&self, context: Context, event: &KeyEvent) -> Option<Command> {
        if event.code == KeyCode::Char('c') && event.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(Command::Quit);
        }
        self.in_context(context)
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.command)
    }

    /// The bindings of `context`, in table order.
    pub fn in_context(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// How the keymap names the first key of `command` in `context`: `Esc`, `Ctrl-d`; `?`
    /// when nothing is bound to it there.
    pub fn key_for(&self, context: Context, command: Command) -> String {
        self.in_context(context)
            .find(|b| b.command == command)
            .and_then(|b| b.keys.first())
            .map_or_else(|| "?".to_owned(), Key::label)
    }

    /// The footer hints for `context`, in table order: the first key's label and the hint.
    pub fn hints(&self, context: Context) -> Vec<(String, Hint)> {
        self.in_context(context)
            .filter_map(|b| Some((b.keys.first()?.label(), b.hint?)))
            .collect()
    }

    /// The help overlay's sections: a title and the bindings that apply in that context.
    pub fn help_sections(&self) -> Vec<(&'static str, Vec<&Binding>)> {
        [
            (List, "Talk list"),
            (Detail, "Talk detail"),
            (Timetable, "Timetable"),
            (Search, "Search prompt (other keys type)"),
            (Filters, "Filter panel"),
            (Agenda, "Agenda"),
            (Links, "Links of the talk"),
            (Help, "This help and the program's details"),
        ]
        .into_iter()
        .map(|(context, title)| (title, self.in_context(context).collect()))
        .collect()
    }

    /// Binds `key` to `command` in `context`, taking it from whatever it did there before.
    /// The key joins the command's binding in that context (or a new one, described as the
    /// command's binding elsewhere is).
    pub fn bind(&mut self, context: Context, key: Key, command: Command) {
        for binding in self.bindings.iter_mut().filter(|b| b.context == context) {
            binding.keys.retain(|k| *k != key);
        }
        if let Some(binding) = self
            .bindings
            .iter_mut()
            .find(|b| b.context == context && b.command == command)
        {
            binding.keys.push(key);
        } else {
            let help = self
                .bindings
                .iter()
                .find(|b| b.command == command)
                .map_or("", |b| b.help);
            self.bindings.push(Binding {
                keys: vec![key],
                command,
                context,
                help,
                hint: None,
            });
        }
        self.bindings.retain(|b| !b.keys.is_empty());
    }

    /// Applies a set of changes, as a user's sparse overrides of the defaults: every change,
    /// or, when the set binds one key to two commands in one context, none, with every such
    /// conflict.
    pub fn merge(&mut self, changes: &[(Context, Key, Command)]) -> Result<(), Vec<Conflict>> {
        let conflicts = patch::conflicts_among(changes);
        if !conflicts.is_empty() {
            return Err(conflicts);
        }
        for &(context, key, command) in changes {
            self.bind(context, key, command);
        }
        Ok(())
    }

    /// Keys bound to two commands in one context (the first binding wins on lookup).
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut conflicts = Vec::new();
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                if a.context != b.context || a.command == b.command {
                    continue;
                }
                for key in a.keys.iter().filter(|k| b.keys.contains(k)) {
                    conflicts.push(Conflict {
                        context: a.context,
                        key: key.label(),
                        first: a.command,
                        second: b.command,
                    });
                }
            }
        }
        conflicts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(key: Key) -> KeyEvent {
        KeyEvent::new(key.code, key.modifiers)
    }

    /// Every key of every binding resolves to that binding's command: no binding is shadowed.
    #[test]
    fn every_binding_is_reachable() {
        let keymap = Keymap::default();
        for binding in &keymap.bindings {
            for key in &binding.keys {
                assert_eq!(
                    keymap.lookup(binding.context, &event(*key)),
                    Some(binding.command),
                    "{} in {:?}",
                    key.label(),
                    binding.context
                );
            }
        }
        assert_eq!(keymap.conflicts(), []);
    }

    /// The help's sections, and in two of them every key and what it does, written out; the
    /// footer hints come from the help's rows.
    #[test]
    fn help_and_hints_match_the_bindings() {
        fn owned(rows: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
            rows.iter().map(|(k, h)| ((*k).to_owned(), *h)).collect()
        }
        let keymap = Keymap::default();
        let sections = keymap.help_sections();
        let titles: Vec<&str> = sections.iter().map(|(title, _)| *title).collect();
        assert_eq!(
            titles,
            [
                "Talk list",
                "Talk detail",
                "Timetable",
                "Search prompt (other keys type)",
                "Filter panel",
                "Agenda",
                "Links of the talk",
                "This help and the program's details"
            ]
        );
        let rows = |i: usize| -> Vec<(String, &str)> {
            sections[i]
                .1
                .iter()
                .map(|b| (b.keys_label(), b.help))
                .collect()
        };
        assert_eq!(
            rows(4),
            owned(&[
                ("q Ctrl-c", "quit"),
                ("↓ j", "next value"),
                ("↑ k", "previous value"),
                ("PgDn Ctrl-d", "ten values down"),
                ("PgUp Ctrl-u", "ten values up"),
                ("Home g", "first value"),
                ("End G", "last value"),
                ("/", "type to narrow the values"),
                ("Space Enter", "pick or drop the value"),
                ("c F", "clear every filter"),
                ("Esc f", "close the filters"),
                ("Ctrl-z", "suspend (fg resumes)"),
            ])
        );
        let list = rows(0);
        for expected in [
            ("/", "search"),
            ("n", "next match in the text"),
            ("N", "previous match in the text"),
            ("[", "previous day"),
            ("]", "next day"),
            ("r", "results by relevance / by day"),
            ("w", "warnings and notes on the program"),
            ("R", "load again, keeping your place"),
            ("C", "what changed since you looked"),
            ("s", "star the talk, or unstar it"),
            ("m", "mark the talk maybe, or unmark it"),
            ("a", "my agenda: the picked talks by day"),
            ("u", "the talk's links: u 3 opens [3]"),
            ("y", "copy the talk's page (or first link)"),
            ("|", "pipe the talk as text to a command"),
            ("Esc", "clear the search"),
        ] {
            assert!(
                list.contains(&((expected.0).to_owned(), expected.1)),
                "{expected:?} in {list:?}"
            );
        }
        assert_eq!(list.len(), 37, "{list:?}");
        assert_eq!(
            rows(6),
            owned(&[
                ("↓ j", "next link"),
                ("↑ k", "previous link"),
                ("Home g", "first link"),
                ("End G", "last link"),
                ("Enter", "open the link"),
                ("1…9", "open the link of that number"),
                ("y", "copy the link"),
                ("Esc u", "close the links"),
                ("q Ctrl-c", "quit"),
                ("Ctrl-z", "suspend (fg resumes)"),
            ])
        );
        let in_order = [
            List, Detail, Timetable, Search, Filters, Agenda, Links, Help,
        ];
        for (index, context) in in_order.into_iter().enumerate() {
            for (key, hint) in keymap.hints(context) {
                let row = sections[index]
                    .1
                    .iter()
                    .find(|b| b.hint == Some(hint))
                    .unwrap_or_else(|| panic!("hint {} has no help row", hint.label()));
                assert_eq!(row.keys[0].label(), key);
            }
        }
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_shift_is_ignored_for_letters() {
        let keymap = Keymap::default();
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in [
            List, Detail, Help, Search, Filters, Agenda, Links, Timetable,
        ] {
            assert_eq!(keymap.lookup(context, &ctrl_c), Some(Command::Quit));
        }
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(keymap.lookup(List, &shift_g), Some(Command::Bottom));
        assert_eq!(
            keymap.lookup(List, &KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn labels() {
        assert_eq!(ctrl('d').label(), "Ctrl-d");
        assert_eq!(plain(KeyCode::BackTab).label(), "Shift-Tab");
        let keymap = Keymap::default();
        assert_eq!(keymap.bindings[0].keys_label(), "↓ j");
        let keys = |keys: &[Key]| Binding {
            keys: keys.to_vec(),
            command: Command::OpenNumber,
            context: Links,
            help: "",
            hint: None,
        };
        let digits: Vec<Key> = ('1'..='9').map(ch).collect();
        assert_eq!(keys(&digits).keys_label(), "1…9");
        assert_eq!(keys(&[ch('1'), ch('2')]).keys_label(), "1 2");
        assert_eq!(
            keys(&[ch('x'), ch('a'), ch('b'), ch('c'), ctrl('d')]).keys_label(),
            "x a…c Ctrl-d"
        );
        assert_eq!(keys(&[ch('a'), ch('c'), ch('e')]).keys_label(), "a c e");
        assert_eq!(keymap.key_for(Help, Command::Back), "Esc");
        assert_eq!(keymap.key_for(Filters, Command::Toggle), "Space");
        assert_eq!(
            keymap.key_for(Search, Command::Toggle),
            "?",
            "not bound there"
        );
    }

    #[test]
    fn bind_moves_a_key_in_one_context_only() {
        let mut keymap = Keymap::default();
        keymap.bind(List, ch('o'), Command::Quit);
        assert_eq!(keymap.lookup(List, &event(ch('o'))), Some(Command::Quit));
        assert_eq!(
            keymap.lookup(Detail, &event(ch('o'))),
            Some(Command::OpenSlides),
            "the detail keeps its binding"
        );
        // The list has no key for the slides now, and says so where it names one.
        assert_eq!(keymap.key_for(List, Command::OpenSlides), "?");
        assert_eq!(keymap.key_for(List, Command::Quit), "q");
        // A command new to a context gets its own binding, described as elsewhere.
        keymap.bind(Search, ctrl('o'), Command::OpenSlides);
        let row = keymap
            .in_context(Search)
            .find(|b| b.command == Command::OpenSlides)
            .expect("a new binding");
        assert_eq!(
            (row.keys_label(), row.help),
            ("Ctrl-o".into(), "open the slides")
        );
        assert_eq!(keymap.conflicts(), []);
    }

    #[test]
    fn merge_refuses_a_key_bound_twice_in_one_context() {
        let mut keymap = Keymap::default();
        let changes = [
            (List, ch('x'), Command::OpenSlides),
            (Detail, ch('x'), Command::Quit),
            (List, ch('x'), Command::Search),
        ];
        let conflicts = keymap.merge(&changes).expect_err("x twice in the list");
        assert_eq!(
            conflicts,
            [Conflict {
                context: List,
                key: "x".into(),
                first: Command::OpenSlides,
                second: Command::Search,
            }]
        );
        assert_eq!(
            conflicts[0].to_string(),
            "x is bound twice in the talk list ([keys.list]): to open-slides and to search"
        );
        assert_eq!(keymap, Keymap::default(), "nothing applied");

        keymap.merge(&changes[..2]).expect("no conflict");
        assert_eq!(
            keymap.lookup(List, &event(ch('x'))),
            Some(Command::OpenSlides)
        );
        assert_eq!(keymap.lookup(Detail, &event(ch('x'))), Some(Command::Quit));
        assert_eq!(
            keymap.lookup(List, &event(ch('o'))),
            Some(Command::OpenSlides)
        );
    }

    #[test]
    fn conflicts_are_found_in_a_keymap() {
        let mut keymap = Keymap::default();
        keymap.bindings.push(Binding {
            keys: vec![ch('j')],
            command: Command::Quit,
            context: List,
            help: "quit",
            hint: None,
        });
        let conflicts = keymap.conflicts();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(
            (conflicts[0].first, conflicts[0].second),
            (Command::Down, Command::Quit)
        );
    }
}
