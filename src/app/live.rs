//! A program that changes while it is browsed: a refresh brings a new version, which replaces
//! the old one keeping the user's place (the selected talk, its scroll, the search, the
//! filters), and what changed is counted on the status line, listed in the changes overlay
//! and marked in the list until each changed talk is looked at.

use std::collections::HashSet;
use std::sync::Arc;

use super::{App, Effect};
use crate::action::{Fresh, Shared};
use crate::changes::{self, Change, Counts};

/// What changed, for the overlay and the list's marks.
#[derive(Debug, Clone, Default)]
pub struct Live {
    /// The changes since the version last seen, for the changes overlay.
    pub changes: Vec<Change>,
    /// Ids of changed talks not selected since.
    pub unseen: HashSet<String>,
    /// The detail's scroll to restore once the refreshed list is rebuilt.
    scroll: Option<(String, usize)>,
    /// How many times the program was replaced: what was drawn of an older one is stale.
    pub version: u64,
}

impl Live {
    /// Takes `changes` as the latest: every changed talk still in the program is unseen.
    pub fn set(&mut self, changes: Vec<Change>) {
        self.unseen = changes.iter().map(|c| c.id.clone()).collect();
        self.changes = changes;
    }
}

/// The status line after a refresh or an opening that found changes.
pub fn summary(changes: &[Change]) -> String {
    format!("{}: press C to see them", Counts::of(changes))
}

/// The changes in the order the overlay lists them: the talks for which `first` holds (the
/// user's picks, when the program has picks) before the others, each group in its own order.
pub fn ordered(changes: &[Change], first: impl Fn(&str) -> bool) -> Vec<&Change> {
    let mut list: Vec<&Change> = changes.iter().collect();
    list.sort_by_key(|c| !first(&c.id));
    list
}

impl App {
    /// Takes a refreshed version of the program in place of the shown one.
    pub(super) fn refreshed(&mut self, fresh: Fresh) -> Effect {
        let found = changes::compare(&self.program, &fresh.program.0);
        let selected = self.selected_talk().map(|t| t.id.clone());
        let program = Arc::try_unwrap(fresh.program.0).unwrap_or_else(|shared| (*shared).clone());
        let mut next = App::new(program);
        let program = Arc::clone(&next.program);
        next.focus = self.focus;
        next.clock = std::mem::take(&mut self.clock);
        next.filters = std::mem::take(&mut self.filters);
        next.search = std::mem::take(&mut self.search);
        next.search.forget_talks();
        next.source_note = fresh.note;
        next.live = std::mem::take(&mut self.live);
        next.live.version += 1;
        if !found.is_empty() {
            next.live.set(found);
        }
        next.live.scroll = selected.clone().map(|id| (id, self.detail.scroll));
        if let Some(ix) = selected.and_then(|id| program.talks.iter().position(|t| t.id == id))
            && let Some(row) = next
                .view
                .position_of(crate::program::TalkIx::from_index(ix))
        {
            next.list.selected = row;
        }
        let status = if next.live.changes.is_empty() {
            "refreshed: no changes".to_owned()
        } else {
            format!("refreshed: {}", summary(&next.live.changes))
        };
        *self = next;
        self.set_status(status, false);
        Effect::Reindex(Shared(program))
    }

    /// The search thread has the new program: the search and filters run again on it, and
    /// the detail goes back to where it was.
    pub(super) fn reindexed(&mut self) -> Option<Effect> {
        let effect = self.refresh(self.selected_index());
        if let Some((id, scroll)) = self.live.scroll.take()
            && self.selected_talk().is_some_and(|t| t.id == id)
        {
            self.detail.scroll = scroll;
            self.clamp();
        }
        effect
    }

    /// The selected talk has been looked at: it is no longer marked changed.
    pub(super) fn looked_at(&mut self) {
        if self.live.unseen.is_empty() {
            return;
        }
        if let Some(id) = self.selected_talk().map(|t| t.id.clone()) {
            self.live.unseen.remove(&id);
        }
    }
}
