//! End to end: the real `lectern` binary in a real pseudo-terminal, run and read through the
//! helpers of `pty_support` (a `vt100` emulator fed with everything the binary writes; waits
//! that poll the emulated screen against a deadline and print it when they fail).
//!
//! What is checked: browsing and opening slides through a recording opener, the help overlay,
//! quitting with `q` and Ctrl-C, the terminal given back after every signal that ends the
//! process (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGALRM, real-time signals...), a
//! terminal that goes away (while browsing and while suspended), Ctrl-Z and `kill -TSTP` then
//! `kill -CONT` (on a terminal that answers cursor-position queries and on one that does not),
//! resizes, and picks: starring a talk writes the picks file (in the test's own data folder),
//! the agenda shows and exports the picks, and a damaged picks file is reported and kept.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use portable_pty::ExitStatus;

mod http_server;
mod pty_support;

use pty_support::*;

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
