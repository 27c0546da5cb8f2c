//! The user's picks in the browser: starring a talk or marking it "maybe" from any view of
//! talks, the agenda overlay (the picked talks by day, where Enter reads a talk and `s`/`m`
//! change it), and the "picks" facet of the filters. The picks live in [`App::agenda`]; every
//! change is saved by the effect runner ([`Effect::SavePicks`]), which answers with the picks
//! as merged with what another Lectern wrote ([`Action::PicksSaved`](crate::action::Action)).

use super::{App, Effect, Focus, Overlay};
use crate::action::Command;
use crate::agenda::{Mark, Picks, Plan, plan};
use crate::input::LineInput;
use crate::program::TalkIx;
use crate::search::Query;
use crate::search::filter::{Choice, Facet};

/// The values of the picks facet in the filter panel.
pub const STARRED: &str = "starred";
pub const MAYBE: &str = "maybe";

/// The open agenda overlay: which of its entries is highlighted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgendaOverlay {
    pub selected: usize,
}

/// A pick the agenda overlay lists, in the order it shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A talk of the program (its index).
    Talk(usize),
    /// A pick of a talk no longer in the program (its id).
    Gone(String),
}

/// The picks of `plan` in the order the overlay shows them: by day and time, then the talks
/// without a time, then the picks no longer in the program.
pub fn entries(plan: &Plan) -> Vec<Entry> {
    let timed = plan.days.iter().flat_map(|day| &day.rows);
    let timed = timed.filter_map(|row| match row {
        plan::Row::Talk(item) => Some(Entry::Talk(item.talk)),
        plan::Row::Free(_) => None,
    });
    timed
        .chain(plan.unscheduled.iter().map(|item| Entry::Talk(item.talk)))
        .chain(plan.gone.iter().map(|(id, _)| Entry::Gone(id.clone())))
        .collect()
}

impl App {
    /// The agenda as the overlay shows it: starred talks and maybes.
    pub fn plan(&self) -> Plan {
        Plan::new(&self.program, &self.agenda, true)
    }

    /// The `s` and `m` keys in the panes: toggle the selected talk's mark.
    pub(super) fn toggle_selected(&mut self, mark: Mark) -> Option<Effect> {
        let talk = self.selected_index()?;
        Some(self.toggle_pick(talk.index(), mark))
    }

    /// Toggles talk `i`'s mark and asks for the picks to be saved.
    fn toggle_pick(&mut self, i: usize, mark: Mark) -> Effect {
        self.agenda.toggle(&self.program, i, mark);
        Effect::SavePicks(self.agenda.picks().clone())
    }

    /// The picks read as the browser starts; a damaged file is reported on the status line.
    pub(super) fn picks_loaded(&mut self, picks: Picks, problem: Option<String>) -> Option<Effect> {
        self.agenda.replace_picks(&self.program, picks);
        if let Some(problem) = problem {
            self.set_status(problem, true);
        }
        self.picks_changed()
    }

    /// The picks as saved, merged with another Lectern's; or why they could not be saved
    /// (the picks made here stay, and the next change tries again).
    pub(super) fn picks_saved(&mut self, saved: Result<Picks, String>) -> Option<Effect> {
        match saved {
            Ok(picks) => self.agenda.replace_picks(&self.program, picks),
            Err(message) => self.set_status(message, true),
        }
        self.picks_changed()
    }

    /// After the picks changed: the list filtered on them is searched again.
    fn picks_changed(&mut self) -> Option<Effect> {
        if self.sync_pick_filter() {
            self.refresh(self.selected_index())
        } else {
            None
        }
    }

    /// Hands the filters the talks with the picked values of the picks facet; returns whether
    /// they changed.
    pub(super) fn sync_pick_filter(&mut self) -> bool {
        let star = self
            .search
            .filters
            .values_of(Facet::Pick)
            .any(|v| v == STARRED);
        let maybe = self
            .search
            .filters
            .values_of(Facet::Pick)
            .any(|v| v == MAYBE);
        let talks = self
            .agenda
            .picks()
            .iter()
            .filter(|(_, p)| match p.mark {
                Mark::Star => star,
                Mark::Maybe => maybe,
            })
            .filter_map(|(id, _)| self.agenda.talk_index(id))
            .collect();
        self.search.filters.set_picked(talks)
    }

    /// The picks facet's choices, counted from the picks now (of talks in the program: a
    /// pick no longer in it is no talk the list could show).
    pub(super) fn pick_choices(&self) -> [Choice; 2] {
        let count = |mark| {
            let picks = self.agenda.picks().iter();
            picks
                .filter(|(id, p)| p.mark == mark && self.agenda.talk_index(id).is_some())
                .count()
        };
        [
            Choice {
                facet: Facet::Pick,
                value: STARRED.to_owned(),
                count: count(Mark::Star),
            },
            Choice {
                facet: Facet::Pick,
                value: MAYBE.to_owned(),
                count: count(Mark::Maybe),
            },
        ]
    }

    pub(super) fn open_agenda(&mut self) {
        // Open on the selected talk when it is picked.
        let entries = entries(&self.plan());
        let selected = self
            .selected_index()
            .and_then(|t| entries.iter().position(|e| *e == Entry::Talk(t.index())))
            .unwrap_or(0);
        self.overlay = Some(Overlay::Agenda(AgendaOverlay { selected }));
    }

    /// A key in the agenda overlay.
    pub(super) fn agenda_command(&mut self, command: Command) -> Option<Effect> {
        let entries = entries(&self.plan());
        let Some(Overlay::Agenda(overlay)) = &mut self.overlay else {
            return None;
        };
        let last = entries.len().saturating_sub(1);
        let at = overlay.selected.min(last);
        overlay.selected = match command {
            Command::Down => (at + 1).min(last),
            Command::Up => at.saturating_sub(1),
            Command::PageDown => (at + 10).min(last),
            Command::PageUp => at.saturating_sub(10),
            Command::Top => 0,
            Command::Bottom => last,
            Command::Agenda | Command::Back => {
                self.overlay = None;
                return None;
            }
            Command::Select => return self.read_pick(entries.get(at)?),
            Command::Star | Command::Maybe => {
                let mark = if command == Command::Star {
                    Mark::Star
                } else {
                    Mark::Maybe
                };
                let effect = match entries.get(at)? {
                    Entry::Talk(i) => Some(self.toggle_pick(*i, mark)),
                    // A talk no longer in the program cannot be picked again: its pick can
                    // only be dropped.
                    Entry::Gone(id) => {
                        self.agenda.remove(&self.program, id);
                        Some(Effect::SavePicks(self.agenda.picks().clone()))
                    }
                };
                // Keep the highlight on the same row, or the last one left.
                let left = entries_len(self);
                if let Some(Overlay::Agenda(overlay)) = &mut self.overlay {
                    overlay.selected = at.min(left.saturating_sub(1));
                }
                return effect;
            }
            Command::ExportAgenda => {
                return Some(Effect::ExportAgenda(self.agenda.picks().clone()));
            }
            _ => at,
        };
        None
    }

    /// Enter in the agenda: closes it and shows the talk in the detail. A talk the search or
    /// the filters hide is shown by clearing both, and the status line says so.
    fn read_pick(&mut self, entry: &Entry) -> Option<Effect> {
        let Entry::Talk(i) = entry else {
            self.set_status("this talk is no longer in the program", false);
            return None;
        };
        let talk = TalkIx::from_index(*i);
        self.overlay = None;
        self.focus = Focus::Detail;
        // In the timetable: the talk's day, the talk selected, whatever the search leaves out.
        if self.timetable.is_some() && self.program.conference_day(*i).is_some() {
            self.show_in_timetable(Some(talk));
            self.focus = Focus::Detail;
            return None;
        }
        self.timetable = None;
        if let Some(position) = self.view.position_of(talk) {
            self.select(position);
            return None;
        }
        self.search.input = LineInput::default();
        self.search.query = Query::default();
        self.search.filters.clear();
        self.set_status("search and filters cleared to show the talk", false);
        self.refresh(Some(talk))
    }
}

fn entries_len(app: &App) -> usize {
    entries(&app.plan()).len()
}

#[cfg(test)]
#[path = "picks_tests.rs"]
mod tests;
