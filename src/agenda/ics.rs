//! The picks as an iCalendar file (RFC 5545) for calendar programs: one `VEVENT` per picked
//! talk with a time, its UID made of the talk id and the program key so that exporting again
//! updates the same events, times in UTC (valid without a `VTIMEZONE`).
//!
//! The text is written by the `icalendar` crate, which escapes text values (`,` `;` `\` and
//! line breaks), folds lines at 75 octets on character boundaries and ends them with CRLF.

use icalendar::{Calendar, Component as _, Event, EventLike as _, Property};
use jiff::Timestamp;

use super::plan::{Plan, Row};
use super::store::file_stem;
use super::{Agenda, Mark};
use crate::program::{Program, Talk};

/// An export and what it left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The iCalendar text.
    pub text: String,
    /// Events written.
    pub events: usize,
    /// Picked talks without a time, which a calendar cannot hold.
    pub untimed: usize,
    /// Picks of talks no longer in the program.
    pub gone: usize,
}

/// The UID of talk `id` of the program with `key`: stable across exports and program
/// versions, and free of characters a calendar might choke on.
pub fn uid(key: &str, id: &str) -> String {
    format!("{id}@{}.lectern", file_stem(key))
}

/// The starred talks (and the maybes, when `with_maybes`) of `program` as iCalendar; `now` is
/// the `DTSTAMP`.
pub fn export(program: &Program, agenda: &Agenda, with_maybes: bool, now: Timestamp) -> Export {
    let plan = Plan::new(program, agenda, with_maybes);
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Lectern//Agenda//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new("X-WR-CALNAME", &program.info.title));
    let stamp = utc(now);
    let mut events = 0;
    for day in &plan.days {
        for row in &day.rows {
            let Row::Talk(item) = row else {
                continue;
            };
            let talk = &program.talks[item.talk];
            calendar.push(event(program, talk, item.mark, &stamp));
            events += 1;
        }
    }
    Export {
        text: calendar.to_string(),
        events,
        untimed: plan.unscheduled.len(),
        gone: plan.gone.len(),
    }
}

fn event(program: &Program, talk: &Talk, mark: Mark, stamp: &str) -> Event {
    let mut event = Event::new();
    event
        .add_property("UID", uid(program.key(), &talk.id))
        .add_property("DTSTAMP", stamp)
        .summary(&talk.title);
    if let Some(start) = &talk.start {
        event.add_property("DTSTART", utc(start.timestamp()));
    }
    if let Some(end) = talk.end() {
        event.add_property("DTEND", utc(end.timestamp()));
    }
    if let Some(room) = &talk.room {
        event.location(room);
    }
    let mut description = Vec::new();
    if mark == Mark::Maybe {
        description.push("Maybe: a fallback.".to_owned());
    }
    if !talk.speakers.is_empty() {
        let speakers: Vec<String> = talk
            .speakers
            .iter()
            .map(|s| match &s.affiliation {
                Some(affiliation) => format!("{} ({affiliation})", s.name),
                None => s.name.clone(),
            })
            .collect();
        description.push(speakers.join(", "));
    }
    if let Some(text) = &talk.abstract_text {
        description.push(text.clone());
    }
    if !description.is_empty() {
        event.description(&description.join("\n\n"));
    }
    let web = talk.links.first().map(|l| l.url.as_str()).or_else(|| {
        program
            .info
            .url
            .as_deref()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    });
    if let Some(url) = web {
        event.url(url);
    }
    if mark == Mark::Maybe {
        event.add_property("STATUS", "TENTATIVE");
    }
    event.done()
}

/// A UTC date-time as iCalendar writes it: `20210206T090000Z`.
fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}
