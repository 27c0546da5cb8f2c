//! iCalendar (`.ics`, RFC 5545), its content lines read by [`super::ical_lines`]: each `VEVENT` is an
//! event; `SUMMARY`, `DESCRIPTION`, `LOCATION`, `URL`, `ATTENDEE` (speakers by `CN`),
//! `CATEGORIES` (tags) and `ATTACH` are kept.
//!
//! Times: a `DTSTART` in UTC (`...Z`) or with a `TZID` is exact; a floating one is read in the
//! program's zone. An all-day event starts at midnight and lasts its days. The title is
//! `X-WR-CALNAME`, else `X-WR-CALDESC`, else the file's name.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime};

use super::ReadError;
use super::clock::{self, Clock};
use super::event::{self, Builder, RawEvent, RawPerson, Schedule};
use super::ical_lines::{self, Component, Property};
use super::resources::Resource;
use crate::program::schedule;

/// Reads an iCalendar file from its bytes: unfolded first, then decoded (UTF-8, else
/// Windows-1252 with a note). Error offsets are in the bytes given.
pub(super) fn read(
    bytes: &[u8],
    asked_zone: Option<&TimeZone>,
    builder: &mut Builder,
) -> Result<Schedule, ReadError> {
    let unfolded = ical_lines::unfold(bytes);
    let (text, fallback) = ical_lines::decode(&unfolded);
    let parsed = ical_lines::read(&text).map_err(|e| {
        // Offsets of the decoded text are those of the unfolded bytes when it is UTF-8.
        let at = if fallback {
            e.offset.min(unfolded.len())
        } else {
            e.offset
        };
        ReadError::at(ical_lines::original_offset(bytes, at), e.message)
    })?;
    let mut notes = Vec::new();
    if fallback {
        notes.push(
            "the file is not valid UTF-8: it was read as Windows-1252 (Latin-1); check its accented letters"
                .to_owned(),
        );
    }
    if parsed.capped > 0 {
        notes.push(format!(
            "{} repeated properties left out: an event keeps at most {} of each",
            crate::numbers::thousands(parsed.capped),
            crate::numbers::thousands(ical_lines::MAX_REPEATS)
        ));
    }
    let calendar = &parsed.info;
    let events = &parsed.events;
    let clock = clock::decide(
        asked_zone,
        &calendar_zone(calendar, events),
        events
            .iter()
            .filter_map(|e| e.find("DTSTART"))
            .filter(|p| p.param("TZID").is_none())
            .filter_map(|p| utc_offset(&p.value)),
        &mut notes,
    );
    builder.set_base(None);
    for (i, event) in events.iter().enumerate() {
        builder.push(read_event(event, i, &clock));
    }
    let title = value(calendar, "X-WR-CALNAME").or_else(|| value(calendar, "NAME"));
    let calendar_description = value(calendar, "X-WR-CALDESC");
    let description = calendar_description
        .clone()
        .or_else(|| value(calendar, "DESCRIPTION"))
        .filter(|d| Some(d) != title.as_ref());
    Ok(Schedule {
        title: title.or(calendar_description).unwrap_or_default(),
        description: description.unwrap_or_default(),
        url: value(calendar, "URL").unwrap_or_default(),
        zone: clock.program.clone(),
        notes,
        ..Schedule::default()
    })
}

/// The offset of a date-time in UTC (`...Z`): iCalendar's only way of giving one.
fn utc_offset(raw: &str) -> Option<jiff::tz::Offset> {
    raw.trim()
        .ends_with(['Z', 'z'])
        .then_some(jiff::tz::Offset::UTC)
}

/// The zone the calendar names (`X-WR-TIMEZONE`), else the one `TZID` all events use; empty
/// when it names none.
fn calendar_zone(calendar: &Component, events: &[Component]) -> String {
    if let Some(zone) = value(calendar, "X-WR-TIMEZONE") {
        return zone;
    }
    let mut zones: Vec<&str> = events
        .iter()
        .filter_map(|e| e.find("DTSTART"))
        .filter_map(|p| p.param("TZID"))
        .collect();
    zones.dedup();
    match zones.as_slice() {
        [one] => (*one).to_owned(),
        _ => String::new(),
    }
}

/// A property's text value, unescaped and trimmed; `None` when absent or empty.
fn value(component: &Component, name: &str) -> Option<String> {
    component.find(name).map(text).filter(|v| !v.is_empty())
}

fn text(property: &Property) -> String {
    unescape(&property.value).trim().to_owned()
}

/// A TEXT value with its escapes undone (RFC 5545 §3.3.11): `\n` is a line break, `\,`,
/// `\;` and `\\` the character itself.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The items of a list value (`CATEGORIES:a,b\,c`), split at unescaped commas, unescaped.
fn list(raw: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in raw.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            ',' if !escaped => {
                items.push(&raw[start..i]);
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    items.push(&raw[start..]);
    items
        .into_iter()
        .map(|item| unescape(item).trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// A `DTSTART` or `DTEND`: an instant, or a date for all-day events.
enum When {
    At(ZonedDateTime),
    Day(Date),
}

fn when(property: &Property, clock: &Clock) -> Result<When, String> {
    let raw = property.value.trim();
    let bad = || {
        format!(
            "invalid {} {:?}",
            property.name,
            crate::sanitize::visible(raw)
        )
    };
    let is_date = property
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (raw.len() == 8 && raw.bytes().all(|b| b.is_ascii_digit()));
    if is_date {
        return raw.parse::<Date>().map(When::Day).map_err(|_| bad());
    }
    let Some(tzid) = property.param("TZID") else {
        return clock.full(raw).map(When::At).map_err(|_| bad());
    };
    // Some producers prefix the IANA name with a path (`/freeassociation.sourceforge.net/...`).
    let segments: Vec<&str> = tzid.rsplit('/').take(2).collect();
    let short = segments.iter().rev().copied().collect::<Vec<_>>().join("/");
    [tzid, short.as_str()]
        .iter()
        .find_map(|name| {
            schedule::date_time(&format!("{raw}[{name}]"), clock.program.as_ref()).ok()
        })
        .map(When::At)
        .ok_or_else(|| {
            format!(
                "unknown time zone {:?} in {}",
                crate::sanitize::visible(tzid),
                property.name
            )
        })
}

fn midnight(date: Date, clock: &Clock) -> Result<ZonedDateTime, String> {
    date.to_zoned_datetime(clock.read.clone())
        .map_err(|_| format!("invalid date {date}"))
}

/// The start and duration of an event from `DTSTART`, `DTEND` and `DURATION`.
fn times(
    component: &Component,
    clock: &Clock,
) -> (
    Result<Option<ZonedDateTime>, String>,
    Result<Option<SignedDuration>, String>,
) {
    let Some(start) = component.find("DTSTART") else {
        return (Ok(None), Ok(None));
    };
    let start = match when(start, clock) {
        Ok(start) => start,
        Err(reason) => return (Err(reason), Ok(None)),
    };
    let end = component.find("DTEND").map(|p| when(p, clock));
    let given = component
        .find("DURATION")
        .map(|p| event::duration(&p.value));
    let (start, end) = match (start, end) {
        (When::At(start), Some(Ok(When::At(end)))) => (start, Some(end)),
        (When::Day(day), Some(Ok(When::Day(last)))) => {
            match (midnight(day, clock), midnight(last, clock)) {
                (Ok(start), Ok(end)) => (start, Some(end)),
                (Err(e), _) | (_, Err(e)) => return (Err(e), Ok(None)),
            }
        }
        (When::Day(day), None) => match (midnight(day, clock), day.tomorrow()) {
            (Ok(start), Ok(next)) if given.is_none() => (start, midnight(next, clock).ok()),
            (Ok(start), _) => (start, None),
            (Err(e), _) => return (Err(e), Ok(None)),
        },
        (When::At(start), None) => (start, None),
        (_, Some(Err(reason))) => return (Err(reason), Ok(None)),
        (_, Some(Ok(_))) => {
            return (
                Err("DTSTART and DTEND mix a date and a date-time".to_owned()),
                Ok(None),
            );
        }
    };
    let duration = match (end, given) {
        (Some(end), _) => {
            let length = end.duration_since(&start);
            if length.is_negative() {
                Err("DTEND is before DTSTART".to_owned())
            } else {
                Ok(Some(length))
            }
        }
        (None, Some(given)) => given,
        (None, None) => Ok(None),
    };
    (Ok(Some(start)), duration)
}

fn read_event(component: &Component, index: usize, clock: &Clock) -> RawEvent {
    let uid = value(component, "UID").unwrap_or_default();
    let (start, duration) = times(component, clock);
    let persons = component
        .all("ATTENDEE")
        .map(|p| {
            let address = p.value.trim();
            let email = address
                .get(..7)
                .filter(|s| s.eq_ignore_ascii_case("mailto:"))
                .map(|_| address[7..].to_owned());
            RawPerson {
                name: p
                    .param("CN")
                    .map(str::to_owned)
                    .or_else(|| email.clone())
                    .unwrap_or_default(),
                key: email,
                bio: String::new(),
            }
        })
        .collect();
    let mut resources: Vec<Resource> = component
        .all("URL")
        .map(|p| Resource {
            kind: None,
            label: crate::links::TALK_PAGE.to_owned(),
            url: text(p),
        })
        .collect();
    resources.extend(component.all("ATTACH").map(|p| {
        Resource {
            kind: None,
            label: p
                .param("X-LABEL")
                .or_else(|| p.param("FILENAME"))
                .unwrap_or("")
                .to_owned(),
            url: p.value.trim().to_owned(),
        }
    }));
    let cancelled = value(component, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"));
    RawEvent {
        name: if uid.is_empty() {
            format!("event #{}", index + 1)
        } else {
            format!("event {uid}")
        },
        ids: vec![uid],
        title: value(component, "SUMMARY").unwrap_or_default(),
        room: value(component, "LOCATION").unwrap_or_default(),
        tags: component
            .all("CATEGORIES")
            .flat_map(|p| list(&p.value))
            .collect(),
        texts: vec![value(component, "DESCRIPTION").unwrap_or_default()],
        persons,
        start,
        duration,
        resources,
        skip: cancelled.then(|| "cancelled".to_owned()),
        ..RawEvent::default()
    }
}

#[cfg(test)]
#[path = "ical_tests.rs"]
mod tests;
