//! Time in the app: the clock the loop keeps telling (so tests can set it), the talks running
//! now and next, jumping to them, and showing times in the program's zone or the local one.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{App, Focus};
use crate::program::Talk;
use crate::program::schedule::{is_running, next_start, offset_label};

/// The current time and how times are shown.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// The current time, as last told by `Action::Tick`; `None` until then.
    pub now: Option<Timestamp>,
    /// When the next talks after `now` start.
    pub next: Option<Timestamp>,
    /// The local time zone, when it is known.
    pub local: Option<TimeZone>,
    /// Show times in the local zone rather than the program's.
    pub show_local: bool,
}

/// What a talk is doing at the clock's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Now,
    Next,
    None,
}

impl App {
    /// True when the program has times.
    pub fn is_schedule(&self) -> bool {
        self.derived.schedule.is_some()
    }

    pub(super) fn tick(&mut self, now: Timestamp) {
        self.clock.now = Some(now);
        self.clock.next = next_start(&self.program, now);
    }

    /// The zone to show times in: `None` for the program's own.
    pub fn display_zone(&self) -> Option<&TimeZone> {
        self.clock.local.as_ref().filter(|_| self.clock.show_local)
    }

    /// How the header names the zone times are shown in, for a schedule.
    pub fn zone_label(&self) -> Option<String> {
        self.derived.schedule.as_ref()?;
        if let Some(local) = self.display_zone() {
            return Some(format!("local time ({})", local.iana_or_offset()));
        }
        let mut starts = self.program.talks.iter().filter_map(|t| t.start.as_ref());
        let first = starts.next()?;
        // Without a program zone each talk keeps the zone it was written in.
        if self.program.info.timezone.is_none()
            && starts.any(|s| s.time_zone() != first.time_zone())
        {
            return Some("as written for each talk".to_owned());
        }
        let zone = self.program.zone_for(first);
        Some(offset_label(&first.with_time_zone(zone)))
    }

    /// What talk `talk` is doing now.
    pub fn marker(&self, talk: &Talk) -> Marker {
        let Some(now) = self.clock.now else {
            return Marker::None;
        };
        if is_running(talk, now) {
            Marker::Now
        } else if talk.start.as_ref().map(jiff::ZonedDateTime::timestamp) == self.clock.next
            && self.clock.next.is_some()
        {
            Marker::Next
        } else {
            Marker::None
        }
    }

    pub(super) fn toggle_zone(&mut self) {
        if !self.is_schedule() {
            self.set_status("this program has no times", false);
            return;
        }
        if self.clock.local.is_none() {
            self.set_status("the local time zone is not known", true);
            return;
        }
        self.clock.show_local = !self.clock.show_local;
        let label = self.zone_label().unwrap_or_default();
        self.set_status(format!("times in {label}"), false);
    }

    /// Selects the first talk of the list running now, else the first of the next ones.
    pub(super) fn jump_to_now(&mut self) {
        if !self.is_schedule() {
            self.set_status("this program has no times", false);
            return;
        }
        let Some(now) = self.clock.now else {
            self.set_status("the time is not known yet", false);
            return;
        };
        // Among the talks the list shows: the first running now, else the first of those
        // that start next (the list may be filtered to one track or room).
        let talks = (0..self.view.len()).filter_map(|p| Some((p, self.view.talk_at(p)?)));
        let mut running = None;
        let mut next: Option<(usize, Timestamp)> = None;
        for (position, index) in talks {
            let talk = &self.program.talks[index.index()];
            if is_running(talk, now) {
                running = Some(position);
                break;
            }
            let start = talk.start.as_ref().map(jiff::ZonedDateTime::timestamp);
            if let Some(start) = start.filter(|&s| s > now)
                && next.is_none_or(|(_, best)| start < best)
            {
                next = Some((position, start));
            }
        }
        let (position, text) = match (running, next) {
            (Some(position), _) => (position, "running now"),
            (None, Some((position, _))) => (position, "nothing is running now; this comes next"),
            (None, None) => {
                self.set_status("nothing is running now, and nothing comes next", false);
                return;
            }
        };
        self.focus = Focus::List;
        self.select(position);
        self.set_status(text, false);
    }
}

/// A zone's IANA name, or its offset when it has none.
trait ZoneName {
    fn iana_or_offset(&self) -> String;
}

impl ZoneName for TimeZone {
    fn iana_or_offset(&self) -> String {
        self.iana_name().unwrap_or("no name").to_owned()
    }
}
