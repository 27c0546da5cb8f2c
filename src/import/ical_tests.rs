//! Tests of the iCalendar reader: the small Kieler Linuxtage fixture, event times, and
//! malformed calendars.

use super::*;
use crate::import::{Format, Options, import_str};
use crate::program::{Location, Origin};

const KIELUX: &str = include_str!("../../tests/fixtures/small/kielux.ics");

fn import(text: &str) -> Result<crate::import::Imported, crate::import::ImportError> {
    import_str(text, &Options::default(), Origin::File("cal.ics".into()))
}

#[test]
fn calendar() {
    let imported = import(KIELUX).expect("imports");
    let program = &imported.program;
    assert_eq!(imported.summary.format, Format::Ical);
    assert_eq!(
        imported.summary.to_string(),
        "2 talks, 3 speakers, 1 slide, 1 skipped: event 471@KOLT20: cancelled"
    );
    assert_eq!(program.info.title, "18. Kieler Open Source und Linux Tage");
    // The same text as the title is not repeated as the description.
    assert_eq!(program.info.description, None);
    // One TZID in the whole calendar: its zone is the program's.
    assert_eq!(
        program.info.timezone.as_ref().and_then(TimeZone::iana_name),
        Some("Europe/Berlin")
    );
    let xen = &program.talks[0];
    assert_eq!(xen.id, "467-KOLT20");
    assert_eq!(
        xen.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2020-09-18T14:00:00+02:00[Europe/Berlin]")
    );
    assert_eq!(xen.duration, Some(SignedDuration::from_hours(1)));
    assert_eq!(xen.room.as_deref(), Some("Ravensberg"));
    assert_eq!(xen.tags, ["Virtualisierung", "Linux, Kernel"]);
    assert_eq!(xen.speaker_names(), "Jürgen Groß");
    assert_eq!(
        xen.slides.as_deref(),
        Some("https://kielux.de/files/xen-folien.pdf")
    );
    // Folded lines are joined, escapes undone, the inline tag dropped.
    assert_eq!(
        xen.abstract_text.as_deref(),
        Some(
            "von: Jürgen Groß\n\nXen war lange Zeit die Plattform zur Virtualisierung, da es performant war.\n\nMehr: https://xenproject.org"
        )
    );
    let night = &program.talks[1];
    assert_eq!(
        night.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2020-09-19T23:30:00+02:00[Europe/Berlin]")
    );
    assert_eq!(night.duration, Some(SignedDuration::from_mins(90)));
    assert_eq!(night.speaker_names(), "Anna Beispiel, Ben Beispiel");
}

fn calendar_of(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
}

#[test]
fn event_times() {
    /// The start and duration in minutes, or the reason the event is skipped.
    type Expected = Result<(&'static str, i64), &'static str>;
    // (VEVENT lines, what is expected)
    let cases: [(&str, Expected); 7] = [
        (
            "DTSTART:20200918T110000Z\r\nDTEND:20200918T114500Z\r\n",
            Ok(("2020-09-18T11:00:00+00:00[UTC]", 45)),
        ),
        (
            "DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20200918T110000\r\nDURATION:PT30M\r\n",
            Ok(("2020-09-18T09:00:00+00:00[UTC]", 30)),
        ),
        // All day: from midnight, for a day.
        (
            "DTSTART;VALUE=DATE:20200918\r\n",
            Ok(("2020-09-18T00:00:00+00:00[UTC]", 24 * 60)),
        ),
        (
            "DTSTART;VALUE=DATE:20200918\r\nDTEND;VALUE=DATE:20200920\r\n",
            Ok(("2020-09-18T00:00:00+00:00[UTC]", 48 * 60)),
        ),
        (
            "DTSTART:20200918T110000Z\r\nDTEND:20200918T100000Z\r\n",
            Err("DTEND is before DTSTART"),
        ),
        (
            "DTSTART;TZID=Mars/Olympus:20200918T110000\r\n",
            Err("unknown time zone \"Mars/Olympus\" in DTSTART"),
        ),
        ("DTSTART:tomorrow\r\n", Err("invalid DTSTART \"tomorrow\"")),
    ];
    for (lines, expected) in cases {
        let text = calendar_of(&format!(
            "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:T\r\n{lines}END:VEVENT\r\nBEGIN:VEVENT\r\nUID:2\r\nSUMMARY:U\r\nDTSTART:20200918T110000Z\r\nEND:VEVENT\r\n"
        ));
        let imported = import(&text).expect(lines);
        match expected {
            Ok((start, minutes)) => {
                let talk = &imported.program.talks[0];
                assert_eq!(
                    talk.start.as_ref().map(ToString::to_string).as_deref(),
                    Some(start),
                    "{lines}"
                );
                assert_eq!(
                    talk.duration,
                    Some(SignedDuration::from_mins(minutes)),
                    "{lines}"
                );
            }
            Err(reason) => {
                assert_eq!(imported.summary.skipped.len(), 1, "{lines}");
                assert_eq!(imported.summary.skipped[0].event, "event 1");
                assert_eq!(imported.summary.skipped[0].reason, reason);
            }
        }
    }
}

#[test]
fn malformed_calendars_have_a_position_in_the_file() {
    let deep = format!("BEGIN:VCALENDAR\r\n{}", "BEGIN:X\r\n".repeat(100_000));
    // (text, line, column, message)
    let cases = [
        (
            // The folded description takes lines 4 and 5; the bad END is on line 6.
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nDESCRIPTION:a\r\n  folded\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
            6,
            1,
            "END:VTODO closes BEGIN:VEVENT: expected END:VEVENT",
        ),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\r\nno colon here\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            4,
            1,
            "\"no colon here\" is not a property: expected NAME:value",
        ),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\r\n",
            2,
            1,
            "the VEVENT component that starts here is never closed with END:VEVENT",
        ),
        (
            "BEGIN:VCARD\r\nEND:VCARD\r\n",
            1,
            1,
            "expected BEGIN:VCALENDAR",
        ),
        (
            deep.as_str(),
            33,
            1,
            "components nested deeper than 32 levels",
        ),
    ];
    for (text, line, column, message) in cases {
        let options = Options {
            format: Some(Format::Ical),
            ..Options::default()
        };
        let e = import_str(text, &options, Origin::File("c.ics".into())).expect_err(text);
        assert_eq!(e.location(), Some(Location { line, column }), "{text}: {e}");
        let expected = format!("c.ics:{line}:{column}: error: invalid iCalendar: {message}");
        assert!(e.to_string().starts_with(&expected), "{e}");
    }
}

#[test]
fn descriptions_are_plain_text_with_their_line_breaks() {
    // (DESCRIPTION as written in the file, the abstract)
    let cases = [
        // Every line is a paragraph; what looks like Markdown is left as it is.
        (
            r"Compiler:\nLinux: sudo apt install g++\nmacOS: https://developer.apple.com/xcode/",
            "Compiler:\n\nLinux: sudo apt install g++\n\nmacOS: https://developer.apple.com/xcode/",
        ),
        (
            r"Dazu gibt es\n* Dart\n* **Flutter**\n\n# 1_000 Apps\n    eingerückt",
            "Dazu gibt es\n\n* Dart\n\n* **Flutter**\n\n# 1_000 Apps\n\neingerückt",
        ),
        (r"a < b & c > d\, oder?", "a < b & c > d, oder?"),
        // HTML in the text is rendered, the line breaks kept.
        (
            r#"Workshop.\n\n    Anmeldung unter <a href="https://kielux.de/programm/KOLT20#470">https://kielux.de/programm/KOLT20#470</a> erforderlich!"#,
            "Workshop.\n\nAnmeldung unter https://kielux.de/programm/KOLT20#470 erforderlich!",
        ),
        (
            r#"Mit <a href="https://inkscape.org">Inkscape</a> zeichnen\nLinux: g++"#,
            "Mit Inkscape (https://inkscape.org) zeichnen\n\nLinux: g++",
        ),
        (
            r"Themen:\n\n<ul>\n <li>Updates</li>\n <li>Skripte</li>\n</ul>\n\nEnde.",
            "Themen:\n\n- Updates\n- Skripte\n\nEnde.",
        ),
        (
            r"<b>Ihr braucht:</b>\nMaus & Tastatur\nQ&amp;A &lt;live&gt;",
            "Ihr braucht:\n\nMaus & Tastatur\n\nQ&A <live>",
        ),
    ];
    for (description, expected) in cases {
        let text = calendar_of(&format!(
            "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:T\r\nDTSTART:20200918T110000Z\r\nDESCRIPTION:{description}\r\nEND:VEVENT\r\n"
        ));
        let imported = import(&text).expect(description);
        assert_eq!(
            imported.program.talks[0].abstract_text.as_deref(),
            Some(expected),
            "{description}"
        );
    }
}

#[test]
fn the_calendar_description_keeps_its_lines() {
    let text = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Tage\r\nX-WR-CALDESC:Zwei Tage\\nin <i>Kiel</i>\r\n{}END:VCALENDAR\r\n",
        "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:T\r\nDTSTART:20200918T110000Z\r\nEND:VEVENT\r\n"
    );
    let imported = import(&text).expect("imports");
    assert_eq!(
        imported.program.info.description.as_deref(),
        Some("Zwei Tage\n\nin Kiel")
    );
}
