//! `lectern agenda` from the outside: picks made on the command line land in the data folder,
//! the agenda prints with clashes, free time, moved and vanished talks, damaged picks files are
//! reported and kept, and `--ics` writes iCalendar that the `icalendar` crate and
//! `lectern import` read back to the same talks.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use icalendar::{Calendar, CalendarComponent, Component as _, EventLike as _};

const BIN: &str = env!("CARGO_BIN_EXE_lectern");

/// A program with awkward text for iCalendar (commas, semicolons, backslashes, quotes, long
/// lines of multi-byte characters) and talks that clash, leave free time, or have no time.
const PROGRAM: &str = r#"
[program]
title = "Agenda Fest, 2021; \"quoted\" \\ backslash"
id = "agenda-fest-2021"
timezone = "Europe/Brussels"
url = "https://fest.example.org/"

[[talks]]
id = "open"
title = "Opening, welcome; and \\ more"
start = "2021-02-06T09:00"
duration = "30m"
room = "Janson"
abstract = """
First paragraph, with commas; semicolons and a \\ backslash.

Second paragraph: Zürich, 東京, ünïcödé, and enough words to need folding at seventy-five octets in a calendar."""

[[talks.speakers]]
name = "Ada Lovelace"
affiliation = "Analytical Engines, Ltd."

[[talks]]
id = "clash"
title = "A talk that clashes"
start = "2021-02-06T09:15"
duration = "45m"
room = "K.1.105"

[[talks]]
id = "after"
title = "After the break"
start = "2021-02-06T10:30"
duration = "1h"
room = "Janson"

[[talks]]
id = "maybe"
title = "Perhaps this one"
start = "2021-02-06T10:45"
duration = "30m"
room = "H.2215"

[[talks]]
id = "sunday"
title = "東京の日曜日 — a long title in wide characters that must be folded without splitting 東京"
start = "2021-02-07T11:00"
duration = "1h30m"
room = "UA2.114"

[[talks]]
id = "untimed"
title = "Whenever"
"#;

struct Env {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("fest.toml"), PROGRAM).expect("write the program");
        Env { _dir: dir, root }
    }

    /// `lectern ARGS` in the folder, with its own XDG data folder.
    fn lectern(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .current_dir(&self.root)
            .env("XDG_DATA_HOME", self.root.join("xdg"))
            .env_remove("LECTERN_DATA_DIR")
            .output()
            .expect("run lectern")
    }

    /// The picks files in the data folder.
    fn picks_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.root.join("xdg/lectern")) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        files
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

const PICK_ALL: &[&str] = &[
    "agenda",
    "fest.toml",
    "--star",
    "open",
    "--star",
    "clash",
    "--star",
    "after",
    "--maybe-pick",
    "maybe",
    "--star",
    "sunday",
    "--star",
    "untimed",
];

const AGENDA: &str = "\
My agenda · Agenda Fest, 2021; \"quoted\" \\ backslash

Saturday 2021-02-06
  09:00–09:30  Janson   ★ Opening, welcome; and \\ more · Ada Lovelace
                        clashes with: A talk that clashes (09:15–10:00, K.1.105)
  09:15–10:00  K.1.105  ★ A talk that clashes
                        clashes with: Opening, welcome; and \\ more (09:00–09:30, Janson)
               30 min free
  10:30–11:30  Janson   ★ After the break
  10:45–11:15  H.2215   ☆ Perhaps this one (maybe)
                        fallback for: After the break (10:30–11:30, Janson)

Sunday 2021-02-07
  11:00–12:30  UA2.114  ★ 東京の日曜日 — a long title in wide characters that must be folded without splitting 東京

Not scheduled
  ★ Whenever
";

#[test]
fn an_empty_agenda_exits_zero() {
    let env = Env::new();
    let out = env.lectern(&["agenda", "fest.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "My agenda · Agenda Fest, 2021; \"quoted\" \\ backslash\n\nNo talks picked yet.\n"
    );
    assert_eq!(stderr(&out), "");
    assert!(env.picks_files().is_empty(), "reading writes nothing");
}

#[test]
fn picks_are_saved_in_the_xdg_data_folder_and_printed() {
    let env = Env::new();
    let out = env.lectern(PICK_ALL);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), AGENDA);
    let files = env.picks_files();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().expect("name").to_string_lossy();
    assert!(name.starts_with("agenda-fest-2021-"), "{name}");
    assert!(stderr(&out).contains(&format!("picks saved in {}", files[0].display())));
    let text = std::fs::read_to_string(&files[0]).expect("picks file");
    assert!(
        text.contains("program = 'Agenda Fest, 2021; \"quoted\" \\ backslash'"),
        "{text}"
    );
    // Read again without changes: the same agenda, from the file.
    let again = env.lectern(&["agenda", "fest.toml"]);
    assert_eq!(stdout(&again), AGENDA);
    // Moved elsewhere, the program keeps its picks: they follow its key, not its path.
    std::fs::create_dir(env.root.join("moved")).expect("mkdir");
    std::fs::rename(
        env.root.join("fest.toml"),
        env.root.join("moved/renamed.toml"),
    )
    .expect("move");
    let moved = env.lectern(&["agenda", "moved/renamed.toml"]);
    assert_eq!(stdout(&moved), AGENDA);
}

#[test]
fn lecterns_saving_at_the_same_moment_keep_every_pick() {
    let env = Env::new();
    let ids = ["open", "clash", "after", "maybe", "sunday", "untimed"];
    // Each process picks one talk; all start together, and each save merges with the others'.
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            Command::new(BIN)
                .args(["agenda", "fest.toml", "--star", id])
                .current_dir(&env.root)
                .env("XDG_DATA_HOME", env.root.join("xdg"))
                .env_remove("LECTERN_DATA_DIR")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("start lectern")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let text = std::fs::read_to_string(&env.picks_files()[0]).expect("picks file");
    for id in ids {
        assert!(
            text.contains(&format!("[talks.{id}]\npick = \"star\"")),
            "{id}: {text}"
        );
    }
}

#[test]
fn the_data_folder_can_be_set_with_lectern_data_dir() {
    let env = Env::new();
    let out = Command::new(BIN)
        .args(["agenda", "fest.toml", "--star", "open"])
        .current_dir(&env.root)
        .env("XDG_DATA_HOME", env.root.join("xdg"))
        .env("LECTERN_DATA_DIR", env.root.join("mine"))
        .output()
        .expect("run lectern");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(env.picks_files().is_empty());
    let mine: Vec<_> = std::fs::read_dir(env.root.join("mine"))
        .expect("the folder was made")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| !n.to_string_lossy().starts_with('.'))
        .collect();
    assert_eq!(mine.len(), 1, "{mine:?}");
}

#[test]
fn an_unknown_talk_id_is_a_usage_error() {
    let env = Env::new();
    let out = env.lectern(&["agenda", "fest.toml", "--star", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("lectern: no talk with id \"nope\" in Agenda Fest"),
        "{}",
        stderr(&out)
    );
    assert!(env.picks_files().is_empty());
    let usage = env.lectern(&["agenda", "fest.toml", "--maybe"]);
    assert_eq!(usage.status.code(), Some(2), "--maybe needs --ics");
}

#[test]
fn a_damaged_picks_file_is_reported_with_its_line_and_kept() {
    let env = Env::new();
    assert_eq!(
        env.lectern(&["agenda", "fest.toml", "--star", "open"])
            .status
            .code(),
        Some(0)
    );
    let file = env.picks_files().remove(0);
    let damaged = "program = \"Agenda Fest\"\n\n[talks.open]\npick = \"starred\"\n";
    std::fs::write(&file, damaged).expect("damage the file");
    let out = env.lectern(&["agenda", "fest.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "{}:4:8: error: unknown pick \"starred\"",
            file.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("expected `pick = \"star\"` or `pick = \"maybe\"`"),
        "{err}"
    );
    let backup = file.with_extension("toml.bak");
    assert_eq!(std::fs::read_to_string(&backup).expect("a backup"), damaged);
    assert_eq!(std::fs::read_to_string(&file).expect("file"), damaged);
    // A pick replaces the file; the backup stays.
    let out = env.lectern(&["agenda", "fest.toml", "--star", "after"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("★ After the break"));
    assert!(
        !stdout(&out).contains("Opening"),
        "the damaged picks are not guessed at"
    );
    assert_eq!(std::fs::read_to_string(&backup).expect("a backup"), damaged);
}

#[test]
fn a_moved_or_dropped_talk_is_shown_as_such() {
    let env = Env::new();
    assert_eq!(
        env.lectern(&[
            "agenda",
            "fest.toml",
            "--star",
            "after",
            "--maybe-pick",
            "maybe"
        ])
        .status
        .code(),
        Some(0)
    );
    // The next version of the program: "after" moved to the afternoon, "maybe" was dropped.
    let v2 = PROGRAM
        .replace(
            "start = \"2021-02-06T10:30\"",
            "start = \"2021-02-06T14:00\"",
        )
        .replace("id = \"maybe\"", "id = \"replaced\"");
    std::fs::write(env.root.join("v2.toml"), v2).expect("write v2");
    let out = env.lectern(&["agenda", "v2.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "\
My agenda · Agenda Fest, 2021; \"quoted\" \\ backslash

Saturday 2021-02-06
  14:00–15:00  Janson  ★ After the break
                       moved: was Saturday 2021-02-06 10:30

No longer in the program
  ☆ Perhaps this one (was Saturday 2021-02-06 10:45, H.2215)
"
    );
    // Dropping the pick of a talk no longer in the program.
    let out = env.lectern(&["agenda", "v2.toml", "--unpick", "maybe"]);
    assert!(!stdout(&out).contains("Perhaps"), "{}", stdout(&out));
}

#[test]
fn picks_made_on_a_schedule_follow_it_into_its_imported_program() {
    let env = Env::new();
    let schedule = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small/pentabarf.xml");
    let schedule = schedule.to_str().expect("UTF-8 path");
    let raw = std::fs::read_to_string(schedule).expect("fixture");
    // The first event's id (it has no guid): read from the raw file.
    let guid = raw
        .split("<event id=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an event with an id");
    let out = env.lectern(&["agenda", schedule, "--star", guid]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let imported = env.lectern(&["import", schedule, "-o", "imported.toml"]);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let direct = stdout(&env.lectern(&["agenda", schedule]));
    let converted = stdout(&env.lectern(&["agenda", "imported.toml"]));
    assert!(direct.contains('★'), "{direct}");
    assert_eq!(direct, converted);
}

// ---------------------------------------------------------------------------------------------
// --ics
// ---------------------------------------------------------------------------------------------

/// The events of a calendar, parsed by the `icalendar` crate.
fn parse_events(text: &str) -> Vec<icalendar::Event> {
    let calendar: Calendar = icalendar::parser::unfold(text)
        .parse()
        .expect("the crate reads the calendar");
    calendar
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn ics_follows_rfc_5545_and_reads_back() {
    let env = Env::new();
    assert_eq!(env.lectern(PICK_ALL).status.code(), Some(0));
    let out = env.lectern(&["agenda", "fest.toml", "--ics", "--maybe", "-o", "fest.ics"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "fest.ics: 5 events\nlectern: 1 picked talk without a time left out\n"
    );
    let bytes = std::fs::read(env.root.join("fest.ics")).expect("written");
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    // Every line ends with CRLF and has at most 75 octets; folds start with a space.
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    for line in text.split_terminator("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(text.contains("\r\n "), "long lines are folded");
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{text}"
    );

    let events = parse_events(&text);
    let summaries: Vec<&str> = events.iter().filter_map(|e| e.get_summary()).collect();
    assert_eq!(
        summaries,
        [
            "Opening, welcome; and \\ more",
            "A talk that clashes",
            "After the break",
            "Perhaps this one",
            "東京の日曜日 — a long title in wide characters that must be folded without splitting 東京",
        ]
    );
    let open = &events[0];
    // 09:00 in Brussels in February is 08:00 UTC.
    assert_eq!(open.property_value("DTSTART"), Some("20210206T080000Z"));
    assert_eq!(open.property_value("DTEND"), Some("20210206T083000Z"));
    assert_eq!(open.get_location(), Some("Janson"));
    assert_eq!(open.get_url(), Some("https://fest.example.org/"));
    assert!(open.property_value("DTSTAMP").is_some());
    let description = open.get_description().expect("a description");
    assert!(
        description.starts_with(
            "Ada Lovelace (Analytical Engines, Ltd.)\n\nFirst paragraph, with commas; semicolons and a \\ backslash.\n\nSecond paragraph: Zürich, 東京"
        ),
        "{description:?}"
    );
    assert_eq!(events[3].property_value("STATUS"), Some("TENTATIVE"));
    let uids: Vec<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    assert_eq!(uids.len(), 5);
    assert!(uids[0].starts_with("open@agenda-fest-2021-"), "{uids:?}");

    // Stable: a second export gives the same UIDs; without --maybe the maybe is left out.
    let again = env.lectern(&["agenda", "fest.toml", "--ics"]);
    let again_events = parse_events(&stdout(&again));
    let again_uids: Vec<&str> = again_events.iter().filter_map(|e| e.get_uid()).collect();
    assert_eq!(again_uids, [uids[0], uids[1], uids[2], uids[4]]);

    // `lectern import` reads the calendar back to the same talks.
    let out = env.lectern(&["import", "fest.ics", "-o", "back.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (back, _) = lectern::program::load_file(&env.root.join("back.toml")).expect("loads");
    let (fest, _) = lectern::program::load_file(&env.root.join("fest.toml")).expect("loads");
    assert_eq!(back.talks.len(), 5);
    for talk in &back.talks {
        let id = talk.id.split('-').next().expect("an id");
        let source = fest
            .talks
            .iter()
            .find(|t| t.id == id)
            .expect("a source talk");
        assert_eq!(talk.title, source.title);
        assert_eq!(talk.room, source.room);
        assert_eq!(
            talk.start.as_ref().map(jiff::ZonedDateTime::timestamp),
            source.start.as_ref().map(jiff::ZonedDateTime::timestamp),
            "{id}"
        );
        assert_eq!(talk.duration, source.duration, "{id}");
    }
}
