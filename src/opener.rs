//! Starting the viewer for a talk's slides, without ever blocking the UI.
//!
//! The viewer is the system's default (through the `open` crate) or a command line the user
//! gives (`--opener` or `LECTERN_OPENER`), split into words without a shell, with the target
//! appended as its last argument. Either runs on its own thread; its output never reaches the
//! terminal, and failures come back as messages on a channel for the status line. A local file
//! reaches the viewer as a private copy (see [`crate::slides::private_copy`]).

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc::Sender;

use crate::slides::{self, Target};

/// Something that can show slides. The real one starts processes; tests record.
pub trait Launcher {
    /// Starts showing `target`. Returns at once; later failures arrive as reports.
    fn launch(&mut self, target: &Target);
}

/// Which program opens slides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    /// The desktop's default application for the file or URL.
    System,
    /// A program and its leading arguments.
    Command(Vec<String>),
}

/// Why a viewer command line is not usable.
#[derive(Debug, thiserror::Error)]
pub enum ViewerError {
    #[error("invalid opener command {0:?}: {1}")]
    Syntax(String, String),
    #[error("the opener command is empty")]
    Empty,
}

impl Viewer {
    /// The viewer from `--opener`, else `env` (`LECTERN_OPENER`, else the configuration
    /// file's `opener`), else the system's default.
    pub fn choose(flag: Option<&str>, env: Option<&str>) -> Result<Viewer, ViewerError> {
        match flag.or(env) {
            None => Ok(Viewer::System),
            Some(line) => {
                let words = shell_words::split(line)
                    .map_err(|e| ViewerError::Syntax(line.to_owned(), e.to_string()))?;
                if words.is_empty() {
                    return Err(ViewerError::Empty);
                }
                Ok(Viewer::Command(words))
            }
        }
    }

    /// The program and arguments that would be run for `target` (`None` for the system's
    /// default, which the `open` crate picks).
    pub fn argv(&self, target: &Target) -> Option<Vec<OsString>> {
        match self {
            Viewer::System => None,
            Viewer::Command(words) => {
                let mut argv: Vec<OsString> = words.iter().map(OsString::from).collect();
                argv.push(target.as_arg().to_owned());
                Some(argv)
            }
        }
    }
}

/// The launcher that starts real processes.
pub struct ProcessLauncher {
    viewer: Viewer,
    reports: Sender<String>,
    /// Where private copies of local slides go.
    copies: PathBuf,
}

impl ProcessLauncher {
    pub fn new(viewer: Viewer, reports: Sender<String>) -> ProcessLauncher {
        ProcessLauncher {
            viewer,
            reports,
            copies: slides::copies_root(),
        }
    }
}

impl Launcher for ProcessLauncher {
    fn launch(&mut self, target: &Target) {
        let reports = self.reports.clone();
        let viewer = self.viewer.clone();
        let copies = self.copies.clone();
        let target = target.clone();
        std::thread::spawn(move || {
            let failure = match hand_over(target, &copies) {
                Err(e) => Some(format!("could not open the slides: {e}")),
                Ok(target) => match viewer.argv(&target) {
                    // Links of a talk come this way too: name what was not opened.
                    None => open::that_detached(target.as_arg()).err().map(|e| {
                        let shown = target.as_arg().to_string_lossy().into_owned();
                        format!("could not open {shown}: {e}; {FIX}")
                    }),
                    Some(argv) => run_command(&argv),
                },
            };
            if let Some(message) = failure {
                let _ = reports.send(crate::sanitize::line(&message));
            }
        });
    }
}

/// What the viewer is given for `target`: a web URL as it is, a file as a private copy.
fn hand_over(target: Target, copies: &std::path::Path) -> Result<Target, slides::SlidesError> {
    match target {
        Target::File(real) => slides::private_copy(&real, copies).map(Target::File),
        web @ Target::Web(_) => Ok(web),
    }
}

/// How to choose another viewer, said after every failure.
const FIX: &str = "choose a viewer with --opener or LECTERN_OPENER";

/// How a process ended, in words.
pub fn ended(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt as _;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exited with status {code}"),
        (None, Some(signal)) => format!("was ended by signal {signal}"),
        (None, None) => "ended abnormally".to_owned(),
    }
}

/// Runs the viewer to completion on this (background) thread; a message if it failed.
fn run_command(argv: &[OsString]) -> Option<String> {
    use std::os::unix::process::CommandExt as _;
    let program = argv.first()?;
    let shown = program.to_string_lossy();
    let child = Command::new(program)
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // Out of the terminal's process group: keys typed at Lectern never signal the viewer.
        .process_group(0)
        .spawn();
    match child {
        Err(e) => Some(format!("could not start the viewer {shown}: {e}; {FIX}")),
        Ok(mut child) => match child.wait() {
            Ok(status) if status.success() => None,
            Ok(status) => Some(format!(
                "the viewer {shown} failed: it {}; {FIX}",
                ended(status)
            )),
            Err(e) => Some(format!("the viewer {shown} failed: {e}; {FIX}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn choose_prefers_the_flag_and_splits_without_a_shell() {
        assert_eq!(Viewer::choose(None, None).ok(), Some(Viewer::System));
        let viewer = Viewer::choose(Some("zathura --fork"), Some("evince")).expect("valid");
        assert_eq!(
            viewer,
            Viewer::Command(vec!["zathura".into(), "--fork".into()])
        );
        let viewer = Viewer::choose(None, Some("'my viewer' \"a b\" $HOME;rm")).expect("valid");
        assert_eq!(
            viewer,
            Viewer::Command(vec!["my viewer".into(), "a b".into(), "$HOME;rm".into()])
        );
        assert!(Viewer::choose(Some("  "), None).is_err());
        assert!(Viewer::choose(Some("unterminated 'quote"), None).is_err());
    }

    #[test]
    fn target_is_the_last_argument() {
        let viewer = Viewer::Command(vec!["view".into(), "-x".into()]);
        let argv = viewer.argv(&Target::File(PathBuf::from("/p/-rf.pdf")));
        assert_eq!(
            argv,
            Some(vec!["view".into(), "-x".into(), "/p/-rf.pdf".into()])
        );
    }

    /// A file reaches the viewer as a copy outside the program's folder; a URL as it is.
    #[test]
    fn a_file_is_handed_over_as_a_copy() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("deck.pdf");
        std::fs::write(&real, "%PDF").expect("write");
        let real = real.canonicalize().expect("canonical");
        let copies = dir.path().join("copies");
        std::fs::create_dir(&copies).expect("mkdir");
        let Ok(Target::File(copy)) = hand_over(Target::File(real.clone()), &copies) else {
            panic!("a file target");
        };
        assert_ne!(copy, real);
        assert!(copy.starts_with(&copies), "{}", copy.display());
        assert_eq!(std::fs::read(&copy).expect("read"), b"%PDF");
        let web = Target::Web(url::Url::parse("https://example.org/a.pdf").expect("url"));
        assert_eq!(hand_over(web.clone(), &copies).ok(), Some(web));
        let missing = hand_over(Target::File(dir.path().join("gone.pdf")), &copies);
        assert!(missing.is_err());
    }

    #[test]
    fn failures_are_reported() {
        assert_eq!(run_command(&["true".into()]), None);
        let failed = run_command(&["false".into()]).expect("false fails");
        assert_eq!(
            failed,
            "the viewer false failed: it exited with status 1; \
             choose a viewer with --opener or LECTERN_OPENER"
        );
        let failed = run_command(&["sh".into(), "-c".into(), "exit 2".into()]).expect("fails");
        assert_eq!(
            failed,
            "the viewer sh failed: it exited with status 2; \
             choose a viewer with --opener or LECTERN_OPENER"
        );
        let killed = run_command(&["sh".into(), "-c".into(), "kill -9 $$".into()]).expect("killed");
        assert_eq!(
            killed,
            "the viewer sh failed: it was ended by signal 9; \
             choose a viewer with --opener or LECTERN_OPENER"
        );
        let missing = run_command(&["/nonexistent/viewer".into()]).expect("missing");
        assert!(
            missing.starts_with("could not start the viewer /nonexistent/viewer"),
            "{missing}"
        );
    }
}
