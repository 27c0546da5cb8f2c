//! The one place effects are carried out. [`App::update`] does no I/O: it returns an
//! [`Effect`], [`dispatch`] hands it to an [`Effects`] runner, and what comes of it goes back
//! to the app as [`Action`]s through `update`, until the app asks for nothing more.
//!
//! [`System`] is the real runner (the terminal, the search thread, the slides viewer, the
//! system clock, the picks file as [`PicksFile`]); tests use a runner that records what it is
//! asked. A new effect (saving a file, fetching a schedule) is a variant of [`Effect`] and an
//! arm in [`System::run`], its outcome an action; work that takes time runs on a thread of its own and reports back
//! through a channel the event loop reads, as the search thread and the viewer do.

pub mod handoff;
mod picks;

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Arc;

use crate::action::Action;
use crate::app::{App, Effect};
use crate::clipboard::Clipboard;
use crate::opener::Launcher;
use crate::search::worker::Worker;
use crate::terminal::{self, Tui};

pub mod refresh;

pub use picks::PicksFile;

/// Carries out effects. `Effect::Quit` never reaches a runner: [`dispatch`] ends with it.
pub trait Effects {
    /// Carries out `effect`; what came of it at once, as actions for the app.
    fn run(&mut self, effect: Effect) -> std::io::Result<Vec<Action>>;
}

/// Whether the browser goes on after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// Feeds `action` to the app and carries out every effect that follows, with the actions
/// they bring, until there are none left or the app quits.
pub fn dispatch(app: &mut App, action: Action, effects: &mut dyn Effects) -> std::io::Result<Flow> {
    let mut queue = VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        match app.update(action) {
            None => {}
            Some(Effect::Quit) => return Ok(Flow::Quit),
            Some(effect) => queue.extend(effects.run(effect)?),
        }
    }
    Ok(Flow::Continue)
}

/// Resolves a talk's slides against the program's folder (this looks at the file system) and
/// hands them to the launcher; the outcome is a message for the status line.
pub fn open_slides(slides: &str, base: &Path, launcher: &mut dyn Launcher) -> Action {
    match crate::slides::resolve(slides, base) {
        Err(e) => Action::Report(e.to_string()),
        Ok(target) => {
            let shown = crate::sanitize::line(&target.as_arg().to_string_lossy());
            launcher.launch(&target);
            Action::Notice(format!("opening {shown}"))
        }
    }
}

/// The real runner: the terminal (to suspend), the search thread, the slides launcher, the
/// thread that loads the program again, the picks file, and whether `y` may copy.
pub struct System<L: Launcher> {
    pub terminal: Tui,
    pub worker: Worker,
    pub launcher: L,
    pub refresher: refresh::Refresher,
    pub picks: PicksFile,
    pub clipboard: Clipboard,
}

impl<L: Launcher> Effects for System<L> {
    fn run(&mut self, effect: Effect) -> std::io::Result<Vec<Action>> {
        Ok(match effect {
            Effect::OpenSlides { slides, base } => {
                vec![open_slides(&slides, &base, &mut self.launcher)]
            }
            Effect::Suspend => {
                terminal::suspend(&mut self.terminal)?;
                Vec::new()
            }
            Effect::Search(job) => {
                self.worker.submit(job);
                Vec::new()
            }
            Effect::ReadClock => read_clock(),
            Effect::Refresh => self.refresher.start().into_iter().collect(),
            Effect::Reindex(program) => {
                self.picks.set_program(Arc::clone(&program.0));
                self.worker = Worker::start(program.0);
                vec![Action::Reindexed]
            }
            Effect::LoadPicks => vec![self.picks.load()],
            Effect::SavePicks(picks) => vec![self.picks.save(&picks)],
            Effect::ExportAgenda(picks) => vec![self.picks.export(&picks)],
            Effect::Copy(text) => {
                vec![handoff::copy(self.clipboard, &text, &mut std::io::stdout())]
            }
            Effect::Pipe {
                command,
                program,
                talk,
            } => {
                let width = self.terminal.size().map_or(80, |s| usize::from(s.width));
                let text = crate::show::text(&program.0, &[talk.index()], width);
                vec![handoff::pipe(&mut self.terminal, &command, &text)?]
            }
            Effect::Quit => Vec::new(),
        })
    }
}

/// The local time zone and the time now.
pub fn read_clock() -> Vec<Action> {
    vec![
        Action::LocalZone(jiff::tz::TimeZone::try_system().ok()),
        Action::Tick(jiff::Timestamp::now()),
    ]
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::action::Command;
    use crate::app::Status;
    use crate::app::test_support::{app_with, run};
    use crate::program::Program;
    use crate::slides::Target;

    /// A runner that records the effects it is asked to carry out, and answers each with the
    /// actions it was given.
    #[derive(Default)]
    struct Recorder {
        effects: Vec<Effect>,
        answers: Vec<Vec<Action>>,
    }

    impl Effects for Recorder {
        fn run(&mut self, effect: Effect) -> std::io::Result<Vec<Action>> {
            self.effects.push(effect);
            Ok(if self.answers.is_empty() {
                Vec::new()
            } else {
                self.answers.remove(0)
            })
        }
    }

    #[test]
    fn effects_run_and_their_outcome_goes_back_through_update() {
        let mut app = App::new(Program::sample(3));
        let mut runner = Recorder {
            answers: vec![vec![Action::Report("the viewer failed".into())]],
            ..Recorder::default()
        };
        let flow = dispatch(&mut app, Command::OpenSlides.into(), &mut runner).expect("runs");
        assert_eq!(flow, Flow::Continue);
        assert!(
            matches!(&runner.effects[..], [Effect::OpenSlides { slides, .. }] if slides == "slides/talk-0.pdf"),
            "{:?}",
            runner.effects
        );
        assert_eq!(
            app.status.as_ref().map(|s| (s.text.as_str(), s.is_error)),
            Some(("the viewer failed", true))
        );
    }

    #[test]
    fn quit_ends_the_dispatch_and_reaches_no_runner() {
        let mut app = App::new(Program::sample(3));
        let mut runner = Recorder::default();
        let flow = dispatch(&mut app, Command::Quit.into(), &mut runner).expect("runs");
        assert_eq!(flow, Flow::Quit);
        assert!(runner.effects.is_empty());
        let flow = dispatch(&mut app, Command::Down.into(), &mut runner).expect("runs");
        assert_eq!((flow, app.list.selected), (Flow::Continue, 1));
    }

    #[test]
    fn the_clock_effect_sets_the_zone_and_the_time() {
        let mut app = App::new(Program::sample(1));
        let mut runner = Recorder {
            answers: vec![vec![
                Action::LocalZone(Some(jiff::tz::TimeZone::UTC)),
                Action::Tick(jiff::Timestamp::UNIX_EPOCH),
            ]],
            ..Recorder::default()
        };
        let effects = app.start(None);
        assert_eq!(effects, [Effect::ReadClock, Effect::LoadPicks]);
        for effect in effects.into_iter().take(1) {
            for action in runner.run(effect).expect("runs") {
                dispatch(&mut app, action, &mut runner).expect("runs");
            }
        }
        assert_eq!(app.clock.local, Some(jiff::tz::TimeZone::UTC));
        assert_eq!(app.clock.now, Some(jiff::Timestamp::UNIX_EPOCH));
    }

    #[test]
    fn a_pick_is_saved_by_the_runner_and_the_merged_picks_come_back() {
        let mut app = App::new(Program::sample(3));
        let mut theirs = crate::agenda::Picks::default();
        theirs.set(&app.program.talks[0], Some(crate::agenda::Mark::Star));
        theirs.set(&app.program.talks[2], Some(crate::agenda::Mark::Maybe));
        let mut runner = Recorder {
            answers: vec![vec![Action::PicksSaved(Ok(theirs.clone()))]],
            ..Recorder::default()
        };
        dispatch(&mut app, Command::Star.into(), &mut runner).expect("runs");
        let [Effect::SavePicks(saved)] = &runner.effects[..] else {
            panic!("one save: {:?}", runner.effects);
        };
        assert_eq!(saved.mark("talk-0"), Some(crate::agenda::Mark::Star));
        assert_eq!(saved.len(), 1);
        assert_eq!(
            *app.agenda.picks(),
            theirs,
            "the merged picks are the app's now"
        );
    }

    /// A launcher that records what it is asked to open.
    #[derive(Default)]
    struct Launched {
        launched: Vec<Target>,
    }

    impl Launcher for Launched {
        fn launch(&mut self, target: &Target) {
            self.launched.push(target.clone());
        }
    }

    /// A program folder in a temporary directory: `program.toml`, `slides/a.pdf` and `-rf.pdf`,
    /// with `x.pdf` next to the folder (outside it).
    fn program_folder(slides: &[&str]) -> (tempfile::TempDir, PathBuf, App) {
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = dir.path().join("program");
        std::fs::create_dir_all(folder.join("slides")).expect("mkdir");
        std::fs::write(folder.join("slides/a.pdf"), "%PDF").expect("write");
        std::fs::write(folder.join("-rf.pdf"), "%PDF").expect("write");
        std::fs::write(dir.path().join("x.pdf"), "%PDF").expect("write");
        let mut src = String::from("[program]\ntitle = \"Slides\"\n");
        for (i, s) in slides.iter().enumerate() {
            write!(src, "[[talks]]\ntitle = \"Talk {i}\"\nslides = \"{s}\"\n")
                .expect("write to a string");
        }
        let file = folder.join("program.toml");
        std::fs::write(&file, src).expect("write");
        let (program, _) = crate::program::load_file(&file).expect("loads");
        (dir, folder, app_with(program))
    }

    /// Selects talk `index`, opens its slides with a launcher that records, and hands the outcome
    /// back to the app.
    fn open_selected(app: &mut App, index: usize) -> Launched {
        run(app, &[Command::Top]);
        run(app, &vec![Command::Down; index]);
        assert_eq!(app.list.selected, index);
        let effect = app.update(Action::Command(Command::OpenSlides));
        let Some(Effect::OpenSlides { slides, base }) = effect else {
            panic!("the talk has slides: {effect:?}");
        };
        let mut launched = Launched::default();
        let outcome = open_slides(&slides, &base, &mut launched);
        app.update(outcome);
        launched
    }

    #[test]
    fn slides_open_when_they_resolve_and_are_refused_otherwise() {
        let slides = [
            "slides/a.pdf",
            "-rf.pdf",
            "slides/missing.pdf",
            "javascript:alert(1)",
            "../x.pdf",
            "https://example.org/talk.pdf",
        ];
        let (_dir, folder, mut app) = program_folder(&slides);
        let real = folder.canonicalize().expect("canonical");
        let file = |name: &str| Target::File(real.join(name));
        let web = Target::Web(url::Url::parse("https://example.org/talk.pdf").expect("url"));
        let cases: Vec<(usize, Vec<Target>, String, bool)> = vec![
            (
                0,
                vec![file("slides/a.pdf")],
                format!("opening {}", real.join("slides/a.pdf").display()),
                false,
            ),
            (
                1,
                vec![file("-rf.pdf")],
                format!("opening {}", real.join("-rf.pdf").display()),
                false,
            ),
            (
                2,
                vec![],
                format!(
                    "slides not found: looked for {}",
                    folder.join("slides/missing.pdf").display()
                ),
                true,
            ),
            (
                3,
                vec![],
                "only http and https links are opened, not javascript:".into(),
                true,
            ),
            (
                4,
                vec![],
                "the path leaves the program's folder".into(),
                true,
            ),
            (
                5,
                vec![web],
                "opening https://example.org/talk.pdf".into(),
                false,
            ),
        ];
        for (index, launched, text, is_error) in cases {
            let recorder = open_selected(&mut app, index);
            assert_eq!(recorder.launched, launched, "{}", slides[index]);
            assert_eq!(
                app.status,
                Some(Status {
                    text,
                    is_error,
                    key: None
                }),
                "{}",
                slides[index]
            );
        }
    }

    /// `u` and a number open a link through the same checks as slides: a file inside the
    /// program's folder, a web address; not a path that leaves the folder, not another scheme.
    #[test]
    fn links_open_with_the_checks_of_slides() {
        let (_dir, folder, app) = program_folder(&["slides/a.pdf", "../x.pdf"]);
        let mut program = (*app.program).clone();
        program.info.url = Some("file:///etc/passwd".into());
        program.talks[0].links = vec![crate::program::Link {
            label: "Video".into(),
            url: "https://video.example/a".into(),
        }];
        let mut app = app_with(program);
        let real = folder.canonicalize().expect("canonical");
        let web = url::Url::parse("https://video.example/a").expect("url");
        let cases = [
            (0, 1, vec![Target::File(real.join("slides/a.pdf"))], false),
            (0, 2, vec![Target::Web(web)], false),
            (0, 3, vec![], true),
            (1, 1, vec![], true),
        ];
        for (talk, number, expected, refused) in cases {
            run(&mut app, &[Command::Top]);
            run(&mut app, &vec![Command::Down; talk]);
            run(&mut app, &[Command::Links]);
            let Some(Effect::OpenSlides { slides, base }) = app.update(Action::OpenNumber(number))
            else {
                panic!("talk {talk} has a link {number}");
            };
            let mut launched = Launched::default();
            let outcome = open_slides(&slides, &base, &mut launched);
            app.update(outcome);
            assert_eq!(launched.launched, expected, "talk {talk}, link {number}");
            assert_eq!(
                app.status.as_ref().map(|s| s.is_error),
                Some(refused),
                "talk {talk}, link {number}: {:?}",
                app.status
            );
        }
        assert_eq!(
            app.status.map(|s| s.text),
            Some("the path leaves the program's folder".into())
        );
    }

    /// `y` and `|` reach the runner as effects, and what the runner answers reaches the status
    /// line.
    #[test]
    fn copy_and_pipe_go_through_the_runner() {
        let mut app = App::new(Program::sample(3));
        let mut runner = Recorder {
            answers: vec![
                vec![Action::Notice(crate::clipboard::HOW_TO_TURN_ON.into())],
                vec![Action::Report("`false` exited with status 1".into())],
            ],
            ..Recorder::default()
        };
        dispatch(&mut app, Command::CopyLink.into(), &mut runner).expect("runs");
        assert_eq!(runner.effects, [Effect::Copy("slides/talk-0.pdf".into())]);
        assert_eq!(
            app.status.as_ref().map(|s| s.text.as_str()),
            Some(crate::clipboard::HOW_TO_TURN_ON)
        );
        dispatch(&mut app, Command::Down.into(), &mut runner).expect("runs");
        dispatch(&mut app, Command::Pipe.into(), &mut runner).expect("runs");
        for c in "false".chars() {
            dispatch(&mut app, Action::Insert(c), &mut runner).expect("runs");
        }
        dispatch(&mut app, Command::Submit.into(), &mut runner).expect("runs");
        assert!(
            matches!(&runner.effects[1..], [Effect::Pipe { command, talk, .. }]
                if command == "false" && talk.index() == 1),
            "{:?}",
            runner.effects
        );
        assert_eq!(
            app.status.map(|s| (s.text, s.is_error)),
            Some(("`false` exited with status 1".into(), true))
        );
    }

    /// A file name that looks like an option reaches the viewer as one absolute path.
    #[test]
    fn a_dash_file_is_launched_as_an_absolute_path() {
        let (_dir, _folder, mut app) = program_folder(&["-rf.pdf"]);
        let recorder = open_selected(&mut app, 0);
        assert_eq!(recorder.launched.len(), 1);
        let arg = recorder.launched[0].as_arg().to_string_lossy().into_owned();
        assert!(Path::new(&arg).is_absolute(), "{arg}");
        assert!(arg.ends_with("/program/-rf.pdf"), "{arg}");
        assert!(!arg.starts_with('-'), "{arg}");
    }
}
