//! The filter panel: its choices (every facet value of the program), their counts under the
//! other facets' picks, the text that narrows them and the highlighted one, owned by the open
//! overlay; picking a value starts a new search.
//!
//! A facet is a [`Facet`] variant with its values ([`crate::search::filter::values`]): the
//! panel groups, counts and narrows every facet alike, so one more facet needs nothing here.

use std::sync::Arc;

use super::{App, Effect, Overlay};
use crate::action::Command;
use crate::input::LineInput;
use crate::search::filter::{Choice, choices, live_counts};
use crate::search::fold::fold;

/// The open filter panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterPanel {
    /// Every facet value of the program (counted once, shared between panels).
    pub choices: Arc<[Choice]>,
    /// For each choice, the talks that have it among those the other facets' picks keep:
    /// a room without a talk left under the picked track counts 0.
    pub counts: Vec<usize>,
    /// The text that narrows the values (typed after `/`).
    pub narrow: LineInput,
    /// True while typing the narrowing text.
    pub typing: bool,
    /// The choices shown: those whose facet or value has the narrowing text, in order.
    pub shown: Vec<usize>,
    /// The highlighted choice: a position in `shown`.
    pub cursor: usize,
}

impl FilterPanel {
    /// The highlighted choice.
    pub fn current(&self) -> Option<&Choice> {
        self.choices.get(*self.shown.get(self.cursor)?)
    }

    /// Shows the choices the narrowing text matches (case and accents aside), keeping the
    /// highlighted one when it still shows.
    fn narrow_again(&mut self) {
        let before = self.shown.get(self.cursor).copied();
        let needle = fold(self.narrow.text().trim(), true);
        self.shown = (0..self.choices.len())
            .filter(|&i| {
                let c = &self.choices[i];
                needle.is_empty()
                    || fold(&c.value, true).contains(&needle)
                    || c.facet.name().contains(&needle)
            })
            .collect();
        self.cursor = before
            .and_then(|b| self.shown.iter().position(|&i| i == b))
            .unwrap_or(0);
    }
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
        let mut panel = FilterPanel {
            choices,
            ..FilterPanel::default()
        };
        panel.counts = live_counts(&self.program, &self.search.filters, &panel.choices);
        panel.narrow_again();
        self.overlay = Some(Overlay::Filters(panel));
    }

    /// Whether the panel takes typed text (its narrowing prompt is open).
    pub fn filters_typing(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Filters(p)) if p.typing)
    }

    /// Typed text while the panel's narrowing prompt is open.
    pub(super) fn narrow_filters(&mut self, text: &str) {
        if let Some(Overlay::Filters(panel)) = &mut self.overlay
            && panel.typing
        {
            panel.narrow.insert(text);
            panel.narrow_again();
        }
    }

    pub(super) fn filters_command(&mut self, command: Command) -> Option<Effect> {
        let Some(Overlay::Filters(panel)) = &mut self.overlay else {
            return None;
        };
        if panel.typing && typing_command(panel, command) {
            return None;
        }
        let last = panel.shown.len().saturating_sub(1);
        let cursor = panel.cursor;
        panel.cursor = match command {
            Command::Down | Command::HistoryNext => (cursor + 1).min(last),
            Command::Up | Command::HistoryPrev => cursor.saturating_sub(1),
            Command::PageDown => (cursor + 10).min(last),
            Command::PageUp => cursor.saturating_sub(10),
            Command::Top => 0,
            Command::Bottom => last,
            Command::Search => {
                panel.typing = true;
                cursor
            }
            Command::Toggle => {
                let choice = panel.current()?.clone();
                self.search.filters.toggle(choice.facet, &choice.value);
                self.sync_pick_filter();
                self.recount_filters();
                return self.refresh(self.selected_index());
            }
            Command::ClearFilters => {
                let effect = self.clear_filters();
                self.recount_filters();
                return effect;
            }
            Command::Back | Command::Filters => {
                self.overlay = None;
                return None;
            }
            _ => cursor,
        };
        None
    }

    /// Counts the panel's values again under the filters picked now.
    fn recount_filters(&mut self) {
        if let Some(Overlay::Filters(panel)) = &mut self.overlay {
            panel.counts = live_counts(&self.program, &self.search.filters, &panel.choices);
        }
    }

    pub(super) fn clear_filters(&mut self) -> Option<Effect> {
        if self.search.filters.is_empty() {
            self.set_status("no filters to clear", false);
            return None;
        }
        self.search.filters.clear();
        self.set_status("filters cleared", false);
        self.refresh(self.selected_index())
    }
}

/// Keys of the narrowing prompt: editing keys change the text; Enter keeps it and gives the
/// keys back to the panel, Esc drops it. `false` for keys the panel handles (moving).
fn typing_command(panel: &mut FilterPanel, command: Command) -> bool {
    let input = &mut panel.narrow;
    match command {
        Command::Submit => panel.typing = false,
        Command::Back => {
            panel.typing = false;
            *input = LineInput::default();
        }
        editing if input.edit(editing) => {}
        _ => return false,
    }
    panel.narrow_again();
    true
}
