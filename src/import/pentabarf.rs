//! Pentabarf and frab `schedule.xml`, as FOSDEM, frab, pretalx and wafer (`DebConf`) write it:
//! `schedule/conference`, then `day/room/event` with `persons`, `attachments` and `links`.
//!
//! Times: an event's `date` (a full date-time, often with an offset) wins; otherwise its
//! `start` time of day is on the enclosing day's `date`, or the day after when it is before the
//! schedule's `day_change`.

use jiff::civil::Time;
use jiff::tz::TimeZone;

use super::ReadError;
use super::event::{self, RawEvent, RawPerson, Schedule};
use super::resources::Resource;
use super::xml::{self, Element};
use crate::program::schedule;

/// Reads a schedule.xml.
pub(super) fn read(text: &str, asked_zone: Option<&TimeZone>) -> Result<Schedule, ReadError> {
    let root = xml::parse(text).map_err(|e| ReadError::at(e.offset, e.message))?;
    if root.name != "schedule" {
        return Err(ReadError::at(
            root.offset,
            format!("the root element is <{}>, not <schedule>", root.name),
        ));
    }
    let empty = Element::default();
    let conference = root.child("conference").unwrap_or(&empty);
    let mut notes = Vec::new();
    let zone = event::program_zone(
        asked_zone,
        conference.child_text("time_zone_name"),
        &mut notes,
    );
    let day_change = day_change(&root, conference, &zone);
    let mut events = Vec::new();
    for day in root.children("day") {
        let date = day.attribute("date").unwrap_or("");
        for room in day.children("room") {
            let room_name = room.attribute("name").unwrap_or("");
            for element in room.children("event") {
                events.push(read_event(element, date, room_name, &zone, day_change));
            }
        }
    }
    let (start, end) = (conference.child_text("start"), conference.child_text("end"));
    let venue = [
        conference.child_text("venue"),
        conference.child_text("city"),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    Ok(Schedule {
        title: first_non_empty(&[
            conference.child_text("title"),
            conference.child_text("acronym"),
        ]),
        subtitle: conference.child_text("subtitle").to_owned(),
        venue,
        date: match (start, end) {
            ("", _) => String::new(),
            (start, "") => start.to_owned(),
            (start, end) if start == end => start.to_owned(),
            (start, end) => format!("{start} to {end}"),
        },
        url: first_non_empty(&[
            conference.child_text("url"),
            conference.child_text("base_url"),
        ]),
        description: conference.child_text("description").to_owned(),
        zone: Some(zone),
        day_change,
        base: None,
        events,
        notes,
    })
}

fn first_non_empty(candidates: &[&str]) -> String {
    candidates
        .iter()
        .find(|s| !s.is_empty())
        .map_or_else(String::new, |s| (*s).to_owned())
}

/// The conference's `day_change`, else the time of day at which all days `start`.
fn day_change(root: &Element, conference: &Element, zone: &TimeZone) -> Option<Time> {
    let given = conference.child_text("day_change");
    if !given.is_empty() {
        return schedule::time_of_day(given).ok();
    }
    let mut starts = root.children("day").map(|day| {
        let start = day.attribute("start")?;
        let zoned = schedule::date_time(start, Some(zone)).ok()?;
        Some(zoned.time())
    });
    let first = starts.next()??;
    starts.all(|t| t == Some(first)).then_some(first)
}

fn read_event(
    element: &Element,
    day: &str,
    room: &str,
    zone: &TimeZone,
    day_change: Option<Time>,
) -> RawEvent {
    let id = element
        .attribute("id")
        .or_else(|| element.child("id").map(|c| c.text.trim()))
        .unwrap_or("");
    let guid = element
        .attribute("guid")
        .or_else(|| element.child("guid").map(|c| c.text.trim()))
        .unwrap_or("");
    let text = |name: &str| element.child_text(name).to_owned();
    let date = element.child_text("date");
    let start_time = element.child_text("start");
    let start = if !date.is_empty() && date.contains('T') {
        event::full_start(date, zone).map(Some)
    } else if start_time.contains('T') {
        event::full_start(start_time, zone).map(Some)
    } else if !start_time.is_empty() {
        let on = if date.is_empty() { day } else { date };
        event::local_start(on, start_time, zone, day_change).map(Some)
    } else {
        Ok(None)
    };
    let persons = element
        .child("persons")
        .into_iter()
        .flat_map(|p| p.children("person"))
        .map(|person| RawPerson {
            key: person.attribute("id").map(str::to_owned),
            name: person.text.clone(),
            bio: String::new(),
        })
        .collect();
    let mut resources = Vec::new();
    if let Some(url) = element.child("url") {
        resources.push(Resource {
            kind: None,
            label: "Event page".to_owned(),
            url: url.text.clone(),
        });
    }
    for attachment in element
        .child("attachments")
        .into_iter()
        .flat_map(|a| a.children("attachment"))
    {
        resources.push(Resource {
            kind: attachment.attribute("type").map(str::to_owned),
            label: attachment.text.clone(),
            url: attachment.attribute("href").unwrap_or("").to_owned(),
        });
    }
    for link in element
        .child("links")
        .into_iter()
        .flat_map(|l| l.children("link"))
    {
        resources.push(Resource {
            kind: None,
            label: link.text.clone(),
            url: link.attribute("href").unwrap_or("").to_owned(),
        });
    }
    let room_text = element.child_text("room");
    RawEvent {
        name: if id.is_empty() {
            String::new()
        } else {
            format!("event {id}")
        },
        ids: vec![guid.to_owned(), id.to_owned()],
        title: text("title"),
        subtitle: text("subtitle"),
        kind: text("type"),
        track: text("track"),
        room: if room_text.is_empty() {
            room.to_owned()
        } else {
            room_text.to_owned()
        },
        language: text("language"),
        tags: Vec::new(),
        texts: vec![text("abstract"), text("description")],
        persons,
        start,
        duration: event::duration(element.child_text("duration")),
        resources,
        skip: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::import::{Format, Options, import_str};
    use crate::program::{Location, Origin, schedule};

    const FOSDEM_LIKE: &str = include_str!("../../tests/fixtures/small/pentabarf.xml");
    const WAFER: &str = include_str!("../../tests/fixtures/small/wafer.xml");

    fn import(text: &str, zone: Option<&str>) -> crate::import::Imported {
        let options = Options {
            format: None,
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
            ["1 link or attachment left out: no web address"]
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
            let e = import_str(text, &Options::default(), Origin::File("s.xml".into()))
                .expect_err(text);
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
}
