//! frab and pretalx `schedule.json` (the c3voc schema): `schedule.conference.days[].rooms`, a
//! map from room name to events, each with `persons`, `links` and `attachments`.
//!
//! The outer structure is typed, so a wrong shape is an error with its line and column; each
//! event is read leniently as a JSON value, so one odd event is skipped with a reason instead
//! of failing the import. The file is read twice: first its structure, zone and days (and the
//! offsets of the events' dates), then its events one at a time (`frab_json_events`). A room
//! named twice keeps all its events.

use std::fmt;

use jiff::tz::{Offset, TimeZone};
use serde::Deserialize;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use url::Url;

use super::ReadError;
use super::clock::{self, Clock};
use super::event::{self, Builder, RawEvent, RawPerson, Schedule};
use super::frab_json_events;
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

/// What the first pass keeps of a day's events: the offsets of their dates. Each event is a
/// JSON value only while it is looked at; the second pass (`frab_json_events`) reads them
/// again, one at a time, once the zone and the days are known.
#[derive(Default)]
struct Rooms {
    offsets: Vec<Offset>,
}

impl<'de> Deserialize<'de> for Rooms {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RoomsVisitor;
        impl<'de> Visitor<'de> for RoomsVisitor {
            type Value = Rooms;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object from room names to lists of events")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rooms, A::Error> {
                let mut rooms = Rooms::default();
                while map.next_key::<IgnoredAny>()?.is_some() {
                    map.next_value_seed(EventOffsets(&mut rooms.offsets))?;
                }
                Ok(rooms)
            }
        }
        deserializer.deserialize_map(RoomsVisitor)
    }
}

/// A room's list of events, read for the offsets of their dates.
struct EventOffsets<'a>(&'a mut Vec<Offset>);

impl<'de> DeserializeSeed<'de> for EventOffsets<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EventOffsets<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(DateOnly(date)) = seq.next_element::<DateOnly>()? {
            if let Some(offset) = date.as_deref().and_then(clock::offset_of) {
                self.0.push(offset);
            }
        }
        Ok(())
    }
}

/// An event as the first pass reads it: its `date` when that is a string; any other value,
/// and every other field, is skipped without being kept.
struct DateOnly(Option<String>);

impl<'de> Deserialize<'de> for DateOnly {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = DateOnly;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an event")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DateOnly, A::Error> {
                let mut date = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "date" {
                        if let Value::String(s) = map.next_value::<Value>()? {
                            date = Some(s);
                        }
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(DateOnly(date))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<DateOnly, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(DateOnly(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<DateOnly, E> {
                Ok(DateOnly(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<DateOnly, E> {
                Ok(DateOnly(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<DateOnly, E> {
                Ok(DateOnly(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<DateOnly, E> {
                Ok(DateOnly(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<DateOnly, E> {
                Ok(DateOnly(None))
            }
            fn visit_unit<E>(self) -> Result<DateOnly, E> {
                Ok(DateOnly(None))
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

/// Reads a schedule.json.
pub(super) fn read(
    text: &str,
    asked_zone: Option<&TimeZone>,
    builder: &mut Builder,
) -> Result<Schedule, ReadError> {
    let error = |e: serde_json::Error| {
        // The position is given apart, as a line and column of the diagnostic.
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        ReadError::at(offset(text, e.line(), e.column()), message)
    };
    let root: Root = serde_json::from_str(text).map_err(error)?;
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
    let windows: Vec<Option<clock::Window>> = conference
        .days
        .iter()
        .map(|day| match (&day.start, &day.end) {
            (Some(start), Some(end)) => clock::Window::read(start, end, &clock),
            _ => None,
        })
        .collect();
    frab_json_events::each_event(text, &mut |index, room, value| {
        let date = conference
            .days
            .get(index)
            .and_then(|d| d.date.as_deref())
            .unwrap_or("");
        let window = windows.get(index).and_then(Option::as_ref);
        let mut event = read_event(value, date, room, &clock, window);
        event.day = Some(index);
        event.listed_on = clock::listed_on(date, window);
        builder.push(event);
    })
    .map_err(error)?;
    let windows: Vec<clock::Window> = windows.into_iter().flatten().collect();
    let (start, end) = (
        conference.start.unwrap_or_default(),
        conference.end.unwrap_or_default(),
    );
    Ok(Schedule {
        title: conference
            .title
            .filter(|t| !t.trim().is_empty())
            .or_else(|| conference.acronym.clone())
            .unwrap_or_default(),
        acronym: conference.acronym.unwrap_or_default(),
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
        found.extend(&day.rooms.offsets);
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
            label: crate::links::TALK_PAGE.to_owned(),
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
        listed_on: None,
    }
}

#[cfg(test)]
#[path = "frab_json_tests.rs"]
mod tests;
