//! The program's key (what picks are keyed on): the schedule's acronym where the format has one,
//! counted here from the raw file; kept by a newer version of the schedule and by the program
//! file `lectern import` writes.

use lectern::import::{self, Options};
use lectern::program::{self, Origin};

use super::{folder_with, import_fixture, lectern, read, text};

/// The acronym as the raw file gives it: `<acronym>` in XML, `"acronym": "..."` in JSON.
fn raw_acronym(text: &str) -> Option<String> {
    if let Some(at) = text.find("<acronym>") {
        let rest = &text[at + "<acronym>".len()..];
        return Some(rest[..rest.find("</acronym>")?].trim().to_owned());
    }
    let at = text.find("\"acronym\"")?;
    let rest = &text[at + "\"acronym\"".len()..];
    let rest = &rest[rest.find('"')? + 1..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// A newer version of the schedule: the first talk renamed (its title is the second `title`
/// of the file, after the conference's, or the first `SUMMARY` of a calendar).
fn newer(text: &str) -> String {
    let (open, close, nth) = if text.starts_with("BEGIN:VCALENDAR") {
        ("SUMMARY:", "\n", 0)
    } else if text.trim_start().starts_with('<') {
        ("<title>", "</title>", 1)
    } else {
        ("\"title\": \"", "\"", 1)
    };
    let (at, _) = text.match_indices(open).nth(nth).expect("a talk title");
    let start = at + open.len();
    let end = start + text[start..].find(close).expect("its end");
    format!(
        "{}Renamed in a newer version{}",
        &text[..start],
        &text[end..]
    )
}

#[test]
fn real_schedules_are_keyed_on_their_acronym() {
    let expected_ids = [
        ("debconf23.xml", Some("debconf23")),
        ("fosdem_2021.xml", None),
        ("frab-camp2019.json", Some("Camp2019")),
        ("pretalx-democon.json", Some("democon")),
        ("kielux_2020.ics", None),
    ];
    for (name, expected) in expected_ids {
        let path = format!("schedules/{name}");
        let raw = read(&path);
        let acronym = raw_acronym(&raw);
        assert_eq!(
            acronym.as_deref(),
            expected,
            "{name}: counted in the source"
        );
        let program = import_fixture(&path, &Options::default()).program;
        assert_eq!(program.info.id, acronym, "{name}");
        let key = program.key().to_owned();
        if acronym.is_none() {
            let fallback = program.info.url.as_deref().unwrap_or(&program.info.title);
            assert_eq!(key, fallback, "{name}");
        }
        let changed = newer(&raw);
        let again = import::import_str(&changed, &Options::default(), Origin::BuiltIn)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .program;
        assert_ne!(
            again.talks, program.talks,
            "{name}: the newer version differs"
        );
        assert_eq!(again.key(), key, "{name}: the newer version keeps the key");
    }
}

#[test]
fn the_written_program_keeps_the_id() {
    let (dir, file) = folder_with("schedules/frab-camp2019.json");
    let run = lectern(dir.path(), &["import", &file, "-o", "program.toml"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let written = std::fs::read_to_string(dir.path().join("program.toml")).expect("written");
    assert!(written.contains("id = \"Camp2019\"\n"), "{written}");
    let (loaded, _) = program::parse_str(&written, Origin::BuiltIn).expect("loads");
    assert_eq!(loaded.info.id.as_deref(), Some("Camp2019"));
    assert_eq!(loaded.key(), "Camp2019");
}
