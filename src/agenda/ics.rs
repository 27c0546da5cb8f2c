//! The picks as an iCalendar file (RFC 5545) for calendar programs: one `VEVENT` per picked
//! talk with a time, its UID made of the talk id and the program key so that exporting again
//! updates the same events, times in UTC (valid without a `VTIMEZONE`).
//!
//! The text is written by the `icalendar` crate, which escapes text values (`,` `;` `\` and
//! line breaks) and ends lines with CRLF; its lines are folded again here (see [`fold`]).

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
        text: fold(&calendar.to_string()),
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

/// A file name for the program's calendar: `fosdem-2021-e4a28eda0ce6.ics`, from its key as
/// the picks file's name is.
pub fn file_name(program: &Program) -> String {
    format!("{}.ics", file_stem(program.key()))
}

/// Writes the export into `path` atomically (the old file or the new one, never half of it),
/// keeping the permissions of a file it replaces.
pub fn save(
    path: &std::path::Path,
    program: &Program,
    agenda: &Agenda,
    with_maybes: bool,
    now: Timestamp,
) -> std::io::Result<Export> {
    let export = export(program, agenda, with_maybes, now);
    super::store::write_atomic(path, export.text.as_bytes(), false)?;
    Ok(export)
}

/// Folds content lines at 75 octets as RFC 5545 (3.1) asks, never inside a UTF-8 sequence:
/// the first piece of a line has at most 75 octets, each continuation a space and at most 74.
///
/// Written by hand because the `icalendar` crate (0.17) lets the last continuation of a long
/// line reach 76 octets; its own folds (CRLF and a space) are undone first. Escaped text
/// values hold no line breaks, so every CRLF left ends a content line.
pub fn fold(text: &str) -> String {
    const FIRST: usize = 75;
    const NEXT: usize = 74;
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / NEXT * 3);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        let mut limit = FIRST;
        loop {
            let mut cut = rest.len().min(limit);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n");
            rest = &rest[cut..];
            if rest.is_empty() {
                break;
            }
            out.push(' ');
            limit = NEXT;
        }
    }
    out
}

/// A UTC date-time as iCalendar writes it: `20210206T090000Z`.
fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::program::{Speaker, schedule};

    /// Text with what iCalendar must escape or fold with care: separators, backslashes, line
    /// breaks, and characters of two, three and four bytes.
    fn awkward() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a", "Z", " ", ",", ";", ":", "\\", "\\n", "\"", "é", "ß", "東", "京", "😀", "🇧🇪",
                "\u{301}", "-",
            ]),
            1..200,
        )
        .prop_map(|parts| parts.concat())
    }

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let cases = [
            ("SUMMARY:short", "SUMMARY:short\r\n".to_owned()),
            // 75 octets fit; 76 do not.
            (
                &*format!("X:{}", "a".repeat(73)),
                format!("X:{}\r\n", "a".repeat(73)),
            ),
            (
                &*format!("X:{}", "a".repeat(74)),
                format!("X:{}\r\n a\r\n", "a".repeat(73)),
            ),
            // A continuation holds 74 octets after its space: 75 + 74 + 1.
            (
                &*format!("X:{}", "b".repeat(148)),
                format!("X:{}\r\n {}\r\n b\r\n", "b".repeat(73), "b".repeat(74)),
            ),
            // A three-byte character that would straddle octet 75 moves to the next line.
            (
                &*format!("X:{}東", "c".repeat(72)),
                format!("X:{}\r\n 東\r\n", "c".repeat(72)),
            ),
        ];
        for (line, want) in cases {
            assert_eq!(fold(&format!("{line}\r\n")), want, "{line}");
        }
        // The crate's folds are undone first, whatever they were.
        assert_eq!(fold("X:ab\r\n c\r\nY:d\r\n"), "X:abc\r\nY:d\r\n");
    }

    proptest! {
        /// Whatever the text, every line has at most 75 octets and ends with CRLF, and the
        /// `icalendar` crate reads back the same title, room and description.
        #[test]
        fn any_text_folds_and_reads_back(title in awkward(), room in awkward(), abstract_text in awkward()) {
            let tz = schedule::time_zone("Europe/Brussels").expect("zone");
            let talk = Talk {
                id: "t".to_owned(),
                title: crate::sanitize::line(&title),
                room: Some(crate::sanitize::line(&room)).filter(|r| !r.is_empty()),
                abstract_text: Some(crate::sanitize::text(&abstract_text)).filter(|a| !a.is_empty()),
                speakers: vec![Speaker { name: "Ada".to_owned(), ..Speaker::default() }],
                start: schedule::date_time("2021-02-06T10:00", Some(&tz)).ok(),
                duration: Some(jiff::SignedDuration::from_mins(30)),
                ..Talk::default()
            };
            prop_assume!(!talk.title.is_empty());
            let program = Program { talks: vec![talk.clone()], ..Program::sample(0) };
            let mut agenda = Agenda::new(&program, super::super::Picks::default());
            agenda.set(&program, 0, Some(Mark::Star));
            let export = export(&program, &agenda, false, Timestamp::UNIX_EPOCH);
            prop_assert!(export.text.ends_with("\r\n"));
            for line in export.text.split_terminator("\r\n") {
                prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
                prop_assert!(!line.contains(['\r', '\n']), "{:?}", line);
            }
            let calendar: icalendar::Calendar = icalendar::parser::unfold(&export.text)
                .parse()
                .expect("the crate reads it");
            let event = calendar
                .components
                .iter()
                .find_map(|c| match c {
                    icalendar::CalendarComponent::Event(e) => Some(e),
                    _ => None,
                })
                .expect("one event");
            prop_assert_eq!(event.get_summary(), Some(talk.title.as_str()));
            prop_assert_eq!(event.get_location(), talk.room.as_deref());
            let description = match &talk.abstract_text {
                Some(text) => format!("Ada\n\n{text}"),
                None => "Ada".to_owned(),
            };
            prop_assert_eq!(event.get_description(), Some(description.as_str()));
            let want_uid = uid(program.key(), "t");
            prop_assert_eq!(event.get_uid(), Some(want_uid.as_str()));
        }
    }
}
