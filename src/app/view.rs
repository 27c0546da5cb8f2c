//! What the talk list shows: rows of talks, and for a schedule, a header row before each
//! conference day.

use jiff::civil::Date;

use crate::program::{Program, TalkIx};

/// One line of the talk list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The start of a conference day.
    Day(Date),
    /// The talks without a time, after the scheduled ones.
    Unscheduled,
    /// A talk.
    Talk(TalkIx),
}

/// The rows of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    rows: Vec<Row>,
    /// The positions of the header rows, in order.
    headers: Vec<usize>,
}

impl View {
    /// Talks in the given order, without headers.
    pub fn flat(talks: impl IntoIterator<Item = TalkIx>) -> View {
        View {
            rows: talks.into_iter().map(Row::Talk).collect(),
            headers: Vec::new(),
        }
    }

    /// Talks in schedule order under a header for each conference day, and the talks without
    /// a time under a last header.
    pub fn grouped(program: &Program, talks: impl IntoIterator<Item = TalkIx>) -> View {
        let mut view = View::default();
        let mut current: Option<Option<Date>> = None;
        for talk in talks {
            let day = program.conference_day(talk.index());
            if current != Some(day) {
                view.headers.push(view.rows.len());
                view.rows.push(day.map_or(Row::Unscheduled, Row::Day));
                current = Some(day);
            }
            view.rows.push(Row::Talk(talk));
        }
        view
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn row(&self, position: usize) -> Option<Row> {
        self.rows.get(position).copied()
    }

    /// The talk at a row, if that row is a talk.
    pub fn talk_at(&self, position: usize) -> Option<TalkIx> {
        match self.rows.get(position)? {
            Row::Talk(i) => Some(*i),
            Row::Day(_) | Row::Unscheduled => None,
        }
    }

    /// How many talks the view has.
    pub fn talk_count(&self) -> usize {
        self.rows.len() - self.headers.len()
    }

    /// The 1-based number of the talk at `position` among the view's talks.
    pub fn ordinal(&self, position: usize) -> usize {
        position + 1 - self.headers.partition_point(|&h| h < position)
    }

    /// The talks, in order.
    pub fn talks(&self) -> impl Iterator<Item = TalkIx> + '_ {
        self.rows.iter().filter_map(|r| match r {
            Row::Talk(i) => Some(*i),
            Row::Day(_) | Row::Unscheduled => None,
        })
    }

    /// The row of a talk, if the view has it.
    pub fn position_of(&self, talk: TalkIx) -> Option<usize> {
        self.rows.iter().position(|r| *r == Row::Talk(talk))
    }

    /// The talk row `n` rows away from `from` (towards the end when `forward`): the nearest
    /// talk row at or past that point, else the nearest before it. `from` itself when the view
    /// has no talks.
    pub fn step(&self, from: usize, n: usize, forward: bool) -> usize {
        if self.rows.is_empty() {
            return from;
        }
        let target = if forward {
            from.saturating_add(n)
                .min(self.rows.len().saturating_sub(1))
        } else {
            from.saturating_sub(n)
        };
        let is_talk = |p: &usize| matches!(self.rows[*p], Row::Talk(_));
        let ahead = || (target..self.rows.len()).find(is_talk);
        let behind = || {
            (0..=target.min(self.rows.len().saturating_sub(1)))
                .rev()
                .find(is_talk)
        };
        let found = if forward {
            ahead().or_else(behind)
        } else {
            behind().or_else(ahead)
        };
        found.unwrap_or(from)
    }

    /// The first talk row.
    pub fn first_talk(&self) -> usize {
        self.step(0, 0, true)
    }

    /// True when the row just above `position` is a header.
    pub fn has_header_above(&self, position: usize) -> bool {
        position > 0 && self.headers.binary_search(&(position - 1)).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ixs<const N: usize>(talks: [u32; N]) -> [TalkIx; N] {
        talks.map(TalkIx)
    }
    use crate::program::schedule::date_time;

    #[test]
    fn grouped_rows_and_steps() {
        let tz = crate::program::schedule::time_zone("Europe/Brussels").expect("zone");
        let mut program = Program::sample(4);
        program.talks[0].start = Some(date_time("2021-02-06T10:00", Some(&tz)).expect("time"));
        program.talks[1].start = Some(date_time("2021-02-06T11:00", Some(&tz)).expect("time"));
        program.talks[2].start = Some(date_time("2021-02-07T09:00", Some(&tz)).expect("time"));
        let view = View::grouped(&program, ixs([0, 1, 2, 3]));
        let sat = jiff::civil::date(2021, 2, 6);
        let sun = jiff::civil::date(2021, 2, 7);
        assert_eq!(
            view.rows,
            [
                Row::Day(sat),
                Row::Talk(TalkIx(0)),
                Row::Talk(TalkIx(1)),
                Row::Day(sun),
                Row::Talk(TalkIx(2)),
                Row::Unscheduled,
                Row::Talk(TalkIx(3))
            ]
        );
        assert_eq!((view.len(), view.talk_count()), (7, 4));
        assert_eq!(view.first_talk(), 1);
        assert_eq!(view.step(1, 1, true), 2);
        assert_eq!(view.step(2, 1, true), 4, "a header is skipped");
        assert_eq!(view.step(4, 1, false), 2);
        assert_eq!(view.step(1, 1, false), 1, "nothing before the first talk");
        assert_eq!(view.step(1, 100, true), 6);
        assert_eq!(view.step(6, 100, false), 1);
        assert_eq!(
            [1, 2, 4, 6].map(|p| view.ordinal(p)),
            [1, 2, 3, 4],
            "talk numbers skip headers"
        );
        assert!(view.has_header_above(4) && !view.has_header_above(2));
        assert_eq!(view.talks().collect::<Vec<_>>(), ixs([0, 1, 2, 3]));
        assert_eq!(view.position_of(TalkIx(2)), Some(4));
    }

    #[test]
    fn empty_and_flat_views() {
        let empty = View::flat([]);
        assert_eq!((empty.first_talk(), empty.step(0, 3, true)), (0, 0));
        let flat = View::flat(ixs([5, 3]));
        assert_eq!(
            (flat.talk_at(1), flat.ordinal(1), flat.step(0, 9, true)),
            (Some(TalkIx(3)), 2, 1)
        );
    }
}
