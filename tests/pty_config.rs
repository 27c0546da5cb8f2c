//! End to end, in a real pseudo-terminal: the configuration file. A key rebound in the file
//! found under `$XDG_CONFIG_HOME` moves the selection, the old key no longer does, and the
//! footer and the help name the new key; with `NO_COLOR` (or `--color never`) the bytes
//! written hold no colour at all while the selection is still reversed, and `--color always`
//! brings colour back; a file with an error is reported with its line, and Lectern exits 2
//! without writing a single escape sequence.

use std::ffi::OsString;

mod pty_support;

use pty_support::*;

/// Writes `text` as the configuration file the browser finds on its own.
fn configure(fixture: &Fixture, text: &str) {
    let dir = fixture.path("config/lectern");
    std::fs::create_dir_all(&dir).expect("mkdir config");
    std::fs::write(dir.join("config.toml"), text).expect("write config");
}

/// The row of the screen holding `text`, if any.
fn row_with(screen: &vt100::Screen, text: &str) -> Option<(u16, String)> {
    (0..screen.size().0.get())
        .map(|i| (i, row(screen, i)))
        .find(|(_, line)| line.contains(text))
}

#[test]
fn a_rebound_key_moves_and_the_footer_and_help_name_it() {
    let fixture = Fixture::new();
    configure(&fixture, "[keys.list]\ndown = [\"x\"]\n");
    let mut session = fixture.start(100, 30);
    session.wait_for("the footer naming x", SCREEN_TIMEOUT, |s| {
        footer(s).contains("x move")
    });
    // `j` moved before; now only `x` does. Keys are handled in order, so once the help is
    // drawn both have been.
    session.send(b"j");
    session.send(b"x");
    session.wait_for("the second talk", SCREEN_TIMEOUT, |s| {
        row(s, 0).trim_end().ends_with("talk 2 of 3")
    });
    session.send(b"?");
    session.wait_for("the help naming x", SCREEN_TIMEOUT, |s| {
        row_with(s, "next talk").is_some_and(|(_, line)| {
            let before = &line[..line.find("next talk").expect("found")];
            before.trim_end().ends_with(" x")
        })
    });
    let header = row(session.output().parser.screen(), 0);
    assert!(
        header.trim_end().ends_with("talk 2 of 3"),
        "j moved too: {header}\n{}",
        session.dump()
    );
    // `?` closes the help (an Esc followed at once by `q` would read as Alt-q).
    session.send(b"?");
    session.wait_for("the help closed", SCREEN_TIMEOUT, |s| {
        row_with(s, "next talk").is_none()
    });
    session.quit();
}

/// The colours set by the SGR sequences in `raw`: every parameter that sets a foreground,
/// background or underline colour (30–37, 38, 40–47, 48, 58, 90–97, 100–107), as written.
fn colour_codes(raw: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(start) = raw[i..]
        .windows(2)
        .position(|w| w == b"\x1b[")
        .map(|p| p + i)
    {
        let params_start = start + 2;
        let Some(len) = raw[params_start..]
            .iter()
            .position(|b| (0x40..=0x7e).contains(b))
        else {
            break;
        };
        let end = params_start + len;
        i = end + 1;
        if raw[end] != b'm' {
            continue;
        }
        let params = String::from_utf8_lossy(&raw[params_start..end]).into_owned();
        let colour = params.split([';', ':']).any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=38 | 40..=48 | 58 | 90..=97 | 100..=107)
            )
        });
        if colour {
            found.push(params);
        }
    }
    found
}

#[test]
fn the_colour_finder_finds_colour_codes() {
    assert_eq!(
        colour_codes(b"a\x1b[1m\x1b[7mb\x1b[0m\x1b[39m\x1b[49m\x1b[22;27m\x1b[?25l\x1b[2J"),
        Vec::<String>::new()
    );
    assert_eq!(
        colour_codes(b"\x1b[38;5;236m\x1b[1;31m\x1b[48:2::1:2:3m\x1b[97m\x1b[104m\x1b[58;5;1m"),
        ["38;5;236", "1;31", "48:2::1:2:3", "97", "104", "58;5;1"]
    );
}

/// Browses with `env` and `args` added, waits for the first screen, quits, and returns the
/// colour codes written, and whether the selected talk was drawn reversed.
fn browse_and_collect_colours(env: &[(&str, &str)], args: &[&str]) -> (Vec<String>, bool) {
    let fixture = Fixture::new();
    let mut all: Vec<OsString> = fixture.args();
    all.extend(args.iter().map(OsString::from));
    let mut session = Session::start_env(
        fixture.path("").as_path(),
        &all,
        (100, 30),
        CursorReports::Answer,
        env,
    );
    session.wait_for("the first screen", SCREEN_TIMEOUT, first_screen);
    let reversed = {
        let out = session.output();
        let screen = out.parser.screen();
        row_with(screen, FIRST_TALK).is_some_and(|(r, line)| {
            let at = line.find(FIRST_TALK).expect("found");
            let col = line[..at].chars().count() as u16;
            let width = FIRST_TALK.chars().count() as u16;
            (col..col + width).all(|c| screen.cell(r, c).is_some_and(vt100::Cell::inverse))
        })
    };
    session.quit();
    let codes = colour_codes(&session.output().raw);
    (codes, reversed)
}

#[test]
fn no_color_writes_no_colour_and_still_marks_the_selection() {
    let (none, reversed) = browse_and_collect_colours(&[("NO_COLOR", "1")], &[]);
    assert_eq!(none, Vec::<String>::new(), "colour codes with NO_COLOR");
    assert!(reversed, "the selection is not reversed with NO_COLOR");
    let (never, reversed) = browse_and_collect_colours(&[], &["--color", "never"]);
    assert_eq!(
        never,
        Vec::<String>::new(),
        "colour codes with --color never"
    );
    assert!(reversed, "the selection is not reversed with --color never");
    // Without it (an empty NO_COLOR does not count), and with --color always over it, the
    // same screens are drawn in colour.
    let (coloured, _) = browse_and_collect_colours(&[("NO_COLOR", "")], &[]);
    assert!(!coloured.is_empty(), "no colour at all without NO_COLOR");
    let (always, _) = browse_and_collect_colours(&[("NO_COLOR", "1")], &["--color", "always"]);
    assert!(!always.is_empty(), "no colour with --color always");
}

#[test]
fn a_bad_configuration_is_reported_before_the_terminal_is_touched() {
    let fixture = Fixture::new();
    std::fs::write(
        fixture.path("bad.toml"),
        "theme = \"dark\"\n\n[keys.list]\nstar = [\"PageDwn\"]\n",
    )
    .expect("write config");
    let mut args = fixture.args();
    args.extend(["--config".into(), fixture.path("bad.toml").into()]);
    let mut session = Session::start(
        fixture.path("").as_path(),
        &args,
        (100, 30),
        CursorReports::Answer,
    );
    let (status, _) = session.wait_exit(SCREEN_TIMEOUT);
    assert_exit_code(&status, 2);
    session.wait_eof();
    let out = session.output();
    let text = String::from_utf8_lossy(&out.raw).into_owned();
    assert!(
        text.contains("bad.toml:4:9: error: unknown key \"PageDwn\" for `star`"),
        "{text}"
    );
    assert!(text.contains("did you mean \"PageDown\"?"), "{text}");
    assert!(
        !out.raw.contains(&0x1b),
        "an escape sequence was written: {text:?}"
    );
}

/// A program with times in Brussels, for the zone shown at start.
const TIMED: &str = "[program]\ntitle = \"Zone Days\"\ntimezone = \"Europe/Brussels\"\n\n[[talks]]\nid = \"a\"\ntitle = \"Alpha\"\nstart = \"2031-02-03T10:00\"\nduration = 30\nroom = \"A\"\n";

#[test]
fn the_file_sets_the_opener_and_the_zone_shown_at_start() {
    let fixture = Fixture::new();
    std::fs::write(fixture.path("timed.toml"), TIMED).expect("write program");
    configure(
        &fixture,
        &format!(
            "opener = \"{}\"\ntimezone = \"local\"\n",
            quoted(&fixture.path("opener.sh"))
        ),
    );
    // Without --opener: the file's opener opens the slides.
    let args: Vec<OsString> = vec![fixture.path("program.toml").into()];
    let mut session = Session::start(
        fixture.path("").as_path(),
        &args,
        (100, 30),
        CursorReports::Answer,
    );
    session.wait_for("the first screen", SCREEN_TIMEOUT, first_screen);
    session.send(b"o");
    let record = wait_for_record(&fixture, SCREEN_TIMEOUT);
    assert!(record.trim_end().ends_with("a.pdf"), "{record:?}");
    session.quit();

    // The times start in the local zone (here Tokyo's), and z goes back to the program's.
    let args: Vec<OsString> = vec![fixture.path("timed.toml").into()];
    let mut session = Session::start_env(
        fixture.path("").as_path(),
        &args,
        (100, 30),
        CursorReports::Answer,
        &[("TZ", "Asia/Tokyo")],
    );
    session.wait_for("times in Tokyo", SCREEN_TIMEOUT, |s| {
        row(s, 0).contains("times: local time (Asia/Tokyo)") && s.contents().contains("18:00")
    });
    session.send(b"z");
    session.wait_for("times in Brussels", SCREEN_TIMEOUT, |s| {
        !row(s, 0).contains("local time") && s.contents().contains("10:00")
    });
    session.quit();
}

#[test]
fn the_file_sets_the_refresh_interval() {
    let fixture = Fixture::new();
    configure(&fixture, "refresh = \"10s\"\n");
    let mut session = fixture.start(100, 30);
    // The program file changes while it is shown: within the interval (and a margin for a
    // busy machine) the browser loads it again by itself.
    let changed = PROGRAM.replace("Gamma: no slides at all", "Gamma: renamed meanwhile");
    std::fs::write(fixture.path("program.toml"), changed).expect("rewrite the program");
    session.wait_for(
        "the refreshed program",
        std::time::Duration::from_secs(40),
        |s| s.contents().contains("Gamma: renamed meanwhile"),
    );
    session.quit();
}
