//! Pentabarf and frab `schedule.xml`, as FOSDEM, frab, pretalx and wafer (`DebConf`) write it:
//! `schedule/conference`, then `day/room/event` with `persons`, `attachments` and `links`.
//!
//! Times: an event's `date` (a full date-time, often with an offset) wins; otherwise its
//! `start` time of day is on the enclosing day's `date` or the day after: the one its day's
//! window (`start`, `end`) holds, else the day after when it is before the schedule's
//! `day_change`. The zone and the `day_change` shown are decided by `clock`.

use jiff::civil::Time;
use jiff::tz::TimeZone;
use url::Url;

use super::ReadError;
use super::clock::{self, Clock};
use super::event::{self, Builder, RawEvent, RawPerson, Schedule};
use super::resources::Resource;
use super::xml::{self, Element};
use crate::program::schedule;

/// The elements the reader looks at; the tree keeps no others.
const READ: &[&str] = &[
    "conference",
    "title",
    "subtitle",
    "acronym",
    "venue",
    "city",
    "start",
    "end",
    "day_change",
    "time_zone_name",
    "url",
    "base_url",
    "description",
    "day",
    "room",
    "event",
    "id",
    "guid",
    "date",
    "duration",
    "track",
    "type",
    "language",
    "abstract",
    "persons",
    "person",
    "attachments",
    "attachment",
    "links",
    "link",
];

/// Reads a schedule.xml.
pub(super) fn read(
    text: &str,
    asked_zone: Option<&TimeZone>,
    builder: &mut Builder,
) -> Result<Schedule, ReadError> {
    let (root, event_offsets) = structure(text)?;
    if root.name != "schedule" {
        return Err(ReadError::at(
            root.offset,
            format!("the root element is <{}>, not <schedule>", root.name),
        ));
    }
    let empty = Element::default();
    let conference = root.child("conference").unwrap_or(&empty);
    let mut notes = Vec::new();
    let day_offsets = root
        .children("day")
        .flat_map(|day| {
            ["start", "end"]
                .into_iter()
                .filter_map(|a| day.attribute(a))
        })
        .filter_map(clock::offset_of);
    let clock = clock::decide(
        asked_zone,
        conference.child_text("time_zone_name"),
        day_offsets.chain(event_offsets),
        &mut notes,
    );
    let given_change = schedule::time_of_day(conference.child_text("day_change")).ok();
    builder.set_base(
        [
            conference.child_text("base_url"),
            conference.child_text("url"),
        ]
        .into_iter()
        .find_map(|u| Url::parse(u).ok()),
    );
    let windows: Vec<Option<clock::Window>> = root
        .children("day")
        .map(|day| {
            clock::Window::read(
                day.attribute("start").unwrap_or(""),
                day.attribute("end").unwrap_or(""),
                &clock,
            )
        })
        .collect();
    read_events(text, &windows, given_change, &clock, builder)?;
    let windows: Vec<clock::Window> = windows.into_iter().flatten().collect();
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
        acronym: conference.child_text("acronym").to_owned(),
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
        zone: clock.program.clone(),
        day_change: given_change,
        windows,
        notes,
    })
}

fn xml_error(e: xml::XmlError) -> ReadError {
    ReadError::at(e.offset, e.message)
}

/// The first pass: the document without its events, and the offsets of the events' full
/// date-times (`date`, or a `start` that is one). The zone and the days must be known before
/// an event is read.
fn structure(text: &str) -> Result<(Element, Vec<jiff::tz::Offset>), ReadError> {
    let mut offsets = Vec::new();
    let root = xml::parse_streaming(text, READ, "event", &mut |_, event| {
        offsets.extend(
            ["date", "start"]
                .iter()
                .map(|name| event.child_text(name))
                .filter(|t| t.contains('T'))
                .filter_map(clock::offset_of),
        );
    })
    .map_err(xml_error)?;
    Ok((root, offsets))
}

/// The second pass: the events, one at a time, each where the schedule lists them
/// (`schedule/day/room/event`), into `builder`. `windows` are the days' windows by index.
fn read_events(
    text: &str,
    windows: &[Option<clock::Window>],
    change: Option<Time>,
    clock: &Clock,
    builder: &mut Builder,
) -> Result<(), ReadError> {
    xml::parse_streaming(text, READ, "event", &mut |open, element| {
        let [schedule, day, in_room] = open else {
            return;
        };
        if day.name != "day" || in_room.name != "room" {
            return;
        }
        let index = schedule.children("day").count();
        let on = Day {
            index,
            date: day.attribute("date").unwrap_or(""),
            window: windows.get(index).and_then(Option::as_ref),
            change,
        };
        let room = in_room.attribute("name").unwrap_or("");
        builder.push(read_event(&element, &on, room, clock));
    })
    .map_err(xml_error)?;
    Ok(())
}

fn first_non_empty(candidates: &[&str]) -> String {
    candidates
        .iter()
        .find(|s| !s.is_empty())
        .map_or_else(String::new, |s| (*s).to_owned())
}

/// The `<day>` an event is listed under.
struct Day<'a> {
    index: usize,
    date: &'a str,
    window: Option<&'a clock::Window>,
    /// The conference's `day_change`: a time of day before it is in the night after `date`.
    change: Option<Time>,
}

fn read_event(element: &Element, day: &Day<'_>, room: &str, clock: &Clock) -> RawEvent {
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
        clock.full(date).map(Some)
    } else if start_time.contains('T') {
        clock.full(start_time).map(Some)
    } else if !start_time.is_empty() {
        let on = if date.is_empty() { day.date } else { date };
        clock::local_start(on, start_time, clock, day.window, day.change).map(Some)
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
            label: crate::links::TALK_PAGE.to_owned(),
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
        day: Some(day.index),
        listed_on: clock::listed_on(day.date, day.window),
    }
}

#[cfg(test)]
#[path = "pentabarf_tests.rs"]
mod tests;
