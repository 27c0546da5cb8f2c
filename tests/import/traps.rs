//! The traps of published schedules, one small fixture each: a congress with day windows
//! from 11:00 to 04:00 and no zone name, relative attachments, placeholders and text links;
//! a JSON schedule with fixed offsets; one whose offsets change (daylight saving); a
//! schedule without day windows; calendars folded inside UTF-8 characters or written in
//! Latin-1.

use lectern::import::Options;
use lectern::program::schedule;

use super::{import_fixture, zone};

#[test]
fn congress_reads_as_published() {
    let imported = import_fixture("small/congress.xml", &Options::default());
    let (program, summary) = (&imported.program, &imported.summary);
    assert_eq!(
        summary.to_string(),
        "5 talks, 3 speakers, 2 slides, 0 skipped"
    );
    assert_eq!(
        summary.notes,
        [
            "the schedule names no time zone; every time in it has the offset +01, so its times are shown at UTC+01 (choose a zone with --timezone)",
            "2 relative links resolved against https://fahrplan.events.ccc.de/congress/2019/Fahrplan/",
            "1 link without a scheme read as https://",
            "1 link that is not an address kept as text in the talk's details",
            "1 placeholder image (missing.png) left out",
        ]
    );
    // The days run 11:00 to 04:00: day_change is their end, not the given 11:00.
    assert_eq!(program.info.day_change, Some(jiff::civil::time(4, 0, 0, 0)));
    assert_eq!(program.info.timezone, None);
    let opening = &program.talks[0];
    assert_eq!(
        opening.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2019-12-27T10:00:00+01:00[+01:00]")
    );
    assert_eq!(program.day_label(0).as_deref(), Some("Friday 2019-12-27"));
    // An unlabelled attachment whose file name says talk is the slides.
    assert_eq!(
        opening.slides.as_deref(),
        Some(
            "https://fahrplan.events.ccc.de/system/event_attachments/attachments/000/004/001/original/36c3_opening_talk.pdf?1577462400"
        )
    );
    let links: Vec<(&str, &str)> = opening
        .links
        .iter()
        .map(|l| (l.label.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            (
                "Event page",
                "https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10000.html"
            ),
            ("CCC", "https://www.ccc.de/en/"),
        ]
    );
    // The description repeats the abstract: shown once; the text link is kept as text.
    assert_eq!(
        opening.abstract_text.as_deref(),
        Some(
            "Welcome to the congress.\n\nThen the house rules.\n\nWhere to go: Ask at the info desk in the main hall"
        )
    );
    let night = &program.talks[1];
    assert_eq!(night.title, "Late night soldering");
    assert_eq!(program.day_label(1).as_deref(), Some("Friday 2019-12-27"));
    let closing = program
        .talks
        .iter()
        .find(|t| t.title == "Closing")
        .expect("talk");
    assert_eq!(
        closing.slides.as_deref(),
        Some(
            "https://fahrplan.events.ccc.de/system/event_attachments/attachments/000/004/002/original/closing.pdf?1577635200"
        )
    );
}

#[test]
fn a_zone_asked_for_wins_over_the_offsets() {
    let imported = import_fixture("small/congress.xml", &zone("Europe/Berlin"));
    let opening = &imported.program.talks[0];
    assert_eq!(
        opening.start.as_ref().map(ToString::to_string).as_deref(),
        Some("2019-12-27T10:00:00+01:00[Europe/Berlin]")
    );
    assert!(
        !imported
            .summary
            .notes
            .iter()
            .any(|n| n.contains("time zone")),
        "{:?}",
        imported.summary.notes
    );
    // Far from the conference, its days keep their dates: the day changes where none of
    // them is shown under another date (in New York the windows end at 22:00).
    let imported = import_fixture("small/congress.xml", &zone("America/New_York"));
    let program = &imported.program;
    let days: Vec<String> = (0..program.talks.len())
        .filter_map(|i| program.day_label(i))
        .collect();
    assert_eq!(
        days,
        [
            "Friday 2019-12-27",
            "Friday 2019-12-27",
            "Saturday 2019-12-28",
            "Sunday 2019-12-29",
            "Sunday 2019-12-29",
        ]
    );
}

#[test]
fn json_with_fixed_offsets() {
    let imported = import_fixture("small/rc3.json", &Options::default());
    let program = &imported.program;
    assert_eq!(
        imported.summary.notes[0],
        "the schedule names no time zone; every time in it has the offset +01, so its times are shown at UTC+01 (choose a zone with --timezone)"
    );
    assert_eq!(program.info.day_change, Some(jiff::civil::time(4, 0, 0, 0)));
    let starts: Vec<String> = program
        .talks
        .iter()
        .map(|t| {
            t.start
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        starts,
        [
            "2020-12-27T11:30:00+01:00[+01:00]",
            "2020-12-28T00:30:00+01:00[+01:00]",
            "2020-12-28T10:00:00+01:00[+01:00]",
        ]
    );
    let welcome = &program.talks[0];
    assert_eq!(
        welcome.abstract_text.as_deref(),
        Some("Willkommen.\n\nDie Hausordnung.")
    );
    assert!(
        welcome
            .slides
            .as_deref()
            .is_some_and(|s| s.starts_with("https://rc3.world/system/")
                && s.contains("rc3_welcome_talk.pdf")),
        "{welcome:?}"
    );
    assert_eq!(welcome.links[0].url, "https://media.ccc.de/c/rc3");
    assert_eq!(program.talks[2].track, None);
}

#[test]
fn offsets_that_change_are_listed_and_kept() {
    let imported = import_fixture("small/dst.json", &Options::default());
    assert_eq!(
        imported.summary.notes,
        [
            "the schedule names no time zone and its times carry different offsets (+02, +01): its clocks change during the event (daylight saving?); each time keeps its own offset, choose the zone with --timezone"
        ]
    );
    let clocks: Vec<String> = imported
        .program
        .talks
        .iter()
        .map(|t| {
            t.start
                .as_ref()
                .expect("start")
                .strftime("%H:%M %:z")
                .to_string()
        })
        .collect();
    assert_eq!(clocks, ["11:00 +02:00", "01:30 +02:00", "11:00 +01:00"]);
    // With the zone named, every time is in it and the night stays with its day.
    let imported = import_fixture("small/dst.json", &zone("Europe/Berlin"));
    assert_eq!(imported.summary.notes, Vec::<String>::new());
    let program = &imported.program;
    let days: Vec<String> = (0..3).filter_map(|i| program.day_label(i)).collect();
    assert_eq!(
        days,
        [
            "Saturday 2022-10-29",
            "Saturday 2022-10-29",
            "Sunday 2022-10-30"
        ]
    );
}

#[test]
fn days_without_windows_come_from_the_quiet_hours() {
    let imported = import_fixture("small/nowindows.xml", &Options::default());
    let program = &imported.program;
    // A walk at 05:30 on the second day: the day changes just before it, not at 06:00.
    assert_eq!(
        program.info.day_change,
        Some(jiff::civil::time(5, 30, 0, 0))
    );
    let welcome = &program.talks[0];
    assert_eq!(welcome.track, None, "No Track is not a track");
    let hallway = program
        .talks
        .iter()
        .find(|t| t.title == "Hallway track")
        .expect("talk");
    assert_eq!(hallway.room, None);
    assert_eq!(hallway.track.as_deref(), Some("Debian"));
}

#[test]
fn calendars_folded_inside_characters() {
    let imported = import_fixture("small/folded.ics", &Options::default());
    let program = &imported.program;
    // No X-WR-CALNAME: the description names the calendar.
    assert_eq!(program.info.title, "Linuxtage Süd – Vorträge");
    assert_eq!(
        imported.summary.to_string(),
        "3 talks, 0 speakers, 0 slides, 0 skipped"
    );
    let first = &program.talks[0];
    assert_eq!(
        first.title,
        "Einführung: Grüße über Öl, Äpfel und Übermut in der Küche"
    );
    assert_eq!(first.room.as_deref(), Some("Hörsaal 1"));
    assert_eq!(
        first.abstract_text.as_deref(),
        Some("Ab 19 Uhr: Überraschungen für Groß und Klein, äöü ÄÖÜ ß ✓ – Küche öffnet früh.")
    );
    assert_eq!(first.tags, ["Geselliges"]);
    // Floating times and no zone: UTC, with a note; the night event is on the evening's day.
    assert!(
        imported.summary.notes[0].contains("carry no offset"),
        "{:?}",
        imported.summary.notes
    );
    assert_eq!(program.info.day_change, Some(jiff::civil::time(6, 0, 0, 0)));
    assert_eq!(program.day_label(1).as_deref(), Some("Saturday 2023-03-18"));
}

#[test]
fn latin1_calendars_are_read_as_windows_1252() {
    let imported = import_fixture("small/latin1-kalender.ics", &Options::default());
    let program = &imported.program;
    assert_eq!(program.info.title, "latin1-kalender.ics");
    assert_eq!(program.talks[0].title, "Café und Küche – ein Vortrag");
    assert_eq!(program.talks[0].room.as_deref(), Some("Saal München"));
    assert_eq!(
        imported.summary.notes,
        [
            "the file is not valid UTF-8: it was read as Windows-1252 (Latin-1); check its accented letters"
        ]
    );
    assert_eq!(
        program.talks[0]
            .start
            .as_ref()
            .map(schedule::offset_label)
            .as_deref(),
        Some("UTC")
    );
}

#[test]
fn relative_links_resolve_against_the_address_the_schedule_came_from() {
    // No base_url and no url: the links are relative to where the schedule was read from.
    let text = super::read("small/nowindows.xml").replace(
        "<title>Welcome</title>",
        "<title>Welcome</title><attachments><attachment type=\"slides\" href=\"files/welcome.pdf\">Slides</attachment></attachments>",
    );
    let options = Options {
        source_url: url::Url::parse("https://minidebconf.example.org/schedule/schedule.xml").ok(),
        ..Options::default()
    };
    let imported = lectern::import::import_str(&text, &options, lectern::program::Origin::BuiltIn)
        .expect("imports");
    assert_eq!(
        imported.program.talks[0].slides.as_deref(),
        Some("https://minidebconf.example.org/schedule/files/welcome.pdf")
    );
    // Without it they are left out, and the summary says why.
    let imported = lectern::import::import_str(
        &text,
        &Options::default(),
        lectern::program::Origin::BuiltIn,
    )
    .expect("imports");
    assert_eq!(imported.program.talks[0].slides, None);
    assert!(
        imported.summary.notes.contains(
            &"1 relative link left out: the schedule gives no base_url or url to resolve them against"
                .to_owned()
        ),
        "{:?}",
        imported.summary.notes
    );
}
