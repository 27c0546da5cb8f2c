//! Import of published schedules, from the outside: the program file written for small
//! fixtures of each format (snapshots), the five real schedules in `tests/fixtures/schedules`
//! (counts checked against the source files counted here independently, every event accounted
//! for, the result loading and drawing), time zones and after-midnight talks, malformed input,
//! and `lectern import` / `lectern SCHEDULE` as a user runs them.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use lectern::app::App;
use lectern::import::{self, Format, Imported, Options};
use lectern::program::{self, Origin, Program, schedule};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const BIN: &str = env!("CARGO_BIN_EXE_lectern");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("fixture is readable")
}

fn zone(name: &str) -> Options {
    Options {
        timezone: Some(schedule::time_zone(name).expect("known zone")),
        ..Options::default()
    }
}

fn import_fixture(name: &str, options: &Options) -> Imported {
    import::import_file(&fixture(name), options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The program file, read back: it must load without a warning and equal the import, talk by
/// talk, zones of the times included (`ZonedDateTime` equality compares instants only).
fn round_trip(program: &Program) -> String {
    let text = program::to_toml(program);
    let (back, warnings) =
        program::parse_str(&text, Origin::BuiltIn).unwrap_or_else(|e| panic!("{e}"));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(back.info, program.info);
    assert_eq!(back.talks.len(), program.talks.len());
    for (a, b) in back.talks.iter().zip(&program.talks) {
        assert_eq!(a, b);
        assert_eq!(
            a.start.as_ref().map(ToString::to_string),
            b.start.as_ref().map(ToString::to_string)
        );
    }
    text
}

/// Draws one frame of the browser on a test terminal and returns its text.
fn browse(program: Program) -> String {
    let mut app = App::new(program);
    let (mut ui, ctx) = (
        lectern::ui::Ui::default(),
        lectern::context::AppContext::default(),
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    terminal
        .draw(|frame| lectern::ui::draw(&mut app, &mut ui, &ctx, frame))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Small fixtures: the program file written for each, as a snapshot
// ---------------------------------------------------------------------------------------------

/// The summary and notes as comments, then the program file.
fn report(imported: &Imported) -> String {
    let summary = &imported.summary;
    let mut out = format!("# {}: {summary}\n", summary.format);
    for note in &summary.notes {
        let _ = writeln!(out, "# note: {note}");
    }
    out.push_str(&round_trip(&imported.program));
    out
}

#[test]
fn small_pentabarf_snapshot() {
    let imported = import_fixture("small/pentabarf.xml", &zone("Europe/Brussels"));
    insta::assert_snapshot!("pentabarf_small", report(&imported));
}

#[test]
fn small_wafer_snapshot() {
    let imported = import_fixture("small/wafer.xml", &Options::default());
    insta::assert_snapshot!("wafer_small", report(&imported));
}

#[test]
fn small_frab_json_snapshot() {
    let imported = import_fixture("small/frab.json", &Options::default());
    insta::assert_snapshot!("frab_json_small", report(&imported));
}

#[test]
fn small_pretalx_json_snapshot() {
    let imported = import_fixture("small/pretalx.json", &Options::default());
    insta::assert_snapshot!("pretalx_json_small", report(&imported));
}

#[test]
fn small_ical_snapshot() {
    let imported = import_fixture("small/kielux.ics", &Options::default());
    insta::assert_snapshot!("ical_small", report(&imported));
}

#[test]
fn built_in_program_round_trips() {
    round_trip(&Program::built_in().expect("built-in program"));
}

// ---------------------------------------------------------------------------------------------
// The real schedules, counted independently
// ---------------------------------------------------------------------------------------------

/// What a schedule file holds, counted without the importer.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    events: usize,
    speakers: usize,
    slides: usize,
}

const DECKS: &[&str] = &[
    ".pdf", ".odp", ".otp", ".ppt", ".pptx", ".pps", ".ppsx", ".key",
];
const SLIDE_WORDS: &[&str] = &["slide", "folie", "presentation", "präsentation", "praes"];

/// Whether a link or attachment that is not marked as slides names a slide deck: a deck file
/// whose label or file name says slides, or one whose label and type say nothing and whose
/// file name says talk or repeats a word of four letters or more of the talk's title.
fn names_a_deck(url: &str, label: &str, kind: &str, title: &str) -> bool {
    if !url.starts_with("http://") && !url.starts_with("https://") && !url.starts_with('/') {
        return false;
    }
    let path = url.split(['?', '#']).next().unwrap_or("").to_lowercase();
    let file = path.rsplit('/').next().unwrap_or("");
    let label = label.trim().to_lowercase();
    if !DECKS.iter().any(|ext| file.ends_with(ext)) {
        return false;
    }
    if SLIDE_WORDS
        .iter()
        .any(|w| label.contains(w) || file.contains(w))
    {
        return true;
    }
    let says_nothing = |s: &str| {
        [
            "",
            "file",
            "attachment",
            "download",
            "document",
            "pdf",
            "related",
            "other",
            "link",
        ]
        .contains(&s)
    };
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let long_words = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    let after_talk = ["talk", "vortrag", "keynote", "lecture", "deck"]
        .iter()
        .any(|w| stem.contains(w))
        || !long_words(stem).is_disjoint(&long_words(title));
    (says_nothing(&label) || label == file)
        && says_nothing(&kind.trim().to_lowercase())
        && after_talk
}

/// The value of `attribute="..."` in `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    tag[start..].split('"').next()
}

/// Pentabarf XML by string search: `<event ` elements, distinct `<person id=...>`, and events
/// with an attachment of type slides or a link or attachment naming a deck.
fn count_xml(text: &str) -> Counts {
    let blocks: Vec<&str> = text.split("<event ").skip(1).collect();
    let mut people = HashSet::new();
    let mut slides = 0;
    for block in &blocks {
        let block = block.split("</event>").next().unwrap_or("");
        let title = block
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap_or("")
            .replace("&amp;", "&");
        for person in block.split("<person ").skip(1) {
            people.insert(attribute(person, "id").unwrap_or("").to_owned());
        }
        let mut has_slides = false;
        for item in block
            .split('<')
            .filter(|t| t.starts_with("attachment ") || t.starts_with("link "))
        {
            let (tag, label) = item.split_once('>').unwrap_or((item, ""));
            let href = attribute(tag, "href").unwrap_or("").replace("&amp;", "&");
            let kind = attribute(tag, "type").unwrap_or("");
            let marked = kind == "slides";
            has_slides |= (marked && href.len() > "https://".len())
                || names_a_deck(&href, label, kind, &title);
        }
        slides += usize::from(has_slides);
    }
    Counts {
        events: blocks.len(),
        speakers: people.len(),
        slides,
    }
}

/// frab/pretalx JSON through `serde_json::Value`.
fn count_json(text: &str) -> Counts {
    let root: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    let mut events = 0;
    let mut people = HashSet::new();
    let mut slides = 0;
    for day in root["schedule"]["conference"]["days"]
        .as_array()
        .expect("days")
    {
        for room in day["rooms"].as_object().expect("rooms").values() {
            for event in room.as_array().expect("events") {
                events += 1;
                for person in event["persons"].as_array().expect("persons") {
                    let key = person.get("code").unwrap_or(&person["id"]);
                    people.insert(key.to_string());
                }
                let items = event["links"]
                    .as_array()
                    .into_iter()
                    .chain(event["attachments"].as_array())
                    .flatten();
                let has_slides = items.into_iter().any(|item| {
                    names_a_deck(
                        item["url"].as_str().unwrap_or(""),
                        item["title"].as_str().unwrap_or(""),
                        item["type"].as_str().unwrap_or(""),
                        event["title"].as_str().unwrap_or(""),
                    )
                });
                slides += usize::from(has_slides);
            }
        }
    }
    Counts {
        events,
        speakers: people.len(),
        slides,
    }
}

/// iCalendar by lines: `BEGIN:VEVENT`, distinct attendee names (no ATTACH in the file).
fn count_ics(text: &str) -> Counts {
    let unfolded = text.replace("\r\n ", "").replace("\n ", "");
    let people: HashSet<&str> = unfolded
        .lines()
        .filter(|l| l.starts_with("ATTENDEE"))
        .filter_map(|l| attribute(l, "CN"))
        .collect();
    assert!(
        !unfolded.contains("\nATTACH"),
        "the count assumes no attachments"
    );
    Counts {
        events: unfolded
            .lines()
            .filter(|l| l.trim() == "BEGIN:VEVENT")
            .count(),
        speakers: people.len(),
        slides: 0,
    }
}

/// Imports a real schedule: every event accounted for and imported, counts as in the source
/// and as expected, the program file loading back equal, one frame drawn.
fn check_real(name: &str, format: Format, expected: &Counts) -> Imported {
    let path = format!("schedules/{name}");
    let text = read(&path);
    let counted = match format {
        Format::Pentabarf => count_xml(&text),
        Format::FrabJson => count_json(&text),
        Format::Ical => count_ics(&text),
    };
    assert_eq!(&counted, expected, "{name}: counted in the source");
    let imported = import_fixture(&path, &Options::default());
    let summary = &imported.summary;
    assert_eq!(summary.format, format, "{name}");
    assert_eq!(summary.skipped, [], "{name}");
    assert_eq!(summary.events(), counted.events, "{name}");
    let got = Counts {
        events: summary.talks,
        speakers: summary.speakers,
        slides: summary.slides,
    };
    assert_eq!(&got, expected, "{name}: imported");
    assert_eq!(imported.program.talks.len(), summary.talks);
    let ids: HashSet<&str> = imported
        .program
        .talks
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids.len(), summary.talks, "{name}: ids are unique");
    round_trip(&imported.program);
    let screen = browse(imported.program.clone());
    let titles_shown = imported
        .program
        .talks
        .iter()
        .filter(|t| screen.contains(&t.title.chars().take(12).collect::<String>()))
        .count();
    assert!(titles_shown > 0, "{name}: no talk on screen:\n{screen}");
    imported
}

#[test]
fn fosdem_2021() {
    let imported = check_real(
        "fosdem_2021.xml",
        Format::Pentabarf,
        &Counts {
            events: 773,
            speakers: 684,
            slides: 327,
        },
    );
    let summary = &imported.summary;
    assert_eq!(
        summary.to_string(),
        "773 talks, 684 speakers, 327 slides, 0 skipped"
    );
    assert_eq!(
        summary.notes,
        [
            "the schedule names no time zone and its times carry no offset: they are read as UTC (choose the zone with --timezone)",
            "2 links without a scheme read as https://",
            "12 links and attachments left out: not a web address",
        ]
    );
    let program = &imported.program;
    assert_eq!(program.talks[0].id, "11795");
    assert_eq!(program.talks[0].title, "Welcome to FOSDEM 2021");
    // HTML is gone, entities decoded.
    for talk in &program.talks {
        let text = talk.abstract_text.as_deref().unwrap_or("");
        assert!(
            !text.contains("<p>") && !text.contains("&amp;"),
            "{}",
            talk.id
        );
    }
    let open_sourcing = program
        .talks
        .iter()
        .find(|t| t.id == "11064")
        .expect("talk");
    assert!(
        open_sourcing
            .abstract_text
            .as_deref()
            .is_some_and(|a| a.contains("In the Q&A section")),
        "{open_sourcing:?}"
    );
}

#[test]
fn debconf_23() {
    let imported = check_real(
        "debconf23.xml",
        Format::Pentabarf,
        &Counts {
            events: 117,
            speakers: 87,
            slides: 0,
        },
    );
    let info = &imported.program.info;
    assert_eq!(
        info.timezone.as_ref().and_then(|z| z.iana_name()),
        Some("Asia/Kolkata")
    );
    assert_eq!(info.day_change, Some(jiff::civil::time(3, 0, 0, 0)));
    assert!(
        imported.summary.notes.is_empty(),
        "{:?}",
        imported.summary.notes
    );
    let opening = &imported.program.talks[0];
    assert_eq!(opening.id, "455d075f-48c0-2ec2-24b3-f5add30c383a");
    // <date>2023-09-10T05:00:00+00:00</date>, <start>10:30</start>
    assert_eq!(
        opening.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2023-09-10T10:30:00+05:30[Asia/Kolkata]")
    );
}

#[test]
fn chaos_communication_camp_2019() {
    let imported = check_real(
        "frab-camp2019.json",
        Format::FrabJson,
        &Counts {
            events: 79,
            speakers: 90,
            slides: 6,
        },
    );
    let info = &imported.program.info;
    // Its days run from 09:00 to 04:00 the next morning.
    assert_eq!(info.day_change, Some(jiff::civil::time(4, 0, 0, 0)));
    let opening = &imported.program.talks[0];
    assert_eq!(opening.title, "Opening Ceremony");
    assert_eq!(
        opening.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2019-08-21T11:00:00+02:00[Europe/Berlin]")
    );
    // Relative attachment paths are resolved against the schedule's base_url.
    let containers = imported
        .program
        .talks
        .iter()
        .find(|t| t.title == "Hacking Containers and Kubernetes")
        .expect("talk");
    assert_eq!(
        containers.slides.as_deref(),
        Some(
            "https://fahrplan.events.ccc.de/system/event_attachments/attachments/000/003/792/original/Hacking_Containers_and_Kubernetes.pdf?1566398735"
        )
    );
}

#[test]
fn pretalx_democon() {
    let imported = check_real(
        "pretalx-democon.json",
        Format::FrabJson,
        &Counts {
            events: 36,
            speakers: 27,
            slides: 0,
        },
    );
    let first = &imported.program.talks[0];
    // time_zone_name is UTC; the date says 09:00+01:00.
    assert_eq!(
        first.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2020-12-14T08:00:00+00:00[UTC]")
    );
    assert_eq!(first.id, "8079583e-8321-506c-95af-fd2903a5f075");
    assert!(
        first.speakers[0]
            .bio
            .as_deref()
            .is_some_and(|b| b.starts_with("Break through direction.")),
        "{first:?}"
    );
}

#[test]
fn kieler_linuxtage_2020() {
    let imported = check_real(
        "kielux_2020.ics",
        Format::Ical,
        &Counts {
            events: 24,
            speakers: 20,
            slides: 0,
        },
    );
    let first = &imported.program.talks[0];
    assert_eq!(first.id, "460-KOLT20");
    assert_eq!(
        first.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2020-09-18T11:00:00+00:00[UTC]")
    );
    assert_eq!(first.speaker_names(), "Jakob Semere");
    // DESCRIPTION is plain text: its lines stay apart, the HTML in it is rendered.
    let qt = imported
        .program
        .talks
        .iter()
        .find(|t| t.id == "470-KOLT20")
        .expect("talk");
    let abstract_text = qt.abstract_text.as_deref().unwrap_or("");
    assert!(
        abstract_text.ends_with(
            "sowie einen Compiler:\n\n\
             Linux: sudo apt install g++\n\n\
             macOS: https://developer.apple.com/xcode/\n\n\
             Windows: MinGW oder Visual Studio: https://doc.qt.io/qt-5/windows.html\n\n\
             Anmeldung unter https://kielux.de/programm/KOLT20#470 erforderlich!"
        ),
        "{abstract_text}"
    );
    let m23 = imported
        .program
        .talks
        .iter()
        .find(|t| t.id == "485-KOLT20")
        .expect("talk");
    assert!(
        m23.abstract_text.as_deref().is_some_and(|a| a.ends_with(
            "Das können z.B. sein:\n\n- Automatische Updates\n- Skripte für Clients erstellen\n\
             - Masseninstallation\n- Debian-Repositorys erstellen und verwalten\n\
             - Interne Entwicklung: Erstellung Netzwerkbootimages, Kernelkonfiguration, PHP, BASH, etc.\n- ..."
        )),
        "{m23:?}"
    );
}

#[test]
fn no_markup_is_left_in_the_real_schedules() {
    let leftovers = [
        "<a ", "</", "<br", "<p>", "<li>", "&lt;", "&gt;", "&amp;", "&quot;", "&#",
    ];
    for name in [
        "fosdem_2021.xml",
        "debconf23.xml",
        "frab-camp2019.json",
        "pretalx-democon.json",
        "kielux_2020.ics",
    ] {
        let imported = import_fixture(&format!("schedules/{name}"), &Options::default());
        let program = &imported.program;
        let texts = program
            .talks
            .iter()
            .flat_map(|talk| {
                let bios = talk.speakers.iter().filter_map(|s| s.bio.as_deref());
                talk.abstract_text.as_deref().into_iter().chain(bios)
            })
            .chain(program.info.description.as_deref());
        let mut checked = 0;
        for text in texts {
            checked += 1;
            for leftover in leftovers {
                assert!(!text.contains(leftover), "{name}: {leftover:?} in:\n{text}");
            }
        }
        assert!(
            checked >= program.talks.len() / 2,
            "{name}: {checked} texts"
        );
    }
}

#[test]
fn fosdem_in_brussels_time() {
    let imported = import_fixture("schedules/fosdem_2021.xml", &zone("Europe/Brussels"));
    assert_eq!(
        imported.summary.notes,
        [
            "2 links without a scheme read as https://",
            "12 links and attachments left out: not a web address"
        ]
    );
    let welcome = &imported.program.talks[0];
    assert_eq!(
        welcome.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2021-02-06T09:00:00+01:00[Europe/Brussels]")
    );
    assert_eq!(welcome.duration, Some(jiff::SignedDuration::from_mins(25)));
}

#[test]
fn ids_are_stable_across_imports() {
    for name in [
        "schedules/fosdem_2021.xml",
        "schedules/frab-camp2019.json",
        "schedules/kielux_2020.ics",
    ] {
        let ids = |imported: Imported| -> Vec<String> {
            imported.program.talks.into_iter().map(|t| t.id).collect()
        };
        let first = ids(import_fixture(name, &Options::default()));
        let again = ids(import_fixture(name, &zone("Europe/Brussels")));
        assert_eq!(first, again, "{name}");
    }
}

/// Talks after midnight stay with the conference day they belong to.
#[test]
fn after_midnight_talks_keep_their_day() {
    // (fixture, options, title, start, conference day)
    let cases = [
        (
            "small/pentabarf.xml",
            zone("Europe/Brussels"),
            "Late-night SDR hacking",
            "2021-02-07T01:30:00+01:00[Europe/Brussels]",
            "2021-02-06",
        ),
        (
            "small/wafer.xml",
            Options::default(),
            "Cheese and Wine Party",
            "2023-09-11T00:45:00+05:30[Asia/Kolkata]",
            "2023-09-10",
        ),
        (
            "small/frab.json",
            Options::default(),
            "Lightning talks after midnight",
            "2019-08-22T01:30:00+02:00[Europe/Berlin]",
            "2019-08-21",
        ),
        (
            "small/pretalx.json",
            Options::default(),
            "Quality-focused 6thgeneration website",
            "2020-12-15T01:30:00+00:00[UTC]",
            "2020-12-14",
        ),
    ];
    for (name, options, title, start, day) in cases {
        let imported = import_fixture(name, &options);
        let info = &imported.program.info;
        let talk = imported
            .program
            .talks
            .iter()
            .find(|t| t.title == title)
            .expect(title);
        let at = talk.start.as_ref().expect("start");
        assert_eq!(at.to_string(), start, "{name}");
        let tz = info.timezone.clone().expect("zone");
        let change = info.day_change.expect("day change");
        assert_eq!(
            schedule::conference_day(at, &tz, change).to_string(),
            day,
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Malformed input
// ---------------------------------------------------------------------------------------------

/// Each real schedule cut short: an error with a position, never a panic.
#[test]
fn truncated_real_schedules_report_a_position() {
    // (file, cut at this fraction of the bytes, line and column of the error)
    let cases = [
        (
            "schedules/fosdem_2021.xml",
            2,
            "invalid Pentabarf/frab XML: ",
        ),
        ("schedules/debconf23.xml", 3, "invalid Pentabarf/frab XML: "),
        (
            "schedules/frab-camp2019.json",
            2,
            "invalid frab/pretalx JSON: ",
        ),
        (
            "schedules/pretalx-democon.json",
            3,
            "invalid frab/pretalx JSON: ",
        ),
        ("schedules/kielux_2020.ics", 2, "invalid iCalendar: "),
    ];
    for (name, fraction, message) in cases {
        let text = read(name);
        let mut cut = text.len() / fraction;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let e = import::import_str(&text[..cut], &Options::default(), Origin::File(name.into()))
            .expect_err(name);
        let location = e.location().expect("a position");
        assert!(
            e.to_string().starts_with(&format!(
                "{name}:{}:{}: error: {message}",
                location.line, location.column
            )),
            "{e}"
        );
        // The position is in the text that was read.
        let lines = text[..cut].lines().count();
        assert!(
            location.line >= 1 && location.line <= lines + 1,
            "{name}: {location:?}"
        );
    }
}

/// Every prefix of the small fixtures (in steps) imports or fails cleanly.
#[test]
fn no_prefix_of_a_schedule_panics() {
    for name in [
        "small/pentabarf.xml",
        "small/wafer.xml",
        "small/frab.json",
        "small/pretalx.json",
        "small/kielux.ics",
    ] {
        let text = read(name);
        let format = import::detect(&text);
        for cut in (0..text.len())
            .step_by(5)
            .filter(|&c| text.is_char_boundary(c))
        {
            let options = Options {
                format,
                ..Options::default()
            };
            match import::import_str(&text[..cut], &options, Origin::BuiltIn) {
                Ok(imported) => {
                    program::parse_str(&program::to_toml(&imported.program), Origin::BuiltIn)
                        .unwrap_or_else(|e| panic!("{name} cut at {cut}: {e}"));
                }
                Err(e) => assert!(
                    e.location().is_some(),
                    "{name} cut at {cut}: no position: {e}"
                ),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The binary
// ---------------------------------------------------------------------------------------------

fn lectern(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("LECTERN_OPENER")
        .stdin(Stdio::null())
        .output()
        .expect("run lectern")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A temporary folder holding a copy of a small fixture.
fn folder_with(name: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = Path::new(name)
        .file_name()
        .and_then(|f| f.to_str())
        .expect("file name")
        .to_owned();
    std::fs::copy(fixture(name), dir.path().join(&file)).expect("copy fixture");
    (dir, file)
}

#[test]
fn import_prints_the_program_and_the_summary() {
    let (dir, file) = folder_with("small/pentabarf.xml");
    let run = lectern(
        dir.path(),
        &["import", &file, "--timezone", "Europe/Brussels"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let expected = import_fixture("small/pentabarf.xml", &zone("Europe/Brussels"));
    assert_eq!(text(&run.stdout), program::to_toml(&expected.program));
    assert_eq!(
        text(&run.stderr),
        "pentabarf.xml: Pentabarf/frab XML: 2 talks, 2 speakers, 2 slides, 1 skipped: event 11166: no title\n\
         pentabarf.xml: note: 1 link or attachment left out: not a web address\n"
    );
}

#[test]
fn import_writes_a_file_that_check_accepts() {
    let (dir, file) = folder_with("small/kielux.ics");
    let run = lectern(dir.path(), &["import", &file, "-o", "program.toml"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(text(&run.stdout), "");
    assert_eq!(
        text(&run.stderr),
        "kielux.ics: iCalendar: 2 talks, 3 speakers, 1 slide, 1 skipped: event 471@KOLT20: cancelled\n"
    );
    let check = lectern(dir.path(), &["check", "program.toml"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert_eq!(
        text(&check.stdout),
        "program.toml: ok: 2 talks, 0 warnings\n"
    );
}

#[test]
fn import_failures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, content: &str| {
        std::fs::write(dir.path().join(name), content).expect("write");
    };
    write("bad.xml", "<schedule>\n  <day>\n  </dy>\n</schedule>\n");
    write("bad.json", "{\"schedule\": {\"conference\": [}}\n");
    write(
        "bad.ics",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
    );
    write("notes.txt", "Just some notes.\n");
    std::fs::write(
        dir.path().join("latin1.xml"),
        b"<schedule>\n<title>Caf\xe9</title>",
    )
    .expect("write");
    std::fs::copy(
        fixture("small/pretalx.json"),
        dir.path().join("pretalx.json"),
    )
    .expect("copy");
    // (arguments, exit status, start of stderr)
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["import", "bad.xml"],
            1,
            "bad.xml:3:3: error: invalid Pentabarf/frab XML: ",
        ),
        (
            &["import", "bad.json"],
            1,
            "bad.json:1:30: error: invalid frab/pretalx JSON: ",
        ),
        (
            &["import", "bad.ics"],
            1,
            "bad.ics:3:1: error: invalid iCalendar: END:VTODO closes BEGIN:VEVENT",
        ),
        (
            &["import", "pretalx.json", "--format", "ical"],
            1,
            "pretalx.json:1:1: error: invalid iCalendar: ",
        ),
        (
            &["import", "latin1.xml"],
            1,
            "latin1.xml:2:11: error: invalid Pentabarf/frab XML: invalid UTF-8: byte 0xE9 at offset 21; expected a UTF-8 text file",
        ),
        (
            &["import", "notes.txt"],
            1,
            "notes.txt: not a schedule Lectern can import",
        ),
        (&["import", "missing.xml"], 1, "missing.xml: cannot read: "),
        (&["import", "."], 1, ".: not a regular file (a directory)"),
        (
            &["import", "pretalx.json", "-o", "pretalx.json"],
            2,
            "lectern: pretalx.json is the schedule itself",
        ),
        (
            &["import", "pretalx.json", "-o", "no/such/dir/out.toml"],
            1,
            "lectern: cannot write no/such/dir/out.toml: ",
        ),
        (
            &["import", "pretalx.json", "--timezone", "Mars/Olympus"],
            2,
            "error: invalid value",
        ),
        (
            &["import", "pretalx.json", "--format", "yaml"],
            2,
            "error: invalid value",
        ),
        // Browsing loads before it needs a terminal.
        (
            &["bad.xml"],
            1,
            "bad.xml:3:3: error: invalid Pentabarf/frab XML: ",
        ),
        (
            &["pretalx.json"],
            2,
            "lectern: standard output is not a terminal",
        ),
    ];
    for (args, code, stderr) in cases {
        let run = lectern(dir.path(), args);
        let err = text(&run.stderr);
        assert_eq!(run.status.code(), Some(*code), "{args:?}: {err}");
        assert!(err.starts_with(stderr), "{args:?}: {err}");
        assert_eq!(text(&run.stdout), "", "{args:?}");
    }
    // The schedule that was to be overwritten is intact.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pretalx.json")).expect("read"),
        read("small/pretalx.json")
    );
}

/// `-o` naming the schedule by another name (a hard link, a symlink) is refused like the
/// schedule's own name, and the schedule is left intact.
#[test]
fn import_never_writes_over_the_schedule_by_another_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schedule = dir.path().join("pretalx.json");
    std::fs::copy(fixture("small/pretalx.json"), &schedule).expect("copy");
    std::fs::hard_link(&schedule, dir.path().join("hard.json")).expect("hard link");
    std::os::unix::fs::symlink(&schedule, dir.path().join("soft.json")).expect("symlink");
    for out in ["hard.json", "soft.json", "./pretalx.json"] {
        let run = lectern(dir.path(), &["import", "pretalx.json", "-o", out]);
        let err = text(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{out}: {err}");
        assert!(
            err.starts_with(&format!("lectern: {out} is the schedule itself")),
            "{out}: {err}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&schedule).expect("read"),
        read("small/pretalx.json")
    );
}

#[path = "import/days.rs"]
mod days;

#[path = "import/traps.rs"]
mod traps;

#[path = "import/hostile.rs"]
mod hostile;

/// `lectern --timezone ZONE SCHEDULE` reads the schedule in that zone before it needs a
/// terminal; a program file names its own zone.
#[test]
fn a_zone_for_a_browsed_schedule() {
    let (dir, file) = folder_with("small/pretalx.json");
    std::fs::write(
        dir.path().join("program.toml"),
        "[program]\ntitle = \"Mine\"\n",
    )
    .expect("write");
    // (arguments, exit status, start of stderr)
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["--timezone", "Europe/Berlin", &file],
            2,
            "lectern: standard output is not a terminal",
        ),
        (
            &["--timezone", "Mars/Olympus", &file],
            2,
            "error: invalid value",
        ),
        (
            &["--timezone", "Europe/Berlin", "program.toml"],
            1,
            "lectern: --timezone applies to published schedules; program.toml is a program file",
        ),
    ];
    for (args, code, stderr) in cases {
        let run = lectern(dir.path(), args);
        let err = text(&run.stderr);
        assert_eq!(run.status.code(), Some(*code), "{args:?}: {err}");
        assert!(err.starts_with(stderr), "{args:?}: {err}");
    }
}

#[path = "import/fuzz.rs"]
mod fuzz;

/// `-o FILE` never overwrites a file silently: `--force` says to; the schedule itself is
/// refused even then.
#[test]
fn import_asks_before_overwriting_a_file() {
    let (dir, file) = folder_with("small/kielux.ics");
    let out = dir.path().join("program.toml");
    std::fs::write(&out, "# mine\n").expect("write");
    let run = lectern(dir.path(), &["import", &file, "-o", "program.toml"]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        text(&run.stderr),
        "lectern: program.toml exists; add --force to overwrite it\n"
    );
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "# mine\n");
    let run = lectern(
        dir.path(),
        &["import", &file, "-o", "program.toml", "--force"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        std::fs::read_to_string(&out)
            .expect("read")
            .contains("[program]")
    );
    let run = lectern(dir.path(), &["import", &file, "-o", &file, "--force"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("is the schedule itself"),
        "{}",
        text(&run.stderr)
    );
}

#[path = "import/key.rs"]
mod key;

#[path = "import/rich_text.rs"]
mod rich_text;
