//! Running the real `lectern` binary in a real pseudo-terminal, for the end-to-end tests.
//!
//! A [`Session`] starts the binary on the slave side of a pty, reads everything it writes on
//! the master side from a thread, and feeds it to a `vt100` terminal emulator (the raw bytes
//! are kept too). Keys are written to the master; signals are sent with `kill`. Waits poll the
//! emulated screen against a deadline, and a failed wait prints the screen.

#![allow(dead_code, reason = "each test file uses a part of these helpers")]

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{Read as _, Write};
use std::num::NonZeroU16;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long the screen may take to show something: generous, for a slow, busy machine.
pub const SCREEN_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the reader may take to see the end of the output once the process is gone.
pub const EOF_TIMEOUT: Duration = Duration::from_secs(5);
/// How often the deadline-based waits look again.
pub const POLL: Duration = Duration::from_millis(10);

pub const TITLE: &str = "Pty Test Days 2031";
pub const FIRST_TALK: &str = "1 Alpha: slides that exist";

/// A three-talk program: slides that exist, slides that are missing, no slides.
pub const PROGRAM: &str = r#"[program]
title = "Pty Test Days 2031"
venue = "Room 101"

[[talks]]
id = "alpha"
title = "Alpha: slides that exist"
slides = "slides/a.pdf"
abstract = "The first talk."

[[talks.speakers]]
name = "Ada Alpha"

[[talks]]
id = "beta"
title = "Beta: slides that are missing"
slides = "slides/missing.pdf"

[[talks.speakers]]
name = "Bo Beta"

[[talks]]
id = "gamma"
title = "Gamma: no slides at all"
"#;

/// The folder a test runs in: the program, its slides, and a recording opener.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("program.toml"), PROGRAM).expect("write program");
        std::fs::create_dir(dir.path().join("slides")).expect("mkdir slides");
        std::fs::write(dir.path().join("slides/a.pdf"), "%PDF-1.4\n").expect("write slides");
        std::fs::write(dir.path().join("record"), "").expect("write record");
        let record = quoted(&dir.path().join("record"));
        let script = format!(
            "#!/bin/sh\nfor arg in \"$@\"; do\n  printf '%s\\n' \"$arg\" >> {record}\ndone\n"
        );
        let opener = dir.path().join("opener.sh");
        std::fs::write(&opener, script).expect("write opener");
        std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755))
            .expect("chmod opener");
        Fixture { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The arguments that browse the program with the recording opener.
    pub fn args(&self) -> Vec<OsString> {
        vec![
            self.path("program.toml").into(),
            "--opener".into(),
            quoted(&self.path("opener.sh")).into(),
        ]
    }

    pub fn record(&self) -> String {
        std::fs::read_to_string(self.path("record")).expect("read record")
    }

    /// Starts the browser on a `cols` x `rows` terminal and waits for its first screen.
    pub fn start(&self, cols: u16, rows: u16) -> Session {
        self.start_with(cols, rows, CursorReports::Answer)
    }

    pub fn start_with(&self, cols: u16, rows: u16, reports: CursorReports) -> Session {
        let session = Session::start(self.dir.path(), &self.args(), (cols, rows), reports);
        session.wait_for("the first screen", SCREEN_TIMEOUT, first_screen);
        session
    }
}

/// `path` in single quotes, for a shell or a `shell-words` command line.
pub fn quoted(path: &Path) -> String {
    let text = path.to_str().expect("UTF-8 temporary path");
    assert!(!text.contains('\''), "unexpected quote in {text}");
    format!("'{text}'")
}

/// What the reader thread has seen so far.
pub struct Output {
    pub parser: vt100::Parser,
    pub raw: Vec<u8>,
    pub eof: bool,
}

/// The master side of the pty. The writer is taken only when something is typed: dropping it
/// types a newline and an end-of-file (portable-pty does so), which a test that closes the
/// terminal of an idle browser must not send.
pub struct Pty {
    pub master: Option<Box<dyn MasterPty + Send>>,
    pub writer: Option<Box<dyn Write + Send>>,
}

impl Pty {
    pub fn master(&self) -> &dyn MasterPty {
        self.master.as_deref().expect("the pty is open")
    }

    pub fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if self.writer.is_none() {
            let writer = self.master().take_writer().map_err(std::io::Error::other)?;
            self.writer = Some(writer);
        }
        let writer = self.writer.as_mut().expect("writer");
        writer.write_all(bytes)?;
        writer.flush()
    }
}

/// Whether the emulated terminal answers cursor-position queries (`ESC [ 6 n`), as real
/// terminals do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CursorReports {
    Answer,
    Ignore,
}

/// One run of the binary in a pty.
pub struct Session {
    pub pty: Arc<Mutex<Pty>>,
    pub child: Box<dyn Child + Send + Sync>,
    pub pid: u32,
    pub output: Arc<Mutex<Output>>,
    pub stop: Arc<Mutex<Option<&'static [u8]>>>,
    pub reader: Option<JoinHandle<()>>,
    pub exited: bool,
}

pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The cursor-position query a program sends to learn where the cursor is.
pub const CURSOR_QUERY: &[u8] = b"\x1b[6n";

/// The end of every frame the browser draws: ratatui hides the cursor last.
pub const FRAME_END: &[u8] = b"\x1b[?25l";
/// The end of what the browser writes to give the terminal back: the cursor shown.
pub const RESTORE_END: &[u8] = b"\x1b[?25h";

/// Reads everything the program writes into `output` until the end, or, once `stop` holds a
/// byte string, until the output read so far ends with it; answers cursor-position queries if
/// asked to.
pub fn read_output(
    mut reader: Box<dyn std::io::Read + Send>,
    output: &Mutex<Output>,
    pty: &Mutex<Pty>,
    stop: &Mutex<Option<&'static [u8]>>,
    reports: CursorReports,
) {
    let mut buf = [0u8; 8192];
    loop {
        let n = match reader.read(&mut buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => 0,
            Ok(n) => n,
        };
        let mut out = lock(output);
        if n == 0 {
            out.eof = true;
            return;
        }
        let old = out.raw.len();
        out.raw.extend_from_slice(&buf[..n]);
        out.parser.process(&buf[..n]);
        // Queries that end in this chunk (one may have started in the previous one).
        let from = old.saturating_sub(CURSOR_QUERY.len() - 1);
        let queries = out.raw[from..]
            .windows(CURSOR_QUERY.len())
            .filter(|w| *w == CURSOR_QUERY)
            .count();
        let (row, col) = out.parser.screen().cursor_position();
        let stop_now = lock(stop).is_some_and(|end| out.raw.ends_with(end));
        drop(out);
        if reports == CursorReports::Answer {
            for _ in 0..queries {
                let answer = format!("\x1b[{};{}R", row + 1, col + 1);
                let _ = lock(pty).write(answer.as_bytes());
            }
        }
        if stop_now {
            return;
        }
    }
}

impl Session {
    pub fn start(
        cwd: &Path,
        args: &[OsString],
        size: (u16, u16),
        reports: CursorReports,
    ) -> Session {
        Session::start_env(cwd, args, size, reports, &[])
    }

    /// [`Session::start`] with variables `env` set (`("NO_COLOR", "1")`).
    pub fn start_env(
        cwd: &Path,
        args: &[OsString],
        (cols, rows): (u16, u16),
        reports: CursorReports,
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(pty_size(cols, rows))
            .expect("openpty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lectern"));
        command.args(args);
        command.cwd(cwd);
        command.env("TERM", "xterm-256color");
        command.env_remove("LECTERN_OPENER");
        // Private copies of slides go to the test's folder.
        command.env("XDG_CACHE_HOME", cwd.join("cache"));
        // What the browser keeps (the cache, the versions seen, the picks) stays in the test's
        // folder, never in the real ones.
        command.env("LECTERN_CACHE_DIR", cwd.join(".cache"));
        command.env("LECTERN_DATA_DIR", cwd.join("data"));
        // The configuration file is the test's own, `config/lectern/config.toml`, if it
        // writes one; never the real one.
        command.env("XDG_CONFIG_HOME", cwd.join("config"));
        command.env_remove("NO_COLOR");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn lectern");
        // Only the child keeps the slave side open: its exit is the end of the output.
        drop(pair.slave);
        let pid = child.process_id().expect("pid");
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            raw: Vec::new(),
            eof: false,
        }));
        let stop = Arc::new(Mutex::new(None));
        let reader = pair.master.try_clone_reader().expect("reader");
        let pty = Arc::new(Mutex::new(Pty {
            master: Some(pair.master),
            writer: None,
        }));
        let reader = {
            let (output, pty, stop) = (Arc::clone(&output), Arc::clone(&pty), Arc::clone(&stop));
            std::thread::spawn(move || read_output(reader, &output, &pty, &stop, reports))
        };
        Session {
            pty,
            child,
            pid,
            output,
            stop,
            reader: Some(reader),
            exited: false,
        }
    }

    pub fn output(&self) -> MutexGuard<'_, Output> {
        lock(&self.output)
    }

    /// Types `bytes` at the terminal.
    pub fn send(&mut self, bytes: &[u8]) {
        lock(&self.pty).write(bytes).expect("write to the pty");
    }

    /// The screen as text, with a frame, for failure messages.
    pub fn dump(&self) -> String {
        let out = self.output();
        let screen = out.parser.screen();
        let (rows, cols) = screen.size();
        let mut text = format!(
            "screen {cols}x{rows}, alternate {}, cursor hidden {}, {} bytes read, eof {}\n",
            screen.alternate_screen(),
            screen.hide_cursor(),
            out.raw.len(),
            out.eof
        );
        for (i, row) in screen.rows(0, cols.get()).enumerate() {
            let _ = writeln!(text, "{i:>3}|{row}");
        }
        text
    }

    /// Waits until `ready` holds for the screen; panics with the screen after `timeout`, or
    /// as soon as the output has ended without it.
    pub fn wait_for(&self, what: &str, timeout: Duration, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let (done, ended) = {
                let out = self.output();
                (ready(out.parser.screen()), out.eof)
            };
            if done {
                return;
            }
            assert!(
                !ended,
                "the output ended (lectern exited) while waiting for {what}\n{}",
                self.dump()
            );
            assert!(
                Instant::now() < deadline,
                "timed out after {timeout:?} waiting for {what}\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Sends `signal` (a name such as `TERM`) to the browser with `kill`.
    pub fn kill(&self, signal: &str) {
        send_signal(self.pid, signal);
    }

    /// Waits at most `limit` for the browser to exit; panics with the screen if it does not.
    pub fn wait_exit(&mut self, limit: Duration) -> (ExitStatus, Duration) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                self.exited = true;
                return (status, start.elapsed());
            }
            assert!(
                start.elapsed() < limit,
                "lectern (pid {}) still running {limit:?} later; /proc state {:?}\n{}",
                self.pid,
                proc_stat(self.pid),
                self.dump()
            );
            std::thread::sleep(POLL);
        }
    }

    /// After the exit: waits until the reader has seen the end of the output.
    pub fn wait_eof(&mut self) {
        let deadline = Instant::now() + EOF_TIMEOUT;
        while !self.output().eof {
            assert!(
                Instant::now() < deadline,
                "the output did not end after the exit\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
    }

    /// Resizes the emulator and then the pty, so every byte drawn for the new size is read
    /// at the new size.
    pub fn resize(&self, cols: u16, rows: u16) {
        let mut out = self.output();
        out.parser
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        lock(&self.pty)
            .master()
            .resize(pty_size(cols, rows))
            .expect("resize the pty");
    }

    /// Has the reader stop once the output ends with `end`. The reader has a descriptor of
    /// the master side of its own, blocked reading: the browser must write something for it
    /// to see the request.
    pub fn stop_reading_at(&self, end: &'static [u8]) {
        *lock(&self.stop) = Some(end);
    }

    /// Waits for the reader to stop (see [`Session::stop_reading_at`]).
    pub fn wait_reader_stopped(&mut self) {
        let reader = self.reader.take().expect("reader thread");
        let deadline = Instant::now() + SCREEN_TIMEOUT;
        while !reader.is_finished() {
            assert!(
                Instant::now() < deadline,
                "the reader did not stop\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        }
        reader.join().expect("reader thread");
    }

    /// Stops reading at the end of a whole frame, which a resize causes; the browser is idle
    /// afterwards.
    pub fn stop_reading(&mut self) {
        self.stop_reading_at(FRAME_END);
        let size = lock(&self.pty).master().get_size().expect("pty size");
        self.resize(size.cols - 1, size.rows);
        self.wait_reader_stopped();
    }

    /// Closes the terminal: the last descriptors of the master side, with no signal sent.
    pub fn close_pty(&mut self) {
        assert!(self.reader.is_none(), "the reader still holds the pty");
        let mut pty = lock(&self.pty);
        drop(pty.writer.take());
        drop(pty.master.take());
    }

    /// Checks, after the exit, that the terminal was given back: the emulator's final state,
    /// and the sequences in the raw output after the last time they were turned on.
    pub fn assert_restored(&mut self) {
        self.wait_eof();
        let dump = self.dump();
        let out = self.output();
        let screen = out.parser.screen();
        assert!(
            !screen.alternate_screen(),
            "still on the alternate screen\n{dump}"
        );
        assert!(!screen.hide_cursor(), "the cursor is still hidden\n{dump}");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting is still on\n{dump}"
        );
        let raw = &out.raw;
        let enter = rfind(raw, b"\x1b[?1049h").expect("the alternate screen was entered");
        assert!(
            rfind(raw, b"\x1b[?1049l").is_some_and(|leave| leave > enter),
            "no leave-alternate-screen after the last enter\n{dump}"
        );
        let hide = rfind(raw, b"\x1b[?25l").expect("the cursor was hidden");
        assert!(
            rfind(raw, b"\x1b[?25h").is_some_and(|show| show > hide),
            "no show-cursor after the last hide\n{dump}"
        );
        let mouse_on = rfind(raw, b"\x1b[?1000h").expect("mouse reporting was turned on");
        assert!(
            rfind(raw, b"\x1b[?1000l").is_some_and(|off| off > mouse_on),
            "mouse reporting was not turned off after the last time it was turned on\n{dump}"
        );
    }

    /// Quits with `q` and checks the exit status and the terminal.
    pub fn quit(&mut self) {
        self.send(b"q");
        let (status, _) = self.wait_exit(SCREEN_TIMEOUT);
        assert_exit_code(&status, 0);
        self.assert_restored();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test leaves nothing behind: not a running browser, not a stopped one.
        if !self.exited && matches!(self.child.try_wait(), Ok(None)) {
            // No assertion here: this may run while a failed test unwinds.
            let _ = std::process::Command::new("kill")
                .arg("-KILL")
                .arg(self.pid.to_string())
                .status();
            let _ = self.child.wait();
        }
    }
}

pub fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

pub fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is not zero")
}

pub fn send_signal(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{signal} {pid}: {status}");
}

pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

pub fn assert_exit_code(status: &ExitStatus, code: u32) {
    assert!(
        status.signal().is_none() && status.exit_code() == code,
        "expected exit status {code}, got {status:?} ({status})"
    );
}

/// Row `index` of the screen, as text.
pub fn row(screen: &vt100::Screen, index: u16) -> String {
    let cols = screen.size().1.get();
    screen
        .rows(0, cols)
        .nth(usize::from(index))
        .unwrap_or_default()
}

/// The last row: the status line.
pub fn footer(screen: &vt100::Screen) -> String {
    row(screen, screen.size().0.get() - 1)
}

/// The character in a cell, `None` past the edge.
pub fn cell(screen: &vt100::Screen, row: u16, col: u16) -> Option<String> {
    screen.cell(row, col).map(|c| c.contents().to_owned())
}

/// The first screen: on the alternate screen, the title and the position in the header, the
/// first talk in the list, and the key hints in the footer.
pub fn first_screen(screen: &vt100::Screen) -> bool {
    let header = row(screen, 0);
    screen.alternate_screen()
        && header.contains(TITLE)
        && header.trim_end().ends_with("talk 1 of 3")
        && screen.contents().contains(FIRST_TALK)
        && footer(screen).contains("q quit")
}

/// The process state letter and the CPU time used (user + system, in clock ticks), from
/// `/proc/<pid>/stat`.
pub fn proc_stat(pid: u32) -> Option<(char, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the fields follow the last `)`.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    // Fields 14 and 15 of the file: utime and stime.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((state, utime + stime))
}

/// Clock ticks per second, for the CPU times of `/proc/<pid>/stat`.
pub fn clock_ticks() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// Waits until the record file holds something (the opener has run).
pub fn wait_for_record(fixture: &Fixture, timeout: Duration) -> String {
    let deadline = Instant::now() + timeout;
    loop {
        let record = fixture.record();
        if record.ends_with('\n') {
            return record;
        }
        assert!(
            Instant::now() < deadline,
            "the opener was not run within {timeout:?}; record: {record:?}"
        );
        std::thread::sleep(POLL);
    }
}
