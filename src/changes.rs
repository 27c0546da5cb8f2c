//! What changed between two versions of a program, talk by talk, matched by talk id: talks
//! that are new, cancelled (gone, or marked cancelled), moved (another day, time or room) or
//! changed (title, speakers, abstract). A pure function of the two programs, used by
//! `lectern diff` and by the browser after a refresh.

use std::fmt;

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use crate::program::{Program, Talk};

/// One talk's change between the old and the new program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The talk id, the key the two versions are matched on.
    pub id: String,
    /// The title in the new program (in the old one for a talk that is gone).
    pub title: String,
    pub kind: ChangeKind,
}

/// What happened to a talk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    New,
    /// Gone from the new program, or marked cancelled there.
    Cancelled,
    /// Still there, with these differences (never empty).
    Changed(Vec<Field>),
}

/// One difference of a talk that is in both programs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// The conference day (`Saturday → Sunday`).
    Day {
        from: String,
        to: String,
    },
    /// The start time of day (`10:00 → 11:00`).
    Time {
        from: String,
        to: String,
    },
    Room {
        from: String,
        to: String,
    },
    Title,
    Speakers,
    Abstract,
}

impl Field {
    /// Day, time and room changes move a talk; the others change what it says.
    pub fn is_move(&self) -> bool {
        matches!(
            self,
            Field::Day { .. } | Field::Time { .. } | Field::Room { .. }
        )
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Day { from, to } => write!(f, "day {from} → {to}"),
            Field::Time { from, to } => write!(f, "time {from} → {to}"),
            Field::Room { from, to } => write!(f, "room {from} → {to}"),
            Field::Title => f.write_str("title"),
            Field::Speakers => f.write_str("speakers"),
            Field::Abstract => f.write_str("abstract"),
        }
    }
}

impl Change {
    /// Whether the talk moved (day, time or room).
    pub fn moved(&self) -> bool {
        matches!(&self.kind, ChangeKind::Changed(fields) if fields.iter().any(Field::is_move))
    }

    /// The one-line form `lectern diff` prints: `+`, `-` or `~`, the id, the title, and for a
    /// changed talk what changed.
    pub fn line(&self) -> String {
        match &self.kind {
            ChangeKind::New => format!("+ {}  {}", self.id, self.title),
            ChangeKind::Cancelled => format!("- {}  {}", self.id, self.title),
            ChangeKind::Changed(fields) => {
                let what: Vec<String> = fields.iter().map(ToString::to_string).collect();
                format!("~ {}  {}: {}", self.id, self.title, what.join(", "))
            }
        }
    }
}

/// How many talks are new, cancelled, moved and otherwise changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub cancelled: usize,
    pub moved: usize,
    pub changed: usize,
}

impl Counts {
    pub fn of(changes: &[Change]) -> Counts {
        let mut counts = Counts::default();
        for change in changes {
            match &change.kind {
                ChangeKind::New => counts.new += 1,
                ChangeKind::Cancelled => counts.cancelled += 1,
                ChangeKind::Changed(_) if change.moved() => counts.moved += 1,
                ChangeKind::Changed(_) => counts.changed += 1,
            }
        }
        counts
    }
}

/// `3 new, 1 cancelled, 2 moved`: the non-zero counts, or `no changes`.
impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = [
            (self.new, "new"),
            (self.cancelled, "cancelled"),
            (self.moved, "moved"),
            (self.changed, "changed"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if parts.is_empty() {
            f.write_str("no changes")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Whether a talk says it is cancelled: its kind or a tag is "cancelled" (or "canceled"), or
/// its title starts with that word, as schedules mark talks they keep listed.
pub fn is_cancelled(talk: &Talk) -> bool {
    let word = |s: &str| {
        let s = s.trim().trim_start_matches(['[', '(', '*']).to_lowercase();
        s.starts_with("cancelled") || s.starts_with("canceled")
    };
    talk.kind.as_deref().is_some_and(word) || talk.tags.iter().any(|t| word(t)) || word(&talk.title)
}

/// The changes from `old` to `new`: first the talks of the new program in its order (new and
/// changed ones), then the talks gone from it in the old program's order.
pub fn compare(old: &Program, new: &Program) -> Vec<Change> {
    let old_by_id: std::collections::HashMap<&str, &Talk> =
        old.talks.iter().map(|t| (t.id.as_str(), t)).collect();
    let new_ids: std::collections::HashSet<&str> =
        new.talks.iter().map(|t| t.id.as_str()).collect();
    let zone_old = old.info.timezone.as_ref();
    let zone_new = new.info.timezone.as_ref();
    let mut changes = Vec::new();
    for talk in &new.talks {
        let change = |kind| Change {
            id: talk.id.clone(),
            title: talk.title.clone(),
            kind,
        };
        let cancelled = is_cancelled(talk);
        match old_by_id.get(talk.id.as_str()) {
            None if cancelled => {}
            None => changes.push(change(ChangeKind::New)),
            Some(before) if cancelled => {
                if !is_cancelled(before) {
                    changes.push(change(ChangeKind::Cancelled));
                }
            }
            Some(before) if is_cancelled(before) => changes.push(change(ChangeKind::New)),
            Some(before) => {
                let fields = differences(before, zone_old, talk, zone_new);
                if !fields.is_empty() {
                    changes.push(change(ChangeKind::Changed(fields)));
                }
            }
        }
    }
    for talk in &old.talks {
        if !new_ids.contains(talk.id.as_str()) && !is_cancelled(talk) {
            changes.push(Change {
                id: talk.id.clone(),
                title: talk.title.clone(),
                kind: ChangeKind::Cancelled,
            });
        }
    }
    changes
}

/// The start in the program's zone, else in the zone it was written with.
fn local(start: &ZonedDateTime, zone: Option<&TimeZone>) -> ZonedDateTime {
    zone.map_or_else(|| start.clone(), |z| start.with_time_zone(z.clone()))
}

fn differences(
    old: &Talk,
    zone_old: Option<&TimeZone>,
    new: &Talk,
    zone_new: Option<&TimeZone>,
) -> Vec<Field> {
    let mut fields = Vec::new();
    let old_start = old.start.as_ref().map(|s| local(s, zone_old));
    let new_start = new.start.as_ref().map(|s| local(s, zone_new));
    let day = |s: &Option<ZonedDateTime>| {
        s.as_ref().map_or_else(
            || "unscheduled".to_owned(),
            |s| s.strftime("%a %Y-%m-%d").to_string(),
        )
    };
    let time = |s: &Option<ZonedDateTime>| {
        s.as_ref().map_or_else(
            || "unscheduled".to_owned(),
            |s| s.strftime("%H:%M").to_string(),
        )
    };
    let instant = |s: &Option<ZonedDateTime>| s.as_ref().map(ZonedDateTime::timestamp);
    if instant(&old_start) != instant(&new_start) {
        if day(&old_start) != day(&new_start) {
            fields.push(Field::Day {
                from: day(&old_start),
                to: day(&new_start),
            });
        }
        if time(&old_start) != time(&new_start) {
            fields.push(Field::Time {
                from: time(&old_start),
                to: time(&new_start),
            });
        }
    }
    if old.room != new.room {
        let room = |r: &Option<String>| r.clone().unwrap_or_else(|| "no room".to_owned());
        fields.push(Field::Room {
            from: room(&old.room),
            to: room(&new.room),
        });
    }
    if old.title != new.title {
        fields.push(Field::Title);
    }
    let names = |t: &Talk| {
        t.speakers
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
    };
    if names(old) != names(new) {
        fields.push(Field::Speakers);
    }
    if old.abstract_text != new.abstract_text {
        fields.push(Field::Abstract);
    }
    fields
}

#[cfg(test)]
#[path = "changes_tests.rs"]
mod tests;
