//! Property tests over everything that reads text from strangers, checking what a fuzzer
//! would: nothing panics, every string that comes out is clean (no control, bidi, hidden or
//! width-ambiguous character, by the sanitizer's check and by a list of this file's own),
//! highlights fall on character boundaries, an imported program loads back with the same
//! number of talks, and no cell drawn on the screen holds a character the terminal would
//! interpret or misplace.
//!
//! The inputs are generated: well-formed files around hostile strings (escape sequences, C1
//! controls, bidi overrides, zero-width and width-ambiguous characters, HTML and Markdown),
//! and the same files cut short or with junk inserted. Case counts are bounded so the suite
//! stays quick; raise `PROPTEST_CASES` to search longer.

mod common;

use std::fmt::Write as _;

use lectern::action::{Action, Command};
use lectern::import::{self, Options};
use lectern::program::{Origin, Program, parse_str, to_toml};
use lectern::sanitize;
use lectern::search::{Query, highlights};

use proptest::prelude::*;
use proptest::test_runner::Config;

/// Characters a hostile file would use, mixed with ordinary text.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '\u{1b}', '\u{7}', '\u{8}', '\0', '\r', '\n', '\t', '\u{7f}', '\u{85}', '\u{9b}',
            '\u{9d}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200b}', '\u{200d}', '\u{feff}',
            '\u{2028}', '\u{2029}', '\u{e0041}', '\u{ad}', '\u{3164}', '\u{0605}', '\u{3248}',
            '\u{09be}', '\u{301}', '東', 'é', '👩', '\u{fe0f}', '"', '\'', '\\', '<', '>', '&',
            '*', '_', '[', ']', '(', ')', '#', '`', ':', ',', ';', '=', '.', '-', ' ',
        ]),
        4 => prop::char::range('a', 'z'),
        1 => any::<char>(),
    ]
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..40).prop_map(|v| v.into_iter().collect())
}

/// Hostile text with HTML and Markdown around it, as schedules carry in abstracts.
fn marked_up() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        hostile_string(),
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<ul><li>",
            "</li></ul>",
            "<br/>",
            "<a href=\"javascript:x\">",
            "</a>",
            "<b>",
            "**",
            "\n\n",
            "* ",
            "1. ",
            "&amp;",
            "&#27;",
            "&#x9b;",
            "<script>",
            "<table><tr><td>",
            "`code`",
            "[t](https://e.org)",
            "<h1>",
            "&lt;",
            "<img src=x>",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

/// `cases` cases, or `PROPTEST_CASES` when it is set (to search longer than the suite does).
fn config(cases: u32) -> Config {
    let from_env = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok());
    Config {
        cases: from_env.unwrap_or(cases),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Every string a program holds.
fn strings(program: &Program) -> Vec<&str> {
    let info = &program.info;
    let mut all = vec![info.title.as_str()];
    all.extend(
        [
            &info.subtitle,
            &info.venue,
            &info.date,
            &info.url,
            &info.description,
        ]
        .into_iter()
        .flatten()
        .map(String::as_str),
    );
    for talk in &program.talks {
        all.extend([talk.id.as_str(), talk.title.as_str()]);
        all.extend(
            [
                &talk.kind,
                &talk.abstract_text,
                &talk.slides,
                &talk.subtitle,
                &talk.room,
                &talk.track,
                &talk.language,
            ]
            .into_iter()
            .flatten()
            .map(String::as_str),
        );
        all.extend(talk.tags.iter().map(String::as_str));
        for speaker in &talk.speakers {
            all.push(&speaker.name);
            all.extend(
                [&speaker.affiliation, &speaker.bio]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        for link in &talk.links {
            all.extend([link.label.as_str(), link.url.as_str()]);
        }
    }
    all
}

/// A character that must never reach the terminal, listed here apart from the sanitizer's
/// own tables: controls (C0, DEL, C1), bidi controls, zero-width and invisible formatting
/// characters, tags, and characters drawn wider than they are measured.
fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
                | '\u{e0000}'..='\u{e007f}' | '\u{ad}' | '\u{3164}' | '\u{ffa0}' | '\u{0605}'
                | '\u{3248}' | '\u{09be}' | '\u{2028}' | '\u{2029}'
        )
}

/// Clean by both the sanitizer's own check and the independent list above; `\n` is allowed
/// (paragraphs), and checked for separately where it is not.
fn clean(s: &str) -> bool {
    sanitize::is_clean(s) && !s.chars().any(|c| c != '\n' && forbidden(c))
}

fn assert_clean(program: &Program) -> Result<(), TestCaseError> {
    for s in strings(program) {
        prop_assert!(clean(s), "unclean string {s:?}");
    }
    Ok(())
}

/// A message for the terminal: every line clean.
fn assert_clean_message(message: &str) -> Result<(), TestCaseError> {
    for line in message.lines() {
        prop_assert!(clean(line), "unclean message line {line:?}");
    }
    Ok(())
}

/// A TOML basic string holding `s` exactly.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A program file: hostile strings in every field, maybe (with `broken`) a raw junk line,
/// maybe cut short.
fn program_text(broken: bool) -> impl Strategy<Value = String> {
    let talk = (
        hostile_string(),
        hostile_string(),
        hostile_string(),
        prop::collection::vec(hostile_string(), 0..3),
        hostile_string(),
        // A time on one of three days (some talks untimed, some after midnight), a length,
        // a room and a track: what the timetable lays out.
        prop::option::of((0..3u8, 0..24u8, 0..12u8, 0..200u16)),
        prop::option::of(hostile_string()),
    );
    (
        hostile_string(),
        prop::collection::vec(talk, 0..5),
        prop::option::of(hostile_string())
            .prop_filter("a junk line", move |j| broken || j.is_none()),
        any::<prop::sample::Index>(),
        any::<bool>().prop_map(move |b| broken && b),
    )
        .prop_map(|(title, talks, junk, cut, truncate)| {
            let mut text = format!(
                "[program]\ntitle = {}\ntimezone = \"Europe/Brussels\"\nday_change = \"04:00\"\n",
                toml_string(&title)
            );
            for (title, abstract_text, slides, tags, speaker, time, room) in talks {
                let tags: Vec<String> = tags.iter().map(|t| toml_string(t)).collect();
                if let Some((day, hour, five, minutes)) = time {
                    write!(
                        text,
                        "[[talks]]\nstart = \"2031-05-{:02}T{hour:02}:{:02}\"\nduration = {minutes}\n",
                        day + 1,
                        five * 5,
                    )
                    .expect("write to a string");
                    if let Some(room) = &room {
                        writeln!(text, "room = {}\ntrack = {}", toml_string(room), toml_string(&title))
                            .expect("write to a string");
                    }
                } else {
                    text.push_str("[[talks]]\n");
                }
                write!(
                    text,
                    "title = {}\nabstract = {}\nslides = {}\ntags = [{}]\n\
                     links = [{{ url = {} }}]\n[[talks.speakers]]\nname = {}\n",
                    toml_string(&title),
                    toml_string(&abstract_text),
                    toml_string(&slides),
                    tags.join(", "),
                    toml_string(&format!("https://e.org/{slides}")),
                    toml_string(&speaker),
                )
                .expect("write to a string");
            }
            if let Some(junk) = junk {
                text.push_str(&junk);
                text.push('\n');
            }
            if truncate {
                let mut at = cut.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.truncate(at);
            }
            text
        })
}

/// An imported program: clean, and written out it loads back with the same talks.
fn check_import(text: &str) -> Result<(), TestCaseError> {
    match import::import_str(text, &Options::default(), Origin::File("s".into())) {
        Ok(imported) => {
            assert_clean(&imported.program)?;
            let written = to_toml(&imported.program);
            let loaded = parse_str(&written, Origin::File("p.toml".into()));
            let (program, _) = loaded.map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(program.talks.len(), imported.program.talks.len());
            assert_clean_message(&imported.summary.to_string())?;
        }
        Err(e) => assert_clean_message(&e.to_string())?,
    }
    Ok(())
}

fn frab_json(events: &[(String, String, String)]) -> String {
    let events: Vec<serde_json::Value> = events
        .iter()
        .enumerate()
        .map(|(i, (title, abstract_text, person))| {
            serde_json::json!({
                "id": i, "guid": title, "title": title, "start": "10:00", "duration": "00:30",
                "date": "2024-01-01T10:00:00+00:00", "room": person, "track": abstract_text,
                "type": "talk", "language": "en", "abstract": abstract_text,
                "description": abstract_text, "persons": [{ "public_name": person }],
                "links": [{ "title": title, "url": abstract_text }], "url": person,
            })
        })
        .collect();
    serde_json::json!({ "schedule": { "conference": {
        "title": "C", "acronym": "c", "time_zone_name": "UTC",
        "days": [{ "index": 1, "date": "2024-01-01", "rooms": { "R": events } }],
    }}})
    .to_string()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn pentabarf_xml(events: &[(String, String, String)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\"?>\n<schedule><conference><title>C</title></conference>\
         <day index=\"1\" date=\"2024-01-01\"><room name=\"R\">",
    );
    for (i, (title, abstract_text, person)) in events.iter().enumerate() {
        let (t, a, p) = (
            xml_escape(title),
            xml_escape(abstract_text),
            xml_escape(person),
        );
        write!(
            xml,
            "<event id=\"{i}\" guid=\"{t}\"><start>10:00</start><duration>00:30</duration>\
             <title>{t}</title><abstract>{a}</abstract><description>{a}</description>\
             <persons><person id=\"{i}\">{p}</person></persons>\
             <links><link href=\"{a}\">{t}</link></links>\
             <attachments><attachment type=\"slides\" href=\"https://e.org/{p}.pdf\">{t}</attachment></attachments>\
             </event>"
        )
        .expect("write to a string");
    }
    xml.push_str("</room></day></schedule>\n");
    xml
}

fn ical_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\r', "")
        .replace('\n', "\\n")
}

fn icalendar(events: &[(String, String, String)]) -> String {
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n");
    for (i, (title, abstract_text, person)) in events.iter().enumerate() {
        let (t, a, p) = (
            ical_escape(title),
            ical_escape(abstract_text),
            ical_escape(person),
        );
        // A parameter value is quoted, and cannot hold a quote.
        let name = p.replace('"', "");
        write!(
            ics,
            "BEGIN:VEVENT\r\nUID:{i}-{t}\r\nDTSTART:20240101T100000Z\r\nDURATION:PT30M\r\n\
             SUMMARY:{t}\r\nDESCRIPTION:{a}\r\nLOCATION:{p}\r\nCATEGORIES:{t},{p}\r\n\
             ATTENDEE;CN=\"{name}\":mailto:x@e.org\r\nURL:{a}\r\nEND:VEVENT\r\n"
        )
        .expect("write to a string");
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics
}

fn events() -> impl Strategy<Value = Vec<(String, String, String)>> {
    prop::collection::vec((hostile_string(), marked_up(), hostile_string()), 0..6)
}

/// `text` cut at a character boundary near `at`.
fn cut(text: &str, at: prop::sample::Index) -> &str {
    let mut at = at.index(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    &text[..at]
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn the_loader_never_panics_and_keeps_only_clean_strings(text in program_text(true)) {
        match parse_str(&text, Origin::File("p\u{1b}.toml".into())) {
            Ok((program, warnings)) => {
                assert_clean(&program)?;
                for warning in warnings {
                    assert_clean_message(&warning.render("p.toml"))?;
                }
            }
            Err(e) => assert_clean_message(&e.to_string())?,
        }
    }

    #[test]
    fn the_query_parser_and_highlights_stay_on_character_boundaries(
        query in hostile_string(),
        text in hostile_string(),
        fuzzy in any::<bool>(),
    ) {
        let parsed = Query::parse(&query);
        let ranges = highlights(&text, &parsed, fuzzy);
        let mut end = 0;
        for range in ranges {
            prop_assert!(range.start >= end && range.start < range.end, "{range:?}");
            prop_assert!(range.end <= text.len(), "{range:?}");
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            end = range.end;
        }
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn frab_json_imports_clean_and_loads_back(events in events(), at in any::<prop::sample::Index>()) {
        let text = frab_json(&events);
        check_import(&text)?;
        check_import(cut(&text, at))?;
    }

    #[test]
    fn pentabarf_xml_imports_clean_and_loads_back(events in events(), at in any::<prop::sample::Index>()) {
        let text = pentabarf_xml(&events);
        check_import(&text)?;
        check_import(cut(&text, at))?;
    }

    #[test]
    fn icalendar_imports_clean_and_loads_back(events in events(), at in any::<prop::sample::Index>()) {
        let text = icalendar(&events);
        check_import(&text)?;
        check_import(cut(&text, at))?;
    }
}

/// What a user can do, as actions.
fn actions() -> impl Strategy<Value = Vec<Action>> {
    let action = prop_oneof![
        prop::sample::select(vec![
            Command::Down,
            Command::Up,
            Command::PageDown,
            Command::Bottom,
            Command::FocusNext,
            Command::Select,
            Command::ToggleHelp,
            Command::About,
            Command::Back,
            Command::Search,
            Command::NextMatch,
            Command::Filters,
            Command::Toggle,
            Command::Submit,
            Command::JumpNow,
            Command::ToggleZone,
            Command::Timetable,
            Command::Timetable,
            Command::Timetable,
            Command::Left,
            Command::Right,
            Command::NextDay,
            Command::NarrowRooms,
            Command::Links,
            Command::Pipe,
        ])
        .prop_map(Action::Command),
        hostile_char().prop_map(Action::Insert),
        hostile_string().prop_map(Action::Paste),
        (0..120u16, 0..40u16).prop_map(|(column, row)| Action::Click { column, row }),
    ];
    prop::collection::vec(action, 0..12)
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn no_drawn_cell_holds_a_control_or_bidi_character(
        text in program_text(false),
        width in 0..160u16,
        height in 0..50u16,
        actions in actions(),
    ) {
        let Ok((program, _)) = parse_str(&text, Origin::File("p.toml".into())) else {
            return Ok(());
        };
        let mut app = common::app_at(program, width, height);
        let mut steps = vec![None];
        steps.extend(actions.into_iter().map(Some));
        for action in steps {
            if let Some(action) = action {
                common::act(&mut app, action);
            }
            let terminal = common::draw(&mut app, width, height);
            for cell in &terminal.backend().buffer().content {
                let symbol = cell.symbol();
                prop_assert!(
                    clean(symbol) && !symbol.contains('\n'),
                    "cell {symbol:?} at {width}x{height}"
                );
            }
        }
    }
}
