//! The filter panel: its choices (every facet value of the program, with its count) and the
//! highlighted one, owned by the open overlay; picking a value starts a new search.

use std::sync::Arc;

use super::{App, Effect, Overlay};
use crate::action::Command;
use crate::search::filter::{Choice, choices};

/// The open filter panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterPanel {
    /// Every facet value of the program (counted once, shared between panels).
    pub choices: Arc<[Choice]>,
    /// The highlighted choice.
    pub cursor: usize,
}

impl App {
    pub(super) fn open_filters(&mut self) {
        let picks = self.pick_choices();
        let program = &self.program;
        let choices = self
            .derived
            .choices
            .get_or_insert_with(|| choices(program).into());
        // The picks facet comes last, counted from the picks as they are now; like every
        // facet, it shows only the values some talk has.
        let picks: Vec<Choice> = picks.into_iter().filter(|c| c.count > 0).collect();
        let choices = if picks.is_empty() {
            Arc::clone(choices)
        } else {
            choices.iter().cloned().chain(picks).collect()
        };
        self.overlay = Some(Overlay::Filters(FilterPanel { choices, cursor: 0 }));
    }

    pub(super) fn filters_command(&mut self, command: Command) -> Option<Effect> {
        let Some(Overlay::Filters(panel)) = &mut self.overlay else {
            return None;
        };
        let last = panel.choices.len().saturating_sub(1);
        let cursor = panel.cursor;
        panel.cursor = match command {
            Command::Down => (cursor + 1).min(last),
            Command::Up => cursor.saturating_sub(1),
            Command::PageDown => (cursor + 10).min(last),
            Command::PageUp => cursor.saturating_sub(10),
            Command::Top => 0,
            Command::Bottom => last,
            Command::Toggle => {
                let choice = panel.choices.get(cursor)?;
                self.filters.toggle(choice.facet, &choice.value);
                self.sync_pick_filter();
                return self.refresh(self.selected_index());
            }
            Command::ClearFilters => return self.clear_filters(),
            Command::Back | Command::Filters => {
                self.overlay = None;
                return None;
            }
            _ => cursor,
        };
        None
    }

    pub(super) fn clear_filters(&mut self) -> Option<Effect> {
        if self.filters.is_empty() {
            self.set_status("no filters to clear", false);
            return None;
        }
        self.filters.clear();
        self.set_status("filters cleared", false);
        self.refresh(self.selected_index())
    }
}
