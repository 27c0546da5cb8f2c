//! Moving by conference day: `[` and `]` select the first talk of the previous or next day
//! in the list, whatever order it is in (under day headers, or search results by relevance).

use super::{App, Row};

impl App {
    /// The day of the talk at a row of the list, as its header row would say it
    /// ([`Row::Unscheduled`] for a talk without a time); `None` for a header row.
    fn day_at(&self, position: usize) -> Option<Row> {
        let talk = self.view.talk_at(position)?;
        Some(
            self.program
                .conference_day(talk.index())
                .map_or(Row::Unscheduled, Row::Day),
        )
    }

    /// `]`: the first talk of the next day in the list; `[`: the first talk of the day before
    /// the selected one. Says so when there is no such day.
    pub(super) fn jump_day(&mut self, forward: bool) {
        if self.derived.schedule.is_none() {
            self.set_status("this program has no days", false);
            return;
        }
        let from = self.list.selected;
        let Some(day) = self.day_at(from) else {
            return;
        };
        let target = if forward {
            (from + 1..self.view.len()).find(|&p| self.day_at(p).is_some_and(|d| d != day))
        } else {
            // Back past this day's talks to the previous day's, then to the first of those.
            let before = (0..from)
                .rev()
                .find(|&p| self.day_at(p).is_some_and(|d| d != day));
            before.map(|last| {
                let previous = self.day_at(last);
                let mut first = last;
                for p in (0..last).rev() {
                    match self.day_at(p) {
                        None => {}
                        d if d == previous => first = p,
                        _ => break,
                    }
                }
                first
            })
        };
        match target {
            Some(position) => {
                self.select(position);
                // The day's header goes to the top of the list, so the day shows in full.
                self.list.offset = position.saturating_sub(1);
                self.clamp();
            }
            None if forward => self.set_status("no later day", false),
            None => self.set_status("no earlier day", false),
        }
    }
}
