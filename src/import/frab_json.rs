//! frab and pretalx `schedule.json` (the c3voc schema): `schedule.conference.days[].rooms`, a
//! map from room name to events, each with `persons`, `links` and `attachments`.
//!
//! The outer structure is typed, so a wrong shape is an error with its line and column; each
//! event is read leniently as a JSON value, so one odd event is skipped with a reason instead
//! of failing the import. Rooms are read as a list of pairs: a room named twice keeps all its
//! events.

use std::fmt;

use jiff::tz::{Offset, TimeZone};
use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::Value;
use url::Url;

use super::ReadError;
use super::clock::{self, Clock};
use super::event::{self, Builder, RawEvent, RawPerson, Schedule};
use super::resources::Resource;

#[derive(Deserialize)]
#[serde(expecting = "an object with `schedule`")]
struct Root {
    schedule: Option<ScheduleJson>,
}

#[derive(Deserialize)]
#[serde(expecting = "a `schedule` object with `conference`")]
struct ScheduleJson {
    base_url: Option<String>,
    conference: Option<Conference>,
}

#[derive(Deserialize)]
#[serde(expecting = "a `conference` object with `title` and `days`")]
struct Conference {
    title: Option<String>,
    acronym: Option<String>,
    start: Option<String>,
    end: Option<String>,
    time_zone_name: Option<String>,
    url: Option<String>,
    #[serde(default)]
    days: Vec<Day>,
}

#[derive(Deserialize)]
#[serde(expecting = "a day: an object with `date` and `rooms`")]
struct Day {
    date: Option<String>,
    #[serde(rename = "day_start")]
    start: Option<String>,
    #[serde(rename = "day_end")]
    end: Option<String>,
    #[serde(default)]
    rooms: Rooms,
}

/// The events of a day by room, in the file's order, duplicate room names included.
#[derive(Default)]
struct Rooms(Vec<(String, Vec<Value>)>);

impl<'de> Deserialize<'de> for Rooms {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RoomsVisitor;
        impl<'de> Visitor<'de> for RoomsVisitor {
            type Value = Rooms;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object from room names to lists of events")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rooms, A::Error> {
                let mut rooms = Vec::new();
                while let Some((name, events)) = map.next_entry::<String, Vec<Value>>()? {
                    rooms.push((name, events));
                }
                Ok(Rooms(rooms))
            }
        }
        deserializer.deserialize_map(RoomsVisitor)
    }
}

/// Reads a schedule.json.
pub(super) fn read(
    text: &str,
    asked_zone: Option<&TimeZone>,
    builder: &mut Builder,
) -> Result<Schedule, ReadError> {
    let root: Root = serde_json::from_str(text).map_err(|e| {
        // The position is given apart, as a line and column of the diagnostic.
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        ReadError::at(offset(text, e.line(), e.column()), message)
    })?;
    let Some(ScheduleJson {
        base_url,
        conference: Some(conference),
    }) = root.schedule
    else {
        return Err(ReadError::at(0, "no `schedule.conference` object"));
    };
    let mut notes = Vec::new();
    let clock = clock::decide(
        asked_zone,
        conference.time_zone_name.as_deref().unwrap_or(""),
        offsets(&conference.days),
        &mut notes,
    );
    builder.set_base(
        [base_url.as_deref(), conference.url.as_deref()]
            .into_iter()
            .flatten()
            .find_map(|u| Url::parse(u.trim()).ok()),
    );
    let mut windows = Vec::new();
    for (index, day) in conference.days.iter().enumerate() {
        let date = day.date.as_deref().unwrap_or("");
        let window = match (&day.start, &day.end) {
            (Some(start), Some(end)) => clock::Window::read(start, end, &clock),
            _ => None,
        };
        for (room, room_events) in &day.rooms.0 {
            for value in room_events {
                let mut event = read_event(value, date, room, &clock, window.as_ref());
                event.day = Some(index);
                builder.push(event);
            }
        }
        windows.extend(window);
    }
    let (start, end) = (
        conference.start.unwrap_or_default(),
        conference.end.unwrap_or_default(),
    );
    Ok(Schedule {
        title: conference
            .title
            .filter(|t| !t.trim().is_empty())
            .or(conference.acronym)
            .unwrap_or_default(),
        date: match (
            start.get(..10).unwrap_or(&start),
            end.get(..10).unwrap_or(&end),
        ) {
            ("", _) => String::new(),
            (start, "") => start.to_owned(),
            (start, end) if start == end => start.to_owned(),
            (start, end) => format!("{start} to {end}"),
        },
        url: conference.url.unwrap_or_default(),
        zone: clock.program.clone(),
        windows,
        notes,
        ..Schedule::default()
    })
}

/// The byte offset of `serde_json`'s 1-based line and byte column.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// The offsets of the schedule's full date-times: the days' `day_start` and `day_end`, the
/// events' `date`.
fn offsets(days: &[Day]) -> Vec<Offset> {
    let mut found: Vec<Offset> = Vec::new();
    for day in days {
        found.extend(
            [&day.start, &day.end]
                .into_iter()
                .flatten()
                .filter_map(|t| clock::offset_of(t)),
        );
        for (_, events) in &day.rooms.0 {
            found.extend(
                events
                    .iter()
                    .filter_map(|e| e.get("date").and_then(Value::as_str))
                    .filter_map(clock::offset_of),
            );
        }
    }
    found
}

/// A field as text: strings as they are, numbers written out, anything else empty.
fn text(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn first_text(value: &Value, keys: &[&str]) -> String {
    keys.iter()
        .map(|key| text(value, key))
        .find(|s| !s.trim().is_empty())
        .unwrap_or_default()
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn read_event(
    value: &Value,
    day: &str,
    room: &str,
    clock: &Clock,
    window: Option<&clock::Window>,
) -> RawEvent {
    let id = text(value, "id");
    let name = if id.is_empty() {
        String::new()
    } else {
        format!("event {id}")
    };
    if !value.is_object() {
        return RawEvent {
            name,
            start: Ok(None),
            duration: Ok(None),
            skip: Some("not a JSON object".to_owned()),
            ..RawEvent::default()
        };
    }
    let date = text(value, "date");
    let start_time = text(value, "start");
    let start = if date.contains('T') {
        clock.full(&date).map(Some)
    } else if start_time.trim().is_empty() {
        Ok(None)
    } else {
        let on = if date.is_empty() { day } else { &date };
        clock::local_start(on, &start_time, clock, window, None).map(Some)
    };
    let persons = list(value, "persons")
        .iter()
        .map(|person| RawPerson {
            key: Some(first_text(person, &["code", "guid", "id"])).filter(|k| !k.is_empty()),
            name: first_text(person, &["public_name", "name", "full_public_name"]),
            bio: text(person, "biography"),
        })
        .collect();
    let mut resources = Vec::new();
    let page = text(value, "url");
    if !page.is_empty() {
        resources.push(Resource {
            kind: None,
            label: "Event page".to_owned(),
            url: page,
        });
    }
    for item in list(value, "attachments")
        .iter()
        .chain(list(value, "links"))
    {
        resources.push(Resource {
            kind: Some(text(item, "type")).filter(|k| !k.is_empty()),
            label: text(item, "title"),
            url: text(item, "url"),
        });
    }
    let track = match value.get("track") {
        Some(Value::Object(_)) => text(&value["track"], "name"),
        _ => text(value, "track"),
    };
    let event_room = text(value, "room");
    RawEvent {
        name,
        ids: vec![text(value, "guid"), text(value, "code"), id],
        title: text(value, "title"),
        subtitle: text(value, "subtitle"),
        kind: text(value, "type"),
        track,
        room: if event_room.is_empty() {
            room.to_owned()
        } else {
            event_room
        },
        language: text(value, "language"),
        tags: Vec::new(),
        texts: vec![text(value, "abstract"), text(value, "description")],
        persons,
        start,
        duration: event::duration(&text(value, "duration")),
        resources,
        skip: None,
        day: None,
    }
}

#[cfg(test)]
mod tests {
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
                "The talk shows the security model of Kubernetes.\n\nWe will look at:\n\n* pods & namespaces\n\n* network policies\n\nMore at https://kubernetes.io."
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
            let e = import_str(text, &Options::default(), Origin::File("s.json".into()))
                .expect_err(text);
            assert_eq!(e.location(), Some(Location { line, column }), "{text}: {e}");
            let expected =
                format!("s.json:{line}:{column}: error: invalid frab/pretalx JSON: {message}\n");
            assert!(e.to_string().starts_with(&expected), "{e}");
        }
    }
}
