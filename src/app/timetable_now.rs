//! The current time in the timetable: the now line's row, `.` (the day of today, scrolled to
//! the now line, what runs then selected) and `w` (the rooms with a talk now, or of the
//! starred talks).

use crate::action::Command;
use crate::agenda::Mark;
use crate::app::App;
use crate::program::schedule::{conference_day, is_running};

impl App {
    /// The row of the grid at the current time, when the day shown has it.
    fn now_row(&self) -> Option<usize> {
        self.timetable.as_ref()?.grid.row_at(self.clock.now?)
    }

    /// `w`: only the rooms of starred talks on the day shown when anything is starred there,
    /// else the rooms with a talk at the current time (the selected talk's start when the
    /// day shown is not today).
    pub(super) fn narrow_rooms(&mut self) {
        let row = self.now_row();
        let program = &self.program;
        let agenda = &self.agenda;
        let Some(t) = &mut self.timetable else { return };
        let starred: Vec<usize> = t
            .grid
            .talks
            .iter()
            .filter(|p| agenda.mark(program, p.talk.index()) == Some(Mark::Star))
            .map(|p| p.room)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let row = row.or_else(|| Some(t.grid.talks.get(t.selected?)?.top));
        let (rooms, what) = if starred.is_empty() {
            let Some(row) = row else { return };
            let label = t.grid.time_of(row).to_zoned_datetime(t.grid.zone.clone());
            (
                t.grid.rooms_at(row),
                format!("with a talk at {}", label.strftime("%H:%M")),
            )
        } else {
            (starred, "of your starred talks".to_owned())
        };
        if rooms.is_empty() {
            t.narrowed = false;
            self.set_status(format!("no room {what}"), false);
            return;
        }
        t.narrowed = true;
        let count = rooms.len();
        t.shown = rooms;
        let selected_room = t.selected.and_then(|k| t.grid.talks.get(k)).map(|p| p.room);
        if !selected_room.is_some_and(|r| t.shown.contains(&r)) {
            let at = row.unwrap_or(0);
            t.selected = t.grid.nearest_in_room(t.shown[0], at, false);
        }
        let rooms = if count == 1 { "room" } else { "rooms" };
        self.set_status_with_key(
            format!("{count} {rooms} {what}; {{}} shows every room"),
            Command::NarrowRooms,
        );
        self.after_grid_move();
    }

    /// `.` in the timetable: the day of the current time, scrolled to it, the talk running
    /// now selected (in the selected talk's room if one runs there), else the next one.
    pub(in crate::app) fn timetable_now(&mut self) {
        let Some(now) = self.clock.now else {
            self.set_status("the time is not known yet", false);
            return;
        };
        let Some(t) = &self.timetable else { return };
        let zone = self
            .program
            .info
            .timezone
            .clone()
            .unwrap_or(t.grid.zone.clone());
        let day_change = self.program.info.day_change.unwrap_or_default();
        let today = conference_day(&now.to_zoned_datetime(zone.clone()), &zone, day_change);
        if !t.days.contains(&today) {
            self.set_status("today is not a day of this program", false);
            return;
        }
        if t.grid.day != today {
            self.rebuild_timetable(today);
        }
        let program = std::sync::Arc::clone(&self.program);
        let Some(t) = &mut self.timetable else { return };
        let running = |k: &usize| is_running(&program.talks[t.grid.talks[*k].talk.index()], now);
        let columns = t.columns();
        let shown = |k: &usize| columns[t.grid.talks[*k].room].is_some();
        let room = t.selected.and_then(|k| t.grid.talks.get(k)).map(|p| p.room);
        let all = 0..t.grid.talks.len();
        let here = all
            .clone()
            .filter(|k| running(k) && Some(t.grid.talks[*k].room) == room)
            .min();
        let anywhere = || all.clone().filter(|k| running(k) && shown(k)).min();
        let next = || {
            all.clone()
                .filter(|k| {
                    shown(k)
                        && program.talks[t.grid.talks[*k].talk.index()]
                            .start
                            .as_ref()
                            .is_some_and(|s| s.timestamp() > now)
                })
                .min_by_key(|&k| t.grid.talks[k].top)
        };
        let (found, text) = match here.or_else(anywhere) {
            Some(k) => (Some(k), "running now"),
            None => (next(), "nothing is running now; this comes next"),
        };
        let row = t.grid.row_at(now);
        if let Some(k) = found {
            t.selected = Some(k);
        }
        self.after_grid_move();
        // The now line a third of the way down, when the day's rows reach it.
        if let (Some(t), Some(row)) = (&mut self.timetable, row) {
            let rows = t.viewport.map_or(0, |v| v.rows);
            t.top = row.saturating_sub(rows / 3);
            t.follow = true;
            t.clamp();
        }
        if found.is_some() {
            self.set_status(text, false);
        } else {
            self.set_status(
                "nothing is running now, and nothing comes next today",
                false,
            );
        }
    }
}
