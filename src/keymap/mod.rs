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
        self.help_sections_from(List)
    }

    /// [`Keymap::help_sections`] with the section of `first` (where the help was asked for)
    /// moved to the top, the others in their order.
    pub fn help_sections_from(&self, first: Context) -> Vec<(&'static str, Vec<&Binding>)> {
        let mut sections = [
            (List, "Talk list"),
            (Detail, "Talk detail"),
            (Timetable, "Timetable"),
            (Search, "Search prompt (other keys type)"),
            (Filters, "Filter panel"),
            (Agenda, "Agenda"),
            (Links, "Links of the talk"),
            (Help, "This help and the program's details"),
        ];
        if let Some(at) = sections.iter().position(|(context, _)| *context == first) {
            sections[..=at].rotate_right(1);
        }
        sections
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
mod tests;
