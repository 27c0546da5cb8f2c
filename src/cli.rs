//! The command line: `lectern [PROGRAM]` browses, `lectern check PROGRAM...` validates.
//!
//! Exit status: 0 on success, 1 when a program does not load, 2 for a usage error (clap's
//! own errors included), 128 + N when signal N ended the browser.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::App;
use crate::opener::Viewer;
use crate::program::{self, Diagnostic, LoadError, Program};
use crate::run::{self, Ending};

/// Browse a conference or workshop program in the terminal.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The program file to browse. Default: ./program.toml if there is one, else the built-in
    /// program.
    pub program: Option<PathBuf>,

    /// The command that opens slides, split into words without a shell; the file or URL is
    /// appended as its last argument. Default: $`LECTERN_OPENER`, else the system's viewer.
    #[arg(long, value_name = "CMD", global = true)]
    pub opener: Option<String>,

    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Validate program files: print their errors and warnings, load nothing.
    Check {
        /// The program files to check.
        #[arg(required = true)]
        programs: Vec<PathBuf>,
    },
}

/// Prints a line on stderr. Unlike `eprintln!` it never panics: stderr may be a terminal that
/// has gone away.
macro_rules! report {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Runs the command line and returns the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Cmd::Check { programs }) => check(&programs),
        None => browse(cli.program.as_deref(), cli.opener.as_deref()),
    }
}

fn print_warnings(path: &str, warnings: &[Diagnostic]) {
    let mut stderr = std::io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(stderr, "{}", warning.render(path));
    }
}

fn check(programs: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in programs {
        let name = crate::sanitize::visible(&path.display().to_string());
        match program::load_file(path) {
            Ok((program, warnings)) => {
                print_warnings(&name, &warnings);
                println!(
                    "{name}: ok: {} talk{}, {} warning{}",
                    program.talks.len(),
                    if program.talks.len() == 1 { "" } else { "s" },
                    warnings.len(),
                    if warnings.len() == 1 { "" } else { "s" },
                );
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

/// The program to browse: the given file, else `./program.toml`, else the built-in one.
fn load(path: Option<&Path>) -> Result<(Program, Vec<Diagnostic>), LoadError> {
    let default = Path::new("program.toml");
    match path {
        Some(path) => program::load_file(path),
        None if default.is_file() => program::load_file(default),
        None => Program::built_in().map(|p| (p, Vec::new())),
    }
}

fn browse(path: Option<&Path>, opener: Option<&str>) -> ExitCode {
    let env_opener = std::env::var("LECTERN_OPENER").ok();
    let viewer = match Viewer::choose(opener, env_opener.as_deref()) {
        Ok(viewer) => viewer,
        Err(e) => {
            report!("lectern: {}", crate::sanitize::visible(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    let (program, warnings) = match load(path) {
        Ok(loaded) => loaded,
        Err(e) => {
            report!("{e}");
            return ExitCode::from(1);
        }
    };
    let mut app = App::new(program);
    if !warnings.is_empty() {
        app.set_status(
            format!(
                "{} warning{} in the program file: run `lectern check` to see them",
                warnings.len(),
                if warnings.len() == 1 { "" } else { "s" }
            ),
            false,
        );
    }
    match run::browse(app, viewer) {
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
