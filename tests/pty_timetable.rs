//! End to end: walking the timetable with the real `lectern` binary in a real pseudo-terminal.
//!
//! The binary runs on the slave side of a pty; a thread reads everything it writes on the
//! master side into a `vt100` terminal emulator. Keys are written to the master, as a terminal
//! sends them (arrows as escape sequences), and every step waits, against a deadline, for the
//! exact screen it asserts: the grid, the selected box (drawn in reverse video), the day, the
//! detail beside the grid, the list again with the same talk selected, then the terminal given
//! back after `q`.

use std::io::{Read as _, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long the screen may take to show something: generous, for a slow, busy machine.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(10);

/// Two days in Brussels: on Saturday Janson and K.1.105 (two talks side by side), on Sunday
/// H.1308 alone.
const PROGRAM: &str = r#"[program]
title = "Pty Grid Days"
timezone = "Europe/Brussels"

[[talks]]
id = "opening"
title = "Opening"
start = "2021-02-06T09:00"
duration = "30m"
room = "Janson"

[[talks]]
id = "rust"
title = "Rust in the kernel"
start = "2021-02-06T09:00"
duration = "60m"
room = "K.1.105"

[[talks]]
id = "go"
title = "Go generics"
start = "2021-02-06T09:30"
duration = "30m"
room = "K.1.105"

[[talks]]
id = "closing"
title = "Closing"
start = "2021-02-06T10:00"
duration = "30m"
room = "Janson"

[[talks]]
id = "sunday"
title = "Sunday keynote"
start = "2021-02-07T10:00"
duration = "30m"
room = "H.1308"
"#;

struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    eof: bool,
}

/// One run of the binary in a pty.
struct Session {
    master: Box<dyn MasterPty + Send>,
    /// Keys and the answers to cursor queries go through this one writer.
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Output>>,
    _dir: tempfile::TempDir,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Session {
    fn start(cols: u16, rows: u16) -> Session {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("program.toml"), PROGRAM).expect("write program");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lectern"));
        command.arg("program.toml");
        command.cwd(dir.path());
        command.env("TERM", "xterm-256color");
        // What the browser keeps stays in the test's folder.
        command.env("LECTERN_CACHE_DIR", dir.path().join(".cache"));
        command.env("LECTERN_DATA_DIR", dir.path().join("data"));
        command.env("XDG_CACHE_HOME", dir.path().join("cache"));
        let child = pair.slave.spawn_command(command).expect("spawn lectern");
        drop(pair.slave);
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            raw: Vec::new(),
            eof: false,
        }));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
        let shared = Arc::clone(&output);
        let answers = Arc::clone(&writer);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = match reader.read(&mut buf) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) | Ok(0) => {
                        lock(&shared).eof = true;
                        return;
                    }
                    Ok(n) => n,
                };
                let mut out = lock(&shared);
                out.raw.extend_from_slice(&buf[..n]);
                out.parser.process(&buf[..n]);
                // Answer a cursor-position query as a real terminal does.
                if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                    let (row, col) = out.parser.screen().cursor_position();
                    drop(out);
                    let mut w = lock(&answers);
                    let _ = write!(w, "\x1b[{};{}R", row + 1, col + 1);
                    let _ = w.flush();
                }
            }
        });
        Session {
            master: pair.master,
            writer,
            child,
            output,
            _dir: dir,
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        let mut writer = lock(&self.writer);
        writer.write_all(bytes).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    fn dump(&self) -> String {
        let out = lock(&self.output);
        out.parser.screen().contents()
    }

    /// Waits until `ready` holds for the screen; panics with the screen at the deadline.
    fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + SCREEN_TIMEOUT;
        loop {
            let (done, ended) = {
                let out = lock(&self.output);
                (ready(out.parser.screen()), out.eof)
            };
            if done {
                return;
            }
            assert!(
                !ended,
                "lectern exited while waiting for {what}\n{}",
                self.dump()
            );
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        let _ = &self.master;
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is not zero")
}

fn row(screen: &vt100::Screen, index: u16) -> String {
    let cols = screen.size().1.get();
    screen
        .rows(0, cols)
        .nth(usize::from(index))
        .unwrap_or_default()
}

fn footer(screen: &vt100::Screen) -> String {
    row(screen, screen.size().0.get() - 1)
}

/// The text drawn in reverse video (the focused selection), row by row, joined by `|`.
fn reversed(screen: &vt100::Screen) -> String {
    let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
    let mut out = Vec::new();
    for r in 0..rows {
        let text: String = (0..cols)
            .filter_map(|c| screen.cell(r, c))
            .filter(|cell| cell.inverse())
            .map(vt100::Cell::contents)
            .collect();
        if !text.trim().is_empty() {
            out.push(text);
        }
    }
    out.join("|")
}

#[test]
fn walking_the_timetable() {
    let mut session = Session::start(120, 24);
    session.wait_for("the list", |s| {
        s.alternate_screen()
            && row(s, 0).trim_end().ends_with("talk 1 of 5")
            && reversed(s).contains("Opening · Janson")
    });

    session.send(b"t");
    session.wait_for("the grid of Saturday, Opening selected", |s| {
        let text = s.contents();
        row(s, 0)
            .trim_end()
            .ends_with("Sat 2021-02-06 · day 1 of 2")
            && row(s, 1).starts_with("┌ Saturday 2021-02-06 ")
            && row(s, 2).contains("Janson")
            && row(s, 2).contains("K.1.105")
            && !text.contains("H.1308")
            && row(s, 3).starts_with("│09:00 ┌Opening")
            && reversed(s).starts_with("┌Opening")
            && footer(s).contains("t list")
    });

    // Right: Rust in K.1.105; right again: Go beside it; down in Janson after left.
    session.send(b"\x1b[C");
    session.wait_for("Rust selected", |s| {
        reversed(s).starts_with("┌Rust in the") && !reversed(s).contains("Opening")
    });
    session.send(b"l");
    session.wait_for("Go selected, beside Rust", |s| {
        reversed(s).starts_with("┌Go generics") && row(s, 4).contains("┌Go generics")
    });
    session.send(b"\x1b[D");
    session.send(b"h");
    session.wait_for("Opening selected again", |s| {
        reversed(s).starts_with("┌Opening")
    });
    session.send(b"\x1b[B");
    session.wait_for("Closing selected", |s| reversed(s).starts_with("┌Closing"));

    // Enter reads it beside the grid; Esc goes back to the grid.
    session.send(b"\r");
    session.wait_for("the detail of Closing", |s| {
        let text = s.contents();
        row(s, 1).contains("┐┌ Talk ")
            && text.contains("Where   Janson")
            && footer(s).contains("Esc back")
    });
    session.send(b"\x1b");
    session.wait_for("the grid again", |s| {
        !s.contents().contains(" Talk ")
            && reversed(s).starts_with("┌Closing")
            && footer(s).contains("t list")
    });

    // The next day: its own room.
    session.send(b"]");
    session.wait_for("Sunday", |s| {
        row(s, 0)
            .trim_end()
            .ends_with("Sun 2021-02-07 · day 2 of 2")
            && row(s, 2).contains("H.1308")
            && !row(s, 2).contains("Janson")
            && reversed(s).starts_with("┌Sunday keynote")
    });

    // Back to the list, the same talk selected.
    session.send(b"t");
    session.wait_for("the list, Sunday keynote selected", |s| {
        row(s, 0).trim_end().ends_with("talk 5 of 5")
            && row(s, 1).starts_with("┌ Talks ")
            && reversed(s).contains("Sunday keynote · H.1308")
    });

    session.send(b"q");
    let deadline = Instant::now() + SCREEN_TIMEOUT;
    let status = loop {
        if let Some(status) = session.child.try_wait().expect("try_wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running\n{}",
            session.dump()
        );
        std::thread::sleep(POLL);
    };
    assert!(status.success(), "{status:?}");
    let deadline = Instant::now() + SCREEN_TIMEOUT;
    while !lock(&session.output).eof {
        assert!(Instant::now() < deadline, "the output did not end");
        std::thread::sleep(POLL);
    }
    let out = lock(&session.output);
    let screen = out.parser.screen();
    assert!(
        !screen.alternate_screen() && !screen.hide_cursor(),
        "the terminal is not given back"
    );
}
