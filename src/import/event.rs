//! What every format reader produces (a [`Schedule`] of [`RawEvent`]s, as the file says them)
//! and the one conversion of that into a [`Program`]: ids, clean text, links and slides, and
//! the skipping of events that cannot be talks.

use std::collections::HashSet;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime};
use url::Url;

use super::resources::{self, Resource};
use super::summary::{Skipped, Summary};
use super::{Format, Imported, markup};
use crate::program::{Origin, Program, ProgramInfo, Speaker, Talk, schedule, slug};
use crate::sanitize;

/// A schedule as read from its file, strings unsanitized.
#[derive(Debug, Default)]
pub struct Schedule {
    pub title: String,
    pub subtitle: String,
    pub venue: String,
    pub date: String,
    pub url: String,
    pub description: String,
    pub zone: Option<TimeZone>,
    pub day_change: Option<Time>,
    /// What relative attachment paths are resolved against.
    pub base: Option<Url>,
    pub events: Vec<RawEvent>,
    pub notes: Vec<String>,
}

/// One event as the schedule gives it. Empty strings mean "not given".
#[derive(Debug)]
pub struct RawEvent {
    /// How the summary names the event: `event 11795`, `event #3`.
    pub name: String,
    /// Identity candidates, best first: `guid`, `code`, `id`.
    pub ids: Vec<String>,
    pub title: String,
    pub subtitle: String,
    pub kind: String,
    pub track: String,
    pub room: String,
    pub language: String,
    pub tags: Vec<String>,
    /// Abstract, description...: HTML, Markdown or plain text, joined in this order.
    pub texts: Vec<String>,
    pub persons: Vec<RawPerson>,
    /// The start, or why it cannot be read.
    pub start: Result<Option<ZonedDateTime>, String>,
    pub duration: Result<Option<SignedDuration>, String>,
    pub resources: Vec<Resource>,
    /// Why the format itself rules the event out (cancelled...).
    pub skip: Option<String>,
}

impl Default for RawEvent {
    fn default() -> Self {
        RawEvent {
            name: String::new(),
            ids: Vec::new(),
            title: String::new(),
            subtitle: String::new(),
            kind: String::new(),
            track: String::new(),
            room: String::new(),
            language: String::new(),
            tags: Vec::new(),
            texts: Vec::new(),
            persons: Vec::new(),
            start: Ok(None),
            duration: Ok(None),
            resources: Vec::new(),
            skip: None,
        }
    }
}

/// A speaker as the schedule gives it.
#[derive(Debug, Default)]
pub struct RawPerson {
    /// The schedule's id for the person, which tells apart two people of the same name.
    pub key: Option<String>,
    pub name: String,
    pub bio: String,
}

/// The zone a schedule's local times are read in: the one asked for, else the one the schedule
/// names, else UTC with a note.
pub fn program_zone(asked: Option<&TimeZone>, named: &str, notes: &mut Vec<String>) -> TimeZone {
    if let Some(zone) = asked {
        return zone.clone();
    }
    let utc = || schedule::time_zone("UTC").unwrap_or(TimeZone::UTC);
    if named.is_empty() {
        notes.push(
            "the schedule names no time zone: its times are read as UTC (choose the zone with --timezone)"
                .to_owned(),
        );
        return utc();
    }
    schedule::time_zone(named).unwrap_or_else(|_| {
        notes.push(format!(
            "unknown time zone {:?} in the schedule: its times are read as UTC (choose the zone with --timezone)",
            sanitize::visible(named)
        ));
        utc()
    })
}

/// A start given as a date and a time of day (`09:00`) in `zone`. A time before `day_change`
/// belongs to the night after `date`: the schedule formats list it under the day it ends.
pub fn local_start(
    date: &str,
    time: &str,
    zone: &TimeZone,
    day_change: Option<Time>,
) -> Result<ZonedDateTime, String> {
    let bad = || format!("invalid start time {:?}", sanitize::visible(time));
    let day: Date = date
        .trim()
        .get(..10)
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| format!("invalid date {:?}", sanitize::visible(date)))?;
    let time = schedule::time_of_day(time).map_err(|_| bad())?;
    let day = match day_change {
        Some(change) if time < change => day.tomorrow().map_err(|_| bad())?,
        _ => day,
    };
    DateTime::from_parts(day, time)
        .to_zoned_datetime(zone.clone())
        .map_err(|_| bad())
}

/// A full date-time (`2023-09-10T05:00:00+00:00`, `20200918T110000Z`) in the program's zone.
pub fn full_start(text: &str, zone: &TimeZone) -> Result<ZonedDateTime, String> {
    schedule::date_time(text, Some(zone))
        .map_err(|_| format!("invalid start time {:?}", sanitize::visible(text)))
}

/// A duration field (`00:25`, `1:30:00`, `PT1H`); empty means none.
pub fn duration(text: &str) -> Result<Option<SignedDuration>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    schedule::duration(text)
        .map(Some)
        .map_err(|_| format!("invalid duration {:?}", sanitize::visible(text)))
}

fn optional_line(s: &str) -> Option<String> {
    Some(sanitize::line(s)).filter(|s| !s.is_empty())
}

/// Turns the schedule into a program, counting what was kept and what was skipped.
pub fn build(schedule: Schedule, format: Format, origin: Origin) -> Imported {
    let mut summary = Summary {
        format,
        talks: 0,
        speakers: 0,
        slides: 0,
        skipped: Vec::new(),
        dropped_links: 0,
        notes: schedule.notes,
    };
    let mut speakers: HashSet<String> = HashSet::new();
    // Each talk with whether its id is the schedule's own.
    let mut talks: Vec<(Talk, bool)> = Vec::with_capacity(schedule.events.len());
    for (index, raw) in schedule.events.into_iter().enumerate() {
        match talk(raw, index, schedule.base.as_ref(), &mut summary) {
            Ok((talk, given, keys)) => {
                speakers.extend(keys);
                talks.push((talk, given));
            }
            Err(skipped) => summary.skipped.push(skipped),
        }
    }
    // The schedule's ids first, so an id made from a title never takes one of them.
    let mut used_ids: HashSet<String> = HashSet::new();
    for given in [true, false] {
        for (talk, _) in talks.iter_mut().filter(|(_, g)| *g == given) {
            talk.id = unique_id(&talk.id, &mut used_ids);
        }
    }
    let talks: Vec<Talk> = talks.into_iter().map(|(talk, _)| talk).collect();
    summary.speakers = speakers.len();
    summary.talks = talks.len();
    summary.slides = talks.iter().filter(|t| t.slides.is_some()).count();
    if summary.dropped_links > 0 {
        summary.notes.push(format!(
            "{} left out: no web address",
            if summary.dropped_links == 1 {
                "1 link or attachment".to_owned()
            } else {
                format!("{} links and attachments", summary.dropped_links)
            }
        ));
    }
    let description = markup::field(&schedule.description, format);
    let info = ProgramInfo {
        title: optional_line(&schedule.title).unwrap_or_else(|| "Imported schedule".to_owned()),
        id: None,
        subtitle: optional_line(&schedule.subtitle),
        venue: optional_line(&schedule.venue),
        date: optional_line(&schedule.date),
        url: resources::web_address(&schedule.url, None).map(|u| u.to_string()),
        description: Some(description).filter(|d| !d.is_empty()),
        timezone: schedule.zone,
        day_change: schedule.day_change,
    };
    Imported {
        program: Program {
            info,
            talks,
            origin,
        },
        summary,
    }
}

/// One event as a talk, whether its id is the schedule's (else made from the title), and the
/// keys its speakers are counted by (the schedule's person id, else the name); or why it is
/// skipped. The id is not yet made unique.
fn talk(
    raw: RawEvent,
    index: usize,
    base: Option<&Url>,
    summary: &mut Summary,
) -> Result<(Talk, bool, Vec<String>), Skipped> {
    let name = if raw.name.is_empty() {
        format!("event #{}", index + 1)
    } else {
        sanitize::line(&raw.name)
    };
    let skip = |reason: String| Skipped {
        event: name.clone(),
        reason,
    };
    if let Some(reason) = raw.skip {
        return Err(skip(reason));
    }
    let title = sanitize::line(&raw.title);
    if title.is_empty() {
        return Err(skip("no title".to_owned()));
    }
    let start = raw.start.map_err(&skip)?;
    let duration = raw.duration.map_err(&skip)?;
    let given = raw
        .ids
        .iter()
        .map(|id| valid_id(id))
        .find(|id| !id.is_empty());
    let has_id = given.is_some();
    let id = given
        .or_else(|| Some(slug(&title)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| format!("talk-{}", index + 1));
    let mut paragraphs: Vec<String> = Vec::new();
    for text in &raw.texts {
        let text = markup::field(text, summary.format);
        if !text.is_empty() && !paragraphs.contains(&text) {
            paragraphs.push(text);
        }
    }
    let (slides, links) = resources::sort(&raw.resources, base, &mut summary.dropped_links);
    let mut speakers = Vec::with_capacity(raw.persons.len());
    let mut keys = Vec::with_capacity(raw.persons.len());
    for person in &raw.persons {
        let name = sanitize::line(&person.name);
        if name.is_empty() {
            continue;
        }
        keys.push(match &person.key {
            Some(key) => format!("id {key}"),
            None => format!("name {name}"),
        });
        speakers.push(Speaker {
            name,
            affiliation: None,
            bio: Some(markup::field(&person.bio, summary.format)).filter(|b| !b.is_empty()),
        });
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.tags.iter().map(|t| sanitize::line(t)) {
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let talk = Talk {
        id,
        title,
        kind: optional_line(&raw.kind),
        abstract_text: Some(paragraphs.join("\n\n")).filter(|t| !t.is_empty()),
        slides,
        tags,
        speakers,
        subtitle: optional_line(&raw.subtitle),
        start,
        duration,
        room: optional_line(&raw.room),
        track: optional_line(&raw.track),
        language: optional_line(&raw.language),
        links,
    };
    Ok((talk, has_id, keys))
}

/// An id of the characters a program file allows: others become `-`, runs of them one `-`.
fn valid_id(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.trim().chars() {
        if c.is_ascii_alphanumeric() || "_.:".contains(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// `id`, or `id-2`, `id-3`... when it is taken.
fn unique_id(id: &str, used: &mut HashSet<String>) -> String {
    let mut candidate = id.to_owned();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        let cases = [
            ("455d075f-48c0-2ec2", "455d075f-48c0-2ec2"),
            ("460@KOLT20", "460-KOLT20"),
            ("  a b\u{1b}c ", "a-b-c"),
            ("x:y.z_1", "x:y.z_1"),
            ("@@", ""),
            ("東京", ""),
        ];
        for (raw, id) in cases {
            assert_eq!(valid_id(raw), id, "{raw}");
        }
        let mut used = HashSet::new();
        let made: Vec<String> = ["a", "a", "a-2", "a"]
            .iter()
            .map(|id| unique_id(id, &mut used))
            .collect();
        assert_eq!(made, ["a", "a-2", "a-2-2", "a-3"]);
    }

    #[test]
    fn schedule_ids_win_over_ids_made_from_titles() {
        let event = |ids: &[&str], title: &str| RawEvent {
            ids: ids.iter().map(|id| (*id).to_owned()).collect(),
            title: title.to_owned(),
            ..RawEvent::default()
        };
        let schedule = Schedule {
            events: vec![
                event(&[], "Opening"),
                event(&["", "opening"], "Another talk"),
                event(&["7"], "Seven"),
                event(&["7"], "Seven again"),
                event(&[], "東京"),
            ],
            ..Schedule::default()
        };
        let imported = build(schedule, Format::Pentabarf, Origin::BuiltIn);
        let ids: Vec<&str> = imported
            .program
            .talks
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(ids, ["opening-2", "opening", "7", "7-2", "talk-5"]);
    }

    #[test]
    fn local_starts_after_midnight_move_to_the_next_day() {
        let zone = schedule::time_zone("Europe/Brussels").expect("known");
        let four = Some(jiff::civil::time(4, 0, 0, 0));
        let cases = [
            (
                "2021-02-06",
                "09:00",
                None,
                "2021-02-06T09:00:00+01:00[Europe/Brussels]",
            ),
            (
                "2021-02-06",
                "01:30",
                four,
                "2021-02-07T01:30:00+01:00[Europe/Brussels]",
            ),
            (
                "2021-02-06",
                "04:00",
                four,
                "2021-02-06T04:00:00+01:00[Europe/Brussels]",
            ),
            (
                "2021-02-06",
                "01:30",
                None,
                "2021-02-06T01:30:00+01:00[Europe/Brussels]",
            ),
        ];
        for (date, time, change, expected) in cases {
            let start = local_start(date, time, &zone, change).expect(time);
            assert_eq!(start.to_string(), expected, "{date} {time}");
        }
        assert_eq!(
            local_start("2021-02-06", "25:00", &zone, None).expect_err("bad"),
            "invalid start time \"25:00\""
        );
        assert_eq!(
            local_start("soon", "09:00", &zone, None).expect_err("bad"),
            "invalid date \"soon\""
        );
    }

    #[test]
    fn zones() {
        let berlin = schedule::time_zone("Europe/Berlin").expect("known");
        let cases: [(Option<&TimeZone>, &str, &str, usize); 4] = [
            (Some(&berlin), "Asia/Kolkata", "Europe/Berlin", 0),
            (None, "Asia/Kolkata", "Asia/Kolkata", 0),
            (None, "", "UTC", 1),
            (None, "Mars/Olympus", "UTC", 1),
        ];
        for (asked, named, zone, notes) in cases {
            let mut found = Vec::new();
            let tz = program_zone(asked, named, &mut found);
            assert_eq!(tz.iana_name(), Some(zone), "{named}");
            assert_eq!(found.len(), notes, "{found:?}");
        }
    }
}
