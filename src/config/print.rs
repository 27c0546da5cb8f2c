//! `lectern config`: the effective configuration in full, as a file Lectern reads back to the
//! same configuration: every setting with a comment, the defaults included, the keymap as
//! every context's keys, and colour roles the file does not set as comments with the theme's
//! colour.

use std::fmt::Write as _;

use super::{Config, DETAIL_WIDTHS};
use crate::action::Command;
use crate::keymap::{Context, Key, Keymap};
use crate::theme::{Role, Theme, ThemeName, colour_name};

/// `text` as a TOML string, quoted and escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn names<T>(all: impl Iterator<Item = T>, name: impl Fn(T) -> &'static str) -> String {
    let quoted: Vec<String> = all.map(|t| format!("\"{}\"", name(t))).collect();
    quoted.join(", ")
}

impl Config {
    /// The configuration as a file; [`Config::parse`] reads it back to an equal `Config`.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        self.settings(&mut out);
        self.colours(&mut out);
        self.keys(&mut out);
        out
    }

    fn settings(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "# Lectern's configuration: every setting, with its value in effect. Every setting is\n\
             # optional: delete what you do not change.\n"
        );
        let _ = writeln!(
            out,
            "# The command that opens slides and links, split into words without a shell; the file\n\
             # or address is added as its last argument. --opener and $LECTERN_OPENER win over it."
        );
        match &self.opener {
            Some(opener) => {
                let _ = writeln!(out, "opener = {}\n", quoted(opener));
            }
            None => {
                let _ = writeln!(
                    out,
                    "# Not set: the system's viewer (xdg-open and the like).\n# opener = \"zathura --fork\"\n"
                );
            }
        }
        let _ = writeln!(
            out,
            "# The colours: {}. [colors] below changes single roles.\n\
             # NO_COLOR (set to anything) or --color never turns every colour off.\n\
             theme = {}\n",
            names(ThemeName::all(), ThemeName::name),
            quoted(self.theme.name())
        );
        let _ = writeln!(
            out,
            "# Whether y copies to the clipboard: \"off\" (never), or \"osc52\" (through the\n\
             # terminal, which most put on the system clipboard).\nclipboard = {}\n",
            quoted(self.clipboard.name())
        );
        let refresh = self.refresh.map_or_else(
            || "off".to_owned(),
            |every| {
                jiff::SignedDuration::try_from(every)
                    .map_or_else(|_| "off".to_owned(), |d| format!("{d:#}"))
            },
        );
        let _ = writeln!(
            out,
            "# Load the program again this often (\"10m\", \"30s\", \"1h\"; at least 10s), or \"off\"\n\
             # (only when R is pressed). --refresh wins over it.\nrefresh = {}\n",
            quoted(&refresh)
        );
        let _ = writeln!(
            out,
            "# The time zone times show in at start: \"program\" (the program's own) or \"local\"\n\
             # (this computer's); z switches.\ntimezone = {}\n",
            quoted(self.timezone.name())
        );
        let _ = writeln!(
            out,
            "# The widest the detail text runs, in columns ({} to {}).\ndetail_width = {}\n",
            DETAIL_WIDTHS.start(),
            DETAIL_WIDTHS.end(),
            self.detail_width
        );
    }

    fn colours(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "# Colours of single parts of the screen, over the theme. A colour is a name, \"#rrggbb\",\n\
             # or a number of the 256-colour palette (\"236\"). The names:\n# {}.\n\
             # Commented out: the theme's colour.\n[colors]",
            wrap(
                &crate::theme::roles::colour_names()
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        );
        let theme = Theme::named(self.theme);
        for role in Role::all() {
            let _ = writeln!(out, "# {}", role.describe());
            match self.colors.iter().rev().find(|(r, _)| *r == role) {
                Some((_, colour)) => {
                    let _ = writeln!(out, "{} = {}", role.name(), quoted(&colour_name(*colour)));
                }
                None => match role.colour(&theme) {
                    Some(colour) => {
                        let _ =
                            writeln!(out, "# {} = {}", role.name(), quoted(&colour_name(colour)));
                    }
                    // The themes reverse the selection rather than colour it.
                    None if role == Role::Selection => {
                        let name = role.name();
                        let _ = writeln!(out, "# {name} = (none: the theme reverses the row)");
                    }
                    None => {
                        let _ = writeln!(out, "# {} = \"default\"", role.name());
                    }
                },
            }
        }
        out.push('\n');
    }

    fn keys(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "# Keys: each action with the list of its keys, per context. A key is a character (\"j\",\n\
             # \"G\", \"?\") or a name: Down, Up, Left, Right, PageDown, PageUp, Home, End, Enter, Tab,\n\
             # Shift-Tab, Esc, Backspace, Delete, Insert, Space, F1 to F24; \"Ctrl-\" or \"Alt-\" before\n\
             # it for a chord (\"Ctrl-d\"). An action named directly under [keys] (star = [\"x\"])\n\
             # applies in every context it has. A key does one thing per context; Ctrl-c always quits.\n\
             # [] leaves an action without a key."
        );
        let defaults = Keymap::default();
        for context in Context::all() {
            let _ = writeln!(out, "\n# In the {context}.\n[keys.{}]", context.name());
            for command in commands(&defaults, &self.keymap, context) {
                let binding = self
                    .keymap
                    .in_context(context)
                    .find(|b| b.command == command);
                let help = binding
                    .map(|b| b.help)
                    .or_else(|| {
                        defaults
                            .in_context(context)
                            .find(|b| b.command == command)
                            .map(|b| b.help)
                    })
                    .unwrap_or("");
                let keys: Vec<String> = binding
                    .map(|b| b.keys.iter().map(|k| quoted(&Key::name(k))).collect())
                    .unwrap_or_default();
                let _ = writeln!(out, "{} = [{}]  # {help}", command.name(), keys.join(", "));
            }
        }
    }
}

/// A long list for a comment, cut into lines of about 90 characters, each after `# `.
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + word.len() > 90 {
            out.push_str("\n#");
            line = 0;
        }
        out.push(' ');
        out.push_str(word);
        line += word.len() + 1;
    }
    out.trim_start().to_owned()
}

/// The commands of `context` in either keymap, in the current keymap's order, then those it
/// no longer binds there.
fn commands(defaults: &Keymap, keymap: &Keymap, context: Context) -> Vec<Command> {
    let mut commands: Vec<Command> = keymap.in_context(context).map(|b| b.command).collect();
    for binding in defaults.in_context(context) {
        if !commands.contains(&binding.command) {
            commands.push(binding.command);
        }
    }
    commands
}
