//! Keys and contexts by name, as the configuration file writes them: `j`, `G`, `Down`,
//! `PageDown`, `Ctrl-d`, `Space`, `F1`; `list`, `detail`, `prompt`. [`Key::name`] and
//! [`parse_key`] are each other's inverse, so `lectern config` prints keys that load back.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Context, Key};

/// The named keys, as written in the file; the first name of a code is the one printed.
const NAMED: &[(&str, KeyCode)] = &[
    ("Down", KeyCode::Down),
    ("Up", KeyCode::Up),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageDown", KeyCode::PageDown),
    ("PageUp", KeyCode::PageUp),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
    // Other spellings people write, accepted but never printed.
    ("PgDn", KeyCode::PageDown),
    ("PgUp", KeyCode::PageUp),
    ("Del", KeyCode::Delete),
    ("Return", KeyCode::Enter),
    ("Escape", KeyCode::Esc),
    ("BackTab", KeyCode::BackTab),
];

/// The names [`parse_key`] knows besides single characters and `F1`…`F24`, for suggestions.
pub fn key_names() -> impl Iterator<Item = &'static str> {
    NAMED.iter().map(|(name, _)| *name)
}

/// Why a key name was refused, and what comes closest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown key {name:?}")]
pub struct BadKey {
    pub name: String,
    /// A known name close to it, when there is one.
    pub suggestion: Option<String>,
}

impl Key {
    /// The key as the configuration file writes it: `Ctrl-d`, `PageDown`, `Space`, `G`.
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMED
                .iter()
                .find(|(_, named)| *named == code)
                .map_or_else(|| format!("{code:?}"), |(name, _)| (*name).to_owned()),
        };
        with_modifiers(self.modifiers, &base)
    }
}

/// `base` behind the modifiers' prefixes: `Ctrl-Alt-x`.
pub(super) fn with_modifiers(modifiers: KeyModifiers, base: &str) -> String {
    let mut out = String::new();
    if modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if modifiers.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out + base
}

/// Reads a key as the configuration file writes it (see [`Key::name`]); names of keys are
/// read in any case (`pagedown`), single characters as written (`g` is not `G`).
pub fn parse_key(text: &str) -> Result<Key, BadKey> {
    let bad = || BadKey {
        name: text.to_owned(),
        suggestion: suggest_key(text),
    };
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let (prefix, modifier) = match rest.get(..5) {
            Some(p) if p.eq_ignore_ascii_case("ctrl-") => (5, KeyModifiers::CONTROL),
            _ => match rest.get(..4) {
                Some(p) if p.eq_ignore_ascii_case("alt-") => (4, KeyModifiers::ALT),
                _ => break,
            },
        };
        // `Ctrl--` is Ctrl and the minus key; `Alt-` alone is not a key.
        if rest.len() == prefix {
            break;
        }
        modifiers |= modifier;
        rest = &rest[prefix..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        // A character the screen can show as it is: no control, no invisible or reordering
        // character (it is drawn in the help and the footer).
        (Some(c), None) if crate::sanitize::line(rest) == rest => {
            // Terminals report Ctrl with a letter as the small letter.
            if modifiers.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        _ => {
            let function = rest
                .strip_prefix(['F', 'f'])
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=24).contains(n) && !rest[1..].starts_with(['0', '+']));
            match function {
                Some(n) => KeyCode::F(n),
                None => NAMED
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(rest))
                    .map(|(_, code)| *code)
                    .ok_or_else(bad)?,
            }
        }
    };
    if code == KeyCode::BackTab && !modifiers.is_empty() {
        return Err(bad());
    }
    Ok(Key { code, modifiers })
}

/// A known key name close to `text`, ignoring case, behind any `Ctrl-`/`Alt-` prefix.
fn suggest_key(text: &str) -> Option<String> {
    let mut base = text;
    while let Some(rest) = ["ctrl-", "alt-"].iter().find_map(|p| {
        base.get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p) && base.len() > p.len())
            .map(|_| &base[p.len()..])
    }) {
        base = rest;
    }
    let prefix = &text[..text.len() - base.len()];
    let lower = base.to_lowercase();
    let best = key_names()
        .map(|name| {
            (
                strsim::damerau_levenshtein(&lower, &name.to_lowercase()),
                name,
            )
        })
        .filter(|(d, name)| *d <= (name.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)?;
    Some(format!("{prefix}{best}")).filter(|s| !s.eq_ignore_ascii_case(text))
}

impl Context {
    /// The context's name in the configuration file: `[keys.list]`, `[keys.prompt]`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Every context, in declaration order.
    pub fn all() -> impl Iterator<Item = Context> {
        <Context as strum::IntoEnumIterator>::iter()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ch, ctrl, plain};
    use super::*;

    #[test]
    fn keys_read_as_written_and_print_back() {
        let cases = [
            ("j", ch('j')),
            ("G", ch('G')),
            ("Down", plain(KeyCode::Down)),
            ("PageDown", plain(KeyCode::PageDown)),
            ("Ctrl-d", ctrl('d')),
            ("Space", ch(' ')),
            ("Enter", plain(KeyCode::Enter)),
            ("Esc", plain(KeyCode::Esc)),
            ("F1", plain(KeyCode::F(1))),
            ("F12", plain(KeyCode::F(12))),
            ("Shift-Tab", plain(KeyCode::BackTab)),
            ("-", ch('-')),
            ("é", ch('é')),
            ("Ctrl--", ctrl('-')),
            (
                "Alt-x",
                Key {
                    code: KeyCode::Char('x'),
                    modifiers: KeyModifiers::ALT,
                },
            ),
            (
                "Ctrl-Alt-Delete",
                Key {
                    code: KeyCode::Delete,
                    modifiers: KeyModifiers::CONTROL | KeyModifiers::ALT,
                },
            ),
        ];
        for (text, key) in cases {
            assert_eq!(parse_key(text), Ok(key), "{text}");
            assert_eq!(key.name(), text, "{text}");
        }
        // Other spellings, read but printed the first way.
        for (text, printed) in [
            ("pagedown", "PageDown"),
            ("PgDn", "PageDown"),
            ("del", "Delete"),
            ("Ctrl-D", "Ctrl-d"),
            ("ctrl-u", "Ctrl-u"),
            ("Return", "Enter"),
            ("BackTab", "Shift-Tab"),
            ("f5", "F5"),
        ] {
            let key = parse_key(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(key.name(), printed, "{text}");
        }
    }

    #[test]
    fn unknown_keys_are_refused_with_a_suggestion() {
        for (text, suggestion) in [
            ("PageDwn", Some("PageDown")),
            ("Ctrl-Entr", Some("Ctrl-Enter")),
            ("Shift-Tap", Some("Shift-Tab")),
            ("Escap", Some("Escape")),
            ("F0", None),
            ("F25", None),
            ("F01", None),
            ("", None),
            ("jj", None),
            ("Ctrl-Shift-Tab", None),
            ("\u{1b}", None),
            ("\u{202e}", None),
            ("\u{200b}", None),
            (" ", None),
            ("Hyper-x", None),
        ] {
            let err = parse_key(text).expect_err(text);
            assert_eq!(err.suggestion.as_deref(), suggestion, "{text}");
        }
    }

    #[test]
    fn every_context_has_a_distinct_name_that_reads_back() {
        let names: Vec<&str> = Context::all().map(Context::name).collect();
        assert_eq!(
            names,
            [
                "list",
                "detail",
                "help",
                "prompt",
                "filters",
                "agenda",
                "links",
                "timetable"
            ]
        );
        for context in Context::all() {
            assert_eq!(context.name().parse::<Context>(), Ok(context));
        }
    }
}
