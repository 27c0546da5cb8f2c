//! End to end, in a real pseudo-terminal (the helpers of `pty_support`): `u` and a number open
//! a talk's link through the recording opener, `y` with copying off writes no OSC 52 sequence
//! and says how to turn it on, and `|` pipes the talk to a shell command on the terminal
//! handed over as for Ctrl-Z, waits for Enter, shows how the command ended and takes the
//! terminal back. With `clipboard = "osc52"` in the configuration file, `y` writes the link
//! as one OSC 52 sequence.

mod pty_support;

use pty_support::*;

/// The pty fixture's program, with links: the first talk has slides, a video and an event
/// page, and the program a web page.
const PROGRAM: &str = r#"[program]
title = "Pty Test Days 2031"
url = "https://days.example/"

[[talks]]
id = "alpha"
title = "Alpha: slides that exist"
slides = "slides/a.pdf"
abstract = "The first talk."
links = [
  { label = "Event page", url = "https://days.example/talk/alpha" },
  { label = "Video", url = "https://video.example/alpha" },
]

[[talks.speakers]]
name = "Ada Alpha"

[[talks]]
id = "beta"
title = "Beta: slides that are missing"
slides = "slides/missing.pdf"

[[talks]]
id = "gamma"
title = "Gamma: no slides at all"
"#;

fn fixture() -> Fixture {
    let fixture = Fixture::new();
    std::fs::write(fixture.path("program.toml"), PROGRAM).expect("write the program");
    fixture
}

#[test]
fn u_and_a_number_open_that_link_with_the_opener() {
    let fixture = fixture();
    let mut session = fixture.start(100, 30);
    session.wait_for("the numbered links in the detail", SCREEN_TIMEOUT, |s| {
        let text = s.contents();
        text.contains("Link    [2] Video: https://video.example/alpha")
            && text.contains("Program [4] https://days.example/")
    });
    session.send(b"u");
    session.wait_for("the links list", SCREEN_TIMEOUT, |s| {
        let text = s.contents();
        text.contains(" Links · Alpha: slides that exist ")
            && text.contains("[3] Talk page: https://days.example/talk/alpha")
            && footer(s).contains("Esc close")
    });
    session.send(b"2");
    let record = wait_for_record(&fixture, SCREEN_TIMEOUT);
    assert_eq!(record, "https://video.example/alpha\n");
    session.wait_for("the list closed and the status line", SCREEN_TIMEOUT, |s| {
        !s.contents().contains(" Links · ")
            && footer(s).contains("opening https://video.example/alpha")
    });
    // A number past the list opens nothing.
    session.send(b"u");
    session.wait_for("the links list again", SCREEN_TIMEOUT, |s| {
        s.contents().contains(" Links · ")
    });
    session.send(b"7");
    session.wait_for("no link 7", SCREEN_TIMEOUT, |s| {
        footer(s).contains("no link 7 for this talk")
    });
    session.send(b"\x1b");
    session.wait_for("the list closed", SCREEN_TIMEOUT, |s| {
        !s.contents().contains(" Links · ")
    });
    assert_eq!(fixture.record(), record, "the opener ran once");
    session.quit();
}

#[test]
fn y_with_copying_off_writes_nothing_and_says_how_to_turn_it_on() {
    let fixture = fixture();
    let mut session = fixture.start(120, 30);
    session.send(b"y");
    session.wait_for("the hint on the status line", SCREEN_TIMEOUT, |s| {
        footer(s).contains("copying is off: set clipboard = \"osc52\" in the config file")
    });
    // In the links list too.
    session.send(b"u");
    session.wait_for("the links list", SCREEN_TIMEOUT, |s| {
        s.contents().contains(" Links · ")
    });
    session.send(b"y");
    session.wait_for("the hint again", SCREEN_TIMEOUT, |s| {
        footer(s).contains("copying is off")
    });
    session.send(b"\x1b");
    session.wait_for("the list closed", SCREEN_TIMEOUT, |s| {
        !s.contents().contains(" Links · ")
    });
    session.quit();
    let raw = session.output().raw.clone();
    assert!(
        rfind(&raw, b"\x1b]52").is_none(),
        "an OSC 52 sequence was written"
    );
}

#[test]
fn y_with_osc52_turned_on_writes_the_talk_page_as_one_sequence() {
    let fixture = fixture();
    let dir = fixture.path("config/lectern");
    std::fs::create_dir_all(&dir).expect("mkdir config");
    std::fs::write(dir.join("config.toml"), "clipboard = \"osc52\"\n").expect("write config");
    let mut session = fixture.start(120, 30);
    session.wait_for("the program", SCREEN_TIMEOUT, |s| {
        s.contents().contains("1 Alpha: slides that exist")
    });
    session.send(b"y");
    session.wait_for("the copy said", SCREEN_TIMEOUT, |s| {
        footer(s).contains("copied https://days.example/talk/alpha")
    });
    session.quit();
    let raw = session.output().raw.clone();
    // base64("https://days.example/talk/alpha"), worked out with base64(1).
    let expected = b"\x1b]52;c;aHR0cHM6Ly9kYXlzLmV4YW1wbGUvdGFsay9hbHBoYQ==\x07";
    let at = rfind(&raw, expected).expect("the OSC 52 sequence of the talk's page");
    assert_eq!(
        rfind(&raw[..at], b"\x1b]52"),
        None,
        "one sequence, written once"
    );
}

/// Whether the command's screen is up: the terminal handed over, the prompt to go back.
fn handed_over(s: &vt100::Screen, said: &str) -> bool {
    let text = s.contents();
    !s.alternate_screen() && !s.hide_cursor() && text.contains(said)
}

#[test]
fn a_pipe_runs_on_the_handed_over_terminal_and_its_status_shows() {
    let fixture = fixture();
    let mut session = fixture.start(100, 30);
    session.send(b"|");
    session.wait_for("the pipe prompt", SCREEN_TIMEOUT, |s| {
        footer(s).starts_with('|')
    });
    session.send(b"tee piped.txt | wc -l | sed 's/^ */lines: /'; exit 3");
    session.wait_for("the command typed", SCREEN_TIMEOUT, |s| {
        footer(s).contains("exit 3")
    });
    session.send(b"\r");
    let said = "`tee piped.txt | wc -l | sed 's/^ */lines: /'; exit 3` exited with status 3 \
                · press Enter to return";
    session.wait_for("the command's output", SCREEN_TIMEOUT, |s| {
        handed_over(s, said)
    });
    // The command read the talk as `lectern show` prints it at the terminal's width.
    let piped = std::fs::read_to_string(fixture.path("piped.txt")).expect("the command wrote");
    let shown = std::process::Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["show", "program.toml", "alpha", "--width", "100"])
        .current_dir(fixture.dir.path())
        .output()
        .expect("lectern show");
    assert_eq!(piped, String::from_utf8_lossy(&shown.stdout));
    assert!(piped.starts_with("Alpha: slides that exist\n"), "{piped}");
    let count = format!("lines: {}", piped.lines().count());
    session.wait_for("the line count", SCREEN_TIMEOUT, |s| {
        s.contents().contains(&count)
    });
    session.send(b"\r");
    session.wait_for("the browser back, with the status", SCREEN_TIMEOUT, |s| {
        s.alternate_screen()
            && s.hide_cursor()
            && s.contents().contains("1 Alpha: slides that exist")
            && footer(s).contains("exit 3` exited with status 3")
    });
    session.quit();
}

#[test]
fn ctrl_c_ends_the_command_not_the_browser() {
    let fixture = fixture();
    let mut session = fixture.start(100, 30);
    session.send(b"|sleep 30\r");
    session.wait_for("the command running", SCREEN_TIMEOUT, |s| {
        handed_over(s, "$ sleep 30")
    });
    session.send(b"\x03");
    session.wait_for("the command ended by SIGINT", SCREEN_TIMEOUT, |s| {
        handed_over(
            s,
            "`sleep 30` was ended by signal 2 · press Enter to return",
        )
    });
    session.send(b"\r");
    session.wait_for("the browser back", SCREEN_TIMEOUT, |s| {
        s.alternate_screen() && footer(s).contains("`sleep 30` was ended by signal 2")
    });
    session.quit();
}
