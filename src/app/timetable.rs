//! The timetable in the app: `t` shows the selected talk's day as a grid of rooms and time
//! ([`crate::timetable::Grid`]) in place of the list, and its keys move a selection of its own
//! from talk to talk, scroll time and rooms, change the day and narrow the rooms shown.
//!
//! Its state is one [`Timetable`], present while the timetable is shown; the selected talk
//! is the app's selected talk then ([`App::selected_index`]), so the detail pane, the picks
//! and the slides follow it. The drawing side reports how many rows and columns it shows
//! ([`GridViewport`]); the view follows the selection within them.

use std::collections::HashSet;
use std::ops::ControlFlow;

use jiff::civil::Date;

use super::{App, Effect, Focus, Region};
use crate::action::Command;
use crate::program::TalkIx;
use crate::timetable::{Direction, Grid, days, untimed};

/// How much of the grid the last frame showed, and where, for the mouse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GridViewport {
    /// Time rows.
    pub rows: usize,
    /// Room columns.
    pub columns: usize,
    /// The cells of the rows shown, the time labels at their left included.
    pub cells: Region,
    /// The time labels' width, and a column's (the line between rooms included).
    pub label: u16,
    pub column_width: u16,
}

/// The timetable's state while it is shown.
#[derive(Debug)]
pub struct Timetable {
    /// The layout of the day shown.
    pub grid: Grid,
    /// Every conference day of the program, in order.
    pub days: Vec<Date>,
    /// The talks without a time, listed below the grid.
    pub untimed: Vec<TalkIx>,
    /// The selected talk: an index into `grid.talks`.
    pub selected: Option<usize>,
    /// The columns shown, as indices into `grid.rooms`: every room, or those `w` kept.
    pub shown: Vec<usize>,
    /// Whether `w` narrowed the rooms.
    pub narrowed: bool,
    /// The first row shown.
    pub top: usize,
    /// The first column shown: an index into `shown`.
    pub left: usize,
    /// What the last frame showed; `None` until drawn.
    pub viewport: Option<GridViewport>,
    /// For each placed talk, whether the search or the filters leave it out (drawn dim).
    pub dimmed: Vec<bool>,
    /// What `dimmed` was computed for: the search generation, the list's length, whether
    /// the search was still running.
    dim_key: Option<(u64, usize, bool)>,
    /// Bring the selection into view at the next frame.
    follow: bool,
}

impl Timetable {
    fn new(grid: Grid, days: Vec<Date>, untimed: Vec<TalkIx>) -> Timetable {
        let shown = (0..grid.rooms.len()).collect();
        Timetable {
            grid,
            days,
            untimed,
            selected: None,
            shown,
            narrowed: false,
            top: 0,
            left: 0,
            viewport: None,
            dimmed: Vec::new(),
            dim_key: None,
            follow: true,
        }
    }

    /// The selected talk.
    pub fn selected_talk(&self) -> Option<TalkIx> {
        Some(self.grid.talks.get(self.selected?)?.talk)
    }

    /// Rows in a page: those shown less one of overlap.
    fn page(&self) -> usize {
        self.viewport.map_or(1, |v| v.rows.saturating_sub(1)).max(1)
    }

    /// Each room's column among those shown (`None` for a room not shown), so that a pass
    /// over the talks costs one look-up each, however many rooms there are.
    pub(super) fn columns(&self) -> Vec<Option<usize>> {
        let mut columns = vec![None; self.grid.rooms.len()];
        for (column, &room) in self.shown.iter().enumerate() {
            columns[room] = Some(column);
        }
        columns
    }

    /// The first talk of the day: the earliest, in the leftmost room shown.
    fn first_talk(&self) -> Option<usize> {
        let columns = self.columns();
        (0..self.grid.talks.len())
            .filter_map(|k| Some((self.grid.talks[k].top, columns[self.grid.talks[k].room]?, k)))
            .min()
            .map(|(_, _, k)| k)
    }

    /// Keeps the scroll inside the grid, and when asked, the selection inside the view.
    fn clamp(&mut self) {
        let Some(view) = self.viewport else {
            return;
        };
        if self.follow
            && let Some(p) = self.selected.and_then(|k| self.grid.talks.get(k))
        {
            let rows = view.rows.max(1);
            if p.top < self.top {
                self.top = p.top;
            } else if p.bottom() > self.top + rows {
                self.top = p.top.min(p.bottom().saturating_sub(rows));
            }
            if let Some(column) = self.shown.iter().position(|&r| r == p.room) {
                let columns = view.columns.max(1);
                if column < self.left {
                    self.left = column;
                } else if column >= self.left + columns {
                    self.left = column + 1 - columns;
                }
            }
            self.follow = false;
        }
        self.top = self
            .top
            .min(self.grid.rows.saturating_sub(view.rows.max(1)));
        self.left = self
            .left
            .min(self.shown.len().saturating_sub(view.columns.max(1)));
    }

    /// Whether talk `k` has a row in the view.
    fn visible(&self, k: usize) -> bool {
        let rows = self.viewport.map_or(usize::MAX, |v| v.rows.max(1));
        self.grid
            .talks
            .get(k)
            .is_some_and(|p| p.bottom() > self.top && p.top < self.top.saturating_add(rows))
    }

    /// After scrolling time: a talk in the view when the selected one left it, in its room if
    /// one is there, else in the nearest room shown.
    fn reselect_in_view(&mut self) {
        if self.selected.is_some_and(|k| self.visible(k)) {
            return;
        }
        let columns = self.columns();
        let room = self
            .selected
            .and_then(|k| self.grid.talks.get(k))
            .and_then(|p| columns[p.room])
            .unwrap_or(0);
        let found = (0..self.grid.talks.len())
            .filter(|&k| self.visible(k))
            .filter_map(|k| {
                let column = columns[self.grid.talks[k].room]?;
                Some((column.abs_diff(room), self.grid.talks[k].top, k))
            })
            .min();
        if let Some((_, _, k)) = found {
            self.selected = Some(k);
        }
    }
}

impl App {
    /// The focus that goes back to the talks: the grid while the timetable is shown, else
    /// the list.
    pub(super) fn home(&self) -> Focus {
        if self.timetable.is_some() {
            Focus::Grid
        } else {
            Focus::List
        }
    }

    /// `t`: the timetable of the selected talk's day, or the list again.
    pub(super) fn toggle_timetable(&mut self) {
        if let Some(timetable) = self.timetable.take() {
            let talk = timetable.selected_talk();
            match talk.and_then(|t| self.view.position_of(t)) {
                Some(position) => self.select(position),
                // A dimmed talk: the list does not show it.
                None if talk.is_some() => {
                    self.set_status(
                        "the search or the filters leave that talk out of the list",
                        false,
                    );
                }
                None => {}
            }
            self.focus = Focus::List;
            self.clamp();
            return;
        }
        if !self.is_schedule() {
            self.set_status(
                "the timetable needs start times: this program has none",
                false,
            );
            return;
        }
        let talk = self.selected_index();
        self.show_in_timetable(talk);
    }

    /// Shows the timetable of `talk`'s day with it selected (the first day when it has none).
    pub(super) fn show_in_timetable(&mut self, talk: Option<TalkIx>) {
        let all = days(&self.program);
        let day = talk
            .and_then(|t| self.program.conference_day(t.index()))
            .or_else(|| all.first().copied());
        let Some(day) = day else {
            return;
        };
        let Some(grid) = Grid::build(&self.program, day, self.display_zone()) else {
            return;
        };
        let mut timetable = Timetable::new(grid, all, untimed(&self.program));
        let at = talk.and_then(|t| timetable.grid.position_of(t));
        timetable.selected = at.or_else(|| timetable.first_talk());
        // The view starts at the full or half hour of the selected talk.
        if let Some(p) = timetable.selected.map(|k| timetable.grid.talks[k]) {
            let per_half_hour = usize::try_from(30 / timetable.grid.step)
                .unwrap_or(1)
                .max(1);
            timetable.top = p.top / per_half_hour * per_half_hour;
        }
        self.timetable = Some(timetable);
        self.focus = Focus::Grid;
        self.after_grid_move();
    }

    /// Builds the grid of `day` again (another day, another zone, a refreshed program),
    /// keeping the talk selected if it is on that day, else selecting its first talk.
    fn rebuild_timetable(&mut self, day: Date) {
        let keep = self.selected_index();
        let zone = self.display_zone().cloned();
        let Some(timetable) = &mut self.timetable else {
            return;
        };
        let Some(grid) = Grid::build(&self.program, day, zone.as_ref()) else {
            return;
        };
        let narrowed = timetable.narrowed;
        *timetable = Timetable::new(grid, timetable.days.clone(), timetable.untimed.clone());
        let at = keep.and_then(|t| timetable.grid.position_of(t));
        timetable.selected = at.or_else(|| timetable.first_talk());
        if narrowed {
            self.narrow_rooms();
        }
        self.after_grid_move();
    }

    /// The zone shown changed: the grid's rows are labelled in the new one.
    pub(super) fn timetable_zone_changed(&mut self) {
        if let Some(day) = self.timetable.as_ref().map(|t| t.grid.day) {
            self.rebuild_timetable(day);
        }
    }

    /// A refreshed program: the timetable again, of the selected talk's day on the new one,
    /// else of the day shown before.
    pub(super) fn timetable_refreshed(&mut self, day: Option<Date>) {
        let Some(day) = day else { return };
        let talk = self.selected_index();
        self.show_in_timetable(talk);
        let talk_day = talk.and_then(|t| self.program.conference_day(t.index()));
        if talk_day.is_none()
            && self
                .timetable
                .as_ref()
                .is_some_and(|t| t.days.contains(&day))
        {
            self.rebuild_timetable(day);
        }
    }

    /// The selection moved: the detail starts at its top and the view follows.
    fn after_grid_move(&mut self) {
        self.detail.scroll = 0;
        self.detail.pending_jump = None;
        if let Some(t) = &mut self.timetable {
            t.follow = true;
            t.clamp();
        }
        self.looked_at();
    }

    /// The timetable's keys (in the grid); `Continue` for those that mean what they mean in the
    /// list (searching, picks, overlays).
    pub(super) fn timetable_command(&mut self, command: Command) -> ControlFlow<Option<Effect>> {
        let Some(timetable) = self.timetable.as_mut() else {
            return ControlFlow::Continue(());
        };
        let direction = match command {
            Command::Up => Direction::Up,
            Command::Down => Direction::Down,
            Command::Left => Direction::Left,
            Command::Right => Direction::Right,
            Command::PageDown | Command::PageUp | Command::Top | Command::Bottom => {
                let page = timetable.page();
                timetable.top = match command {
                    Command::PageDown => timetable.top.saturating_add(page),
                    Command::PageUp => timetable.top.saturating_sub(page),
                    Command::Top => 0,
                    _ => usize::MAX,
                };
                timetable.follow = false;
                timetable.clamp();
                let before = timetable.selected;
                timetable.reselect_in_view();
                if timetable.selected != before {
                    self.detail.scroll = 0;
                    self.looked_at();
                }
                return ControlFlow::Break(None);
            }
            Command::Select => {
                if timetable.selected.is_some() {
                    self.focus = Focus::Detail;
                }
                return ControlFlow::Break(None);
            }
            Command::NarrowRooms => {
                if timetable.narrowed {
                    timetable.narrowed = false;
                    timetable.shown = (0..timetable.grid.rooms.len()).collect();
                    timetable.follow = true;
                    timetable.clamp();
                    self.set_status("every room", false);
                } else {
                    self.narrow_rooms();
                }
                return ControlFlow::Break(None);
            }
            _ => return ControlFlow::Continue(()),
        };
        let Some(from) = timetable.selected else {
            return ControlFlow::Break(None);
        };
        match timetable.grid.nearest(from, direction, &timetable.shown) {
            Some(k) => {
                timetable.selected = Some(k);
                self.after_grid_move();
            }
            None => self.set_status(
                match direction {
                    Direction::Up => "nothing earlier in this room",
                    Direction::Down => "nothing later in this room",
                    Direction::Left => "no room to the left",
                    Direction::Right => "no room to the right",
                },
                false,
            ),
        }
        ControlFlow::Break(None)
    }

    /// `[`/`]` in the timetable: the day before or after the one shown.
    pub(super) fn timetable_day(&mut self, forward: bool) {
        let Some(t) = &self.timetable else { return };
        let here = t.days.iter().position(|&d| d == t.grid.day);
        let next = match (here, forward) {
            (Some(i), true) => t.days.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| t.days.get(i)),
            (None, _) => t.days.first(),
        };
        match next.copied() {
            Some(day) => {
                self.rebuild_timetable(day);
                if let Some(t) = &mut self.timetable {
                    t.selected = t.first_talk();
                    t.top = 0;
                }
                self.after_grid_move();
            }
            None if forward => self.set_status("no later day", false),
            None => self.set_status("no earlier day", false),
        }
    }

    /// A click on the grid selects the talk under it (in its lane when talks sit side by
    /// side); `false` when the click is not on the grid.
    pub(super) fn timetable_click(&mut self, column: u16, row: u16) -> bool {
        let Some(t) = &mut self.timetable else {
            return false;
        };
        let Some(v) = t.viewport.filter(|v| v.cells.contains(column, row)) else {
            return false;
        };
        self.focus = Focus::Grid;
        let x = column - v.cells.x;
        if x < v.label || v.column_width == 0 {
            return true;
        }
        let offset = x - v.label;
        let Some(&room) = t.shown.get(t.left + usize::from(offset / v.column_width)) else {
            return true;
        };
        let within = offset % v.column_width;
        // As drawn: a column keeps its last cell for the line between rooms, and its lanes
        // share the rest, the last lane taking what the division leaves.
        let boxes = if v.column_width >= 3 {
            v.column_width - 1
        } else {
            v.column_width
        };
        let at = t.top + usize::from(row - v.cells.y);
        let first = t.grid.rooms[room].talks.0;
        let hit = t.grid.room_talks(room).iter().position(|p| {
            let lanes = u16::try_from(p.lanes.max(1)).unwrap_or(u16::MAX);
            let lane = (within / (boxes / lanes).max(1)).min(lanes - 1);
            p.top <= at && at < p.bottom() && usize::from(lane) == p.lane && within < boxes
        });
        if let Some(k) = hit {
            t.selected = Some(first + k);
            self.after_grid_move();
        }
        true
    }

    /// The wheel over the grid scrolls time three rows; `false` when not over the grid.
    pub(super) fn timetable_wheel(&mut self, column: u16, row: u16, down: bool) -> bool {
        let Some(t) = &mut self.timetable else {
            return false;
        };
        if !t.viewport.is_some_and(|v| v.cells.contains(column, row)) {
            return false;
        }
        t.top = if down {
            t.top.saturating_add(3)
        } else {
            t.top.saturating_sub(3)
        };
        t.follow = false;
        t.clamp();
        let before = t.selected;
        t.reselect_in_view();
        if t.selected != before {
            self.detail.scroll = 0;
            self.looked_at();
        }
        true
    }

    /// Stores what the frame showed of the grid, keeps the view in it, and marks the talks
    /// the search or the filters leave out.
    pub(super) fn measured_grid(&mut self, viewport: Option<GridViewport>) {
        let key = (
            self.search.generation,
            self.view.len(),
            self.search.progress.is_some(),
        );
        let idle = self.search.is_idle(&self.search.filters);
        let view = &self.view;
        let Some(t) = &mut self.timetable else { return };
        if viewport.is_some() && viewport != t.viewport {
            t.follow = true;
        }
        t.viewport = viewport;
        t.clamp();
        if idle {
            t.dimmed.clear();
            t.dim_key = None;
        } else if t.dim_key != Some(key) {
            let kept: HashSet<TalkIx> = view.talks().collect();
            t.dimmed = t
                .grid
                .talks
                .iter()
                .map(|p| !kept.contains(&p.talk))
                .collect();
            t.dim_key = Some(key);
        }
    }
}

#[path = "timetable_now.rs"]
mod now;
#[cfg(test)]
#[path = "timetable_tests.rs"]
mod tests;
