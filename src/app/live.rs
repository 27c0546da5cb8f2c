//! A program that changes while it is browsed: a refresh brings a new version, which replaces
//! the old one keeping the user's place (the selected talk, its scroll, the search, the
//! filters), and what changed is counted on the status line, listed in the changes overlay
//! and marked in the list until each changed talk is looked at.

use std::collections::HashSet;
use std::sync::Arc;

use super::{App, Effect};
use crate::action::{Command, Fresh, Shared};
use crate::agenda::Agenda;
use crate::changes::{self, Change, Counts};

/// What changed, for the overlay and the list's marks.
#[derive(Debug, Clone, Default)]
pub struct Live {
    /// What was noticed while loading the program (a program file's warnings, an import's
    /// summary and notes), for the messages overlay.
    pub messages: Vec<String>,
    /// Where this copy of the program came from when the header should say so
    /// (`offline: copy from Sat 10:42`).
    pub source_note: Option<String>,
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

/// The status line after a refresh or an opening that found changes; `{}` stands for the key
/// of [`Command::Changes`], for [`App::set_status_with_key`].
pub fn summary(changes: &[Change]) -> String {
    format!("{}: press {{}} to see them", Counts::of(changes))
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
        next.search = std::mem::take(&mut self.search);
        next.search.forget_talks();
        // The picks are the user's, not the program's: they go on, read against the new
        // program (a pick whose talk is gone is kept and shown as such).
        next.agenda = Agenda::new(&next.program, self.agenda.picks().clone());
        next.sync_pick_filter();
        next.live = std::mem::take(&mut self.live);
        next.live.source_note = fresh.note;
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
        let status = (!next.live.changes.is_empty())
            .then(|| format!("refreshed: {}", summary(&next.live.changes)));
        let day = self.timetable.as_ref().map(|t| t.grid.day);
        *self = next;
        if day.is_some() {
            self.focus = self.home();
            self.timetable_refreshed(day);
        }
        match status {
            Some(status) => self.set_status_with_key(status, Command::Changes),
            None => self.set_status("refreshed: no changes", false),
        }
        Effect::Reindex(Shared(program))
    }

    /// The search thread has the new program: the search and filters run again on it, and
    /// the detail goes back to where it was.
    pub(super) fn reindexed(&mut self) -> Option<Effect> {
        let effect = self.refresh(self.selected_index());
        self.restore_scroll();
        effect
    }

    /// Once the list is rebuilt (at once, or when the search that rebuilds it is done), the
    /// detail of the talk selected before the refresh scrolls back to where it was.
    pub(super) fn restore_scroll(&mut self) {
        if self.search.progress.is_some() {
            return;
        }
        if let Some((id, scroll)) = self.live.scroll.take()
            && self.selected_talk().is_some_and(|t| t.id == id)
        {
            self.detail.scroll = scroll;
            self.clamp();
        }
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

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::action::{Action, Command};
    use crate::app::test_support::{act, app_with, cmd, measure, search_for, settle};
    use crate::program::{Origin, parse_str};

    fn program(talks: &[(&str, &str, &str)]) -> crate::program::Program {
        let mut text = "[program]\ntitle = \"P\"\ntimezone = \"UTC\"\n".to_owned();
        for (id, title, start) in talks {
            let _ = write!(
                text,
                "[[talks]]\nid = \"{id}\"\ntitle = \"{title}\"\nstart = \"{start}\"\nduration = 30\n"
            );
        }
        parse_str(&text, Origin::BuiltIn).expect("loads").0
    }

    /// A refresh keeps the selected talk (found by id in the new version), the search and
    /// the detail's scroll; the changes are counted, and marked until the talk is selected.
    #[test]
    fn a_refresh_keeps_the_place_and_marks_what_changed() {
        let old = program(&[
            ("a", "Rust one", "2024-01-01T09:00"),
            ("b", "Rust two", "2024-01-01T10:00"),
            ("c", "Go", "2024-01-01T11:00"),
        ]);
        let mut app = app_with(old);
        search_for(&mut app, "rust");
        cmd(&mut app, Command::Down);
        assert_eq!(app.selected_talk().map(|t| t.id.as_str()), Some("b"));
        measure(&mut app, 50);
        cmd(&mut app, Command::FocusDetail);
        cmd(&mut app, Command::Down);
        cmd(&mut app, Command::Down);
        assert_eq!(app.detail.scroll, 2);

        assert_eq!(app.update(Command::Refresh.into()), Some(Effect::Refresh));
        // The new version: a Rust talk first, b moved later, c cancelled.
        let new = program(&[
            ("n", "Rust new", "2024-01-01T08:00"),
            ("a", "Rust one", "2024-01-01T09:00"),
            ("b", "Rust two", "2024-01-01T12:00"),
        ]);
        let fresh = Fresh::new(new, Some("offline: copy from Mon 09:00".into()));
        let Some(Effect::Reindex(shared)) = app.update(Action::Refreshed(Ok(fresh))) else {
            panic!("the search thread gets the new program");
        };
        assert!(Arc::ptr_eq(&shared.0, &app.program));
        assert_eq!(
            app.status.as_ref().map(|s| (s.text.as_str(), s.key)),
            Some((
                "refreshed: 1 new, 1 cancelled, 1 moved: press {} to see them",
                Some(Command::Changes)
            ))
        );
        assert_eq!(
            app.live.source_note.as_deref(),
            Some("offline: copy from Mon 09:00")
        );
        let effect = app.update(Action::Reindexed);
        settle(&mut app, effect);
        measure(&mut app, 50);
        let shown: Vec<&str> = app
            .view
            .talks()
            .map(|ix| app.program.talks[ix.index()].id.as_str())
            .collect();
        assert_eq!(
            shown,
            ["n", "a", "b"],
            "the search runs again on the new talks"
        );
        assert_eq!(app.search.input.text(), "rust");
        assert_eq!(app.selected_talk().map(|t| t.id.as_str()), Some("b"));
        assert_eq!(app.detail.scroll, 2, "the detail stays where it was");
        let mut unseen: Vec<&str> = app.live.unseen.iter().map(String::as_str).collect();
        unseen.sort_unstable();
        assert_eq!(unseen, ["b", "c", "n"]);

        cmd(&mut app, Command::FocusList);
        cmd(&mut app, Command::Top);
        assert!(!app.live.unseen.contains("n"), "selected: looked at");
        act(&mut app, Command::Changes.into());
        assert!(matches!(app.overlay, Some(crate::app::Overlay::Changes(_))));

        let failed = app.update(Action::Refreshed(Err("x: no answer".into())));
        assert_eq!(failed, None);
        assert_eq!(
            app.status.as_ref().map(|s| (s.text.as_str(), s.is_error)),
            Some(("refresh failed: x: no answer", true))
        );
        assert_eq!(
            app.program.talks.len(),
            3,
            "a failed refresh keeps the program"
        );
    }

    #[test]
    fn picks_go_first_in_the_list_of_changes() {
        let change = |id: &str| Change {
            id: id.into(),
            title: id.into(),
            kind: changes::ChangeKind::New,
        };
        let all = [change("a"), change("b"), change("c")];
        let order: Vec<&str> = ordered(&all, |id| id == "c")
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(order, ["c", "a", "b"]);
    }

    /// Picks are the user's: a refresh keeps them, reads them against the new talks (a
    /// starred talk that moved is still starred at its new place), and the "starred" filter
    /// keeps the same talks by id, not by their old positions.
    #[test]
    fn a_refresh_keeps_the_picks_and_the_picks_filter() {
        use crate::agenda::Mark;
        use crate::search::filter::Facet;
        let old = program(&[
            ("a", "One", "2024-01-01T09:00"),
            ("b", "Two", "2024-01-01T10:00"),
        ]);
        let mut app = app_with(old);
        cmd(&mut app, Command::Down);
        assert_eq!(app.selected_talk().map(|t| t.id.as_str()), Some("b"));
        assert!(matches!(
            app.update(Command::Star.into()),
            Some(Effect::SavePicks(_))
        ));
        app.search
            .filters
            .toggle(Facet::Pick, super::super::picks::STARRED);
        assert!(app.sync_pick_filter());
        // The new version: a talk before both, and b moved to the morning.
        let new = program(&[
            ("n", "New", "2024-01-01T08:00"),
            ("b", "Two", "2024-01-01T08:30"),
            ("a", "One", "2024-01-01T09:00"),
        ]);
        let effect = app.update(Action::Refreshed(Ok(Fresh::new(new, None))));
        assert!(matches!(effect, Some(Effect::Reindex(_))));
        let effect = app.update(Action::Reindexed);
        settle(&mut app, effect);
        let b = app
            .program
            .talks
            .iter()
            .position(|t| t.id == "b")
            .expect("b");
        assert_eq!(b, 1);
        assert_eq!(app.agenda.mark(&app.program, b), Some(Mark::Star));
        assert_eq!(app.agenda.mark(&app.program, 0), None);
        let shown: Vec<&str> = app
            .view
            .talks()
            .map(|ix| app.program.talks[ix.index()].id.as_str())
            .collect();
        assert_eq!(
            shown,
            ["b"],
            "the starred filter keeps b, wherever it is now"
        );
    }
}
