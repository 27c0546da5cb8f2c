//! End to end: the real `lectern` binary in a real pseudo-terminal.
//!
//! Each test starts the binary on the slave side of a pty, reads everything it writes on the
//! master side from a thread, and feeds it to a `vt100` terminal emulator (the raw bytes are
//! kept too). Keys are written to the master; signals are sent with `kill`. Waits poll the
//! emulated screen against a deadline, and a failed wait prints the screen.
//!
//! What is checked: browsing and opening slides through a recording opener, the help overlay,
//! quitting with `q` and Ctrl-C, the terminal given back after every signal that ends the
//! process (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGALRM, real-time signals...), a
//! terminal that goes away (while browsing and while suspended), Ctrl-Z and `kill -TSTP` then
//! `kill -CONT` (on a terminal that answers cursor-position queries and on one that does not),
//! resizes, and picks: starring a talk writes the picks file (in the test's own data folder),
//! the agenda shows and exports the picks, and a damaged picks file is reported and kept.

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

mod http_server;

/// How long the screen may take to show something: generous, for a slow, busy machine.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the reader may take to see the end of the output once the process is gone.
const EOF_TIMEOUT: Duration = Duration::from_secs(5);
/// How often the deadline-based waits look again.
const POLL: Duration = Duration::from_millis(10);

const TITLE: &str = "Pty Test Days 2031";
const FIRST_TALK: &str = "1 Alpha: slides that exist";

/// A three-talk program: slides that exist, slides that are missing, no slides.
const PROGRAM: &str = r#"[program]
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
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
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

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The arguments that browse the program with the recording opener.
    fn args(&self) -> Vec<OsString> {
        vec![
            self.path("program.toml").into(),
            "--opener".into(),
            quoted(&self.path("opener.sh")).into(),
        ]
    }

    fn record(&self) -> String {
        std::fs::read_to_string(self.path("record")).expect("read record")
    }

    /// Starts the browser on a `cols` x `rows` terminal and waits for its first screen.
    fn start(&self, cols: u16, rows: u16) -> Session {
        self.start_with(cols, rows, CursorReports::Answer)
    }

    fn start_with(&self, cols: u16, rows: u16, reports: CursorReports) -> Session {
        let session = Session::start(self.dir.path(), &self.args(), (cols, rows), reports);
        session.wait_for("the first screen", SCREEN_TIMEOUT, first_screen);
        session
    }
}

/// `path` in single quotes, for a shell or a `shell-words` command line.
fn quoted(path: &Path) -> String {
    let text = path.to_str().expect("UTF-8 temporary path");
    assert!(!text.contains('\''), "unexpected quote in {text}");
    format!("'{text}'")
}

/// What the reader thread has seen so far.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    eof: bool,
}

/// The master side of the pty. The writer is taken only when something is typed: dropping it
/// types a newline and an end-of-file (portable-pty does so), which a test that closes the
/// terminal of an idle browser must not send.
struct Pty {
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
}

impl Pty {
    fn master(&self) -> &dyn MasterPty {
        self.master.as_deref().expect("the pty is open")
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
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
enum CursorReports {
    Answer,
    Ignore,
}

/// One run of the binary in a pty.
struct Session {
    pty: Arc<Mutex<Pty>>,
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    output: Arc<Mutex<Output>>,
    stop: Arc<Mutex<Option<&'static [u8]>>>,
    reader: Option<JoinHandle<()>>,
    exited: bool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The cursor-position query a program sends to learn where the cursor is.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

/// The end of every frame the browser draws: ratatui hides the cursor last.
const FRAME_END: &[u8] = b"\x1b[?25l";
/// The end of what the browser writes to give the terminal back: the cursor shown.
const RESTORE_END: &[u8] = b"\x1b[?25h";

/// Reads everything the program writes into `output` until the end, or, once `stop` holds a
/// byte string, until the output read so far ends with it; answers cursor-position queries if
/// asked to.
fn read_output(
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
    fn start(
        cwd: &Path,
        args: &[OsString],
        (cols, rows): (u16, u16),
        reports: CursorReports,
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

    fn output(&self) -> MutexGuard<'_, Output> {
        lock(&self.output)
    }

    /// Types `bytes` at the terminal.
    fn send(&mut self, bytes: &[u8]) {
        lock(&self.pty).write(bytes).expect("write to the pty");
    }

    /// The screen as text, with a frame, for failure messages.
    fn dump(&self) -> String {
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
    fn wait_for(&self, what: &str, timeout: Duration, ready: impl Fn(&vt100::Screen) -> bool) {
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
    fn kill(&self, signal: &str) {
        send_signal(self.pid, signal);
    }

    /// Waits at most `limit` for the browser to exit; panics with the screen if it does not.
    fn wait_exit(&mut self, limit: Duration) -> (ExitStatus, Duration) {
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
    fn wait_eof(&mut self) {
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
    fn resize(&self, cols: u16, rows: u16) {
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
    fn stop_reading_at(&self, end: &'static [u8]) {
        *lock(&self.stop) = Some(end);
    }

    /// Waits for the reader to stop (see [`Session::stop_reading_at`]).
    fn wait_reader_stopped(&mut self) {
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
    fn stop_reading(&mut self) {
        self.stop_reading_at(FRAME_END);
        let size = lock(&self.pty).master().get_size().expect("pty size");
        self.resize(size.cols - 1, size.rows);
        self.wait_reader_stopped();
    }

    /// Closes the terminal: the last descriptors of the master side, with no signal sent.
    fn close_pty(&mut self) {
        assert!(self.reader.is_none(), "the reader still holds the pty");
        let mut pty = lock(&self.pty);
        drop(pty.writer.take());
        drop(pty.master.take());
    }

    /// Checks, after the exit, that the terminal was given back: the emulator's final state,
    /// and the sequences in the raw output after the last time they were turned on.
    fn assert_restored(&mut self) {
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
    fn quit(&mut self) {
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

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is not zero")
}

fn send_signal(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{signal} {pid}: {status}");
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn assert_exit_code(status: &ExitStatus, code: u32) {
    assert!(
        status.signal().is_none() && status.exit_code() == code,
        "expected exit status {code}, got {status:?} ({status})"
    );
}

/// Row `index` of the screen, as text.
fn row(screen: &vt100::Screen, index: u16) -> String {
    let cols = screen.size().1.get();
    screen
        .rows(0, cols)
        .nth(usize::from(index))
        .unwrap_or_default()
}

/// The last row: the status line.
fn footer(screen: &vt100::Screen) -> String {
    row(screen, screen.size().0.get() - 1)
}

/// The character in a cell, `None` past the edge.
fn cell(screen: &vt100::Screen, row: u16, col: u16) -> Option<String> {
    screen.cell(row, col).map(|c| c.contents().to_owned())
}

/// The first screen: on the alternate screen, the title and the position in the header, the
/// first talk in the list, and the key hints in the footer.
fn first_screen(screen: &vt100::Screen) -> bool {
    let header = row(screen, 0);
    screen.alternate_screen()
        && header.contains(TITLE)
        && header.trim_end().ends_with("talk 1 of 3")
        && screen.contents().contains(FIRST_TALK)
        && footer(screen).contains("q quit")
}

/// The process state letter and the CPU time used (user + system, in clock ticks), from
/// `/proc/<pid>/stat`.
fn proc_stat(pid: u32) -> Option<(char, u64)> {
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
fn clock_ticks() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// Waits until the record file holds something (the opener has run).
fn wait_for_record(fixture: &Fixture, timeout: Duration) -> String {
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

#[test]
fn browse_open_slides_help_and_quit() {
    let fixture = Fixture::new();
    let mut session = fixture.start(100, 30);
    // Wide enough for both panes: the detail shows the selected talk.
    session.wait_for("the detail pane", SCREEN_TIMEOUT, |s| {
        let text = s.contents();
        text.contains(" Talk ") && text.contains("Speaker Ada Alpha")
    });

    // Existing slides: the opener gets one argument, the absolute path of a private copy
    // (in its own folder of the cache, with the file's name and content).
    session.send(b"o");
    let record = wait_for_record(&fixture, SCREEN_TIMEOUT);
    let copy = PathBuf::from(record.strip_suffix('\n').expect("one line"));
    assert!(copy.is_absolute(), "{record:?}");
    assert_eq!(copy.file_name(), Some("a.pdf".as_ref()), "{record:?}");
    let folder = copy.parent().expect("the copy's folder");
    assert_eq!(
        folder.parent(),
        Some(fixture.path("cache/lectern").as_path())
    );
    assert_eq!(
        std::fs::read(&copy).expect("read the copy"),
        std::fs::read(fixture.path("slides/a.pdf")).expect("read the slides")
    );
    session.wait_for("the opening message", SCREEN_TIMEOUT, |s| {
        let line = footer(s);
        line.contains("opening ") && line.contains("slides/a.pdf")
    });

    session.send(b"j");
    session.wait_for("the second talk", SCREEN_TIMEOUT, |s| {
        row(s, 0).trim_end().ends_with("talk 2 of 3")
            && s.contents().contains("Speaker Bo Beta")
            && footer(s).contains("q quit")
    });

    // Missing slides: an error on the status line, and the opener is not run.
    session.send(b"o");
    session.wait_for("slides not found", SCREEN_TIMEOUT, |s| {
        footer(s).contains("slides not found: looked for ")
    });
    assert_eq!(
        fixture.record(),
        record,
        "the opener ran for missing slides"
    );

    session.send(b"j");
    session.wait_for("the third talk", SCREEN_TIMEOUT, |s| {
        row(s, 0).trim_end().ends_with("talk 3 of 3") && footer(s).contains("q quit")
    });
    session.send(b"o");
    session.wait_for("no slides for this talk", SCREEN_TIMEOUT, |s| {
        footer(s).trim_end().ends_with("no slides for this talk")
    });

    session.send(b"?");
    session.wait_for("the help", SCREEN_TIMEOUT, |s| {
        let text = s.contents();
        text.contains(" Keys ")
            && text.contains("next talk")
            && text.contains("open the slides")
            && text.contains("Esc or ? closes")
            && footer(s).contains("Esc close")
    });
    session.send(b"\x1b");
    session.wait_for("the help to close", SCREEN_TIMEOUT, |s| {
        let text = s.contents();
        !text.contains(" Keys ")
            && !text.contains("Esc or ? closes")
            && text.contains("Gamma: no slides at all")
            && footer(s).contains("q quit")
    });

    session.quit();
    assert_eq!(fixture.record(), record, "the opener ran more than once");
}

/// A terminating signal: the browser exits within 2 s with `128 + signal`, the terminal given
/// back.
fn signal_ends_the_browser(signal: &str, code: u32) {
    let fixture = Fixture::new();
    let mut session = fixture.start(100, 30);
    session.kill(signal);
    let (status, took) = session.wait_exit(Duration::from_secs(2));
    assert_exit_code(&status, code);
    session.assert_restored();
    eprintln!("SIG{signal}: exit {} after {took:?}", status.exit_code());
}

#[test]
fn sigterm_restores_and_exits_143() {
    signal_ends_the_browser("TERM", 143);
}

#[test]
fn sighup_restores_and_exits_129() {
    signal_ends_the_browser("HUP", 129);
}

#[test]
fn sigint_restores_and_exits_130() {
    signal_ends_the_browser("INT", 130);
}

/// Each signal, by number, ends the browser with `128 + signal` and the terminal given back.
fn signals_end_the_browser(signals: &[(&str, i32)]) {
    for &(name, signal) in signals {
        eprintln!("SIG{name} ({signal})");
        signal_ends_the_browser(&signal.to_string(), 128 + signal.unsigned_abs());
    }
}

#[test]
fn quit_abort_and_user_signals_restore_and_exit_128_plus_n() {
    signals_end_the_browser(&[
        ("QUIT", libc::SIGQUIT),
        ("ABRT", libc::SIGABRT),
        ("USR1", libc::SIGUSR1),
        ("USR2", libc::SIGUSR2),
    ]);
}

#[test]
fn timer_and_limit_signals_restore_and_exit_128_plus_n() {
    signals_end_the_browser(&[
        ("ALRM", libc::SIGALRM),
        ("VTALRM", libc::SIGVTALRM),
        ("PROF", libc::SIGPROF),
        ("XCPU", libc::SIGXCPU),
        ("XFSZ", libc::SIGXFSZ),
    ]);
}

#[test]
fn io_power_and_real_time_signals_restore_and_exit_128_plus_n() {
    signals_end_the_browser(&[
        ("IO", libc::SIGIO),
        ("STKFLT", libc::SIGSTKFLT),
        ("PWR", libc::SIGPWR),
        ("RTMIN", libc::SIGRTMIN()),
        ("RTMIN+5", libc::SIGRTMIN() + 5),
        ("RTMAX", libc::SIGRTMAX()),
    ]);
}

#[test]
fn ctrl_c_quits_with_status_0() {
    let fixture = Fixture::new();
    let mut session = fixture.start(100, 30);
    session.send(b"\x03");
    let (status, _) = session.wait_exit(SCREEN_TIMEOUT);
    assert_exit_code(&status, 0);
    session.assert_restored();
}

/// Closes the terminal (the reader has stopped) and checks that the browser exits within
/// 1.5 s without spinning meanwhile; returns the exit status.
fn close_and_expect_exit(session: &mut Session) -> ExitStatus {
    let (_, cpu_before) = proc_stat(session.pid).expect("/proc/<pid>/stat of the browser");
    let mut cpu_last = cpu_before;
    session.close_pty();
    let start = Instant::now();
    let limit = Duration::from_millis(1500);
    let status = loop {
        if let Some(status) = session.child.try_wait().expect("try_wait") {
            session.exited = true;
            break status;
        }
        if let Some((state, cpu)) = proc_stat(session.pid)
            && state != 'Z'
        {
            cpu_last = cpu;
        }
        assert!(
            start.elapsed() < limit,
            "lectern still running {limit:?} after its terminal closed; /proc state {:?}",
            proc_stat(session.pid)
        );
        std::thread::sleep(POLL);
    };
    let took = start.elapsed();
    let cpu = Duration::from_millis((cpu_last - cpu_before) * 1000 / clock_ticks());
    eprintln!("closed terminal: {status} after {took:?}, {cpu:?} of CPU meanwhile");
    assert!(
        cpu <= Duration::from_millis(500),
        "lectern used {cpu:?} of CPU in the {took:?} after its terminal closed"
    );
    status
}

#[test]
fn closed_terminal_ends_the_browser_without_spinning() {
    let fixture = Fixture::new();
    let mut session = fixture.start(100, 30);
    session.stop_reading();
    let status = close_and_expect_exit(&mut session);
    // The hangup is SIGHUP: 128 + 1.
    assert_exit_code(&status, 129);
}

/// Ctrl-Z, then the terminal window is closed: the hangup continues the stopped browser, which
/// must end like any hangup (129), neither stay behind nor panic (101) writing an error to a
/// terminal that is gone.
#[test]
fn closed_terminal_ends_a_suspended_browser() {
    let fixture = Fixture::new();
    let mut session = fixture.start(100, 30);
    session.stop_reading_at(RESTORE_END);
    session.send(b"\x1a");
    session.wait_reader_stopped();
    wait_for_state(&session, 'T', Duration::from_secs(1));
    let status = close_and_expect_exit(&mut session);
    assert_exit_code(&status, 129);
}

/// Waits at most `limit` for the browser's process state (`/proc/<pid>/stat`) to be `state`.
fn wait_for_state(session: &Session, state: char, limit: Duration) {
    let start = Instant::now();
    loop {
        let now = proc_stat(session.pid).map(|(state, _)| state);
        if now == Some(state) {
            return;
        }
        assert!(
            start.elapsed() < limit,
            "process state not {state:?} within {limit:?}: {now:?}\n{}",
            session.dump()
        );
        std::thread::sleep(POLL);
    }
}

/// How the browser is told to suspend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suspend {
    /// Ctrl-Z typed at the terminal (a key: the terminal is in raw mode).
    CtrlZ,
    /// `kill -TSTP` from outside.
    Tstp,
}

/// The browser stops with the terminal given back; `kill -CONT` brings it back with the whole
/// screen drawn again, and the keys work.
fn suspend_and_resume(how: Suspend, reports: CursorReports) {
    let fixture = Fixture::new();
    let mut session = fixture.start_with(100, 30, reports);
    match how {
        Suspend::CtrlZ => session.send(b"\x1a"),
        Suspend::Tstp => session.kill("TSTP"),
    }
    wait_for_state(&session, 'T', Duration::from_secs(1));
    // While stopped, the terminal is the user's: main screen, cursor shown, no mouse.
    session.wait_for("the terminal given back", SCREEN_TIMEOUT, |s| {
        !s.alternate_screen()
            && !s.hide_cursor()
            && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
    });
    assert_eq!(
        proc_stat(session.pid).map(|(state, _)| state),
        Some('T'),
        "no longer stopped"
    );
    let before = session.output().raw.len();

    session.kill("CONT");
    // Entering the alternate screen clears it in the emulator: the title is back only if the
    // whole screen was drawn again.
    session.wait_for("the screen drawn again", SCREEN_TIMEOUT, |s| {
        first_screen(s)
            && s.hide_cursor()
            && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
    });
    {
        let out = session.output();
        let resumed = &out.raw[before..];
        assert!(
            rfind(resumed, b"\x1b[?1049h").is_some(),
            "the alternate screen was not entered again"
        );
        // A fresh emulator fed only what came after the resume shows the whole screen.
        let mut fresh = vt100::Parser::new(nonzero(30), nonzero(100), 0);
        fresh.process(resumed);
        assert!(
            first_screen(fresh.screen()),
            "not a full redraw after the resume:\n{}",
            fresh.screen().contents()
        );
    }
    session.send(b"j");
    session.wait_for("keys work again", SCREEN_TIMEOUT, |s| {
        row(s, 0).trim_end().ends_with("talk 2 of 3")
    });
    session.quit();
}

#[test]
fn ctrl_z_suspends_and_cont_redraws() {
    suspend_and_resume(Suspend::CtrlZ, CursorReports::Answer);
}

#[test]
fn sigtstp_suspends_like_ctrl_z() {
    suspend_and_resume(Suspend::Tstp, CursorReports::Answer);
}

/// The same on a terminal that does not answer cursor-position queries: drawing the screen
/// again needs no answer from the terminal (there is nothing to ask on a full screen).
#[test]
fn ctrl_z_resume_needs_no_cursor_report() {
    suspend_and_resume(Suspend::CtrlZ, CursorReports::Ignore);
}

/// The narrow layout: only the list pane, across the whole width, under the header.
fn narrow_layout(screen: &vt100::Screen, cols: u16) -> bool {
    let border = row(screen, 1);
    row(screen, 0).contains(TITLE)
        && row(screen, 0).trim_end().ends_with("talk 1 of 3")
        && border.starts_with("┌ Talks ")
        && !screen.contents().contains(" Talk ")
        && cell(screen, 1, cols - 1).as_deref() == Some("┐")
        && footer(screen).contains("q quit")
}

/// The wide layout: the list and the detail side by side (the list is 2/5 of the width,
/// between 28 and 64 columns), the footer on the last row.
fn wide_layout(screen: &vt100::Screen, cols: u16, rows: u16) -> bool {
    let list = (cols * 2 / 5).clamp(28, 64);
    let (width, height) = (screen.size().1.get(), screen.size().0.get());
    width == cols
        && height == rows
        && row(screen, 0).contains(TITLE)
        && row(screen, 0).trim_end().ends_with("talk 1 of 3")
        && row(screen, 1).starts_with("┌ Talks ")
        && cell(screen, 1, list - 1).as_deref() == Some("┐")
        && cell(screen, 1, list).as_deref() == Some("┌")
        && row(screen, 1).contains(" Talk ")
        && cell(screen, 1, cols - 1).as_deref() == Some("┐")
        && cell(screen, rows - 2, 0).as_deref() == Some("└")
        && cell(screen, rows - 2, cols - 1).as_deref() == Some("┘")
        && footer(screen).contains("q quit")
}

#[test]
fn resizes_switch_layouts_and_survive_a_burst() {
    let fixture = Fixture::new();
    let mut session = fixture.start(100, 30);
    session.wait_for("the wide layout at 100x30", SCREEN_TIMEOUT, |s| {
        wide_layout(s, 100, 30)
    });

    session.resize(60, 20);
    session.wait_for("the narrow layout at 60x20", SCREEN_TIMEOUT, |s| {
        narrow_layout(s, 60) && cell(s, 18, 0).as_deref() == Some("└")
    });

    session.resize(120, 40);
    session.wait_for("the wide layout at 120x40", SCREEN_TIMEOUT, |s| {
        wide_layout(s, 120, 40)
    });

    // A window being dragged: 50 sizes with no pause, narrow and wide, ending at 90x25.
    for i in 0..49u16 {
        session.resize(40 + (i * 37) % 100, 10 + (i * 13) % 35);
    }
    session.resize(90, 25);
    session.wait_for(
        "the wide layout at 90x25 after the burst",
        SCREEN_TIMEOUT,
        |s| wide_layout(s, 90, 25),
    );
    assert!(
        session.child.try_wait().expect("try_wait").is_none(),
        "lectern ended during the resizes\n{}",
        session.dump()
    );
    session.quit();
}

/// Starts the browser with extra arguments in the fixture's folder, and waits for `ready`.
fn start_args(fixture: &Fixture, args: &[&str], ready: impl Fn(&vt100::Screen) -> bool) -> Session {
    let args: Vec<OsString> = args.iter().map(OsString::from).collect();
    let session = Session::start(fixture.dir.path(), &args, (100, 30), CursorReports::Answer);
    session.wait_for("the first screen", SCREEN_TIMEOUT, ready);
    session
}

#[test]
fn typing_a_query_narrows_the_list() {
    let fixture = Fixture::new();
    let mut session = fixture.start(100, 30);
    session.send(b"/");
    session.wait_for("the search prompt", SCREEN_TIMEOUT, |s| {
        footer(s).trim_end() == "/"
    });
    session.send(b"gam");
    session.wait_for("the list narrowed to Gamma", SCREEN_TIMEOUT, |s| {
        row(s, 0).trim_end().ends_with("1 of 3 match · 1/1")
            && row(s, 2).starts_with("│3 Gamma: no slides at all")
            && !s.contents().contains("Alpha: slides that exist")
            && footer(s).trim_end() == "/gam"
    });
    // Backspace (DEL from the terminal) broadens the search again.
    session.send(b"\x7f\x7f\x7f");
    session.wait_for("every talk back", SCREEN_TIMEOUT, |s| {
        s.contents().contains("Alpha: slides that exist") && footer(s).trim_end() == "/"
    });
    session.send(b"beta");
    session.wait_for("Beta alone", SCREEN_TIMEOUT, |s| {
        row(s, 0).trim_end().ends_with("1 of 3 match · 1/1")
    });
    // Enter keeps the search and gives the keys back to the list: `q` quits.
    session.send(b"\r");
    session.wait_for("the hints again", SCREEN_TIMEOUT, |s| {
        footer(s).contains("q quit")
    });
    session.send(b"q");
    let (status, _) = session.wait_exit(EOF_TIMEOUT);
    assert_exit_code(&status, 0);
    session.assert_restored();
}

#[test]
fn search_flag_starts_with_the_query_applied() {
    let fixture = Fixture::new();
    let program = fixture.path("program.toml");
    let mut session = start_args(
        &fixture,
        &[program.to_str().expect("UTF-8 path"), "--search", "alpha"],
        |s| {
            let header = row(s, 0);
            header.contains("/alpha") && header.trim_end().ends_with("1 of 3 match · 1/1")
        },
    );
    session.send(b"q");
    let (status, _) = session.wait_exit(EOF_TIMEOUT);
    assert_exit_code(&status, 0);
}

/// A published pretalx schedule, browsed directly: talks under their day, with their times.
const SCHEDULE: &str = include_str!("fixtures/small/pretalx.json");

#[test]
fn browses_an_imported_schedule() {
    let fixture = Fixture::new();
    std::fs::write(fixture.path("schedule.json"), SCHEDULE).expect("write schedule");
    let schedule = fixture.path("schedule.json");
    // The whole screen this test is about, waited for as a whole: the header, the day, both
    // talks and the detail's time (a frame can arrive in pieces).
    let complete = |s: &vt100::Screen| {
        row(s, 0).starts_with("DemoCon")
            && row(s, 2).starts_with("│Monday 2020-12-14")
            && row(s, 3).starts_with("│  08:00 Focused 5thgeneration hardwar…")
            // 01:30 on the next night is before the schedule's day change: still Monday.
            && row(s, 4).starts_with("│  01:30 Quality-focused 6thgeneration")
            && s
                .contents()
                .contains("When    Monday 2020-12-14, 08:00–08:30 (30 min)")
    };
    let mut session = start_args(
        &fixture,
        &[schedule.to_str().expect("UTF-8 path")],
        complete,
    );
    {
        let out = session.output();
        let screen = out.parser.screen();
        assert!(
            !screen.contents().contains("Tuesday"),
            "{}",
            screen.contents()
        );
    }
    session.send(b"q");
    let (status, _) = session.wait_exit(EOF_TIMEOUT);
    assert_exit_code(&status, 0);
    session.assert_restored();
}

/// The first version of a program served over HTTP, and the second: Alpha moved to 11:30 in
/// room B, Beta cancelled, Gamma added.
const LIVE_V1: &str = "[program]\ntitle = \"Live Days\"\ntimezone = \"Europe/Brussels\"\n\n[[talks]]\nid = \"a\"\ntitle = \"Alpha\"\nstart = \"2024-02-03T10:00\"\nduration = 30\nroom = \"A\"\n\n[[talks]]\nid = \"b\"\ntitle = \"Beta\"\nstart = \"2024-02-03T11:00\"\nduration = 30\nroom = \"A\"\n";
const LIVE_V2: &str = "[program]\ntitle = \"Live Days\"\ntimezone = \"Europe/Brussels\"\n\n[[talks]]\nid = \"a\"\ntitle = \"Alpha\"\nstart = \"2024-02-03T11:30\"\nduration = 30\nroom = \"B\"\n\n[[talks]]\nid = \"g\"\ntitle = \"Gamma\"\nstart = \"2024-02-03T12:00\"\nduration = 30\nroom = \"A\"\n";

#[test]
fn a_refresh_moves_adds_and_cancels_talks_and_the_cache_opens_offline() {
    use http_server::{Reply, Server};
    use std::sync::atomic::{AtomicUsize, Ordering};
    let fixture = Fixture::new();
    let version = Arc::new(AtomicUsize::new(1));
    let chosen = Arc::clone(&version);
    let server = Server::start(move |_| match chosen.load(Ordering::SeqCst) {
        1 => Reply::ok(LIVE_V1.as_bytes()),
        2 => Reply::ok(LIVE_V2.as_bytes()),
        _ => Reply::with(500, &[], b"down"),
    });
    let url = server.url("/live.toml");
    let mut session = start_args(&fixture, &[&url], |s| {
        row(s, 0).starts_with("Live Days") && s.contents().contains("10:00 Alpha · A")
    });
    version.store(2, Ordering::SeqCst);
    session.send(b"R");
    session.wait_for("the refreshed program", SCREEN_TIMEOUT, |s| {
        let contents = s.contents();
        contents.contains("refreshed: 1 new, 1 cancelled, 1 moved: press C to see them")
            && contents.contains("11:30 Δ Alpha · B")
            && contents.contains("12:00 Δ Gamma · A")
            && !contents.contains("Beta")
            // Alpha is still selected, and its detail is the new one.
            && row(s, 0).trim_end().ends_with("talk 1 of 2")
            && contents.contains("11:30–12:00")
    });
    session.send(b"C");
    session.wait_for("the changes overlay", SCREEN_TIMEOUT, |s| {
        let contents = s.contents();
        contents.contains("Changes")
            && contents.contains("~ a  Alpha: time 10:00 → 11:30, room A → B")
            && contents.contains("+ g  Gamma")
            && contents.contains("- b  Beta")
    });
    session.send(b"C");
    session.wait_for("the overlay closed", SCREEN_TIMEOUT, |s| {
        !s.contents().contains("+ g  Gamma")
    });
    session.send(b"j");
    session.wait_for("Gamma looked at", SCREEN_TIMEOUT, |s| {
        s.contents().contains("12:00 Gamma · A") && row(s, 0).trim_end().ends_with("talk 2 of 2")
    });
    session.quit();
    session.assert_restored();

    // The server fails: the cached copy opens, and the header says so.
    version.store(3, Ordering::SeqCst);
    let mut offline = start_args(&fixture, &[&url], |s| {
        row(s, 0).contains("Live Days · offline: copy from ")
            && s.contents().contains("11:30 Alpha · B")
    });
    assert!(
        !offline
            .output()
            .parser
            .screen()
            .contents()
            .contains("changed since"),
        "the version seen last is the one the refresh brought"
    );
    offline.quit();
    offline.assert_restored();

    // Back to the first version: opening it shows what changed since it was last seen.
    version.store(1, Ordering::SeqCst);
    let mut reopened = start_args(&fixture, &[&url], |s| {
        s.contents()
            .contains("changed since you last looked: 1 new, 1 cancelled, 1 moved")
            && s.contents().contains("11:00 Δ Beta · A")
    });
    reopened.quit();
    reopened.assert_restored();
}

/// The one picks file in the data folder `dir`.
fn picks_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the data folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn starring_a_talk_saves_it_and_the_agenda_shows_it() {
    let fixture = Fixture::new();
    let data = fixture.path("data");
    let mut session = fixture.start(100, 30);
    session.send(b"s");
    session.wait_for("the first talk starred", SCREEN_TIMEOUT, |s| {
        row(s, 2).starts_with("│★  1 Alpha: slides that exist") && row(s, 1).contains("★ starred")
    });
    // The picks are saved before the frame that shows the star is drawn.
    let text = std::fs::read_to_string(picks_file(&data)).expect("the picks file");
    assert!(text.contains("program = \"Pty Test Days 2031\""), "{text}");
    assert!(text.contains("[talks.alpha]\npick = \"star\""), "{text}");
    session.send(b"jm");
    session.wait_for("the second talk a maybe", SCREEN_TIMEOUT, |s| {
        row(s, 3).starts_with("│☆  2 Beta: slides that are missing")
            && row(s, 1).contains("☆ maybe")
    });
    session.send(b"a");
    session.wait_for("the agenda", SCREEN_TIMEOUT, |s| {
        let text = s.contents();
        text.contains("My agenda · Pty Test Days 2031")
            && text.contains("Not scheduled")
            && text.contains("  ★ Alpha: slides that exist")
            && text.contains("  ☆ Beta: slides that are missing")
            && footer(s).contains("e export")
    });
    // `s` on the highlighted pick (Beta, where the agenda opened) stars it.
    session.send(b"s");
    session.wait_for("Beta starred in the agenda", SCREEN_TIMEOUT, |s| {
        s.contents().contains("  ★ Beta: slides that are missing")
    });
    session.send(b"e");
    let calendar = data.join(format!("{}.ics", lectern::agenda::store::file_stem(TITLE)));
    let said = format!("0 starred talks exported to {}", calendar.display());
    session.wait_for("the export's notice", SCREEN_TIMEOUT, |s| {
        footer(s).trim_end() == said
    });
    assert!(
        std::fs::read_to_string(&calendar)
            .expect("the calendar")
            .starts_with("BEGIN:VCALENDAR\r\n")
    );
    session.send(b"a");
    session.wait_for("the agenda closed", SCREEN_TIMEOUT, |s| {
        !s.contents().contains("My agenda") && footer(s).contains("a agenda")
    });
    session.quit();
    let text = std::fs::read_to_string(picks_file(&data)).expect("the picks file");
    assert!(text.contains("[talks.alpha]\npick = \"star\""), "{text}");
    assert!(text.contains("[talks.beta]\npick = \"star\""), "{text}");
    // The next run reads them back.
    let mut again = fixture.start(100, 30);
    again.wait_for("the picks read back", SCREEN_TIMEOUT, |s| {
        row(s, 2).starts_with("│★  1 Alpha") && row(s, 3).starts_with("│★  2 Beta")
    });
    again.quit();
}

#[test]
fn a_damaged_picks_file_is_reported_and_kept_until_a_pick_changes() {
    let fixture = Fixture::new();
    let data = fixture.path("data");
    std::fs::create_dir(&data).expect("mkdir data");
    let file = data.join(format!("{}.toml", lectern::agenda::store::file_stem(TITLE)));
    let damaged = "program = \"Pty Test Days 2031\"\n\n[talks.alpha]\npick = \"starred\"\n";
    std::fs::write(&file, damaged).expect("write the picks file");
    let session = Session::start(
        fixture.dir.path(),
        &fixture.args(),
        (200, 30),
        CursorReports::Answer,
    );
    let at = format!("{}:4:8: unknown pick \"starred\"", file.display());
    session.wait_for("the damaged file reported", SCREEN_TIMEOUT, |s| {
        footer(s).starts_with(&at) && row(s, 2).starts_with("│1 Alpha")
    });
    assert_eq!(std::fs::read_to_string(&file).expect("read"), damaged);
    let mut session = session;
    session.send(b"s");
    session.wait_for("the talk starred", SCREEN_TIMEOUT, |s| {
        row(s, 2).starts_with("│★  1 Alpha")
    });
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("[talks.alpha]\npick = \"star\""), "{text}");
    let backup = data.join(format!(
        "{}.toml.bak",
        lectern::agenda::store::file_stem(TITLE)
    ));
    assert_eq!(std::fs::read_to_string(backup).expect("the copy"), damaged);
    session.quit();
}
