//! The picks file and the agenda export as the browser uses them: the effect runner reads the
//! picks as the browser starts, saves them after every change (merged with what another
//! Lectern wrote), and writes the agenda as iCalendar, each answered by an [`Action`].

use std::path::PathBuf;
use std::sync::Arc;

use crate::action::Action;
use crate::agenda::store::{self, Opened, Store, StoreError};
use crate::agenda::{Agenda, Picks, ics};
use crate::program::Program;
use crate::sanitize;

/// The picks file of the program browsed.
#[derive(Debug)]
pub struct PicksFile {
    program: Arc<Program>,
    /// The data folder, or why there is none.
    dir: Result<PathBuf, String>,
    /// The store once it is open; `None` before, or when it could not be opened.
    store: Option<Store>,
}

impl PicksFile {
    /// The picks of `program` in the data folder (see [`store::data_dir`]).
    pub fn new(program: Arc<Program>) -> PicksFile {
        let dir = store::data_dir().map_err(|e| status_line(&e));
        PicksFile {
            program,
            dir,
            store: None,
        }
    }

    /// The picks of `program` in `dir`.
    pub fn in_dir(program: Arc<Program>, dir: PathBuf) -> PicksFile {
        PicksFile {
            program,
            dir: Ok(dir),
            store: None,
        }
    }

    /// The program was loaded again (a refresh): picks are read and saved against it from now
    /// on. The store stays open while the program's key is the same.
    pub fn set_program(&mut self, program: Arc<Program>) {
        if program.key() != self.program.key() {
            self.store = None;
        }
        self.program = program;
    }

    fn open(&mut self) -> Result<Opened, String> {
        let dir = self.dir.as_ref().map_err(Clone::clone)?;
        Store::open(dir, &self.program).map_err(|e| status_line(&e))
    }

    /// Reads the picks: what the file holds, and what is wrong with it if it cannot be read
    /// (the file is then left as it is until a pick changes).
    pub fn load(&mut self) -> Action {
        match self.open() {
            Ok(Opened {
                store,
                picks,
                problem,
            }) => {
                self.store = Some(store);
                Action::PicksLoaded {
                    picks,
                    problem: problem.as_ref().map(status_line),
                }
            }
            Err(problem) => Action::PicksLoaded {
                picks: Picks::default(),
                problem: Some(problem),
            },
        }
    }

    /// Saves `picks`; answers with the picks as merged with the file.
    pub fn save(&mut self, picks: &Picks) -> Action {
        if self.store.is_none() {
            // The file could not be opened as the browser started: try again.
            match self.open() {
                Ok(opened) => self.store = Some(opened.store),
                Err(problem) => return Action::PicksSaved(Err(problem)),
            }
        }
        let Some(store) = &mut self.store else {
            return Action::PicksSaved(Err("your picks could not be saved".to_owned()));
        };
        Action::PicksSaved(store.save(picks).map_err(|e| status_line(&e)))
    }

    /// Writes the starred talks of `picks` as iCalendar beside the picks file, and says where.
    pub fn export(&self, picks: &Picks) -> Action {
        let path = match &self.dir {
            Ok(dir) => dir.join(ics::file_name(&self.program)),
            Err(problem) => return Action::Report(problem.clone()),
        };
        let shown = sanitize::visible(&path.display().to_string());
        let agenda = Agenda::new(&self.program, picks.clone());
        let written = std::fs::create_dir_all(path.parent().map_or_else(PathBuf::new, Into::into))
            .and_then(|()| ics::save(&path, &self.program, &agenda, false, jiff::Timestamp::now()));
        match written {
            Ok(export) => Action::Notice(format!(
                "{} starred talk{} exported to {shown}",
                export.events,
                if export.events == 1 { "" } else { "s" }
            )),
            Err(e) => Action::Report(format!("cannot write {shown}: {e}")),
        }
    }
}

/// A store error in one line for the status line: a damaged file by its path, line and column.
fn status_line(error: &StoreError) -> String {
    match error {
        StoreError::Damaged {
            path,
            diagnostic,
            backup,
        } => {
            let at = diagnostic
                .location
                .as_ref()
                .map(|l| format!(":{}:{}", l.line, l.column))
                .unwrap_or_default();
            format!(
                "{path}{at}: {}; your picks are not read, and the file is kept until you change a pick (a copy is in {backup})",
                diagnostic.message
            )
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::Mark;
    use crate::agenda::store::file_stem;

    fn program() -> Arc<Program> {
        let src = "[program]\ntitle = \"Picks Days\"\n\n[[talks]]\nid = \"a\"\ntitle = \"Alpha\"\nstart = \"2031-05-01T10:00:00Z\"\nduration = \"30m\"\n\n[[talks]]\nid = \"b\"\ntitle = \"Beta\"\n";
        let (program, _) =
            crate::program::parse_str(src, crate::program::Origin::File("days.toml".into()))
                .expect("loads");
        Arc::new(program)
    }

    fn file(dir: &std::path::Path, program: &Program) -> PathBuf {
        dir.join(format!("{}.toml", file_stem(program.key())))
    }

    #[test]
    fn picks_are_loaded_saved_and_exported_in_the_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let program = program();
        let mut picks_file = PicksFile::in_dir(Arc::clone(&program), dir.path().to_owned());
        let Action::PicksLoaded { picks, problem } = picks_file.load() else {
            panic!("picks loaded");
        };
        assert!(picks.is_empty() && problem.is_none(), "{problem:?}");
        let mut ours = Picks::default();
        ours.set(&program.talks[0], Some(Mark::Star));
        ours.set(&program.talks[1], Some(Mark::Maybe));
        assert_eq!(picks_file.save(&ours), Action::PicksSaved(Ok(ours.clone())));
        let text = std::fs::read_to_string(file(dir.path(), &program)).expect("the file");
        assert!(text.contains("[talks.a]\npick = \"star\""), "{text}");
        let ics = dir.path().join(ics::file_name(&program));
        assert_eq!(
            picks_file.export(&ours),
            Action::Notice(format!("1 starred talk exported to {}", ics.display()))
        );
        let calendar = std::fs::read_to_string(&ics).expect("the calendar");
        assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 1);
        assert!(calendar.contains("SUMMARY:Alpha"), "{calendar}");
    }

    #[test]
    fn a_damaged_file_is_named_with_its_line_and_column_and_kept_until_a_pick_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let program = program();
        let path = file(dir.path(), &program);
        let damaged = "program = \"Picks Days\"\n\n[talks.a]\npick = \"starred\"\n";
        std::fs::write(&path, damaged).expect("write");
        let mut picks_file = PicksFile::in_dir(Arc::clone(&program), dir.path().to_owned());
        let Action::PicksLoaded { picks, problem } = picks_file.load() else {
            panic!("picks loaded");
        };
        assert!(picks.is_empty());
        let problem = problem.expect("a problem");
        assert!(
            problem.starts_with(&format!("{}:4:8: ", path.display())),
            "{problem}"
        );
        assert!(!problem.contains('\n'), "one line: {problem}");
        // Saving the same (empty) picks leaves the file alone.
        assert_eq!(
            picks_file.save(&Picks::default()),
            Action::PicksSaved(Ok(Picks::default()))
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), damaged);
        // A changed pick replaces it.
        let mut ours = Picks::default();
        ours.set(&program.talks[1], Some(Mark::Star));
        assert_eq!(picks_file.save(&ours), Action::PicksSaved(Ok(ours)));
        assert!(
            std::fs::read_to_string(&path)
                .expect("read")
                .contains("[talks.b]")
        );
    }

    #[test]
    fn an_unusable_folder_is_an_error_for_the_status_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").expect("write");
        let program = program();
        let mut picks_file = PicksFile::in_dir(Arc::clone(&program), blocker.join("sub"));
        let mut ours = Picks::default();
        ours.set(&program.talks[0], Some(Mark::Star));
        let Action::PicksSaved(Err(message)) = picks_file.save(&ours) else {
            panic!("an error");
        };
        assert!(message.contains("cannot"), "{message}");
        assert!(matches!(picks_file.export(&ours), Action::Report(_)));
    }
}
