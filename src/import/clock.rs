//! The clock and the days of an imported schedule: the zone its times are read and shown in,
//! and the `day_change` that groups its talks into the days the schedule has.
//!
//! Zones: the one asked for (`--timezone`), else the one the schedule names, else the offset
//! every full date-time of the schedule carries (a fixed offset, said in the summary), else
//! UTC. Offsets that change during the event (daylight saving) leave each time at its own
//! offset, and the summary lists them.
//!
//! Days: a schedule's day windows (`<day start end>`, `day_start`/`day_end`) or its day
//! elements say which day an event belongs to; the `day_change` chosen is the one under which
//! Lectern's grouping agrees with them. Without them it is the latest quiet time of night
//! (00:00 to 06:00) that no talk spans and that makes no day the schedule does not have.

use std::collections::HashSet;

use jiff::civil::{Date, Time};
use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, ZonedDateTime};

use crate::program::schedule;
use crate::sanitize;

/// How the times of a schedule are read and shown.
#[derive(Debug, Clone)]
pub struct Clock {
    /// The zone local times (a date and a time of day with no offset) are read in.
    pub read: TimeZone,
    /// The program's zone: every time is shown in it. `None` when each time keeps the offset
    /// it is written with (a fixed offset, or offsets that change).
    pub program: Option<TimeZone>,
}

impl Clock {
    /// A full date-time (`2023-09-10T05:00:00+00:00`, `20200918T110000Z`, a local one) as the
    /// program shows it: in the program's zone, else at the offset it is written with.
    pub fn full(&self, text: &str) -> Result<ZonedDateTime, String> {
        let parsed = match &self.program {
            Some(zone) => schedule::date_time(text, Some(zone)),
            None => schedule::date_time(text, None)
                .or_else(|_| schedule::date_time(text, Some(&self.read))),
        };
        parsed.map_err(|_| format!("invalid start time {:?}", sanitize::visible(text)))
    }
}

/// The offset a full date-time is written with (`Z` is `+00:00`); `None` for a local time.
pub fn offset_of(text: &str) -> Option<Offset> {
    let pieces = Pieces::parse(text.trim()).ok()?;
    pieces.time()?;
    Some(pieces.offset()?.to_numeric_offset())
}

/// The clock of a schedule that names the zone `named` (empty when it names none) and whose
/// full date-times carry `offsets`.
pub fn decide(
    asked: Option<&TimeZone>,
    named: &str,
    offsets: impl IntoIterator<Item = Offset>,
    notes: &mut Vec<String>,
) -> Clock {
    let fixed = |zone: TimeZone| Clock {
        read: zone.clone(),
        program: Some(zone),
    };
    if let Some(zone) = asked {
        return fixed(zone.clone());
    }
    let named = named.trim();
    let mut lead = "the schedule names no time zone".to_owned();
    if !named.is_empty() {
        match schedule::time_zone(named) {
            Ok(zone) => return fixed(zone),
            Err(_) => {
                lead = format!(
                    "unknown time zone {:?} in the schedule",
                    sanitize::visible(named)
                );
            }
        }
    }
    let utc = || schedule::time_zone("UTC").unwrap_or(TimeZone::UTC);
    // Each offset seen, with how often, in the order first seen.
    let mut seen: Vec<(Offset, usize)> = Vec::new();
    for offset in offsets {
        match seen.iter_mut().find(|(o, _)| *o == offset) {
            Some((_, n)) => *n += 1,
            None => seen.push((offset, 1)),
        }
    }
    match seen.as_slice() {
        [] => {
            notes.push(format!(
                "{lead} and its times carry no offset: they are read as UTC (choose the zone with --timezone)"
            ));
            fixed(utc())
        }
        [(offset, _)] if offset.seconds() == 0 => {
            if !named.is_empty() {
                notes.push(format!("{lead}: its times are in UTC, as they say"));
            }
            fixed(utc())
        }
        [(offset, _)] => {
            notes.push(format!(
                "{lead}; every time in it has the offset {offset}, so its times are shown at UTC{offset} (choose a zone with --timezone)"
            ));
            Clock {
                read: TimeZone::fixed(*offset),
                program: None,
            }
        }
        several => {
            let list: Vec<String> = several.iter().map(|(o, _)| o.to_string()).collect();
            notes.push(format!(
                "{lead} and its times carry different offsets ({}): its clocks change during the event (daylight saving?); each time keeps its own offset, choose the zone with --timezone",
                list.join(", ")
            ));
            let common = several
                .iter()
                .max_by_key(|(_, n)| *n)
                .map_or(Offset::UTC, |(o, _)| *o);
            Clock {
                read: TimeZone::fixed(common),
                program: None,
            }
        }
    }
}

/// A day of the schedule as it gives it: from `start` to `end`.
#[derive(Debug, Clone)]
pub struct Window {
    pub start: ZonedDateTime,
    pub end: ZonedDateTime,
}

impl Window {
    /// The window of `start` and `end` full date-times; `None` unless both read and the end
    /// is after the start.
    pub fn read(start: &str, end: &str, clock: &Clock) -> Option<Window> {
        let start = clock.full(start).ok()?;
        let end = clock.full(end).ok()?;
        (end > start).then_some(Window { start, end })
    }

    fn holds(&self, at: &ZonedDateTime) -> bool {
        self.start <= *at && *at <= self.end
    }
}

/// The date of a schedule's day: the start of its window as shown, else its `date`.
pub fn listed_on(date: &str, window: Option<&Window>) -> Option<Date> {
    match window {
        Some(window) => Some(window.start.date()),
        None => date.trim().get(..10).and_then(|d| d.parse().ok()),
    }
}

/// A start given as a time of day (`09:00`) on the day `date`, in the clock's zone. Within a
/// day window it is on the date or the day after, whichever the window holds; else a time
/// before `day_change` belongs to the night after `date`, as the schedule formats list it.
pub fn local_start(
    date: &str,
    time: &str,
    clock: &Clock,
    window: Option<&Window>,
    day_change: Option<Time>,
) -> Result<ZonedDateTime, String> {
    let bad = || format!("invalid start time {:?}", sanitize::visible(time));
    let day: Date = date
        .trim()
        .get(..10)
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| format!("invalid date {:?}", sanitize::visible(date)))?;
    let time = schedule::time_of_day(time).map_err(|_| bad())?;
    let on = |day: Date| -> Result<ZonedDateTime, String> {
        let zoned = day
            .to_datetime(time)
            .to_zoned_datetime(clock.read.clone())
            .map_err(|_| bad())?;
        Ok(match &clock.program {
            Some(zone) => zoned.with_time_zone(zone.clone()),
            None => zoned,
        })
    };
    if let Some(window) = window {
        for candidate in [Some(day), day.tomorrow().ok()].into_iter().flatten() {
            if let Ok(at) = on(candidate)
                && window.holds(&at)
            {
                return Ok(at);
            }
        }
    }
    match day_change {
        Some(change) if time < change => on(day.tomorrow().map_err(|_| bad())?),
        _ => on(day),
    }
}

/// A talk as the choice of `day_change` sees it.
#[derive(Debug, Clone, Copy)]
pub struct Timed {
    /// Days since 1970-01-01 of the local start.
    date: i32,
    /// Minutes since local midnight of the start.
    minute: i32,
    /// Minutes from the start to the end; zero when unknown.
    length: i32,
    /// The schedule's day the talk is listed under, when it says.
    day: Option<usize>,
    /// That day's date (days since 1970-01-01), when the schedule gives one.
    listed_on: Option<i32>,
}

impl Timed {
    /// The start as shown (already in the program's zone, or at its own offset), its
    /// duration, the schedule's day it is listed under and that day's date.
    pub fn new(
        start: &ZonedDateTime,
        duration: Option<SignedDuration>,
        day: Option<usize>,
        listed_on: Option<Date>,
    ) -> Timed {
        let local = start.datetime();
        let date = epoch_days(local.date());
        let minutes = duration.map_or(0, |d| d.as_mins());
        Timed {
            date,
            minute: i32::from(local.hour()) * 60 + i32::from(local.minute()),
            length: i32::try_from(minutes.clamp(0, 10 * 24 * 60)).unwrap_or(0),
            day,
            listed_on: listed_on.map(epoch_days),
        }
    }

    fn conference_day(self, change: i32) -> i32 {
        self.date - i32::from(self.minute < change)
    }

    /// Whether the talk runs across `change` (minutes after midnight) on some night. Talks
    /// of a day or more (all-day events) span every time and are not counted.
    fn spans(self, change: i32) -> bool {
        let end = self.minute + self.length;
        self.length < 20 * 60
            && [change, change + 24 * 60]
                .iter()
                .any(|&c| self.minute < c && c < end)
    }
}

fn epoch_days(date: Date) -> i32 {
    date.since(Date::constant(1970, 1, 1))
        .map_or(0, |span| span.get_days())
}

/// How much a `day_change` (minutes after midnight) disagrees with the schedule, lower is
/// better: days of the schedule split or merged, talks shown under another date than their
/// day's, talks spanning the change, days in all.
fn cost(talks: &[Timed], change: i32) -> (usize, usize, usize, usize) {
    let mut pairs: HashSet<(usize, i32)> = HashSet::new();
    let mut listed: HashSet<usize> = HashSet::new();
    let mut days: HashSet<i32> = HashSet::new();
    let mut spanning = 0;
    let mut misdated = 0;
    for talk in talks {
        let day = talk.conference_day(change);
        days.insert(day);
        misdated += usize::from(talk.listed_on.is_some_and(|d| d != day));
        if let Some(listed_under) = talk.day {
            pairs.insert((listed_under, day));
            listed.insert(listed_under);
        }
        spanning += usize::from(talk.spans(change));
    }
    let grouped: HashSet<i32> = pairs.iter().map(|(_, day)| *day).collect();
    // Zero exactly when the schedule's days and Lectern's days match one to one.
    let disagreement = (pairs.len() - listed.len()) + (pairs.len() - grouped.len());
    (disagreement, misdated, spanning, days.len())
}

/// The `day_change` under which the talks group into the schedule's days: the end of the
/// day windows when they have one, else the one the schedule gives, else the latest quiet
/// time between 00:00 and 06:00; whichever of these disagrees least with the schedule.
pub fn day_change(talks: &[Timed], windows: &[Window], given: Option<Time>) -> Option<Time> {
    if talks.is_empty() {
        return given.or_else(|| window_end(windows));
    }
    let minutes = |t: Time| i32::from(t.hour()) * 60 + i32::from(t.minute());
    // (minutes, preference: window end, given, from the data)
    let mut candidates: Vec<(i32, u8)> = Vec::new();
    if let Some(end) = window_end(windows) {
        candidates.push((minutes(end), 0));
    }
    if let Some(given) = given {
        candidates.push((minutes(given), 1));
    }
    // Every quarter hour of the night, and every start in it: the latest quiet time is
    // either 06:00 or the start of a talk. Distinct starts are at most 360 minutes.
    let mut night: HashSet<i32> = (0..=24).map(|q| q * 15).collect();
    night.extend(talks.iter().map(|t| t.minute).filter(|m| *m <= 6 * 60));
    candidates.extend(night.into_iter().map(|m| (m, 2)));
    let best = candidates
        .into_iter()
        .map(|(m, preference)| {
            let (disagreement, misdated, spanning, days) = cost(talks, m);
            ((disagreement, misdated, spanning, days, preference, -m), m)
        })
        .min_by_key(|(key, _)| *key)
        .map(|(_, m)| m)?;
    Time::new(
        i8::try_from(best / 60).ok()?,
        i8::try_from(best % 60).ok()?,
        0,
        0,
    )
    .ok()
}

/// The time of day the day windows end at, when most windows agree on one. An end a second
/// or a minute before the next day starts (`21:29:59`, `03:59`) is read as that start.
fn window_end(windows: &[Window]) -> Option<Time> {
    let mut ends: Vec<(Time, usize)> = Vec::new();
    for window in windows {
        let mut time = window.end.time();
        if time.second() == 59 {
            time = time.wrapping_add(SignedDuration::from_secs(1));
        } else if time.minute() == 59 && time.second() == 0 {
            time = time.wrapping_add(SignedDuration::from_mins(1));
        }
        match ends.iter_mut().find(|(t, _)| *t == time) {
            Some((_, n)) => *n += 1,
            None => ends.push((time, 1)),
        }
    }
    // The most common; the first of equals.
    let most = ends.iter().map(|(_, n)| *n).max()?;
    ends.into_iter().find(|(_, n)| *n == most).map(|(t, _)| t)
}

#[cfg(test)]
#[path = "clock_tests.rs"]
mod tests;
