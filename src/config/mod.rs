//! The configuration file: `$XDG_CONFIG_HOME/lectern/config.toml` (`~/.config/lectern/`), or
//! the file `--config` names. Every setting is optional and a missing file is the defaults;
//! what a file sets is a sparse patch over them ([`Config`]), never written back by Lectern.
//!
//! The file is untrusted input like a program file: read up to [`MAX_CONFIG_SIZE`], checked by
//! walking the span-carrying TOML tree with the program loader's checker,
//! and every problem reported as a program file's are (line, column, the line quoted, a caret,
//! "did you mean") before the terminal is touched. [`Config::to_toml`] prints the effective
//! configuration in full, in the form the file reads back.

use std::io::Read as _;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::time::Duration;

use etcetera::BaseStrategy as _;
use ratatui::style::Color;

use crate::context::{AppContext, Clipboard, DETAIL_WIDTH};
use crate::keymap::Keymap;
use crate::program::{Diagnostic, Severity, SourceText};
use crate::theme::{Role, Theme, ThemeName};

mod check;
mod print;
#[cfg(test)]
mod tests;

/// The largest configuration file Lectern reads: a full one is about 8 KB.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// The detail widths a file may set, in columns.
pub const DETAIL_WIDTHS: RangeInclusive<u16> = 20..=1000;

/// The zone times are shown in when the browser starts; `z` switches.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
pub enum ZoneShown {
    /// The program's own zone.
    #[default]
    Program,
    /// The local time zone of this computer.
    Local,
}

impl ZoneShown {
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// The `--color` values, named in the option's help: clap's list of possible values puts a
/// blank line in the manual page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    // Colour on a terminal, unless NO_COLOR is set to something.
    Auto,
    // Colour, even with NO_COLOR.
    Always,
    // No colour: bold, underline and reverse only.
    Never,
}

impl ColorWhen {
    /// Whether to draw in colour here: with `NO_COLOR` as the environment has it, on
    /// standard output.
    pub fn here(self) -> bool {
        use std::io::IsTerminal as _;
        let no_color = std::env::var_os("NO_COLOR");
        self.colour(no_color.as_deref(), std::io::stdout().is_terminal())
    }

    /// Whether to draw in colour, given `NO_COLOR` and whether stdout is a terminal.
    pub fn colour(self, no_color: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => terminal && no_color.is_none_or(std::ffi::OsStr::is_empty),
        }
    }
}

/// The effective configuration: the defaults with what the file changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The command that opens slides, as `--opener` takes it; `None`: the system's viewer.
    pub opener: Option<String>,
    pub theme: ThemeName,
    /// The roles the file recolours, in the order of [`Role`].
    pub colors: Vec<(Role, Color)>,
    /// The default keymap with the file's `[keys]` applied.
    pub keymap: Keymap,
    pub clipboard: Clipboard,
    /// Load the program again this often, as `--refresh`; `None`: only when `R` asks.
    pub refresh: Option<Duration>,
    pub timezone: ZoneShown,
    /// The widest the detail text runs, in columns.
    pub detail_width: u16,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            opener: None,
            theme: ThemeName::default(),
            colors: Vec::new(),
            keymap: Keymap::default(),
            clipboard: Clipboard::default(),
            refresh: None,
            timezone: ZoneShown::default(),
            detail_width: DETAIL_WIDTH,
        }
    }
}

/// Why the configuration could not be used. Displaying it gives the whole report.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the configuration file: {reason}")]
    Read { path: String, reason: String },
    #[error("{}", render(path, diagnostics))]
    Invalid {
        path: String,
        diagnostics: Vec<Diagnostic>,
    },
}

fn render(path: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out: Vec<String> = diagnostics.iter().map(|d| d.render(path)).collect();
    out.push(format!(
        "{path}: the configuration file has errors; Lectern did not start"
    ));
    out.join("\n")
}

impl Config {
    /// The theme the file chooses, recoloured as it says, and stripped of every colour when
    /// `colour` is false.
    pub fn theme(&self, colour: bool) -> Theme {
        let mut theme = Theme::named(self.theme);
        for &(role, value) in &self.colors {
            theme.set(role, value);
        }
        if colour {
            theme
        } else {
            theme.without_colour()
        }
    }

    /// What drawing and input read: the keymap, the theme, the detail width, the clipboard.
    pub fn app_context(&self, colour: bool) -> AppContext {
        AppContext {
            keymap: self.keymap.clone(),
            theme: self.theme(colour),
            detail_width: self.detail_width,
            clipboard: self.clipboard,
        }
    }

    /// Checks configuration text; `name` names the file in messages.
    pub fn parse(src: &str, name: &str) -> Result<Config, ConfigError> {
        check::check(src).map_err(|diagnostics| ConfigError::Invalid {
            path: crate::sanitize::visible(name),
            diagnostics,
        })
    }

    /// Reads and checks the file at `path`, which must exist.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let name = crate::sanitize::visible(&path.display().to_string());
        let bytes = read_capped(path).map_err(|reason| ConfigError::Read {
            path: name.clone(),
            reason,
        })?;
        match std::str::from_utf8(&bytes) {
            Ok(src) => Config::parse(src, &name),
            Err(err) => {
                let prefix = String::from_utf8_lossy(&bytes[..err.valid_up_to()]);
                let diagnostic = Diagnostic::at(
                    Severity::Error,
                    &SourceText::new(&prefix),
                    prefix.len(),
                    crate::program::invalid_utf8(&bytes, &err),
                )
                .with_help(crate::program::UTF8_HELP);
                Err(ConfigError::Invalid {
                    path: name,
                    diagnostics: vec![Diagnostic {
                        source_line: None,
                        ..diagnostic
                    }],
                })
            }
        }
    }

    /// The configuration in use: the file `explicit` names (it must exist), else the file at
    /// [`default_path`] when there is one, else the defaults.
    pub fn find(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        match explicit {
            Some(path) => Config::load(path),
            None => match default_path() {
                Some(path) if std::fs::symlink_metadata(&path).is_ok() => Config::load(&path),
                _ => Ok(Config::default()),
            },
        }
    }
}

/// `lectern config`: the configuration in effect on stdout, or its errors on stderr and exit
/// status 2.
pub fn print(explicit: Option<&Path>) -> std::process::ExitCode {
    use std::io::Write as _;
    match Config::find(explicit) {
        Ok(config) => {
            // A reader that closed the pipe early is no error.
            let _ = std::io::stdout()
                .lock()
                .write_all(config.to_toml().as_bytes());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{e}");
            std::process::ExitCode::from(2)
        }
    }
}

/// `$XDG_CONFIG_HOME/lectern/config.toml`, else `~/.config/lectern/config.toml`, on every
/// system; `None` when there is no home folder to find it in.
pub fn default_path() -> Option<PathBuf> {
    let xdg = etcetera::base_strategy::Xdg::new().ok()?;
    Some(xdg.config_dir().join("lectern").join("config.toml"))
}

/// The file's bytes, refusing what is not a regular file and anything over
/// [`MAX_CONFIG_SIZE`]; the error says why in words.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    let too_large = |size: u64| {
        format!("it is {size} bytes; expected a file of at most {MAX_CONFIG_SIZE} bytes")
    };
    if meta.len() > MAX_CONFIG_SIZE {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_CONFIG_SIZE + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_CONFIG_SIZE {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a refresh interval as `--refresh` and the file's `refresh` take it: `10m`, `30s`,
/// `1h`, at least ten seconds.
pub fn parse_every(text: &str) -> Result<Duration, String> {
    let every: jiff::SignedDuration = text
        .parse()
        .map_err(|_| format!("expected a duration like 10m, 30s or 1h, not {text:?}"))?;
    let every = Duration::try_from(every).map_err(|e| e.to_string())?;
    if every < Duration::from_secs(10) {
        return Err("refresh at most every 10s".to_owned());
    }
    Ok(every)
}
