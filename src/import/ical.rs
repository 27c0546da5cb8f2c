//! iCalendar (`.ics`, RFC 5545) read with the `icalendar` crate's parser: each `VEVENT` is an
//! event; `SUMMARY`, `DESCRIPTION`, `LOCATION`, `URL`, `ATTENDEE` (speakers by `CN`),
//! `CATEGORIES` (tags) and `ATTACH` are kept.
//!
//! Times: a `DTSTART` in UTC (`...Z`) or with a `TZID` is exact; a floating one is read in the
//! program's zone. An all-day event starts at midnight and lasts its days.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime};

use icalendar::parser::{Component, Property};

use super::ReadError;
use super::event::{self, RawEvent, RawPerson, Schedule};
use super::resources::Resource;
use crate::program::schedule;

/// The deepest nesting of components read. Calendars nest two or three levels (`VCALENDAR`,
/// `VEVENT`, `VALARM`); the parser descends recursively, so a hostile file must not go deeper.
const MAX_DEPTH: usize = 32;

/// Reads an iCalendar file.
pub(super) fn read(text: &str, asked_zone: Option<&TimeZone>) -> Result<Schedule, ReadError> {
    let unfolded = icalendar::parser::unfold(text);
    check_depth(&unfolded).map_err(|at| {
        ReadError::at(
            original_offset(text, at),
            format!("components nested deeper than {MAX_DEPTH} levels"),
        )
    })?;
    let roots = icalendar::parser::read_calendar_simple(&unfolded).map_err(|e| {
        let at = unfolded.len() - e.input.len();
        let line = e.input.lines().next().unwrap_or("").trim_end();
        let message = if line.is_empty() {
            "unexpected end of the file: a component is not closed with END".to_owned()
        } else if let Some(name) = line.strip_prefix("BEGIN:") {
            // The parser gives up at the start of the component it cannot read.
            format!(
                "cannot read the {} component that starts here: a line in it is not a property (NAME:value), or its END is missing",
                crate::sanitize::visible(name)
            )
        } else {
            format!("cannot read {:?}", crate::sanitize::visible(line))
        };
        ReadError::at(original_offset(text, at), message)
    })?;
    let Some(calendar) = roots
        .iter()
        .find(|c| c.name.as_str().eq_ignore_ascii_case("VCALENDAR"))
    else {
        return Err(ReadError::at(0, "no VCALENDAR component"));
    };
    let events: Vec<&Component<'_>> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"))
        .collect();
    let mut notes = Vec::new();
    let zone = event::program_zone(asked_zone, &calendar_zone(calendar, &events), &mut notes);
    let title = value(calendar, "X-WR-CALNAME").or_else(|| value(calendar, "NAME"));
    let description = value(calendar, "X-WR-CALDESC")
        .or_else(|| value(calendar, "DESCRIPTION"))
        .filter(|d| Some(d) != title.as_ref());
    Ok(Schedule {
        title: title.unwrap_or_default(),
        description: description.unwrap_or_default(),
        url: value(calendar, "URL").unwrap_or_default(),
        zone: Some(zone.clone()),
        events: events
            .iter()
            .enumerate()
            .map(|(i, e)| read_event(e, i, &zone))
            .collect(),
        notes,
        ..Schedule::default()
    })
}

/// Counts `BEGIN:` and `END:` lines, before the parser recurses into them; the error is the
/// offset of the line that goes too deep.
fn check_depth(unfolded: &str) -> Result<(), usize> {
    let mut depth = 0usize;
    let mut offset = 0;
    for line in unfolded.split_inclusive('\n') {
        let upper = line.get(..6).map(str::to_ascii_uppercase);
        if upper.as_deref() == Some("BEGIN:") {
            depth += 1;
            if depth > MAX_DEPTH {
                return Err(offset);
            }
        } else if upper.as_deref().is_some_and(|u| u.starts_with("END:")) {
            depth = depth.saturating_sub(1);
        }
        offset += line.len();
    }
    Ok(())
}

/// The byte offset in `original` of byte `at` of its unfolded text (folds are a line break
/// followed by a space or a tab, removed by unfolding).
fn original_offset(original: &str, at: usize) -> usize {
    let mut unfolded = 0;
    let mut i = 0;
    while i < original.len() {
        let rest = &original[i..];
        let fold = ["\r\n ", "\r\n\t", "\n ", "\n\t"]
            .iter()
            .find(|f| rest.starts_with(**f));
        if let Some(fold) = fold {
            i += fold.len();
        } else if unfolded >= at {
            break;
        } else {
            let width = rest.chars().next().map_or(1, char::len_utf8);
            i += width;
            unfolded += width;
        }
    }
    i
}

/// The zone the calendar names (`X-WR-TIMEZONE`), else the one `TZID` all events use, else UTC
/// when they are written in UTC; empty when there is no telling.
fn calendar_zone(calendar: &Component<'_>, events: &[&Component<'_>]) -> String {
    if let Some(zone) = value(calendar, "X-WR-TIMEZONE") {
        return zone;
    }
    let mut zones: Vec<&str> = events
        .iter()
        .filter_map(|e| e.find_prop("DTSTART"))
        .filter_map(|p| parameter(p, "TZID"))
        .collect();
    zones.dedup();
    match zones.as_slice() {
        [one] => (*one).to_owned(),
        [] if events
            .iter()
            .filter_map(|e| e.find_prop("DTSTART"))
            .any(|p| p.val.as_str().trim().ends_with(['Z', 'z'])) =>
        {
            "UTC".to_owned()
        }
        _ => String::new(),
    }
}

/// A property's text value, unescaped and trimmed; `None` when absent or empty.
fn value(component: &Component<'_>, name: &str) -> Option<String> {
    component
        .properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
        .map(text)
        .filter(|v| !v.is_empty())
}

fn text(property: &Property<'_>) -> String {
    property
        .val
        .clone()
        .unescape_text()
        .as_str()
        .trim()
        .to_owned()
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
        .map(|item| {
            icalendar::parser::ParseString::from(item)
                .unescape_text()
                .as_str()
                .trim()
                .to_owned()
        })
        .filter(|item| !item.is_empty())
        .collect()
}

fn parameter<'a>(property: &'a Property<'_>, key: &str) -> Option<&'a str> {
    property
        .params
        .iter()
        .find(|p| p.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

/// A `DTSTART` or `DTEND`: an instant, or a date for all-day events.
enum When {
    At(ZonedDateTime),
    Day(Date),
}

fn when(property: &Property<'_>, zone: &TimeZone) -> Result<When, String> {
    let raw = property.val.as_str().trim();
    let bad = || {
        format!(
            "invalid {} {:?}",
            property.name.as_str(),
            crate::sanitize::visible(raw)
        )
    };
    let is_date = parameter(property, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (raw.len() == 8 && raw.bytes().all(|b| b.is_ascii_digit()));
    if is_date {
        return raw.parse::<Date>().map(When::Day).map_err(|_| bad());
    }
    let Some(tzid) = parameter(property, "TZID") else {
        return event::full_start(raw, zone)
            .map(When::At)
            .map_err(|_| bad());
    };
    // Some producers prefix the IANA name with a path (`/freeassociation.sourceforge.net/...`).
    let segments: Vec<&str> = tzid.rsplit('/').take(2).collect();
    let short = segments.iter().rev().copied().collect::<Vec<_>>().join("/");
    [tzid, short.as_str()]
        .iter()
        .find_map(|name| schedule::date_time(&format!("{raw}[{name}]"), Some(zone)).ok())
        .map(When::At)
        .ok_or_else(|| {
            format!(
                "unknown time zone {:?} in {}",
                crate::sanitize::visible(tzid),
                property.name.as_str()
            )
        })
}

fn midnight(date: Date, zone: &TimeZone) -> Result<ZonedDateTime, String> {
    date.to_zoned_datetime(zone.clone())
        .map_err(|_| format!("invalid date {date}"))
}

/// The start and duration of an event from `DTSTART`, `DTEND` and `DURATION`.
fn times(
    component: &Component<'_>,
    zone: &TimeZone,
) -> (
    Result<Option<ZonedDateTime>, String>,
    Result<Option<SignedDuration>, String>,
) {
    let Some(start) = component.find_prop("DTSTART") else {
        return (Ok(None), Ok(None));
    };
    let start = match when(start, zone) {
        Ok(start) => start,
        Err(reason) => return (Err(reason), Ok(None)),
    };
    let end = component.find_prop("DTEND").map(|p| when(p, zone));
    let given = component
        .find_prop("DURATION")
        .map(|p| event::duration(p.val.as_str()));
    let (start, end) = match (start, end) {
        (When::At(start), Some(Ok(When::At(end)))) => (start, Some(end)),
        (When::Day(day), Some(Ok(When::Day(last)))) => {
            match (midnight(day, zone), midnight(last, zone)) {
                (Ok(start), Ok(end)) => (start, Some(end)),
                (Err(e), _) | (_, Err(e)) => return (Err(e), Ok(None)),
            }
        }
        (When::Day(day), None) => match (midnight(day, zone), day.tomorrow()) {
            (Ok(start), Ok(next)) if given.is_none() => (start, midnight(next, zone).ok()),
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

fn read_event(component: &Component<'_>, index: usize, zone: &TimeZone) -> RawEvent {
    let uid = value(component, "UID").unwrap_or_default();
    let (start, duration) = times(component, zone);
    let all = |name: &'static str| {
        component
            .properties
            .iter()
            .filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
    };
    let persons = all("ATTENDEE")
        .map(|p| {
            let address = p.val.as_str().trim();
            let email = address
                .get(..7)
                .filter(|s| s.eq_ignore_ascii_case("mailto:"))
                .map(|_| address[7..].to_owned());
            RawPerson {
                name: parameter(p, "CN")
                    .map(str::to_owned)
                    .or_else(|| email.clone())
                    .unwrap_or_default(),
                key: email,
                bio: String::new(),
            }
        })
        .collect();
    let mut resources: Vec<Resource> = all("URL")
        .map(|p| Resource {
            kind: None,
            label: "Event page".to_owned(),
            url: text(p),
        })
        .collect();
    resources.extend(all("ATTACH").map(|p| {
        Resource {
            kind: None,
            label: parameter(p, "X-LABEL")
                .or_else(|| parameter(p, "FILENAME"))
                .unwrap_or("")
                .to_owned(),
            url: p.val.as_str().trim().to_owned(),
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
        tags: all("CATEGORIES")
            .flat_map(|p| list(p.val.as_str()))
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
