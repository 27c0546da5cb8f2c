//! The timetable of one conference day, as a layout: rooms side by side, time running down.
//!
//! [`Grid::build`] places every timed talk of a day: its column (the room), its rows (time in
//! steps of 5, 10, 15 or 30 minutes, the largest that every start and end of the day falls on)
//! and its lane within the room when talks in one room overlap, so that overlapping talks sit
//! side by side instead of hiding each other. [`Grid::nearest`] answers the arrow keys: the
//! nearest talk in a direction. Nothing here knows about the terminal: the app keeps a grid
//! for the day shown, and the drawing side turns rows and columns into cells.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::program::{Program, TalkIx};

/// The row steps a grid may use, largest first, in minutes.
const STEPS: [i64; 4] = [30, 15, 10, 5];

/// A talk is laid out as at most this long, so that one absurd duration cannot stretch a day
/// over years of rows.
const LONGEST: SignedDuration = SignedDuration::from_hours(24);

/// One column: a room with talks on the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    /// The room's name; `None` for the talks that name no room.
    pub name: Option<String>,
    /// The talks side by side at the most crowded moment (1 when none overlap).
    pub lanes: usize,
    /// Its talks: `Grid::talks[talks.0..talks.1]`, by start.
    pub talks: (usize, usize),
}

/// A talk's place in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub talk: TalkIx,
    /// Its column: an index into [`Grid::rooms`].
    pub room: usize,
    /// Its lane among the talks it overlaps in its room, and how many lanes they need.
    pub lane: usize,
    pub lanes: usize,
    /// Its first row and how many rows it spans (at least one).
    pub top: usize,
    pub height: usize,
    /// Its track's place among the program's tracks (by first appearance), for its colour.
    pub track: Option<usize>,
}

impl Placed {
    /// The row after its last.
    pub fn bottom(&self) -> usize {
        self.top + self.height
    }

    fn overlaps(&self, other: &Placed) -> bool {
        self.top < other.bottom() && other.top < self.bottom()
    }
}

/// A direction of the arrow keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

/// The layout of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub day: Date,
    /// The zone the rows are labelled in.
    pub zone: TimeZone,
    /// The time of row 0: the earliest start, at the full or half hour before it.
    pub origin: Timestamp,
    /// Minutes per row.
    pub step: i64,
    /// How many rows the day needs.
    pub rows: usize,
    /// The columns, in the program's room order.
    pub rooms: Vec<Room>,
    /// Every placed talk, by room, then by start.
    pub talks: Vec<Placed>,
}

/// The conference days of a program's timed talks, in order.
pub fn days(program: &Program) -> Vec<Date> {
    let mut days: Vec<Date> = (0..program.talks.len())
        .filter_map(|i| program.conference_day(i))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// The talks without a start, in program order.
pub fn untimed(program: &Program) -> Vec<TalkIx> {
    program
        .talk_ixs()
        .filter(|&t| program.talks[t.index()].start.is_none())
        .collect()
}

/// The rank of every room name: the schedule's room order when the program has one (its talks
/// come room by room within each day, as schedule files list them), else the order of each
/// room's first talk in time.
pub fn room_ranks(program: &Program) -> HashMap<&str, usize> {
    let timed: Vec<usize> = (0..program.talks.len())
        .filter(|&i| program.talks[i].start.is_some())
        .collect();
    // Grouped: no (day, room) run starts twice in program order.
    let mut seen = std::collections::HashSet::new();
    let mut grouped = true;
    let mut last: Option<(Option<Date>, Option<&str>)> = None;
    for &i in &timed {
        let key = (program.conference_day(i), program.talks[i].room.as_deref());
        if last != Some(key) && !seen.insert(key) {
            grouped = false;
            break;
        }
        last = Some(key);
    }
    let mut order = timed;
    if !grouped {
        // A stable sort: rooms whose first talks start together keep the program's order.
        order.sort_by_key(|&i| {
            program.talks[i]
                .start
                .as_ref()
                .map(jiff::ZonedDateTime::timestamp)
        });
    }
    let mut ranks = HashMap::new();
    for i in order {
        if let Some(room) = program.talks[i].room.as_deref() {
            let next = ranks.len();
            ranks.entry(room).or_insert(next);
        }
    }
    ranks
}

/// Every track's place in the program, by first appearance.
fn track_ranks(program: &Program) -> HashMap<&str, usize> {
    let mut ranks = HashMap::new();
    for talk in &program.talks {
        if let Some(track) = talk.track.as_deref() {
            let next = ranks.len();
            ranks.entry(track).or_insert(next);
        }
    }
    ranks
}

/// Seconds from `origin` to `t`.
fn seconds(origin: Timestamp, t: Timestamp) -> i64 {
    t.duration_since(origin).as_secs()
}

/// The largest step every offset (seconds from a full or half hour) falls on; 5 minutes when
/// none fits, the times being rounded to it.
fn step_for(offsets: &[i64]) -> i64 {
    STEPS
        .into_iter()
        .find(|&step| offsets.iter().all(|s| s % (step * 60) == 0))
        .unwrap_or(5)
}

impl Grid {
    /// The grid of `day`: its timed talks, labelled in `zone` (the program's when `None`).
    /// `None` when the day has no timed talk.
    pub fn build(program: &Program, day: Date, zone: Option<&TimeZone>) -> Option<Grid> {
        let of_day: Vec<usize> = (0..program.talks.len())
            .filter(|&i| program.conference_day(i) == Some(day))
            .collect();
        let first = program.talks[*of_day.first()?].start.as_ref()?;
        let zone = zone.cloned().unwrap_or_else(|| program.zone_for(first));
        let span = |i: usize| {
            let talk = &program.talks[i];
            let start = talk.start.as_ref().map(jiff::ZonedDateTime::timestamp)?;
            let length = talk
                .duration
                .unwrap_or_default()
                .clamp(SignedDuration::ZERO, LONGEST);
            Some((start, start.checked_add(length).unwrap_or(start)))
        };
        let earliest = of_day.iter().filter_map(|&i| span(i)).map(|s| s.0).min()?;
        // Row 0 is at the full or half hour, in the zone shown, at or before the first start.
        let wall = earliest.to_zoned_datetime(zone.clone());
        let back = i64::from(wall.minute() % 30) * 60 + i64::from(wall.second());
        let origin = earliest
            .checked_sub(SignedDuration::from_secs(back))
            .unwrap_or(earliest);
        let offsets = of_day
            .iter()
            .filter_map(|&i| span(i))
            .flat_map(|(s, e)| [seconds(origin, s), seconds(origin, e)])
            .collect::<Vec<i64>>();
        let step = step_for(&offsets);
        let step_secs = step * 60;
        let rooms = room_ranks(program);
        let tracks = track_ranks(program);
        let mut talks: Vec<Placed> = of_day
            .iter()
            .filter_map(|&i| {
                let (start, end) = span(i)?;
                let top = seconds(origin, start).div_euclid(step_secs);
                let bottom = (seconds(origin, end) + step_secs - 1).div_euclid(step_secs);
                let talk = &program.talks[i];
                Some(Placed {
                    talk: TalkIx::from_index(i),
                    // The room's rank for now; the column index once the columns are known.
                    room: talk
                        .room
                        .as_deref()
                        .and_then(|r| rooms.get(r).copied())
                        .unwrap_or(usize::MAX),
                    lane: 0,
                    lanes: 1,
                    top: usize::try_from(top).unwrap_or(0),
                    height: usize::try_from(bottom - top).unwrap_or(0).max(1),
                    track: talk.track.as_deref().and_then(|t| tracks.get(t).copied()),
                })
            })
            .collect();
        talks.sort_by_key(|p| (p.room, p.top, p.talk));
        let mut columns: Vec<Room> = Vec::new();
        let mut at = 0;
        while at < talks.len() {
            let rank = talks[at].room;
            let end = at + talks[at..].iter().take_while(|p| p.room == rank).count();
            let name = program.talks[talks[at].talk.index()].room.clone();
            let lanes = assign_lanes(&mut talks[at..end]);
            for p in &mut talks[at..end] {
                p.room = columns.len();
            }
            columns.push(Room {
                name: name.filter(|_| rank != usize::MAX),
                lanes,
                talks: (at, end),
            });
            at = end;
        }
        let rows = talks.iter().map(Placed::bottom).max().unwrap_or(1);
        Some(Grid {
            day,
            zone,
            origin,
            step,
            rows,
            rooms: columns,
            talks,
        })
    }

    /// The time at the top of row `row`.
    pub fn time_of(&self, row: usize) -> Timestamp {
        let secs = i64::try_from(row)
            .unwrap_or(i64::MAX)
            .saturating_mul(self.step * 60);
        self.origin
            .checked_add(SignedDuration::from_secs(secs))
            .unwrap_or(self.origin)
    }

    /// The label of row `row`: its time (`09:30`) on the full and half hours, else `None`.
    pub fn label(&self, row: usize) -> Option<String> {
        let wall = self.time_of(row).to_zoned_datetime(self.zone.clone());
        (wall.minute() % 30 == 0).then(|| wall.strftime("%H:%M").to_string())
    }

    /// The row at time `t`, when the day's rows reach it.
    pub fn row_at(&self, t: Timestamp) -> Option<usize> {
        let secs = seconds(self.origin, t);
        let row = usize::try_from(secs.div_euclid(self.step * 60)).ok()?;
        (secs >= 0 && row < self.rows).then_some(row)
    }

    /// The talks of room `room`, by start.
    pub fn room_talks(&self, room: usize) -> &[Placed] {
        self.rooms
            .get(room)
            .map_or(&[], |r| &self.talks[r.talks.0..r.talks.1])
    }

    /// The placed talk of `talk`, if it is on this day.
    pub fn position_of(&self, talk: TalkIx) -> Option<usize> {
        self.talks.iter().position(|p| p.talk == talk)
    }

    /// The rooms with a talk at row `row`.
    pub fn rooms_at(&self, row: usize) -> Vec<usize> {
        (0..self.rooms.len())
            .filter(|&r| {
                self.room_talks(r)
                    .iter()
                    .any(|p| p.top <= row && row < p.bottom())
            })
            .collect()
    }

    /// In room `room`, the talk at row `row`, else the one starting nearest to it (the earlier
    /// on a tie); the lowest lane first, or the highest when `last_lane`.
    pub fn nearest_in_room(&self, room: usize, row: usize, last_lane: bool) -> Option<usize> {
        let first = self.rooms.get(room)?.talks.0;
        let distance = |p: &Placed| {
            if p.top <= row && row < p.bottom() {
                (0, 0)
            } else {
                (1, p.top.abs_diff(row) * 2 + usize::from(p.top > row))
            }
        };
        let lane = |p: &Placed| {
            if last_lane {
                usize::MAX - p.lane
            } else {
                p.lane
            }
        };
        self.room_talks(room)
            .iter()
            .enumerate()
            .min_by_key(|(_, p)| (distance(p), lane(p)))
            .map(|(k, _)| first + k)
    }

    /// The nearest talk from talk `from` (an index into `talks`) in a direction, among the
    /// rooms `shown` (column indices, in order): up and down, the talk before or after it in
    /// its room; left and right, first a talk beside it in its room, then the talk at its time
    /// (or nearest to it) in the next shown room that has one.
    pub fn nearest(&self, from: usize, direction: Direction, shown: &[usize]) -> Option<usize> {
        let at = *self.talks.get(from)?;
        let (first, _) = self.rooms.get(at.room)?.talks;
        let in_room = self.room_talks(at.room).iter().enumerate();
        let index = |(k, _): (usize, &Placed)| first + k;
        match direction {
            Direction::Down => in_room
                .filter(|(_, p)| p.top > at.top)
                .min_by_key(|(_, p)| (p.top, p.lane.abs_diff(at.lane)))
                .map(index),
            Direction::Up => in_room
                .filter(|(_, p)| p.top < at.top)
                .min_by_key(|(_, p)| (at.top - p.top, p.lane.abs_diff(at.lane)))
                .map(index),
            Direction::Left | Direction::Right => {
                let right = direction == Direction::Right;
                let beside = in_room
                    .filter(|(_, p)| {
                        p.overlaps(&at) && (p.lane > at.lane) == right && p.lane != at.lane
                    })
                    .min_by_key(|(_, p)| (p.lane.abs_diff(at.lane), p.top.abs_diff(at.top)))
                    .map(index);
                if beside.is_some() {
                    return beside;
                }
                let here = shown.iter().position(|&r| r == at.room)?;
                let mut next: Box<dyn Iterator<Item = &usize>> = if right {
                    Box::new(shown[here + 1..].iter())
                } else {
                    Box::new(shown[..here].iter().rev())
                };
                next.find_map(|&room| self.nearest_in_room(room, at.top, !right))
            }
        }
    }
}

/// Gives each talk of one room (sorted by start) a lane: the lowest free one as they start;
/// talks that overlap, directly or through each other, share a lane count. Returns the most
/// lanes the room needs. Heaps keep it at `n log n`, so a hostile schedule of thousands of
/// talks at one time in one room costs milliseconds, not minutes.
fn assign_lanes(talks: &mut [Placed]) -> usize {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut most = 1;
    let mut cluster_start = 0;
    let mut cluster_end = 0;
    // Lanes in use, by the row they are free again from; lanes free again, lowest first.
    let mut busy: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
    let mut free: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut lanes = 0;
    for k in 0..talks.len() {
        let p = talks[k];
        if p.top >= cluster_end && k > 0 {
            close_cluster(&mut talks[cluster_start..k], lanes);
            most = most.max(lanes);
            busy.clear();
            free.clear();
            lanes = 0;
            cluster_start = k;
        }
        while let Some(&Reverse((until, lane))) = busy.peek() {
            if until > p.top {
                break;
            }
            busy.pop();
            free.push(Reverse(lane));
        }
        let lane = if let Some(Reverse(lane)) = free.pop() {
            lane
        } else {
            lanes += 1;
            lanes - 1
        };
        busy.push(Reverse((p.bottom(), lane)));
        talks[k].lane = lane;
        cluster_end = if k == cluster_start {
            p.bottom()
        } else {
            cluster_end.max(p.bottom())
        };
    }
    let end = talks.len();
    close_cluster(&mut talks[cluster_start..end], lanes);
    most.max(lanes)
}

fn close_cluster(talks: &mut [Placed], lanes: usize) {
    for p in talks {
        p.lanes = lanes.max(1);
    }
}

#[cfg(test)]
mod tests;
