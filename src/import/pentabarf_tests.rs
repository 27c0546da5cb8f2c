//! Tests of the Pentabarf/frab XML reader: the small fixtures, and malformed files.

use crate::import::{Format, Options, import_str};
use crate::program::{Location, Origin, schedule};

const FOSDEM_LIKE: &str = include_str!("../../tests/fixtures/small/pentabarf.xml");
const WAFER: &str = include_str!("../../tests/fixtures/small/wafer.xml");

fn import(text: &str, zone: Option<&str>) -> crate::import::Imported {
    let options = Options {
        timezone: zone.map(|z| schedule::time_zone(z).expect("known zone")),
        ..Options::default()
    };
    import_str(text, &options, Origin::File("schedule.xml".into())).expect("imports")
}

#[test]
fn fosdem_like_schedule() {
    let imported = import(FOSDEM_LIKE, Some("Europe/Brussels"));
    let (program, summary) = (&imported.program, &imported.summary);
    assert_eq!(summary.format, Format::Pentabarf);
    assert_eq!(
        summary.to_string(),
        "2 talks, 2 speakers, 2 slides, 1 skipped: event 11166: no title"
    );
    assert_eq!(
        summary.notes,
        ["1 link or attachment left out: not a web address"]
    );
    assert_eq!(program.info.title, "Tiny FOSS Meeting & Friends");
    assert_eq!(
        program.info.venue.as_deref(),
        Some("ULB Solbosch, Brussels")
    );
    let change = program.info.day_change.expect("day_change");
    assert_eq!(change, jiff::civil::time(4, 0, 0, 0));
    // (id, start, conference day, duration in minutes, slides file)
    let expected = [
        (
            "11164",
            "2021-02-06T10:00:00+01:00[Europe/Brussels]",
            "2021-02-06",
            30,
            "FUSS.pdf",
        ),
        // 01:30 under the first day is the night after it, and stays with that day.
        (
            "11165",
            "2021-02-07T01:30:00+01:00[Europe/Brussels]",
            "2021-02-06",
            60,
            "late-night-sdr.pdf",
        ),
    ];
    assert_eq!(program.talks.len(), expected.len());
    let tz = program.info.timezone.clone().expect("zone");
    for (talk, (id, start, day, minutes, slides)) in program.talks.iter().zip(expected) {
        let at = talk.start.as_ref().expect("start");
        assert_eq!(talk.id, id);
        assert_eq!(at.to_string(), start);
        assert_eq!(schedule::conference_day(at, &tz, change).to_string(), day);
        assert_eq!(
            talk.duration,
            Some(jiff::SignedDuration::from_mins(minutes))
        );
        assert!(
            talk.slides.as_deref().is_some_and(|s| s.ends_with(slides)),
            "{talk:?}"
        );
    }
    let first = &program.talks[0];
    assert_eq!(
        first.subtitle.as_deref(),
        Some("Remote access & collaboration")
    );
    assert_eq!(first.language, None);
    assert_eq!(first.speaker_names(), "Marco Marinello, Paolo Dongilli");
    let labels: Vec<&str> = first.links.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Research paper",
            "Video",
            "FUSS Project Homepage",
            "Video recording (WebM/VP9)"
        ]
    );
}

#[test]
fn a_schedule_without_a_zone_is_read_as_utc_with_a_note() {
    let imported = import(FOSDEM_LIKE, None);
    let start = imported.program.talks[0].start.as_ref().expect("start");
    assert_eq!(start.to_string(), "2021-02-06T10:00:00+00:00[UTC]");
    assert!(
        imported.summary.notes[0].starts_with("the schedule names no time zone"),
        "{:?}",
        imported.summary.notes
    );
}

#[test]
fn wafer_schedule_with_offsets() {
    let imported = import(WAFER, None);
    let program = &imported.program;
    assert_eq!(
        imported.summary.to_string(),
        "2 talks, 1 speaker, 0 slides, 1 skipped: event 36: invalid start time \"2023-09-11T25:00:00+00:00\""
    );
    assert!(
        imported.summary.notes.is_empty(),
        "{:?}",
        imported.summary.notes
    );
    assert_eq!(
        program.info.url.as_deref(),
        Some("https://debconf23.debconf.org/")
    );
    // Every day starts at 21:30 UTC: 03:00 in Kolkata.
    let change = program.info.day_change.expect("from the days' start");
    assert_eq!(change, jiff::civil::time(3, 0, 0, 0));
    let tz = program.info.timezone.clone().expect("zone");
    let starts: Vec<(String, String)> = program
        .talks
        .iter()
        .map(|t| {
            let at = t.start.as_ref().expect("start");
            (
                at.to_string(),
                schedule::conference_day(at, &tz, change).to_string(),
            )
        })
        .collect();
    assert_eq!(
        starts,
        [
            (
                "2023-09-10T11:00:00+05:30[Asia/Kolkata]".to_owned(),
                "2023-09-10".to_owned()
            ),
            (
                "2023-09-11T00:45:00+05:30[Asia/Kolkata]".to_owned(),
                "2023-09-10".to_owned()
            ),
        ]
    );
    let late = &program.talks[1];
    assert_eq!(late.title, "Cheese and Wine Party");
    assert_eq!(late.id, "e0a1ef0f-0cb9-5c36-8d4f-1a1ea1a7c0bb");
    assert_eq!(late.track, None);
    assert_eq!(late.abstract_text, None);
}

#[test]
fn malformed_xml_has_a_position() {
    // (document, line, column, start of the message)
    let cases = [
        (
            "<schedule>\n  <day>\n  </dy>\n</schedule>",
            3,
            3,
            "invalid Pentabarf/frab XML: ",
        ),
        (
            "<schedule>\n  <day>\n",
            3,
            1,
            "invalid Pentabarf/frab XML: the file ends inside <day>",
        ),
        (
            "<?xml version=\"1.0\"?>\n<rss><channel/></rss>",
            2,
            1,
            "invalid Pentabarf/frab XML: the root element is <rss>, not <schedule>",
        ),
        (
            "<schedule>\n<event id=\"1 title=\"x\"/>\n</schedule>",
            2,
            1,
            "invalid Pentabarf/frab XML: ",
        ),
        (
            "<schedule>&bogus</schedule>",
            1,
            11,
            "invalid Pentabarf/frab XML: ",
        ),
    ];
    for (text, line, column, message) in cases {
        let e =
            import_str(text, &Options::default(), Origin::File("s.xml".into())).expect_err(text);
        assert_eq!(e.location(), Some(Location { line, column }), "{text}: {e}");
        let report = e.to_string();
        assert!(
            report.starts_with(&format!("s.xml:{line}:{column}: error: {message}")),
            "{report}"
        );
        assert!(
            report.contains("expected a Pentabarf or frab schedule.xml"),
            "{report}"
        );
    }
}
