//! The user's own agenda: the talks they pick in a program (starred, or "maybe" as a fallback),
//! what the picks add up to (talks by day, free time, clashes), where picks are kept on disk,
//! and the `lectern agenda` command that prints them or exports them as iCalendar.
//!
//! - [`picks`]: the picks of one program and the three-way merge of two processes' changes;
//! - [`Agenda`] (here): the picks of a loaded program with what the talk list needs fast: a
//!   talk's mark and whether it clashes with a starred talk, at the same cost for 100,000
//!   talks as for 1,000;
//! - [`plan`]: the agenda as it is read: days, free time, clashes, moved and vanished talks;
//! - [`store`]: one small TOML file per program in the data folder, written atomically and
//!   merged with what another process wrote;
//! - [`text`], [`ics`] and [`cmd`]: the agenda as text, as iCalendar, and the command line.
//!
//! Nothing here knows about the terminal; the browser draws what this module computes.

pub mod cmd;
pub mod ics;
pub mod picks;
pub mod plan;
pub mod store;
pub mod text;

use std::collections::{BTreeMap, HashMap};

use jiff::{SignedDuration, Timestamp};

use crate::program::{Program, Talk};

pub use picks::{Mark, Picked, Picks};
pub use plan::Plan;

/// The picks of one loaded program, indexed for the talk list: a talk's mark and its clashes
/// with starred talks are answered in logarithmic time.
#[derive(Debug, Clone)]
pub struct Agenda {
    picks: Picks,
    /// Talk id to its index in the program, built once per program.
    index: HashMap<String, usize>,
    /// The starred talks that have a time: (start, talk index) to end.
    starred: BTreeMap<(Timestamp, usize), Timestamp>,
    /// At least the length of the longest starred talk: how far back from a talk's end a
    /// starred talk overlapping it can start. It never shrinks, which only widens the scan.
    longest: SignedDuration,
}

/// When a talk takes place: `[start, end)`; a talk without a duration is an instant.
pub(crate) fn interval(talk: &Talk) -> Option<(Timestamp, Timestamp)> {
    let start = talk.start.as_ref()?.timestamp();
    let end = talk.end().map_or(start, |end| end.timestamp()).max(start);
    Some((start, end))
}

/// Whether two intervals overlap. Back-to-back talks (one ends as the other starts) do not.
pub(crate) fn overlaps(a: (Timestamp, Timestamp), b: (Timestamp, Timestamp)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

impl Agenda {
    /// The agenda of `program` with `picks` (read from its file, or empty).
    pub fn new(program: &Program, picks: Picks) -> Agenda {
        let index = program
            .talks
            .iter()
            .enumerate()
            .map(|(i, talk)| (talk.id.clone(), i))
            .collect();
        let mut agenda = Agenda {
            picks: Picks::default(),
            index,
            starred: BTreeMap::new(),
            longest: SignedDuration::ZERO,
        };
        agenda.replace_picks(program, picks);
        agenda
    }

    pub fn picks(&self) -> &Picks {
        &self.picks
    }

    /// Takes `picks` as they are now (after a save merged another process's changes).
    pub fn replace_picks(&mut self, program: &Program, picks: Picks) {
        self.starred.clear();
        self.picks = picks;
        let starred: Vec<usize> = self
            .picks
            .iter()
            .filter(|(_, p)| p.mark == Mark::Star)
            .filter_map(|(id, _)| self.index.get(id).copied())
            .collect();
        for i in starred {
            self.add_star(program, i);
        }
    }

    /// The index of talk `id` in the program, if it is there.
    pub fn talk_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The mark of talk `i`.
    pub fn mark(&self, program: &Program, i: usize) -> Option<Mark> {
        self.picks.mark(&program.talks.get(i)?.id)
    }

    /// Marks talk `i` with `mark`, or drops its pick with `None`.
    pub fn set(&mut self, program: &Program, i: usize, mark: Option<Mark>) {
        let Some(talk) = program.talks.get(i) else {
            return;
        };
        if let Some((start, _)) = interval(talk) {
            self.starred.remove(&(start, i));
        }
        self.picks.set(talk, mark);
        if mark == Some(Mark::Star) {
            self.add_star(program, i);
        }
    }

    /// Gives talk `i` `mark`, or takes it away when the talk has it already (the `s` and `m`
    /// keys); returns the talk's mark now.
    pub fn toggle(&mut self, program: &Program, i: usize, mark: Mark) -> Option<Mark> {
        let now = (self.mark(program, i) != Some(mark)).then_some(mark);
        self.set(program, i, now);
        now
    }

    /// Drops the pick of talk `id`, in the program or no longer in it.
    pub fn remove(&mut self, program: &Program, id: &str) {
        match self.talk_index(id) {
            Some(i) => self.set(program, i, None),
            None => {
                self.picks.remove(id);
            }
        }
    }

    fn add_star(&mut self, program: &Program, i: usize) {
        if let Some((start, end)) = program.talks.get(i).and_then(interval) {
            self.starred.insert((start, i), end);
            self.longest = self.longest.max(end.duration_since(start));
        }
    }

    /// A starred talk other than `i` that overlaps talk `i` (the earliest), if any: what the
    /// talk list marks, so the cost of a pick shows before it is made.
    pub fn clash(&self, program: &Program, i: usize) -> Option<usize> {
        let (start, end) = interval(program.talks.get(i)?)?;
        // A starred talk that overlaps starts before `end` and no earlier than `longest`
        // before `start`.
        let from = start.checked_sub(self.longest).unwrap_or(Timestamp::MIN);
        self.starred
            .range((from, 0)..(end, 0))
            .find(|&(&(s, j), &e)| j != i && overlaps((start, end), (s, e)))
            .map(|(&(_, j), _)| j)
    }
}

#[cfg(test)]
mod tests;
