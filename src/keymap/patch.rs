//! A user's changes to the keymap: the keys of a command in a context replaced by others
//! ([`Keymap::patch`]), each key taken from whatever it did there before, and refused as a
//! whole when the changes give one key to two commands in one context.

use super::{Binding, Conflict, Context, Key, Keymap};
use crate::action::Command;

/// `command` in `context` is done by `keys` and only by them (none: it is unbound there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub context: Context,
    pub command: Command,
    pub keys: Vec<Key>,
}

/// The keys that `changes` give to two commands in one context, each once, in order.
pub(super) fn conflicts_among(changes: &[(Context, Key, Command)]) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    for (i, &(context, key, command)) in changes.iter().enumerate() {
        let earlier = changes[..i]
            .iter()
            .find(|&&(c, k, other)| c == context && k == key && other != command);
        if let Some(&(_, _, first)) = earlier {
            conflicts.push(Conflict {
                context,
                key: key.label(),
                first,
                second: command,
            });
        }
    }
    conflicts
}

impl Keymap {
    /// The contexts where `command` has a binding, in declaration order.
    pub fn contexts_of(&self, command: Command) -> Vec<Context> {
        Context::all()
            .filter(|&c| self.in_context(c).any(|b| b.command == command))
            .collect()
    }

    /// Gives `command` in `context` exactly `keys`, taking each from what it did there
    /// before. The command keeps its place in the help and its footer hint; with no keys it
    /// leaves the context.
    pub fn set_keys(&mut self, context: Context, command: Command, keys: &[Key]) {
        self.replace_keys(context, command, keys);
        self.bindings.retain(|b| !b.keys.is_empty());
    }

    /// [`Keymap::set_keys`], keeping the rows left without keys: a row whose keys a change
    /// takes may get keys of its own from a later change, in its place.
    fn replace_keys(&mut self, context: Context, command: Command, keys: &[Key]) {
        let mut unique: Vec<Key> = Vec::with_capacity(keys.len());
        for key in keys {
            if !unique.contains(key) {
                unique.push(*key);
            }
        }
        for binding in self
            .bindings
            .iter_mut()
            .filter(|b| b.context == context && b.command != command)
        {
            binding.keys.retain(|k| !unique.contains(k));
        }
        if let Some(binding) = self
            .bindings
            .iter_mut()
            .find(|b| b.context == context && b.command == command)
        {
            binding.keys = unique;
        } else if !unique.is_empty() {
            let help = self
                .bindings
                .iter()
                .find(|b| b.command == command)
                .map_or("", |b| b.help);
            self.bindings.push(Binding {
                keys: unique,
                command,
                context,
                help,
                hint: None,
            });
        }
    }

    /// Applies a user's changes: all of them, or, when they give one key to two commands in
    /// one context, none, with every such conflict.
    pub fn patch(&mut self, changes: &[Change]) -> Result<(), Vec<Conflict>> {
        let flat: Vec<(Context, Key, Command)> = changes
            .iter()
            .flat_map(|c| c.keys.iter().map(|&k| (c.context, k, c.command)))
            .collect();
        let conflicts = conflicts_among(&flat);
        if !conflicts.is_empty() {
            return Err(conflicts);
        }
        for change in changes {
            self.replace_keys(change.context, change.command, &change.keys);
        }
        self.bindings.retain(|b| !b.keys.is_empty());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent};

    use super::super::{ch, plain};
    use super::*;
    use Context::{Agenda, Detail, Filters, List, Timetable};

    fn press(keymap: &Keymap, context: Context, key: Key) -> Option<Command> {
        keymap.lookup(context, &KeyEvent::new(key.code, key.modifiers))
    }

    /// A command has at most one row per context, so "the keys of a command in a context"
    /// is one list; and every command is bound somewhere, so a context-free setting of any
    /// command applies.
    #[test]
    fn one_row_per_command_and_context_and_every_command_bound() {
        let keymap = Keymap::default();
        for context in Context::all() {
            let commands: Vec<Command> = keymap.in_context(context).map(|b| b.command).collect();
            for (i, command) in commands.iter().enumerate() {
                assert!(
                    !commands[..i].contains(command),
                    "{command:?} in {context:?}"
                );
            }
        }
        for command in Command::all() {
            assert!(!keymap.contexts_of(command).is_empty(), "{command:?}");
        }
        assert_eq!(
            keymap.contexts_of(Command::Star),
            [List, Detail, Agenda, Timetable]
        );
    }

    #[test]
    fn set_keys_replaces_the_keys_and_keeps_the_row() {
        let mut keymap = Keymap::default();
        keymap.set_keys(List, Command::Down, &[ch('x'), ch('s'), ch('x')]);
        assert_eq!(press(&keymap, List, ch('x')), Some(Command::Down));
        assert_eq!(press(&keymap, List, ch('s')), Some(Command::Down));
        assert_eq!(press(&keymap, List, ch('j')), None, "j no longer moves");
        assert_eq!(press(&keymap, List, plain(KeyCode::Down)), None);
        // `s` was taken from star, which has no key left in the list.
        assert_eq!(keymap.key_for(List, Command::Star), "?");
        assert_eq!(keymap.key_for(Detail, Command::Star), "s");
        // The row keeps its place (first in the list) and its footer hint.
        let first = keymap.in_context(List).next().expect("a row");
        assert_eq!(
            (first.command, first.keys_label()),
            (Command::Down, "x s".into())
        );
        assert_eq!(keymap.hints(List)[0].0, "x");
        // No keys: the command leaves the context.
        keymap.set_keys(List, Command::Down, &[]);
        assert!(keymap.in_context(List).all(|b| b.command != Command::Down));
        assert_eq!(keymap.conflicts(), []);
    }

    #[test]
    fn patch_refuses_a_key_given_twice_in_one_context() {
        let mut keymap = Keymap::default();
        let changes = [
            Change {
                context: Filters,
                command: Command::Down,
                keys: vec![ch('x')],
            },
            Change {
                context: List,
                command: Command::Star,
                keys: vec![ch('x')],
            },
            Change {
                context: List,
                command: Command::Maybe,
                keys: vec![ch('y'), ch('x')],
            },
        ];
        let conflicts = keymap.patch(&changes).expect_err("x twice in the list");
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(
            conflicts[0].to_string(),
            "x is bound twice in the talk list ([keys.list]): to star and to maybe"
        );
        assert_eq!(keymap, Keymap::default(), "nothing applied");
        keymap.patch(&changes[..2]).expect("no conflict");
        assert_eq!(press(&keymap, Filters, ch('x')), Some(Command::Down));
        assert_eq!(press(&keymap, List, ch('x')), Some(Command::Star));
        assert_eq!(press(&keymap, List, ch('s')), None);
    }
}
