//! Searching in the app: the prompt, its history, and results arriving from the search
//! thread.

use std::sync::Arc;

use super::{App, Effect, Overlay, View};
use crate::action::Command;
use crate::input::{History, LineInput};
use crate::program::TalkIx;
use crate::search::worker::{Job, Progress};
use crate::search::{Filters, Query};

/// The search prompt and the state of the current search.
#[derive(Debug, Default)]
pub struct SearchState {
    pub input: LineInput,
    /// The facet values the user picked: with the query, what the list keeps.
    pub filters: Filters,
    /// The query the list shows (parsed from `input`).
    pub query: Query,
    /// This session's earlier queries.
    pub history: History,
    /// Increases with every change of query or filters; results of older ones are dropped.
    pub generation: u64,
    /// While a search runs: (talks looked at, talks to look at).
    pub progress: Option<(usize, usize)>,
    /// The talks the last complete search could not rule out for a longer query (its hits and
    /// near misses), in program order, with the query and filters it answers: a narrower query
    /// searches only these.
    last: Option<(Query, Filters, Arc<Vec<TalkIx>>)>,
    /// The talk selected when the prompt opened, to come back to when the search is cleared.
    before: Option<TalkIx>,
    /// The talk to keep selected when the running search's result arrives (a filter changed,
    /// or the search was cleared); `None` selects the best match.
    keep: Option<TalkIx>,
    /// The last complete result of a query, best first: shown as it is when `by_rank`, else
    /// under the program's day headers in time order.
    ranked: Vec<TalkIx>,
    /// Results by relevance instead of by day and time.
    pub by_rank: bool,
}

impl SearchState {
    /// Forgets every talk it refers to (the last result, the talks to come back to): the
    /// program they belonged to has been replaced by a new version.
    pub fn forget_talks(&mut self) {
        self.last = None;
        self.before = None;
        self.keep = None;
        self.progress = None;
        self.generation += 1;
    }

    /// True when the list shows every talk.
    pub fn is_idle(&self, filters: &Filters) -> bool {
        self.query.is_empty() && filters.is_empty()
    }
}

impl App {
    /// `/` starts a new query, as in less and vim: the one before is an `↑` away in the
    /// history.
    pub(super) fn open_prompt(&mut self) -> Option<Effect> {
        self.search.before = self.selected_index();
        self.search.history.restart();
        let text = self.search.input.text().to_owned();
        self.remember(&text);
        self.search.input = LineInput::default();
        self.overlay = Some(Overlay::Search);
        self.query_changed(self.search.before)
    }

    /// `r`: search results by relevance, or by day and time again.
    pub(super) fn toggle_rank(&mut self) {
        self.search.by_rank = !self.search.by_rank;
        self.set_status(
            if self.search.by_rank {
                "results by relevance"
            } else {
                "results by day and time"
            },
            false,
        );
        if self.search.query.is_empty() || self.search.progress.is_some() {
            return;
        }
        let keep = self.selected_index();
        self.view = self.result_view();
        self.list.selected = keep
            .and_then(|t| self.view.position_of(t))
            .unwrap_or_else(|| self.view.first_talk());
        self.clamp();
    }

    /// The rows of the last result: by relevance, or in the program's shape.
    fn result_view(&self) -> View {
        if self.search.by_rank {
            View::flat(self.search.ranked.iter().copied())
        } else {
            let mut kept = self.search.ranked.clone();
            kept.sort_unstable();
            self.full_view(Some(&kept))
        }
    }

    /// Starts the search `text` at once, as `--search` does.
    pub fn start_search(&mut self, text: &str) -> Option<Effect> {
        self.search.input = LineInput::new(text);
        self.remember(text);
        self.query_changed(None)
    }

    pub(super) fn prompt_command(&mut self, command: Command) -> Option<Effect> {
        let input = &mut self.search.input;
        match command {
            Command::Submit => {
                let text = input.text().to_owned();
                self.remember(&text);
                self.overlay = None;
                self.focus = self.home();
                return None;
            }
            Command::Back => {
                let text = input.text().to_owned();
                self.remember(&text);
                self.search.input = LineInput::default();
                self.overlay = None;
                // Cancelling goes back to the talk selected when the prompt opened.
                return self.query_changed(self.search.before);
            }
            editing if input.edit(editing) => {}
            Command::HistoryPrev | Command::HistoryNext => {
                self.walk_history(command == Command::HistoryPrev);
            }
            _ => return None,
        }
        self.query_changed(None)
    }

    /// Esc in the list: drops the search, keeping the selected talk selected.
    pub(super) fn clear_search(&mut self) -> Option<Effect> {
        if self.search.query.is_empty() {
            return None;
        }
        self.search.input = LineInput::default();
        self.search.before = None;
        self.query_changed(self.selected_index())
    }

    /// Typed or pasted text: into the prompt when it is open.
    pub(super) fn insert(&mut self, text: &str) -> Option<Effect> {
        if self.type_in_pipe(text) {
            return None;
        }
        if self.filters_typing() {
            self.narrow_filters(text);
            return None;
        }
        if !matches!(self.overlay, Some(Overlay::Search)) {
            return None;
        }
        self.search.input.insert(text);
        self.search.history.restart();
        self.query_changed(None)
    }

    fn remember(&mut self, text: &str) {
        self.search.history.remember(text);
    }

    fn walk_history(&mut self, back: bool) {
        self.search.input = self.search.history.walk(back);
    }

    /// Re-reads the query from the prompt; a new search when it changed. `keep`: the talk to
    /// select in the result, if it has it; else the best match is selected.
    fn query_changed(&mut self, keep: Option<TalkIx>) -> Option<Effect> {
        let query = Query::parse(self.search.input.text());
        if query == self.search.query {
            return None;
        }
        self.search.query = query;
        self.refresh(keep)
    }

    /// Starts the search for the current query and filters, or shows every talk again; the
    /// talk `keep` stays selected if the result has it.
    pub(super) fn refresh(&mut self, keep: Option<TalkIx>) -> Option<Effect> {
        self.search.generation += 1;
        self.search.keep = keep;
        if self.search.is_idle(&self.search.filters) {
            // Keep the talk asked for, else the one selected, else the one before searching.
            let keep = keep.or(self.selected_index()).or(self.search.before);
            self.search.progress = None;
            self.search.last = None;
            self.view = self.full_view(None);
            self.list.selected = keep
                .and_then(|t| self.view.position_of(t))
                .unwrap_or_else(|| self.view.first_talk());
            self.detail.scroll = 0;
            self.clamp();
            return None;
        }
        let candidates = self
            .search
            .last
            .as_ref()
            .and_then(|(query, filters, hits)| {
                (*filters == self.search.filters && self.search.query.narrows(query))
                    .then(|| Arc::clone(hits))
            });
        let total = candidates
            .as_ref()
            .map_or(self.program.talks.len(), |c| c.len());
        self.search.progress = Some((0, total));
        Some(Effect::Search(Job {
            generation: self.search.generation,
            query: self.search.query.clone(),
            filters: self.search.filters.clone(),
            candidates,
        }))
    }

    pub(super) fn on_progress(&mut self, progress: Progress) {
        match progress {
            Progress::Partial {
                generation,
                hits,
                scanned,
                total,
            } if generation == self.search.generation => {
                let shown: Vec<TalkIx> = if self.search.progress.is_some_and(|(done, _)| done == 0)
                {
                    Vec::new()
                } else {
                    self.view.talks().collect()
                };
                self.view = View::flat(shown.into_iter().chain(hits.iter().map(|h| h.talk)));
                self.search.progress = Some((scanned, total));
                self.list.selected = self.kept_position();
            }
            Progress::Done {
                generation,
                hits,
                near,
            } if generation == self.search.generation => {
                // The program's shape (under day headers for a schedule) unless results go by
                // relevance; filters alone always keep it.
                self.search.ranked = hits.iter().map(|h| h.talk).collect();
                let best = (!self.search.query.is_empty())
                    .then(|| self.search.ranked.first().copied())
                    .flatten();
                self.view = if self.search.query.is_empty() {
                    let mut kept = self.search.ranked.clone();
                    kept.sort_unstable();
                    self.full_view(Some(&kept))
                } else {
                    self.result_view()
                };
                self.search.keep = self.search.keep.or(best);
                self.search.last = Some((
                    self.search.query.clone(),
                    self.search.filters.clone(),
                    Arc::new(near),
                ));
                self.search.progress = None;
                self.list.selected = self.kept_position();
                self.search.keep = None;
                self.list.offset = 0;
            }
            // The answer to a query that has changed since.
            _ => return,
        }
        self.detail.scroll = 0;
        self.clamp();
    }

    /// The row of the talk to keep selected, else the first talk (the best match).
    fn kept_position(&self) -> usize {
        self.search
            .keep
            .and_then(|t| self.view.position_of(t))
            .unwrap_or_else(|| self.view.first_talk())
    }
}
