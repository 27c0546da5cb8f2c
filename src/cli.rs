//! The command line: `lectern [PROGRAM]` browses (a program file, or a published schedule
//! converted in memory, on disk or at a web address), `lectern check PROGRAM...` validates
//! (program files and schedules, told apart the same way), `lectern import SCHEDULE` converts a
//! schedule into a program file, `lectern diff OLD NEW` compares two versions.
//!
//! Exit status: 0 on success, 1 when a program or schedule does not load, 2 for a usage error
//! (clap's own errors included), 128 + N when signal N ended the browser.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::tz::TimeZone;

use crate::app::App;
use crate::config::{ColorWhen, Config, ZoneShown};
use crate::effects::refresh::Refresher;
use crate::fetch::Limits;
use crate::import::{self, Format};
use crate::opener::Viewer;
use crate::program::{self, Diagnostic};
use crate::run::{self, Ending};
use crate::source::remote::{self, Mode, Opened};
use crate::source::{Loaded, Source, SourceError};

/// Browse a conference or workshop program in the terminal.
#[derive(Debug, Parser)]
// Not `args_conflicts_with_subcommands`: it counts global options too, so `lectern --config
// FILE config` would read `config` as a program file. The browsing arguments are refused with
// a subcommand in `Cli::browse_only_with_subcommand` instead.
#[command(
    version,
    about,
    override_usage = "lectern [OPTIONS] [PROGRAM]\n       lectern [OPTIONS] <COMMAND>"
)]
pub struct Cli {
    /// The program file to browse, or a published schedule (Pentabarf/frab XML, frab/pretalx
    /// JSON, iCalendar), converted in memory; either may be an http(s) address. Default:
    /// ./program.toml if there is one, else the built-in program.
    pub program: Option<PathBuf>,

    /// The command that opens slides, split into words without a shell; the file or URL is
    /// appended as its last argument. Default: $LECTERN_OPENER, else the system's viewer.
    #[expect(
        clippy::doc_markdown,
        reason = "clap prints this text as it is, backticks too"
    )]
    #[arg(long, value_name = "CMD")]
    pub opener: Option<String>,

    /// Use the cached copy of a web address, without the network.
    #[arg(long, global = true)]
    pub offline: bool,

    /// Load the program again this often while browsing (`10m`, `30s`, `1h`; at least 10s),
    /// as the R key does.
    #[arg(long, value_name = "EVERY", value_parser = crate::config::parse_every)]
    pub refresh: Option<std::time::Duration>,

    /// Start with this search applied, as if typed after `/`.
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub search: Option<String>,

    /// For a published schedule: the time zone of its times, an IANA name like
    /// Europe/Brussels. Default: the one the schedule names, else the offset its times carry.
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub timezone: Option<TimeZone>,

    /// The configuration file. Default: lectern/config.toml in the XDG configuration folder
    /// (~/.config), when there is one.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// When to use colour: `auto` (on a terminal, unless NO_COLOR is set), `always` or `never`.
    #[expect(clippy::doc_markdown, reason = "clap prints this text as it is")]
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorWhen::Auto,
        hide_possible_values = true
    )]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Option<Cmd>,
}

impl Cli {
    /// The first browsing-only argument given along with a subcommand, as the user wrote it.
    fn browse_only_with_subcommand(&self) -> Option<String> {
        self.command.as_ref()?;
        if let Some(program) = &self.program {
            return Some(format!("the program '{}'", program.display()));
        }
        [
            ("--opener", self.opener.is_some()),
            ("--refresh", self.refresh.is_some()),
            ("--search", self.search.is_some()),
            ("--timezone", self.timezone.is_some()),
        ]
        .into_iter()
        .find_map(|(name, given)| given.then(|| name.to_owned()))
    }
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Validate program files and schedules: print their errors and warnings, browse nothing
    ///
    /// A published schedule (Pentabarf/frab XML, frab/pretalx JSON, iCalendar), told from its
    /// content as when browsing, is imported in memory, and what the import holds is printed.
    Check {
        /// The program files or schedules (paths or http(s) addresses) to check.
        #[arg(required = true)]
        programs: Vec<PathBuf>,
    },
    /// Convert a published schedule into a program file.
    ///
    /// Reads Pentabarf/frab schedule.xml, frab/pretalx schedule.json (c3voc schema) and
    /// iCalendar .ics, detected from the content. Writes the program on standard output (or
    /// into OUT.toml) and what was imported on standard error.
    Import {
        /// The schedule file, or its http(s) address.
        schedule: PathBuf,
        /// The program file to write. Default: standard output.
        #[arg(short, long, value_name = "OUT.toml")]
        output: Option<PathBuf>,
        /// The schedule's format. Default: detected from the content.
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// The time zone of the schedule's times, an IANA name like Europe/Brussels.
        /// Default: the one the schedule names, else the offset its times carry, else UTC.
        #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
        timezone: Option<TimeZone>,
        /// Overwrite OUT.toml if it exists (never the schedule itself).
        #[arg(long)]
        force: bool,
    },
    /// Print your agenda: the talks you picked, by day, with clashes and free time.
    ///
    /// With --ics, write them as iCalendar for a calendar program instead.
    Agenda(crate::agenda::cmd::AgendaArgs),
    /// Show what changed between two versions of a program.
    ///
    /// New, cancelled, moved and changed talks, matched by talk id. Exit status 0 when nothing
    /// changed, 1 when something did, 2 on error.
    Diff(crate::diff::DiffArgs),
    /// Print the talks a search finds, as text, Markdown or JSON.
    ///
    /// The query is a talk id, or words as typed after `/` when browsing. Exit status 1 when
    /// nothing matches.
    Show(crate::show::ShowArgs),
    /// Print a shell completion script.
    ///
    /// For bash: `lectern completions bash > ~/.local/share/bash-completion/completions/lectern`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: crate::completions::Shell,
    },
    /// Print the manual page (roff).
    ///
    /// Install it with `lectern man > ~/.local/share/man/man1/lectern.1`.
    Man,
    /// Print the configuration in effect: every setting, with a comment, the defaults included.
    ///
    /// The output is a configuration file that reads back to the same configuration:
    /// `lectern config > ~/.config/lectern/config.toml` is a good start. Exit status 2 when the
    /// configuration file has errors.
    Config,
}

/// The `--format` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Pentabarf or frab schedule.xml
    Pentabarf,
    /// frab or pretalx schedule.json (c3voc schema)
    FrabJson,
    /// iCalendar .ics
    Ical,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Pentabarf => Format::Pentabarf,
            FormatArg::FrabJson => Format::FrabJson,
            FormatArg::Ical => Format::Ical,
        }
    }
}

fn parse_zone(name: &str) -> Result<TimeZone, String> {
    program::schedule::time_zone(name)
        .map_err(|e| format!("{}; expected {}", e.message, e.expected))
}

/// Files from this size on get a note on stderr while they load.
const LARGE_FILE: u64 = 20_000_000;

/// Prints a line on stderr. Unlike `eprintln!` it never panics: stderr may be a terminal that
/// has gone away.
macro_rules! report {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Prints a line on stdout. Unlike `println!` it never panics: stdout may be a pipe that a
/// reader closed early (`lectern check *.toml | head -1`).
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Runs the command line and returns the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(arg) = cli.browse_only_with_subcommand() {
        <Cli as clap::CommandFactory>::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("{arg} is for browsing: it cannot be used with a subcommand"),
            )
            .exit();
    }
    let mode = if cli.offline {
        Mode::Offline
    } else {
        Mode::Online
    };
    match cli.command {
        Some(Cmd::Check { programs }) => check(&programs, mode),
        Some(Cmd::Import {
            schedule,
            output,
            format,
            timezone,
            force,
        }) => import(
            &schedule,
            mode,
            output.as_deref(),
            force,
            &import::Options {
                format: format.map(Format::from),
                timezone,
                ..import::Options::default()
            },
        ),
        Some(Cmd::Agenda(args)) => crate::agenda::cmd::run(&args, &load),
        Some(Cmd::Diff(args)) => crate::diff::run(&args, mode),
        Some(Cmd::Show(args)) => crate::show::run(&args, &load),
        Some(Cmd::Completions { shell }) => {
            crate::completions::completions(<Cli as clap::CommandFactory>::command(), shell)
        }
        Some(Cmd::Man) => crate::completions::man(<Cli as clap::CommandFactory>::command()),
        Some(Cmd::Config) => crate::config::print(cli.config.as_deref()),
        None => {
            // Read before anything else: a bad file is reported before the terminal is touched.
            let config = match Config::find(cli.config.as_deref()) {
                Ok(config) => config,
                Err(e) => {
                    report!("{e}");
                    return ExitCode::from(2);
                }
            };
            let colour = cli.color.here();
            browse(
                cli.program.as_deref(),
                cli.timezone.as_ref(),
                mode,
                &Browse {
                    opener: cli.opener.as_deref(),
                    search: cli.search.as_deref(),
                    refresh: cli.refresh,
                    config: &config,
                    colour,
                },
            )
        }
    }
}

/// How to browse: the command line's choices and the configuration.
struct Browse<'a> {
    opener: Option<&'a str>,
    search: Option<&'a str>,
    refresh: Option<std::time::Duration>,
    config: &'a Config,
    colour: bool,
}

fn print_warnings(path: &str, warnings: &[Diagnostic]) {
    let mut stderr = std::io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(stderr, "{}", warning.render(path));
    }
}

fn check(programs: &[PathBuf], mode: Mode) -> ExitCode {
    let mut failed = false;
    for path in programs {
        let name = crate::sanitize::visible(&path.display().to_string());
        let opened = Source::from_path(path).open(mode, &Limits::from_env());
        if let Ok(Opened {
            offline: Some(note),
            ..
        }) = &opened
        {
            report!("{name}: {}", note.explained());
        }
        match opened.map(|o| o.loaded) {
            Ok(Loaded::Program(program, mut warnings)) => {
                warnings.extend(crate::source::missing_slides(&program));
                print_warnings(&name, &warnings);
                say!(
                    "{name}: ok: {} talk{}, {} warning{}",
                    program.talks.len(),
                    if program.talks.len() == 1 { "" } else { "s" },
                    warnings.len(),
                    if warnings.len() == 1 { "" } else { "s" },
                );
            }
            Ok(Loaded::Schedule(imported)) => {
                let summary = &imported.summary;
                match to_program_file(&imported) {
                    Ok(_) => {
                        for note in &summary.notes {
                            report!("{name}: note: {note}");
                        }
                        say!("{name}: ok: {} schedule, {summary}", summary.format);
                    }
                    Err(e) => {
                        report!("{e}");
                        failed = true;
                    }
                }
            }
            Err(e) => {
                report!("{e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The program `lectern agenda` reads, chosen as the browser chooses it, with its first status
/// line; the error is the whole report for the user.
fn load(path: Option<&Path>) -> Result<(program::Program, Option<String>), String> {
    Source::choose(path, Path::new("."))
        .load()
        .map(Loaded::into_browsed)
        .map_err(|e| e.to_string())
}

/// The program file of an imported schedule. It must load: a failure is a bug in the
/// conversion, not in the schedule, and the error says so.
fn to_program_file(imported: &import::Imported) -> Result<String, String> {
    let text = program::to_toml(&imported.program);
    match program::parse_str(&text, program::Origin::BuiltIn) {
        Ok(_) => Ok(text),
        Err(e) => Err(format!(
            "lectern: internal error: the converted program does not load:\n{e}"
        )),
    }
}

/// Writes the program into `output`, or on stdout; the error is an exit status and a message.
fn write_program(
    text: &str,
    schedule: &Path,
    output: Option<&Path>,
    force: bool,
) -> Result<(), (u8, String)> {
    let Some(out) = output else {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|e| (1, format!("lectern: cannot write the program: {e}")));
    };
    let out_name = crate::sanitize::visible(&out.display().to_string());
    // The same file by any name: the same path, a symlink or a hard link to it.
    let id = |p: &Path| {
        use std::os::unix::fs::MetadataExt as _;
        std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
    };
    let same = id(out).is_some_and(|o| id(schedule) == Some(o));
    if same {
        return Err((
            2,
            format!("lectern: {out_name} is the schedule itself; choose another output file"),
        ));
    }
    if !force && std::fs::symlink_metadata(out).is_ok() {
        return Err((
            2,
            format!("lectern: {out_name} exists; add --force to overwrite it"),
        ));
    }
    crate::atomic::write_atomic(out, text.as_bytes(), false)
        .map_err(|e| (1, format!("lectern: cannot write {out_name}: {e}")))
}

/// `lectern import`: the program on stdout or in `output`, the summary on stderr.
fn import(
    schedule: &Path,
    mode: Mode,
    output: Option<&Path>,
    force: bool,
    options: &import::Options,
) -> ExitCode {
    let name = crate::sanitize::visible(&schedule.display().to_string());
    let imported = match Source::from_path(schedule) {
        Source::Url(url) => {
            crate::source::remote::import(&url, mode, options).map(|(imported, note)| {
                if let Some(note) = note {
                    report!("{name}: {}", note.explained());
                }
                imported
            })
        }
        _ => import::import_file(schedule, options).map_err(SourceError::from),
    };
    let imported = match imported {
        Ok(imported) => imported,
        Err(e) => {
            report!("{e}");
            return ExitCode::from(1);
        }
    };
    let text = match to_program_file(&imported) {
        Ok(text) => text,
        Err(e) => {
            report!("{e}");
            return ExitCode::from(1);
        }
    };
    if let Err((code, message)) = write_program(&text, schedule, output, force) {
        report!("{message}");
        return ExitCode::from(code);
    }
    let summary = &imported.summary;
    report!("{name}: {}: {summary}", summary.format);
    for note in &summary.notes {
        report!("{name}: note: {note}");
    }
    ExitCode::SUCCESS
}

fn browse(path: Option<&Path>, timezone: Option<&TimeZone>, mode: Mode, how: &Browse) -> ExitCode {
    let config = how.config;
    // --opener, else $LECTERN_OPENER, else the configuration's opener.
    let env_opener = std::env::var("LECTERN_OPENER").ok();
    let fallback = env_opener.as_deref().or(config.opener.as_deref());
    let viewer = match Viewer::choose(how.opener, fallback) {
        Ok(viewer) => viewer,
        Err(e) => {
            report!("lectern: {}", crate::sanitize::visible(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    // A large program takes seconds to read: say so while the terminal is still ours to print on.
    if let Some(path) = path
        && let Ok(meta) = std::fs::metadata(path)
        && meta.len() >= LARGE_FILE
        && std::io::stderr().is_terminal()
    {
        report!(
            "lectern: reading {} ({} MB)…",
            crate::sanitize::visible(&path.display().to_string()),
            meta.len() / 1_000_000
        );
    }
    let source = Source::choose(path, Path::new("."));
    let (program, status, note, messages, warnings) =
        match source.open_in(mode, &Limits::from_env(), timezone) {
            Ok(remote::Opened { loaded, offline }) => {
                let messages = loaded.messages();
                let warnings = match &loaded {
                    Loaded::Program(_, warnings) => warnings.len(),
                    Loaded::Schedule(_) => 0,
                };
                let (program, status) = loaded.into_browsed();
                (program, status, offline, messages, warnings)
            }
            Err(e) => {
                report!("{e}");
                return ExitCode::from(1);
            }
        };
    let found = crate::source::seen::changes_since(&source, &program);
    let mut app = App::new(program);
    // An explicit --timezone is the zone asked for: it starts shown whatever the file says.
    app.clock.show_local = timezone.is_none() && config.timezone == ZoneShown::Local;
    if let Some(note) = note {
        app.live.source_note = Some(note.to_string());
        app.set_status(note.explained(), false);
    }
    app.show_loaded(status, messages, warnings);
    if let Some(found) = found.filter(|f| !f.is_empty()) {
        app.set_status_with_key(
            format!(
                "changed since you last looked: {}",
                crate::app::summary(&found)
            ),
            crate::action::Command::Changes,
        );
        app.live.set(found);
    }
    let refresh = how.refresh.or(config.refresh);
    let refresher = Refresher::new((source != Source::BuiltIn).then_some(source), refresh)
        .in_zone(timezone.cloned());
    let ctx = config.app_context(how.colour);
    // crossterm drops colour codes by itself when NO_COLOR is set: `--color always` says
    // otherwise. (Without colour the theme has none to write.)
    if how.colour {
        crossterm::style::force_color_output(true);
    }
    match run::browse(app, &ctx, viewer, how.search, refresher) {
        Ok(Ending::Quit) => ExitCode::SUCCESS,
        Ok(Ending::Signal(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        Err(e @ run::RunError::NotATerminal) => {
            report!("lectern: {e}; run it in a terminal, or use `lectern check FILE`");
            ExitCode::from(2)
        }
        Err(e) => {
            report!("lectern: {e}");
            ExitCode::from(1)
        }
    }
}
