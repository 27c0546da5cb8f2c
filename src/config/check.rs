//! The configuration file's schema, checked by walking the span-carrying TOML tree with the
//! program loader's [`Checker`], so every problem has its line and column; unlike a program
//! file's, an unknown setting is an error (a misspelt setting silently ignored would leave the
//! user wondering why nothing changed).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Config, DETAIL_WIDTHS, ZoneShown, parse_every};
use crate::action::Command;
use crate::context::Clipboard;
use crate::keymap::{Change, Context, Key, parse_key};
use crate::opener::Viewer;
use crate::program::{Checker, Diagnostic, suggest};
use crate::theme::{Role, ThemeName, parse_colour};

/// The settings, in the order `lectern config` prints them.
pub(super) const SETTINGS: &[&str] = &[
    "opener",
    "theme",
    "clipboard",
    "refresh",
    "timezone",
    "detail_width",
    "colors",
    "keys",
];

type Value<'i> = toml::Spanned<DeValue<'i>>;

/// Checks `src`: the configuration, or every problem found, sorted by position.
pub(super) fn check(src: &str) -> Result<Config, Vec<Diagnostic>> {
    let mut checker = Checker::new(src);
    let config = read(&mut checker);
    let hidden = checker.suppressed.0;
    let mut diagnostics = checker.diagnostics;
    if diagnostics.is_empty() {
        return Ok(config);
    }
    diagnostics.sort_by_key(|d| d.location);
    if hidden > 0 {
        diagnostics.push(Diagnostic {
            severity: crate::program::Severity::Error,
            location: None,
            message: format!("{hidden} more errors not shown"),
            help: None,
            source_line: None,
        });
    }
    Err(diagnostics)
}

fn read(c: &mut Checker<'_>) -> Config {
    let mut config = Config::default();
    if c.cr_line_endings() {
        return config;
    }
    let (root, syntax_errors) = DeTable::parse_recoverable(c.src);
    if !syntax_errors.is_empty() {
        c.syntax_errors(syntax_errors);
        return config;
    }
    let root = root.into_inner();
    for (key, value) in &root {
        match key.get_ref().as_ref() {
            "opener" => config.opener = opener(c, value).or(config.opener),
            "theme" => {
                let names: Vec<_> = ThemeName::all().map(|t| (t.name(), t)).collect();
                config.theme = one_of(c, value, "`theme`", &names).unwrap_or(config.theme);
            }
            "clipboard" => {
                let names: Vec<_> = Clipboard::ALL.into_iter().map(|t| (t.name(), t)).collect();
                config.clipboard =
                    one_of(c, value, "`clipboard`", &names).unwrap_or(config.clipboard);
            }
            "refresh" => refresh(c, value, &mut config.refresh),
            "timezone" => {
                let names = [ZoneShown::Program, ZoneShown::Local].map(|z| (z.name(), z));
                config.timezone = one_of(c, value, "`timezone`", &names).unwrap_or(config.timezone);
            }
            "detail_width" => config.detail_width = width(c, value).unwrap_or(config.detail_width),
            "colors" => {
                config.colors = colors(c, value);
                // One order for one meaning, whatever the file's.
                config.colors.sort_by_key(|(role, _)| *role);
            }
            "keys" => {
                if let Some(changes) = keys(c, value)
                    && let Err(conflicts) = config.keymap.patch(&changes)
                {
                    // Found with their places by `keys`; this is a safety net.
                    for conflict in conflicts {
                        c.error(&key.span(), conflict.to_string(), "expected each key once");
                    }
                }
            }
            name => unknown(
                c,
                &key.span(),
                name,
                SETTINGS,
                "setting",
                "at the top level",
            ),
        }
    }
    config
}

/// An error for an unknown name, with the closest known one.
fn unknown(
    c: &mut Checker<'_>,
    span: &Range<usize>,
    name: &str,
    known: &[&str],
    what: &str,
    place: &str,
) {
    let help = match suggest(name, known) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("expected one of: {}", known.join(", ")),
    };
    c.error(span, format!("unknown {what} `{name}` {place}"), help);
}

/// A string value, or an error saying it should be one.
fn string<'v>(c: &mut Checker<'_>, value: &'v Value<'_>, what: &str) -> Option<&'v str> {
    let text = value.get_ref().as_str();
    if text.is_none() {
        c.wrong_type(value, what, "a string");
    }
    text
}

/// One of a few names.
fn one_of<T: Copy>(
    c: &mut Checker<'_>,
    value: &Value<'_>,
    what: &str,
    names: &[(&'static str, T)],
) -> Option<T> {
    let text = string(c, value, what)?;
    if let Some((_, choice)) = names.iter().find(|(name, _)| *name == text) {
        return Some(*choice);
    }
    let known: Vec<&str> = names.iter().map(|(name, _)| *name).collect();
    let quoted: Vec<String> = known.iter().map(|k| format!("\"{k}\"")).collect();
    let help = match suggest(text, &known) {
        Some(k) => format!("did you mean \"{k}\"?"),
        None => format!("expected one of: {}", quoted.join(", ")),
    };
    c.error(
        &value.span(),
        format!("unknown {what} {}", c.quote(&value.span())),
        help,
    );
    None
}

fn opener(c: &mut Checker<'_>, value: &Value<'_>) -> Option<String> {
    let text = string(c, value, "`opener`")?;
    match Viewer::choose(Some(text), None) {
        Ok(_) => Some(text.to_owned()),
        Err(e) => {
            c.error(
                &value.span(),
                format!("unusable `opener` {}: {e}", c.quote(&value.span())),
                "expected a command such as \"zathura --fork\"; the file is added as its last argument",
            );
            None
        }
    }
}

/// Sets `refresh` as the file says, unless it says something wrong.
fn refresh(c: &mut Checker<'_>, value: &Value<'_>, refresh: &mut Option<std::time::Duration>) {
    let Some(text) = string(c, value, "`refresh`") else {
        return;
    };
    if text == "off" {
        *refresh = None;
        return;
    }
    match parse_every(text) {
        Ok(every) => *refresh = Some(every),
        Err(e) => {
            c.error(
                &value.span(),
                format!("invalid `refresh` {}: {e}", c.quote(&value.span())),
                "expected \"off\" or a duration of 10s or more, like \"10m\", \"30s\" or \"1h\"",
            );
        }
    }
}

fn width(c: &mut Checker<'_>, value: &Value<'_>) -> Option<u16> {
    let expected = format!(
        "a number of columns from {} to {}",
        DETAIL_WIDTHS.start(),
        DETAIL_WIDTHS.end()
    );
    let Some(integer) = value.get_ref().as_integer() else {
        c.wrong_type(value, "`detail_width`", &expected);
        return None;
    };
    let parsed = i64::from_str_radix(&integer.as_str().replace('_', ""), integer.radix())
        .ok()
        .and_then(|n| u16::try_from(n).ok())
        .filter(|n| DETAIL_WIDTHS.contains(n));
    if parsed.is_none() {
        c.error(
            &value.span(),
            format!("`detail_width` {} is out of range", c.quote(&value.span())),
            format!("expected {expected}"),
        );
    }
    parsed
}

fn colors(c: &mut Checker<'_>, value: &Value<'_>) -> Vec<(Role, ratatui::style::Color)> {
    let Some(table) = c.table(value, "`colors`") else {
        return Vec::new();
    };
    let known: Vec<&str> = Role::all().map(Role::name).collect();
    let mut colors = Vec::new();
    for (key, value) in table {
        let name: &str = key.get_ref();
        let Ok(role) = name.parse::<Role>() else {
            unknown(c, &key.span(), name, &known, "colour role", "in [colors]");
            continue;
        };
        let Some(text) = string(c, value, &format!("`{name}`")) else {
            continue;
        };
        match parse_colour(text) {
            Ok(colour) => colors.push((role, colour)),
            Err(e) => {
                let help = match e.suggestion {
                    Some(s) => format!("did you mean \"{s}\"?"),
                    None => "expected a colour name such as \"light-red\", \"#rrggbb\", or a palette number \"0\" to \"255\"".to_owned(),
                };
                c.error(
                    &value.span(),
                    format!("unknown colour {} for `{name}`", c.quote(&value.span())),
                    help,
                );
            }
        }
    }
    colors
}

/// The errors found so far, shown or not.
fn errors(c: &Checker<'_>) -> usize {
    c.kept.0 + c.suppressed.0
}

/// Keys as the file gives them, each with its place.
type Placed = Vec<(Key, Range<usize>)>;

/// The keys the file gives a command in a context.
type Entry = (Context, Command, Placed);

/// One key given to a command in a context, with where the file says so.
struct Given {
    context: Context,
    command: Command,
    key: Key,
    span: Range<usize>,
}

/// The `[keys]` table as changes to the keymap: the context-free entries for every context
/// where their command is bound, the per-context ones over them; `None` after an error.
fn keys(c: &mut Checker<'_>, value: &Value<'_>) -> Option<Vec<Change>> {
    let table = c.table(value, "`keys`")?;
    let defaults = crate::keymap::Keymap::default();
    let errors_before = errors(c);
    let commands: Vec<&str> = Command::all().map(Command::name).collect();
    let contexts: Vec<&str> = Context::all().map(Context::name).collect();
    let mut anywhere: Vec<(Command, Placed)> = Vec::new();
    let mut specific: Vec<Entry> = Vec::new();
    for (key, value) in table {
        let name: &str = key.get_ref();
        if let Some(inner) = value.get_ref().as_table() {
            let Ok(context) = name.parse::<Context>() else {
                unknown(c, &key.span(), name, &contexts, "context", "in [keys]");
                continue;
            };
            let here: Vec<Command> = defaults.in_context(context).map(|b| b.command).collect();
            let here_names: Vec<&str> = here.iter().map(|k| k.name()).collect();
            for (key, value) in inner {
                let name: &str = key.get_ref();
                match name.parse::<Command>() {
                    Ok(command) if here.contains(&command) => {
                        if let Some(keys) = key_list(c, value, command) {
                            specific.push((context, command, keys));
                        }
                    }
                    Ok(_) => c.error(
                        &key.span(),
                        format!(
                            "`{name}` does nothing in [keys.{}] (the {context})",
                            context.name()
                        ),
                        format!("expected one of: {}", here_names.join(", ")),
                    ),
                    Err(_) => unknown(
                        c,
                        &key.span(),
                        name,
                        &here_names,
                        "action",
                        &format!("in [keys.{}]", context.name()),
                    ),
                }
            }
        } else if let Ok(command) = name.parse::<Command>() {
            if let Some(keys) = key_list(c, value, command) {
                anywhere.push((command, keys));
            }
        } else {
            let known: Vec<&str> = commands.iter().chain(&contexts).copied().collect();
            unknown(c, &key.span(), name, &known, "action", "in [keys]");
        }
    }
    // The file's keys per context: a context's own entry for a command wins over the
    // context-free one.
    let mut changes: Vec<Entry> = Vec::new();
    for (command, keys) in anywhere {
        for context in defaults.contexts_of(command) {
            if !specific
                .iter()
                .any(|(c2, k2, _)| *c2 == context && *k2 == command)
            {
                changes.push((context, command, keys.clone()));
            }
        }
    }
    changes.extend(specific);
    conflicts(c, &changes);
    (errors(c) == errors_before).then(|| {
        changes
            .into_iter()
            .map(|(context, command, keys)| Change {
                context,
                command,
                keys: keys.into_iter().map(|(k, _)| k).collect(),
            })
            .collect()
    })
}

/// Reports each key given to two commands in one context, at the later place, naming both.
fn conflicts(c: &mut Checker<'_>, changes: &[Entry]) {
    let given: Vec<Given> = changes
        .iter()
        .flat_map(|(context, command, keys)| {
            keys.iter().map(move |(key, span)| Given {
                context: *context,
                command: *command,
                key: *key,
                span: span.clone(),
            })
        })
        .collect();
    let mut reported: Vec<(Context, Key)> = Vec::new();
    for (i, later) in given.iter().enumerate() {
        let Some(first) = given[..i].iter().find(|g| {
            g.context == later.context && g.key == later.key && g.command != later.command
        }) else {
            continue;
        };
        if reported.contains(&(later.context, later.key)) {
            continue;
        }
        reported.push((later.context, later.key));
        let (a, b) = if first.span.start <= later.span.start {
            (first, later)
        } else {
            (later, first)
        };
        c.error(
            &b.span,
            format!(
                "{} is bound to both `{}` and `{}` in [keys.{}] (the {})",
                later.key.name(),
                a.command.name(),
                b.command.name(),
                later.context.name(),
                later.context
            ),
            "expected a key to do one thing in a context: remove it from one of them",
        );
    }
}

/// The most keys one action may have in one list. Far more than anyone binds, and it keeps
/// the checks of a hostile file's keys (each against the others) small: the file has at most
/// one list per action and context.
const MAX_KEYS: usize = 16;

/// A list of keys for `command`; `None` after an error.
fn key_list(c: &mut Checker<'_>, value: &Value<'_>, command: Command) -> Option<Placed> {
    const EXPECTED: &str = "a list of keys, such as [\"j\", \"Down\", \"Ctrl-d\"]";
    let Some(items) = value.get_ref().as_array() else {
        c.wrong_type(value, &format!("`{}`", command.name()), EXPECTED);
        return None;
    };
    if items.len() > MAX_KEYS {
        c.error(
            &value.span(),
            format!("{} keys for `{}`", items.len(), command.name()),
            format!("expected at most {MAX_KEYS} keys for an action"),
        );
        return None;
    }
    let mut keys = Vec::new();
    let mut ok = true;
    for item in items {
        let span = item.span();
        let Some(text) = item.get_ref().as_str() else {
            c.wrong_type(
                item,
                "a key",
                "a key name in quotes, such as \"j\" or \"Down\"",
            );
            ok = false;
            continue;
        };
        match parse_key(text) {
            Ok(key) if key == crate::keymap::ctrl('c') && command != Command::Quit => {
                c.error(
                    &span,
                    format!("Ctrl-c cannot be bound to `{}`", command.name()),
                    "Ctrl-c always quits",
                );
                ok = false;
            }
            Ok(key) => keys.push((key, span)),
            Err(e) => {
                let help = match e.suggestion {
                    Some(s) => format!("did you mean \"{s}\"?"),
                    None => "expected a character (\"j\", \"G\", \"?\"), a key name (\"Down\", \"PageDown\", \"Enter\", \"Esc\", \"Space\", \"Tab\", \"F1\"), with \"Ctrl-\" or \"Alt-\" before it if needed".to_owned(),
                };
                c.error(
                    &span,
                    format!("unknown key {} for `{}`", c.quote(&span), command.name()),
                    help,
                );
                ok = false;
            }
        }
    }
    ok.then_some(keys)
}
