//! `lectern agenda [PROGRAM]`: the picks of a program as text, or as iCalendar with `--ics`,
//! and `--star`, `--maybe-pick` and `--unpick` to change them from the command line (a script,
//! or a machine without the browser's keys at hand).
//!
//! Exit status: 0 when the agenda is printed (even an empty one), 1 when the program or the
//! picks cannot be read or written, 2 for a usage error such as an unknown talk id.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::Timestamp;

use super::store::{self, Opened, Store};
use super::{Agenda, Mark, Plan, ics, text};
use crate::program::Program;
use crate::sanitize::visible;

/// The options of `lectern agenda`.
#[derive(Debug, Clone, clap::Args)]
pub struct AgendaArgs {
    /// The program file or published schedule. Default: ./program.toml if there is one, else
    /// the built-in program.
    pub program: Option<PathBuf>,
    /// Write the picks as iCalendar (.ics) instead of text.
    #[arg(long)]
    pub ics: bool,
    /// With --ics: the file to write. Default: standard output.
    #[arg(short, long, value_name = "FILE.ics", requires = "ics")]
    pub output: Option<PathBuf>,
    /// With --ics: the maybes too, as tentative events.
    #[arg(long, requires = "ics")]
    pub maybe: bool,
    /// Star the talk with this id (repeatable).
    #[arg(long, value_name = "ID")]
    pub star: Vec<String>,
    /// Mark the talk with this id "maybe", a fallback (repeatable).
    #[arg(long, value_name = "ID")]
    pub maybe_pick: Vec<String>,
    /// Drop the pick of the talk with this id, in the program or not (repeatable).
    #[arg(long, value_name = "ID")]
    pub unpick: Vec<String>,
}

/// A program as the browser loads it, with its first status line; the error is the whole
/// message for the user.
pub type Loader<'a> = &'a dyn Fn(Option<&Path>) -> Result<(Program, Option<String>), String>;

/// Prints a line on stderr, never panicking on a closed stderr.
macro_rules! report {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Runs `lectern agenda`, loading the program with `load`.
pub fn run(args: &AgendaArgs, load: Loader<'_>) -> ExitCode {
    match agenda(args, load) {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            report!("{message}");
            ExitCode::from(code)
        }
    }
}

fn agenda(args: &AgendaArgs, load: Loader<'_>) -> Result<(), (u8, String)> {
    let failed = |e: &dyn std::fmt::Display| (1, e.to_string());
    let (program, _) = load(args.program.as_deref()).map_err(|e| (1, e))?;
    let dir = store::data_dir().map_err(|e| failed(&e))?;
    let Opened {
        mut store,
        picks,
        problem,
    } = Store::open(&dir, &program).map_err(|e| failed(&e))?;
    let mut agenda = Agenda::new(&program, picks);
    let changed = change(&program, &mut agenda, args)?;
    if let Some(problem) = problem {
        if !changed {
            return Err(failed(&problem));
        }
        report!("{problem}");
    }
    if changed {
        let merged = store.save(agenda.picks()).map_err(|e| failed(&e))?;
        agenda.replace_picks(&program, merged);
        report!(
            "picks saved in {}",
            visible(&store.path().display().to_string())
        );
    }
    if args.ics {
        return export(&program, &agenda, args);
    }
    let plan = Plan::new(&program, &agenda, true);
    let mut stdout = std::io::stdout().lock();
    // A reader that closed the pipe early (`lectern agenda | head`) is not an error.
    let _ = stdout
        .write_all(text::render(&program, &plan).as_bytes())
        .and_then(|()| stdout.flush());
    Ok(())
}

/// Applies `--star`, `--maybe-pick` and `--unpick`; returns whether anything was asked.
fn change(program: &Program, agenda: &mut Agenda, args: &AgendaArgs) -> Result<bool, (u8, String)> {
    let marks = args
        .star
        .iter()
        .map(|id| (id, Some(Mark::Star)))
        .chain(args.maybe_pick.iter().map(|id| (id, Some(Mark::Maybe))))
        .chain(args.unpick.iter().map(|id| (id, None)));
    let mut changed = false;
    for (id, mark) in marks {
        match (agenda.talk_index(id), mark) {
            (Some(i), mark) => agenda.set(program, i, mark),
            (None, None) if agenda.picks().get(id).is_some() => agenda.remove(program, id),
            (None, _) => {
                return Err((
                    2,
                    format!(
                        "lectern: no talk with id \"{}\" in {}; `lectern check` and the browser show the ids",
                        visible(id),
                        program.info.title
                    ),
                ));
            }
        }
        changed = true;
    }
    Ok(changed)
}

/// `--ics`: the calendar on stdout or in `--output`, what was left out on stderr.
fn export(program: &Program, agenda: &Agenda, args: &AgendaArgs) -> Result<(), (u8, String)> {
    let export = match &args.output {
        None => {
            let export = ics::export(program, agenda, args.maybe, Timestamp::now());
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(export.text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| (1, format!("lectern: cannot write the calendar: {e}")))?;
            export
        }
        Some(path) => {
            let name = visible(&path.display().to_string());
            let export = ics::save(path, program, agenda, args.maybe, Timestamp::now())
                .map_err(|e| (1, format!("lectern: cannot write {name}: {e}")))?;
            report!(
                "{name}: {} event{}",
                export.events,
                if export.events == 1 { "" } else { "s" }
            );
            export
        }
    };
    if export.untimed > 0 {
        report!(
            "lectern: {} picked talk{} without a time left out",
            export.untimed,
            if export.untimed == 1 { "" } else { "s" }
        );
    }
    if export.gone > 0 {
        report!(
            "lectern: {} pick{} no longer in the program left out",
            export.gone,
            if export.gone == 1 { "" } else { "s" }
        );
    }
    Ok(())
}
