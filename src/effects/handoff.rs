//! Effects that hand something to the world outside the browser: a link to the clipboard
//! ([`copy`], through the terminal's OSC 52 sequence, only when the user turned it on) and the
//! selected talk to a shell command ([`pipe`], on the terminal handed over as for Ctrl-Z).

use std::io::{self, BufRead as _, Write};
use std::process::{Command, ExitStatus, Stdio};

use crate::action::Action;
use crate::clipboard::{self, Clipboard};
use crate::terminal::{self, Tui};

/// Copies `text` as `setting` allows, writing the sequence to `out` (the terminal). With
/// copying off nothing is written, and the answer says how to turn it on.
pub fn copy(setting: Clipboard, text: &str, out: &mut dyn Write) -> Action {
    match setting {
        Clipboard::Off => Action::Notice(clipboard::HOW_TO_TURN_ON.to_owned()),
        Clipboard::Osc52 => {
            let sequence = match clipboard::osc52(text) {
                Ok(sequence) => sequence,
                Err(e) => return Action::Report(e.to_string()),
            };
            match out.write_all(&sequence).and_then(|()| out.flush()) {
                Ok(()) => Action::Notice(format!(
                    "copied {}",
                    clipboard::clean(text).unwrap_or_default()
                )),
                Err(e) => Action::Report(format!("could not copy: {e}")),
            }
        }
    }
}

/// Runs `command` with `sh -c`, `input` on its standard input and its output on `stdout`,
/// and waits for it. Ctrl-Z is ignored in the command (`trap '' TSTP`, which what it starts
/// inherits): a stopped command would leave the browser waiting for it with no way back.
pub fn run_piped(command: &str, input: &str, stdout: Stdio) -> io::Result<ExitStatus> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' TSTP\n{command}"))
        .stdin(Stdio::piped())
        .stdout(stdout)
        .spawn()?;
    // Written from a thread: a command that reads nothing, or stops reading, must not leave
    // the browser blocked on a full pipe. What it does not read is dropped.
    let writer = child.stdin.take().map(|mut stdin| {
        let input = input.to_owned();
        std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        })
    });
    let status = child.wait();
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    status
}

/// How the command ended, for the status line: good news, or an error.
pub fn outcome(command: &str, status: &io::Result<ExitStatus>) -> Action {
    let shown = crate::sanitize::line(command);
    match status {
        Ok(status) if status.success() => Action::Notice(format!("`{shown}` exited with status 0")),
        Ok(status) => Action::Report(format!("`{shown}` {}", crate::opener::ended(*status))),
        Err(e) => Action::Report(format!("could not start sh for `{shown}`: {e}")),
    }
}

/// Pipes `text` to `command` on the terminal: the browser gives the terminal back, the
/// command runs and writes to it, the user reads its output and presses Enter, and the
/// browser takes the terminal again and redraws. Answers with how the command ended.
pub fn pipe(tui: &mut Tui, command: &str, text: &str) -> io::Result<Action> {
    terminal::handed_over(tui, || {
        let mut out = io::stdout();
        let _ = writeln!(out, "$ {}", crate::sanitize::line(command));
        let _ = out.flush();
        let status = run_piped(command, text, Stdio::inherit());
        let action = outcome(command, &status);
        let said = match &action {
            Action::Notice(text) | Action::Report(text) => text.clone(),
            _ => String::new(),
        };
        let _ = write!(out, "\n{said} · press Enter to return");
        let _ = out.flush();
        // A line in the terminal's own cooked mode: Enter, or the end of the input.
        let _ = io::stdin().lock().read_line(&mut String::new());
        action
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_copying_off_nothing_is_written_and_the_answer_says_how_to_turn_it_on() {
        let mut out = Vec::new();
        let action = copy(Clipboard::Off, "https://example.org/", &mut out);
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(
            action,
            Action::Notice(
                "copying is off: set clipboard = \"osc52\" in the config file to copy links".into()
            )
        );
    }

    #[test]
    fn with_osc52_the_sequence_is_written_and_the_copy_reported() {
        let mut out = Vec::new();
        let action = copy(Clipboard::Osc52, "https://e.org/\x1b[2J", &mut out);
        // "https://e.org/[2J" in base64: the escape is left out.
        assert_eq!(out, b"\x1b]52;c;aHR0cHM6Ly9lLm9yZy9bMko=\x07");
        assert_eq!(action, Action::Notice("copied https://e.org/[2J".into()));
        let mut out = Vec::new();
        let action = copy(Clipboard::Osc52, "\x07", &mut out);
        assert!(out.is_empty());
        assert_eq!(action, Action::Report("nothing to copy".into()));
    }

    /// Runs `command` on `input`; what it wrote and how it ended.
    fn piped(command: &str, input: &str) -> (String, Action) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out");
        let file = std::fs::File::create(&path).expect("create");
        let status = run_piped(command, input, Stdio::from(file));
        let written = std::fs::read_to_string(&path).expect("read");
        (written, outcome(command, &status))
    }

    #[test]
    fn the_command_reads_the_text_and_its_ending_is_reported() {
        let (out, action) = piped("wc -l", "one\ntwo\nthree\n");
        assert_eq!(out.trim(), "3");
        assert_eq!(
            action,
            Action::Notice("`wc -l` exited with status 0".into())
        );
        let (out, action) = piped("head -n 1; exit 3", "first\nsecond\n");
        assert_eq!(out, "first\n");
        assert_eq!(
            action,
            Action::Report("`head -n 1; exit 3` exited with status 3".into())
        );
        let (_, action) = piped("kill -9 $$", "");
        assert_eq!(
            action,
            Action::Report("`kill -9 $$` was ended by signal 9".into())
        );
        // A command that reads nothing of a long text does not block.
        let (out, action) = piped("true", &"x".repeat(1 << 20));
        assert_eq!(
            (out.as_str(), action),
            ("", Action::Notice("`true` exited with status 0".into()))
        );
    }

    #[test]
    fn a_command_that_cannot_start_is_reported() {
        let status = Command::new("/nonexistent/sh").status();
        let action = outcome("wc", &status);
        let Action::Report(text) = action else {
            panic!("an error: {action:?}");
        };
        assert!(text.starts_with("could not start sh for `wc`: "), "{text}");
    }
}
