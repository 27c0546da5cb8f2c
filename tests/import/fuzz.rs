//! Property tests over the three importers, with bounded case counts: random mutations of the
//! small fixtures and random content lines never panic, every string kept is clean, and what
//! imports converts into a program file that loads back with the same talks.

use lectern::import::{self, Options};
use lectern::program::{self, Origin};
use lectern::sanitize::is_clean;
use proptest::prelude::*;

/// Imports `bytes`; when it imports, the program is checked.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(imported) = import::import_bytes(bytes, &Options::default(), Origin::BuiltIn) else {
        return Ok(());
    };
    let program = &imported.program;
    for talk in &program.talks {
        let fields = [
            Some(&talk.id),
            Some(&talk.title),
            talk.abstract_text.as_ref(),
            talk.room.as_ref(),
            talk.track.as_ref(),
            talk.slides.as_ref(),
        ];
        for field in fields.into_iter().flatten() {
            prop_assert!(is_clean(field), "{field:?}");
        }
        for link in &talk.links {
            prop_assert!(is_clean(&link.label) && is_clean(&link.url), "{link:?}");
        }
    }
    prop_assert!(is_clean(&imported.summary.to_string()));
    let text = program::to_toml(program);
    let (back, _) = program::parse_str(&text, Origin::BuiltIn)
        .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(back.talks.len(), program.talks.len());
    Ok(())
}

/// A fixture with up to eight bytes replaced by bytes that matter to the formats.
fn mutated(name: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let original = std::fs::read(super::fixture(name)).expect("fixture");
    let len = original.len();
    let special = prop::sample::select(vec![
        b'<', b'>', b'/', b'"', b'{', b'}', b',', b':', b';', b'\n', b' ', b'\\', b'&', 0x1b, 0xc3,
        0xff, b'0', b'9', b'T', b'+',
    ]);
    prop::collection::vec((0..len, special), 1..8).prop_map(move |changes| {
        let mut bytes = original.clone();
        for (at, byte) in changes {
            bytes[at] = byte;
        }
        bytes
    })
}

/// A calendar of random content lines.
fn calendar() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        Just("BEGIN:VEVENT".to_owned()),
        Just("END:VEVENT".to_owned()),
        Just("BEGIN:VALARM".to_owned()),
        Just("END:VALARM".to_owned()),
        "SUMMARY(;CHARSET=UTF-8)?:[a-zäö\\\\,;:\u{1b}<>/ ]{0,20}",
        "DTSTART(;TZID=Europe/Berlin|;VALUE=DATE)?:20[0-9]{6}(T[0-2][0-9][0-5][0-9]00Z?)?",
        "DTEND:20[0-9]{6}T[0-2][0-9]0000",
        "DURATION:PT[0-9]{1,2}[HM]",
        "(ATTACH|URL):(https://x.org/|/)[a-z_]{0,8}(\\.pdf)?",
        "CATEGORIES:[a-z,\\\\]{0,12}",
        "ATTENDEE;CN=\"[A-Za-z :]{0,8}\":mailto:[a-z]{1,4}@x.org",
        "X-WR-(CALNAME|TIMEZONE|CALDESC):[A-Za-z/ ]{0,12}",
        " [a-zü]{0,6}",
    ];
    prop::collection::vec(line, 0..24).prop_map(|lines| {
        let mut text = b"BEGIN:VCALENDAR\r\n".to_vec();
        for line in lines {
            text.extend_from_slice(line.as_bytes());
            text.extend_from_slice(b"\r\n");
        }
        text.extend_from_slice(b"END:VCALENDAR\r\n");
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mutated_xml_schedules(bytes in mutated("small/congress.xml")) {
        check(&bytes)?;
    }

    #[test]
    fn mutated_json_schedules(bytes in mutated("small/rc3.json")) {
        check(&bytes)?;
    }

    #[test]
    fn mutated_calendars(bytes in mutated("small/folded.ics")) {
        check(&bytes)?;
    }

    #[test]
    fn random_calendars(bytes in calendar()) {
        check(&bytes)?;
    }
}
