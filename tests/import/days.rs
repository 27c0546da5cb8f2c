//! Days and clocks of imported schedules, checked event by event against the source file. What
//! the source says is read here from the raw text (string search for XML, `serde_json` values
//! for JSON, lines for iCalendar), never through the importer: the day each event is listed
//! under (its day window's date in the schedule's zone, else the day's `date`), its clock as
//! published (the full `date` in the named zone or at its own offset, else `start`), its room
//! and track. Lectern's side is what the browser shows: the conference day and the clock in
//! the program's zone.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use lectern::import::Options;
use lectern::program::Program;

use super::{attribute, import_fixture, read};

/// One event as the source lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Listed {
    day: Date,
    clock: String,
    room: String,
    track: String,
}

/// The rooms and tracks of one day.
#[derive(Debug, Default, PartialEq, Eq)]
struct Day {
    events: usize,
    rooms: BTreeSet<String>,
    tracks: BTreeSet<String>,
}

/// Placeholders a schedule writes where it means "none".
fn meaningful(s: &str) -> String {
    let s = s.trim();
    if s.eq_ignore_ascii_case("no track") {
        String::new()
    } else {
        s.replace("&amp;", "&")
    }
}

/// The local date-time of a full date-time: in `zone` when the schedule names one, else at
/// the offset it is written with.
fn local(text: &str, zone: Option<&TimeZone>) -> jiff::civil::DateTime {
    let written: ZonedDateTime = text
        .parse::<Timestamp>()
        .map(|t| t.to_zoned_datetime(TimeZone::UTC))
        .expect("a full date-time");
    let offset = jiff::fmt::temporal::Pieces::parse(text)
        .ok()
        .and_then(|p| p.offset())
        .map_or(jiff::tz::Offset::UTC, |o| o.to_numeric_offset());
    match zone {
        Some(zone) => written.with_time_zone(zone.clone()).datetime(),
        None => written.with_time_zone(TimeZone::fixed(offset)).datetime(),
    }
}

/// The text of `<name>...</name>` in `block`; empty for `<name/>` or none.
fn element<'a>(block: &'a str, name: &str) -> &'a str {
    let open = format!("<{name}>");
    block
        .find(&open)
        .map(|i| &block[i + open.len()..])
        .and_then(|rest| rest.split(&format!("</{name}>")).next())
        .unwrap_or("")
        .trim()
}

/// The clock of an event: its full `date` when it has one, else its `start`.
fn clock(date: &str, start: &str, zone: Option<&TimeZone>) -> String {
    if date.contains('T') {
        local(date, zone).strftime("%H:%M").to_string()
    } else {
        start.chars().take(5).collect()
    }
}

/// The day a `<day>` or JSON day lists its events under: its window's start in the zone,
/// else its date.
fn listed_day(date: &str, window_start: Option<&str>, zone: Option<&TimeZone>) -> Date {
    match window_start {
        Some(start) => local(start, zone).date(),
        None => date.parse().expect("a day date"),
    }
}

fn zone_named(name: &str) -> Option<TimeZone> {
    (!name.is_empty()).then(|| TimeZone::get(name).expect("a known zone"))
}

fn listed_xml(text: &str) -> Vec<Listed> {
    let zone = zone_named(element(text, "time_zone_name"));
    let mut listed = Vec::new();
    for block in text.split("<day ").skip(1) {
        let head = block.split('>').next().unwrap_or("");
        let day = listed_day(
            attribute(head, "date").unwrap_or(""),
            attribute(head, "start"),
            zone.as_ref(),
        );
        let block = block.split("</day>").next().unwrap_or("");
        for room in block.split("<room name=\"").skip(1) {
            let room_name = room.split('"').next().unwrap_or("");
            for event in room.split("<event ").skip(1) {
                let event = event.split("</event>").next().unwrap_or("");
                let own_room = element(event, "room");
                listed.push(Listed {
                    day,
                    clock: clock(
                        element(event, "date"),
                        element(event, "start"),
                        zone.as_ref(),
                    ),
                    room: meaningful(if own_room.is_empty() {
                        room_name
                    } else {
                        own_room
                    }),
                    track: meaningful(element(event, "track")),
                });
            }
        }
    }
    listed
}

fn listed_json(text: &str) -> Vec<Listed> {
    let root: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    let conference = &root["schedule"]["conference"];
    let zone = zone_named(conference["time_zone_name"].as_str().unwrap_or(""));
    let mut listed = Vec::new();
    for day in conference["days"].as_array().expect("days") {
        let date = listed_day(
            day["date"].as_str().unwrap_or(""),
            day["day_start"].as_str(),
            zone.as_ref(),
        );
        for (room, events) in day["rooms"].as_object().expect("rooms") {
            for event in events.as_array().expect("events") {
                let track = match &event["track"] {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Object(o) => o["name"].as_str().unwrap_or("").to_owned(),
                    _ => String::new(),
                };
                listed.push(Listed {
                    day: date,
                    clock: clock(
                        event["date"].as_str().unwrap_or(""),
                        event["start"].as_str().unwrap_or(""),
                        zone.as_ref(),
                    ),
                    room: meaningful(event["room"].as_str().unwrap_or(room)),
                    track: meaningful(&track),
                });
            }
        }
    }
    listed
}

/// iCalendar: the zone is `X-WR-TIMEZONE`, else the one `TZID` of the file, else UTC; a
/// calendar has no days, so an event before 06:00 belongs to the evening before, as
/// calendar clients group them.
fn listed_ics(bytes: &[u8]) -> Vec<Listed> {
    let mut unfolded = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"\r\n ") {
            i += 3;
        } else {
            unfolded.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8_lossy(&unfolded).into_owned();
    let tzids: BTreeSet<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("DTSTART;TZID="))
        .filter_map(|l| l.split(':').next())
        .collect();
    let zone = text
        .lines()
        .find_map(|l| l.strip_prefix("X-WR-TIMEZONE:"))
        .or_else(|| (tzids.len() == 1).then(|| *tzids.first().expect("one")))
        .map_or(TimeZone::UTC, |z| {
            TimeZone::get(z.trim()).expect("known zone")
        });
    let mut listed = Vec::new();
    for event in text.split("BEGIN:VEVENT").skip(1) {
        let value = |name: &str| {
            event
                .lines()
                .find(|l| l.starts_with(name) && l[name.len()..].starts_with([':', ';']))
                .and_then(|l| l.split_once(':').map(|(_, v)| v.trim().to_owned()))
                .unwrap_or_default()
        };
        let start_line = event
            .lines()
            .find(|l| l.starts_with("DTSTART"))
            .expect("DTSTART");
        let raw = value("DTSTART");
        let civil: jiff::civil::DateTime =
            jiff::fmt::strtime::parse("%Y%m%dT%H%M%S", raw.trim_end_matches('Z'))
                .and_then(|t| t.to_datetime())
                .expect("a DTSTART");
        let at = if raw.ends_with('Z') {
            civil
                .to_zoned_datetime(TimeZone::UTC)
                .expect("zoned")
                .with_time_zone(zone.clone())
        } else if let Some(tzid) = start_line
            .strip_prefix("DTSTART;TZID=")
            .and_then(|l| l.split(':').next())
        {
            civil
                .to_zoned_datetime(TimeZone::get(tzid).expect("known"))
                .expect("zoned")
                .with_time_zone(zone.clone())
        } else {
            civil.to_zoned_datetime(zone.clone()).expect("zoned")
        };
        let day = if at.hour() < 6 {
            at.date().yesterday().expect("a day")
        } else {
            at.date()
        };
        listed.push(Listed {
            day,
            clock: at.strftime("%H:%M").to_string(),
            room: value("LOCATION"),
            track: String::new(),
        });
    }
    listed
}

/// What the browser shows for each talk, in the file's order.
fn shown(program: &Program) -> Vec<Listed> {
    program
        .talks
        .iter()
        .enumerate()
        .map(|(i, talk)| {
            let start = talk.start.as_ref().expect("a start");
            let local = start.with_time_zone(program.zone_for(start));
            Listed {
                day: program.conference_day(i).expect("a day"),
                clock: local.strftime("%H:%M").to_string(),
                room: talk.room.clone().unwrap_or_default(),
                track: talk.track.clone().unwrap_or_default(),
            }
        })
        .collect()
}

fn by_day(events: &[Listed]) -> BTreeMap<Date, Day> {
    let mut days: BTreeMap<Date, Day> = BTreeMap::new();
    for event in events {
        let day = days.entry(event.day).or_default();
        day.events += 1;
        if !event.room.is_empty() {
            day.rooms.insert(event.room.clone());
        }
        if !event.track.is_empty() {
            day.tracks.insert(event.track.clone());
        }
    }
    days
}

/// Imports `name` and compares it with the source, event by event and day by day; the
/// weekdays of the days must be `weekdays`.
fn check(name: &str, options: &Options, weekdays: &[&str]) -> Program {
    let path = super::fixture(name);
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let listed = if extension == "xml" {
        listed_xml(&read(name))
    } else if extension == "json" {
        listed_json(&read(name))
    } else {
        listed_ics(&std::fs::read(&path).expect("readable"))
    };
    let imported = import_fixture(name, options);
    assert_eq!(imported.summary.skipped, [], "{name}");
    let program = imported.program;
    let shown = shown(&program);
    assert_eq!(shown.len(), listed.len(), "{name}");
    for (i, (got, source)) in shown.iter().zip(&listed).enumerate() {
        assert_eq!(got, source, "{name}: talk {i}: {}", program.talks[i].title);
    }
    let days = by_day(&listed);
    assert_eq!(by_day(&shown), days, "{name}");
    let names: Vec<String> = days.keys().map(|d| d.strftime("%A").to_string()).collect();
    assert_eq!(names, weekdays, "{name}");
    program
}

#[test]
fn real_schedules_show_their_days_and_clocks() {
    // (file, the weekdays of its days)
    let cases: [(&str, &[&str]); 5] = [
        ("schedules/fosdem_2021.xml", &["Saturday", "Sunday"]),
        (
            "schedules/debconf23.xml",
            &[
                "Sunday",
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ],
        ),
        (
            "schedules/frab-camp2019.json",
            &["Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        ),
        (
            "schedules/pretalx-democon.json",
            &["Monday", "Tuesday", "Wednesday"],
        ),
        ("schedules/kielux_2020.ics", &["Friday", "Saturday"]),
    ];
    for (name, weekdays) in cases {
        check(name, &Options::default(), weekdays);
    }
}

#[test]
fn small_schedules_show_their_days_and_clocks() {
    let cases: [(&str, &[&str]); 5] = [
        // Day windows 11:00 to 04:00, an opening at 10:00 before the first one opens.
        ("small/congress.xml", &["Friday", "Saturday", "Sunday"]),
        ("small/rc3.json", &["Sunday", "Monday"]),
        ("small/dst.json", &["Saturday", "Sunday"]),
        ("small/nowindows.xml", &["Saturday", "Sunday"]),
        ("small/folded.ics", &["Saturday", "Sunday"]),
    ];
    for (name, weekdays) in cases {
        check(name, &Options::default(), weekdays);
    }
}
