//! The agenda as a person reads it: the picked talks by conference day in time order, the free
//! time between them, which starred talks clash, which maybes are fallbacks for a starred talk,
//! talks that moved since they were picked, and picks no longer in the program. Computed on
//! demand from the picks (a few dozen talks), for the agenda view and `lectern agenda`.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use super::{Agenda, Mark, Picked, interval, overlaps};
use crate::program::Program;

/// The agenda, ready to be shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Conference days with picked talks, in order.
    pub days: Vec<Day>,
    /// Picked talks of the program that have no time.
    pub unscheduled: Vec<Item>,
    /// Picks of talks no longer in the program, by talk id, as they were when picked.
    pub gone: Vec<(String, Picked)>,
}

/// One conference day of the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub date: Date,
    pub rows: Vec<Row>,
}

/// A line of a day: a picked talk, or the free time before the next one.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Talk(Item),
    Free(SignedDuration),
}

/// A picked talk of the program.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The talk's index in the program.
    pub talk: usize,
    pub mark: Mark,
    /// When the talk was when it was picked, if it has moved since.
    pub moved_from: Option<Timestamp>,
    /// For a starred talk: the other starred talks it overlaps.
    pub clashes: Vec<usize>,
    /// For a maybe: the starred talks it overlaps, for which it is a fallback (not a clash).
    pub fallback_for: Vec<usize>,
}

impl Plan {
    /// The agenda of `agenda`'s picks in `program`; maybes only when `with_maybes`.
    pub fn new(program: &Program, agenda: &Agenda, with_maybes: bool) -> Plan {
        let mut plan = Plan::default();
        // (start, end, item) of the picked talks with a time.
        let mut timed = Vec::new();
        for (id, picked) in agenda.picks().iter() {
            if picked.mark == Mark::Maybe && !with_maybes {
                continue;
            }
            let Some(i) = agenda.talk_index(id) else {
                plan.gone.push((id.to_owned(), picked.clone()));
                continue;
            };
            let talk = &program.talks[i];
            let item = Item {
                talk: i,
                mark: picked.mark,
                moved_from: None,
                clashes: Vec::new(),
                fallback_for: Vec::new(),
            };
            match interval(talk) {
                Some((start, end)) => {
                    let moved_from = picked.start.filter(|&then| then != start);
                    timed.push((start, end, Item { moved_from, ..item }));
                }
                None => plan.unscheduled.push(item),
            }
        }
        timed.sort_by_key(|&(start, end, ref item)| (start, end, item.talk));
        overlaps_of(&mut timed);
        // The end of the day's latest talk so far: free time runs from it to the next start.
        let mut busy_until = Timestamp::MIN;
        for (start, end, item) in timed {
            let date = program.conference_day(item.talk).unwrap_or_default();
            if plan.days.last().is_none_or(|day| day.date != date) {
                plan.days.push(Day {
                    date,
                    rows: Vec::new(),
                });
                busy_until = start;
            }
            let Some(Day { rows, .. }) = plan.days.last_mut() else {
                continue;
            };
            if busy_until < start {
                rows.push(Row::Free(start.duration_since(busy_until)));
            }
            busy_until = busy_until.max(end);
            rows.push(Row::Talk(item));
        }
        plan
    }

    /// Whether nothing is picked (in the program or not).
    pub fn is_empty(&self) -> bool {
        self.days.is_empty() && self.unscheduled.is_empty() && self.gone.is_empty()
    }
}

/// Fills the clashes and fallbacks of talks sorted by start: each is compared with the earlier
/// ones still running when it starts.
fn overlaps_of(timed: &mut [(Timestamp, Timestamp, Item)]) {
    for b in 1..timed.len() {
        for a in 0..b {
            let (sa, ea, ref ia) = timed[a];
            let (sb, eb, ref ib) = timed[b];
            if !overlaps((sa, ea), (sb, eb)) {
                continue;
            }
            let (ta, tb) = (ia.talk, ib.talk);
            match (ia.mark, ib.mark) {
                (Mark::Star, Mark::Star) => {
                    timed[a].2.clashes.push(tb);
                    timed[b].2.clashes.push(ta);
                }
                (Mark::Star, Mark::Maybe) => timed[b].2.fallback_for.push(ta),
                (Mark::Maybe, Mark::Star) => timed[a].2.fallback_for.push(tb),
                (Mark::Maybe, Mark::Maybe) => {}
            }
        }
    }
}

/// Free time as people say it: `45 min`, `1 h 30`, `2 h`.
pub fn free_time(free: SignedDuration) -> String {
    let minutes = free.as_secs() / 60;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}
