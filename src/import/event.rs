//! What every format reader produces (a [`Schedule`] and [`RawEvent`]s, as the file says
//! them) and the one conversion of that into a [`Program`] by a [`Builder`]: ids, clean text,
//! links and slides, and the skipping of events that cannot be talks.

use std::collections::{HashMap, HashSet};

use jiff::civil::Time;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime};
use url::Url;

use super::clock::{self, Timed, Window};
use super::html_cost::Budget;
use super::resources::{self, Resource};
use super::summary::{Skipped, Summary};
use super::{Format, Imported, markup};
use crate::program::{Origin, Program, ProgramInfo, Speaker, Talk, schedule, slug};
use crate::sanitize;

/// A schedule's own details as read from its file, strings unsanitized; its events go to a
/// [`Builder`] as they are read.
#[derive(Debug, Default)]
pub struct Schedule {
    pub title: String,
    /// The conference's short name (`36c3`): the program's `id`, so picks follow the program
    /// through newer versions of the schedule. Empty when the format has none (iCalendar).
    pub acronym: String,
    pub subtitle: String,
    pub venue: String,
    pub date: String,
    pub url: String,
    pub description: String,
    /// The program's zone; `None` when every time keeps its own offset.
    pub zone: Option<TimeZone>,
    /// The `day_change` the schedule gives, if any: a hint for the one chosen.
    pub day_change: Option<Time>,
    /// The schedule's day windows, in order.
    pub windows: Vec<Window>,
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
    /// The index of the schedule's day the event is listed under, when it has days.
    pub day: Option<usize>,
    /// The date of that day: its window's start in the program's zone, else its `date`.
    pub listed_on: Option<jiff::civil::Date>,
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
            day: None,
            listed_on: None,
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

/// What generators write where they mean "none" (wafer's `No Track`).
const PLACEHOLDERS: &[&str] = &["no track", "none", "null", "n/a", "-", "—", "tba", "tbd"];

/// A short field of an event, `None` when it is empty or a placeholder.
fn field_line(s: &str) -> Option<String> {
    optional_line(s).filter(|s| !PLACEHOLDERS.contains(&s.to_lowercase().as_str()))
}

/// The program's title when the schedule gives none: the file's name (for an address, its
/// last path segment), as calendar apps do.
fn title_of(origin: &Origin) -> String {
    let name = match origin {
        Origin::File(path) => path
            .file_name()
            .map(|name| sanitize::line(&name.to_string_lossy())),
        Origin::Url(address) => Url::parse(address).ok().and_then(|url| {
            let last = url.path_segments()?.rfind(|s| !s.is_empty())?.to_owned();
            Some(sanitize::line(&last))
        }),
        Origin::BuiltIn => None,
    };
    name.filter(|name| !name.is_empty())
        .unwrap_or_else(|| "Imported schedule".to_owned())
}

/// Turns events into talks as a reader finds them, so a schedule's events are never all held
/// as read: what is kept is the talks, the skipped events and a few numbers per talk.
pub struct Builder {
    summary: Summary,
    /// What relative links are resolved against.
    base: Option<Url>,
    /// Where the schedule came from, when it gives no base of its own.
    source: Option<Url>,
    speakers: HashSet<String>,
    /// Each talk with whether its id is the schedule's own.
    talks: Vec<(Talk, bool)>,
    timed: Vec<Timed>,
    budget: Budget,
}

impl Builder {
    pub fn new(format: Format, source: Option<Url>) -> Builder {
        Builder {
            summary: Summary::new(format),
            base: source.clone(),
            source,
            speakers: HashSet::new(),
            talks: Vec::new(),
            timed: Vec::new(),
            budget: Budget::default(),
        }
    }

    /// The schedule's own base for relative links (`base_url`, the conference `url`), before
    /// any event is pushed; without one, the address the schedule came from.
    pub fn set_base(&mut self, base: Option<Url>) {
        self.base = base.or_else(|| self.source.clone());
    }

    /// Converts one event: a talk, or a skipped event with the reason.
    pub fn push(&mut self, raw: RawEvent) {
        let index = self.summary.events();
        let (day, listed_on) = (raw.day, raw.listed_on);
        match talk(
            raw,
            index,
            self.base.as_ref(),
            &mut self.summary,
            &mut self.budget,
        ) {
            Ok((talk, given, keys)) => {
                self.speakers.extend(keys);
                if let Some(start) = &talk.start {
                    self.timed
                        .push(Timed::new(start, talk.duration, day, listed_on));
                }
                self.talks.push((talk, given));
                self.summary.talks += 1;
            }
            Err(skipped) => self.summary.skip(skipped),
        }
    }

    /// The program: the talks with unique ids, the schedule's details, and the summary.
    pub fn finish(self, schedule: Schedule, origin: Origin) -> Imported {
        let Builder {
            mut summary,
            base,
            speakers,
            mut talks,
            timed,
            mut budget,
            ..
        } = self;
        let format = summary.format;
        // The schedule's ids first, so an id made from a title never takes one of them.
        let mut ids = Ids::default();
        for given in [true, false] {
            for (talk, _) in talks.iter_mut().filter(|(_, g)| *g == given) {
                talk.id = ids.unique(&talk.id);
            }
        }
        let talks: Vec<Talk> = talks.into_iter().map(|(talk, _)| talk).collect();
        summary.speakers = speakers.len();
        summary.slides = talks.iter().filter(|t| t.slides.is_some()).count();
        let mut notes = schedule.notes;
        notes.extend(summary.links.notes(base.as_ref()));
        summary.notes = notes;
        let description = markup::field(&schedule.description, format, &mut budget);
        summary.notes.extend(budget.notes());
        let info = ProgramInfo {
            title: optional_line(&schedule.title).unwrap_or_else(|| title_of(&origin)),
            id: optional_line(&schedule.acronym),
            subtitle: optional_line(&schedule.subtitle),
            venue: optional_line(&schedule.venue),
            date: optional_line(&schedule.date),
            url: resources::web_address(&schedule.url, None).map(|u| u.to_string()),
            description: Some(description).filter(|d| !d.is_empty()),
            timezone: schedule.zone,
            day_change: clock::day_change(&timed, &schedule.windows, schedule.day_change),
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
}

/// One event as a talk, whether its id is the schedule's (else made from the title), and the
/// keys its speakers are counted by (the schedule's person id, else the name); or why it is
/// skipped. The id is not yet made unique.
fn talk(
    raw: RawEvent,
    index: usize,
    base: Option<&Url>,
    summary: &mut Summary,
    budget: &mut Budget,
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
    let paragraphs = joined_texts(&raw.texts, summary.format, budget);
    let sorted = resources::sort(&raw.resources, base, &title, &mut summary.links);
    let mut paragraphs = paragraphs;
    paragraphs.extend(sorted.texts);
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
            bio: Some(markup::field(&person.bio, summary.format, budget)).filter(|b| !b.is_empty()),
        });
    }
    let mut seen_tags: HashSet<String> = HashSet::new();
    let tags: Vec<String> = raw
        .tags
        .iter()
        .map(|t| sanitize::line(t))
        .filter(|tag| !tag.is_empty() && seen_tags.insert(tag.clone()))
        .collect();
    let talk = Talk {
        id,
        title,
        kind: field_line(&raw.kind),
        abstract_text: Some(paragraphs.join("\n\n")).filter(|t| !t.is_empty()),
        slides: sorted.slides,
        tags,
        speakers,
        subtitle: optional_line(&raw.subtitle),
        start,
        duration,
        room: field_line(&raw.room),
        track: field_line(&raw.track),
        language: field_line(&raw.language),
        links: sorted.links,
    };
    Ok((talk, has_id, keys))
}

/// The paragraphs of an event's texts (abstract, description...) in order. A paragraph that
/// an earlier text already has is left out: frab and FOSDEM descriptions often begin with the
/// abstract again.
fn joined_texts(texts: &[String], format: Format, budget: &mut Budget) -> Vec<String> {
    let mut earlier: HashSet<String> = HashSet::new();
    let mut paragraphs: Vec<String> = Vec::new();
    for text in texts {
        let text = markup::field(text, format, budget);
        let mut own: Vec<String> = Vec::new();
        for paragraph in text.split("\n\n").filter(|p| !p.is_empty()) {
            if !earlier.contains(paragraph) {
                own.push(paragraph.to_owned());
            }
        }
        earlier.extend(own.iter().cloned());
        paragraphs.extend(own);
    }
    paragraphs
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

/// The ids given so far, and for each base id the next number to try, so that `n` talks of
/// one id take `n` steps in all rather than `n` each.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    next: HashMap<String, usize>,
    /// Candidates tried in all: at most twice the ids given, whatever the repeats.
    tried: usize,
}

impl Ids {
    /// `id`, or `id-2`, `id-3`... when it is taken.
    fn unique(&mut self, id: &str) -> String {
        if self.used.insert(id.to_owned()) {
            return id.to_owned();
        }
        let n = self.next.entry(id.to_owned()).or_insert(2);
        loop {
            self.tried += 1;
            let candidate = format!("{id}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
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
        let mut ids = Ids::default();
        let made: Vec<String> = ["a", "a", "a-2", "a", "a-3", "a"]
            .iter()
            .map(|id| ids.unique(id))
            .collect();
        assert_eq!(made, ["a", "a-2", "a-2-2", "a-3", "a-3-2", "a-4"]);
        // Many repeats of one id: each finds its number at once.
        let mut ids = Ids::default();
        for _ in 0..20_000 {
            ids.unique("same");
        }
        assert_eq!(ids.used.len(), 20_000);
        assert_eq!(ids.tried, 19_999);
    }

    #[test]
    fn schedule_ids_win_over_ids_made_from_titles() {
        let event = |ids: &[&str], title: &str| RawEvent {
            ids: ids.iter().map(|id| (*id).to_owned()).collect(),
            title: title.to_owned(),
            ..RawEvent::default()
        };
        let mut builder = Builder::new(Format::Pentabarf, None);
        for raw in [
            event(&[], "Opening"),
            event(&["", "opening"], "Another talk"),
            event(&["7"], "Seven"),
            event(&["7"], "Seven again"),
            event(&[], "東京"),
        ] {
            builder.push(raw);
        }
        let imported = builder.finish(Schedule::default(), Origin::BuiltIn);
        let ids: Vec<&str> = imported
            .program
            .talks
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(ids, ["opening-2", "opening", "7", "7-2", "talk-5"]);
    }
}
