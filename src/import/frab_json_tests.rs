//! Tests of the frab and pretalx JSON reader: the small fixtures, and malformed files.

use crate::import::{Format, Options, import_str};
use crate::program::{Location, Origin, schedule};

const FRAB: &str = include_str!("../../tests/fixtures/small/frab.json");
const PRETALX: &str = include_str!("../../tests/fixtures/small/pretalx.json");

fn import(text: &str) -> crate::import::Imported {
    import_str(
        text,
        &Options::default(),
        Origin::File("schedule.json".into()),
    )
    .expect("imports")
}

/// (start, conference day) of each talk.
fn days(imported: &crate::import::Imported) -> Vec<(String, String)> {
    let info = &imported.program.info;
    let tz = info.timezone.clone().expect("zone");
    let change = info.day_change.expect("day change");
    imported
        .program
        .talks
        .iter()
        .map(|t| {
            let at = t.start.as_ref().expect("start");
            (
                at.to_string(),
                schedule::conference_day(at, &tz, change).to_string(),
            )
        })
        .collect()
}

#[test]
fn frab_schedule() {
    let imported = import(FRAB);
    assert_eq!(imported.summary.format, Format::FrabJson);
    // The room named twice keeps both its events; the speaker of both is counted once.
    assert_eq!(
        imported.summary.to_string(),
        "2 talks, 2 speakers, 1 slide, 1 skipped: event 10402: invalid start time \"soon\""
    );
    // The days run from 09:00 to 04:00 the next morning.
    assert_eq!(
        imported.program.info.day_change,
        Some(jiff::civil::time(4, 0, 0, 0))
    );
    assert_eq!(
        days(&imported),
        [
            (
                "2019-08-21T13:00:00+02:00[Europe/Berlin]".to_owned(),
                "2019-08-21".to_owned()
            ),
            (
                "2019-08-22T01:30:00+02:00[Europe/Berlin]".to_owned(),
                "2019-08-21".to_owned()
            ),
        ]
    );
    let talk = &imported.program.talks[0];
    assert_eq!(talk.id, "24b58c74-2bba-412e-84ac-c206f714f0b7");
    assert_eq!(
        talk.slides.as_deref(),
        Some(
            "https://fahrplan.events.ccc.de/system/event_attachments/attachments/000/003/792/original/Hacking_Containers.pdf?1566398735"
        )
    );
    let links: Vec<(&str, &str)> = talk
        .links
        .iter()
        .map(|l| (l.label.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            (
                "Event page",
                "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10400.html"
            ),
            ("Nymtech", "https://nymtech.net/"),
            ("Demo code", "https://github.com/example/k8s-demo"),
        ]
    );
    assert_eq!(
        talk.abstract_text.as_deref(),
        Some(
            "The talk shows the security model of Kubernetes.\n\nWe will look at:\n\n- pods & namespaces\n- network policies\n\nMore at https://kubernetes.io."
        )
    );
}

#[test]
fn pretalx_schedule() {
    let imported = import(PRETALX);
    // Two people of the same name with different codes are two speakers.
    assert_eq!(
        imported.summary.to_string(),
        "2 talks, 2 speakers, 1 slide, 1 skipped: event 27: no title"
    );
    // The zone is UTC; the dates carry +01:00, which fixes the instant.
    assert_eq!(
        days(&imported),
        [
            (
                "2020-12-14T08:00:00+00:00[UTC]".to_owned(),
                "2020-12-14".to_owned()
            ),
            (
                "2020-12-15T01:30:00+00:00[UTC]".to_owned(),
                "2020-12-14".to_owned()
            ),
        ]
    );
    let talk = &imported.program.talks[0];
    assert_eq!(talk.speakers[0].name, "Brian Robinson");
    assert_eq!(
        talk.speakers[0].bio.as_deref(),
        Some(
            "Break through direction. Whole party memory fire.\n\nSee my site (https://brian.example.org)."
        )
    );
    assert_eq!(
        talk.slides.as_deref(),
        Some(
            "https://pretalx.example.org/media/democon/submissions/G9JGWY/resources/presentation_slides.pdf"
        )
    );
}

#[test]
fn malformed_json_has_a_position() {
    // (document, line, column, message)
    let cases = [
        (
            "{\"schedule\": {\n  \"conference\": {\"days\": [1]}}}",
            2,
            27,
            "invalid type: integer `1`, expected a day: an object with `date` and `rooms`",
        ),
        (
            "{\"schedule\": {\"conference\": {\"days\": []},}}",
            1,
            42,
            "trailing comma",
        ),
        (
            "{\"schedule\": {}}",
            1,
            1,
            "no `schedule.conference` object",
        ),
        (
            "{\"schedule\": {\"conference\": {\"title\": \"x",
            1,
            40,
            "EOF while parsing a string",
        ),
        (
            "{\"rooms\": {\"a\": [], \"a\": 3}}",
            1,
            1,
            "no `schedule.conference` object",
        ),
    ];
    for (text, line, column, message) in cases {
        let e =
            import_str(text, &Options::default(), Origin::File("s.json".into())).expect_err(text);
        assert_eq!(e.location(), Some(Location { line, column }), "{text}: {e}");
        let expected =
            format!("s.json:{line}:{column}: error: invalid frab/pretalx JSON: {message}\n");
        assert!(e.to_string().starts_with(&expected), "{e}");
    }
}
