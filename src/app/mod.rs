//! The browser's state and the one place it changes: [`App::update`].
//!
//! `update` takes an [`Action`], changes state and does no I/O; anything that leaves the process
//! (opening slides, running a search on the search thread, quitting) comes back as an
//! [`Effect`] for the effect runner (the `effects` module). Nothing here knows about the terminal
//! or how the screen is drawn: the drawing side reports what it measured (the rows a pane
//! shows, how long the wrapped detail text is, where the panes are) through
//! [`App::measured`], and `update` reads those facts to page, clamp and map clicks.
//!
//! The list shows [`App::view`]: the talks a search and the filters keep, in rank order; with
//! no search, all talks (or those the filters keep) in program order, or for a schedule in
//! time order under day headers. `list.selected` is a row of that view, always a talk row when
//! there is one. Searching and the prompt live in `search`, the filter panel in `filters`; the
//! clock, the time zone shown and jumping to what runs now in `schedule`; the measured layout
//! in `layout`; the user's picks and the agenda overlay in `picks`; the talk's links, copying
//! and piping in `links`; the mouse in `pointer`; the scroll of text overlays in `text_overlay`.

mod days;
mod filters;
mod layout;
mod links;
mod live;
mod messages;
mod picks;
mod pointer;
mod schedule;
mod search;
mod text_overlay;
mod timetable;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use crate::action::{Action, Command};
use crate::agenda::{Agenda, Mark, Picks};
use crate::keymap::Context;
use crate::program::{Program, Talk, TalkIx};
use crate::search::filter::Choice;
use crate::search::worker::Job;

pub use crate::action::{Fresh, Shared};
pub use filters::FilterPanel;
pub use layout::{DetailKey, Measured, PaneRegion, Region, TextFacts, Viewport};
pub use links::LinksOverlay;
pub use live::{Live, ordered, summary};
pub use picks::{AgendaOverlay, Entry, entries};
pub use schedule::{Clock, Marker};
pub use search::SearchState;
pub use text_overlay::TextOverlay;
use text_overlay::text_overlay_command;
pub use timetable::{GridViewport, Timetable};
pub use view::{Row, View};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
    /// The timetable's grid, shown in place of the list.
    Grid,
}

/// A window drawn over the panes (or the prompt on the footer line); it takes the keys while
/// it is open, and owns the state only it needs. Its state need not be comparable or
/// cloneable (a preview would hold a decoded image): nothing compares or copies overlays.
#[derive(Debug)]
pub enum Overlay {
    /// The key help.
    Help(TextOverlay),
    /// The search prompt: typing edits the query and narrows the list. (The query and its
    /// history outlive the prompt: they live in [`App::search`].)
    Search,
    /// The filter panel: its choices and the highlighted one.
    Filters(FilterPanel),
    /// What the program file says about itself.
    About(TextOverlay),
    /// What changed in the program since it was last seen.
    Changes(TextOverlay),
    /// The agenda: the picked talks by day.
    Agenda(AgendaOverlay),
    /// The messages about the program ([`Live::messages`]).
    Messages(TextOverlay),
    /// The numbered links of the selected talk, and the highlighted one.
    Links(LinksOverlay),
    /// The prompt for a shell command the selected talk is piped to.
    Pipe(crate::input::LineInput),
}

/// A message on the status line, in place of the key hints until the next command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
    /// A command whose key the text names: the footer puts the key, as the keymap names it,
    /// in place of the text's `{}`.
    pub key: Option<Command>,
}

/// Work for the effect runner: the only way `update` reaches outside the process. What comes
/// of it (a viewer that failed, search results) comes back as an [`Action`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Resolve `slides` against `base` and hand it to the viewer: a talk's slides, or any of
    /// its links (`u`), through the same checks.
    OpenSlides { slides: String, base: PathBuf },
    /// Give the terminal back and stop until `fg`, then redraw everything.
    Suspend,
    /// Run a search on the search thread.
    Search(Job),
    /// Read the local time zone and the time (answered with `LocalZone` and `Tick`).
    ReadClock,
    /// Load the program again from its source, off the UI thread (answered with `Refreshed`).
    Refresh,
    /// Search this program from now on (answered with `Reindexed`).
    Reindex(Shared),
    /// Read the program's picks file (answered with `PicksLoaded`).
    LoadPicks,
    /// Save the picks, merged with what another Lectern wrote (answered with `PicksSaved`).
    SavePicks(Picks),
    /// Write the agenda of these picks as an iCalendar file (answered with where it went).
    ExportAgenda(Picks),
    /// Put this text on the clipboard, if the user turned copying on (answered with what
    /// happened, or how to turn it on).
    Copy(String),
    /// Run `command` with `sh -c`, talk `talk` of `program` as plain text on its standard
    /// input, on the terminal handed over as for Ctrl-Z (answered with how it ended).
    Pipe {
        command: String,
        program: Shared,
        talk: TalkIx,
    },
    /// Stop the browser.
    Quit,
}

/// The talk list's selection and scroll position.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    /// The first visible row; kept so the selection is always visible.
    pub offset: usize,
    /// Where the pane was drawn; `None` while it is hidden (or not drawn yet).
    pub region: Option<PaneRegion>,
}

/// The detail pane's scroll position and what the last frame measured of its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailState {
    pub scroll: usize,
    /// Where the pane was drawn; `None` while it is hidden (or not drawn yet).
    pub region: Option<PaneRegion>,
    /// The wrapped text's length and match lines, for the talk, query and zone of its key.
    pub text: Option<TextFacts>,
    /// `n` or `N` pressed before the text of the talk shown was measured (`true` for `n`):
    /// carried out when it is.
    pending_jump: Option<bool>,
    /// The match `n`/`N` moved to, in the text of this key.
    current: Option<(DetailKey, usize)>,
}

/// What the program implies, computed once: the program never changes.
#[derive(Debug, Default)]
struct Derived {
    /// The schedule order of all talks, when the program has times.
    schedule: Option<Vec<TalkIx>>,
    /// Every facet value with its count, for the filter panel: counted when the panel first
    /// opens (a pass over every talk), then shared with every later panel.
    choices: Option<Arc<[Choice]>>,
}

/// The whole browser state.
#[derive(Debug)]
pub struct App {
    /// Shared with the search thread; never changed.
    pub program: Arc<Program>,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub list: ListState,
    /// The rows the list shows.
    pub view: View,
    /// What the program implies, computed once.
    derived: Derived,
    /// The current time and the zone times are shown in.
    pub clock: Clock,
    /// The query and the filters, and the search running for them.
    pub search: SearchState,
    pub detail: DetailState,
    /// What is known of this copy of the program: where it came from, what loading it noticed,
    /// what changed at the last refresh and which changed talks are not looked at yet.
    pub live: Live,
    /// The user's picks in this program.
    pub agenda: Agenda,
    /// The commands talks were piped to in this session, for the `|` prompt's `↑`.
    pub commands: crate::input::History,
    /// The timetable, while it is shown in place of the list.
    pub timetable: Option<Timetable>,
}

impl App {
    pub fn new(program: Program) -> App {
        let schedule = program
            .talks
            .iter()
            .any(|t| t.start.is_some())
            .then(|| crate::program::schedule::order(&program));
        let agenda = Agenda::new(&program, Picks::default());
        let mut app = App {
            view: View::default(),
            derived: Derived {
                schedule,
                choices: None,
            },
            clock: Clock::default(),
            program: Arc::new(program),
            focus: Focus::List,
            overlay: None,
            status: None,
            list: ListState::default(),
            search: SearchState::default(),
            detail: DetailState::default(),
            live: Live::default(),
            agenda,
            commands: crate::input::History::default(),
            timetable: None,
        };
        app.view = app.full_view(None);
        app.list.selected = app.view.first_talk();
        app
    }

    /// What to do as the browser starts: read the clock and the picks, and run the search
    /// `search` (as `--search` asks) when given.
    pub fn start(&mut self, search: Option<&str>) -> Vec<Effect> {
        let mut effects = vec![Effect::ReadClock, Effect::LoadPicks];
        effects.extend(search.and_then(|q| self.start_search(q)));
        effects
    }

    /// The view of every talk, or of `only` these (sorted): in schedule order under day
    /// headers when the program has times, else in program order.
    fn full_view(&self, only: Option<&[TalkIx]>) -> View {
        let keep = |t: &TalkIx| only.is_none_or(|o| o.binary_search(t).is_ok());
        if let Some(order) = &self.derived.schedule {
            View::grouped(&self.program, order.iter().copied().filter(keep))
        } else {
            View::flat(self.program.talk_ixs().filter(keep))
        }
    }

    /// The key context: the overlay if one is open, else the focused pane.
    pub fn context(&self) -> Context {
        match (&self.overlay, self.focus) {
            (
                Some(
                    Overlay::Help(_)
                    | Overlay::About(_)
                    | Overlay::Changes(_)
                    | Overlay::Messages(_),
                ),
                _,
            ) => Context::Help,
            (Some(Overlay::Search | Overlay::Pipe(_)), _) => Context::Search,
            (Some(Overlay::Links(_)), _) => Context::Links,
            (Some(Overlay::Filters(panel)), _) if panel.typing => Context::Search,
            (Some(Overlay::Filters(_)), _) => Context::Filters,
            (Some(Overlay::Agenda(_)), _) => Context::Agenda,
            (None, _) => self.pane_context(),
        }
    }

    /// The context of the focused pane, whatever overlay is over it.
    pub fn pane_context(&self) -> Context {
        match self.focus {
            Focus::List => Context::List,
            Focus::Detail => Context::Detail,
            Focus::Grid => Context::Timetable,
        }
    }

    /// The selected talk: the timetable's while it is shown, else the list's.
    pub fn selected_index(&self) -> Option<TalkIx> {
        if let Some(timetable) = &self.timetable {
            return timetable.selected_talk();
        }
        self.view.talk_at(self.list.selected)
    }

    pub fn selected_talk(&self) -> Option<&Talk> {
        self.program.get(self.selected_index()?)
    }

    pub fn set_status(&mut self, text: impl Into<String>, is_error: bool) {
        self.status = Some(Status {
            text: text.into(),
            is_error,
            key: None,
        });
    }

    /// A status that names the key of `command` where `text` has `{}`.
    pub fn set_status_with_key(&mut self, text: impl Into<String>, command: Command) {
        self.status = Some(Status {
            text: text.into(),
            is_error: false,
            key: Some(command),
        });
    }

    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Command(command) => {
                self.status = None;
                return self.command(command);
            }
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            Action::Report(text) => self.set_status(text, true),
            Action::Notice(text) => self.set_status(text, false),
            Action::Insert(c) => return self.insert(&c.to_string()),
            Action::Paste(text) => return self.insert(&text),
            Action::SearchProgress(progress) => {
                self.on_progress(progress);
                self.restore_scroll();
            }
            Action::Tick(now) => self.tick(now),
            Action::LocalZone(zone) => self.clock.local = zone,
            Action::Refreshed(Ok(fresh)) => return Some(self.refreshed(fresh)),
            Action::Refreshed(Err(message)) => {
                self.set_status(format!("refresh failed: {message}"), true);
            }
            Action::Reindexed => return self.reindexed(),
            Action::PicksLoaded { picks, problem } => return self.picks_loaded(picks, problem),
            Action::PicksSaved(saved) => return self.picks_saved(saved),
            Action::OpenNumber(n) => return self.open_number(n),
        }
        None
    }

    fn command(&mut self, command: Command) -> Option<Effect> {
        // Quitting and suspending mean the same in every pane, overlay and prompt.
        match command {
            Command::Quit => return Some(Effect::Quit),
            Command::Suspend => return Some(Effect::Suspend),
            _ => {}
        }
        match &mut self.overlay {
            Some(Overlay::Search) => return self.prompt_command(command),
            Some(Overlay::Filters(_)) => return self.filters_command(command),
            Some(Overlay::Agenda(_)) => return self.agenda_command(command),
            Some(Overlay::Links(_)) => return self.links_command(command),
            Some(Overlay::Pipe(_)) => return self.pipe_command(command),
            Some(
                Overlay::Help(text)
                | Overlay::About(text)
                | Overlay::Changes(text)
                | Overlay::Messages(text),
            ) => {
                if !text_overlay_command(text, command) {
                    self.overlay = None;
                }
                return None;
            }
            None => {}
        }
        if self.focus == Focus::Grid
            && let std::ops::ControlFlow::Break(effect) = self.timetable_command(command)
        {
            return effect;
        }
        match command {
            Command::Down | Command::Up | Command::PageDown | Command::PageUp => {
                let (step, forward) = match command {
                    Command::Down => (1, true),
                    Command::Up => (1, false),
                    Command::PageDown => (self.page(), true),
                    _ => (self.page(), false),
                };
                self.step(step, forward);
            }
            Command::Top => self.step(usize::MAX, false),
            Command::Bottom => self.step(usize::MAX, true),
            Command::FocusNext | Command::FocusPrev => {
                self.focus = match self.focus {
                    Focus::List | Focus::Grid => Focus::Detail,
                    Focus::Detail => self.home(),
                };
            }
            Command::FocusDetail | Command::Select => self.focus = Focus::Detail,
            Command::FocusList => self.focus = self.home(),
            // Back: from the detail to the list (or the grid), from a searched list to every
            // talk.
            Command::Back if self.focus == Focus::Detail => self.focus = self.home(),
            Command::Back => return self.clear_search(),
            Command::OpenSlides => return self.open_slides(),
            Command::ToggleHelp => self.overlay = Some(Overlay::Help(TextOverlay::default())),
            Command::About => self.overlay = Some(Overlay::About(TextOverlay::default())),
            Command::Messages => self.overlay = Some(Overlay::Messages(TextOverlay::default())),
            Command::Search => return self.open_prompt(),
            Command::NextMatch => self.jump_to_match(true),
            Command::PrevMatch => self.jump_to_match(false),
            Command::Filters => self.open_filters(),
            Command::ClearFilters => return self.clear_filters(),
            Command::JumpNow if self.timetable.is_some() => self.timetable_now(),
            Command::JumpNow => self.jump_to_now(),
            Command::ToggleZone => {
                self.toggle_zone();
                self.timetable_zone_changed();
            }
            Command::Refresh => return Some(Effect::Refresh),
            Command::Changes => self.overlay = Some(Overlay::Changes(TextOverlay::default())),
            Command::Star => return self.toggle_selected(Mark::Star),
            Command::Maybe => return self.toggle_selected(Mark::Maybe),
            Command::Agenda => self.open_agenda(),
            Command::ToggleRank => self.toggle_rank(),
            Command::PrevDay | Command::NextDay if self.timetable.is_some() => {
                self.timetable_day(command == Command::NextDay);
            }
            Command::PrevDay | Command::NextDay => self.jump_day(command == Command::NextDay),
            Command::Links => self.open_links(),
            Command::CopyLink => return self.copy_link(),
            Command::Pipe => self.open_pipe(),
            Command::Timetable => self.toggle_timetable(),
            // Prompt and panel commands mean nothing in the panes.
            _ => {}
        }
        self.clamp();
        None
    }

    /// Moves the focused pane by `n` lines (the selection in the list, the text in the detail).
    fn step(&mut self, n: usize, forward: bool) {
        match self.focus {
            Focus::List => {
                let selected = self.view.step(self.list.selected, n, forward);
                self.select(selected);
            }
            Focus::Grid => {}
            Focus::Detail => {
                let scroll = if forward {
                    self.detail.scroll.saturating_add(n)
                } else {
                    self.detail.scroll.saturating_sub(n)
                };
                self.detail.scroll = scroll;
                self.clamp_detail();
            }
        }
    }

    pub(crate) fn select(&mut self, index: usize) {
        if index != self.list.selected {
            self.list.selected = index;
            self.detail.scroll = 0;
            self.detail.pending_jump = None;
        }
        self.clamp();
        self.looked_at();
    }

    fn open_slides(&mut self) -> Option<Effect> {
        let talk = self.selected_talk()?;
        match &talk.slides {
            None => {
                self.set_status("no slides for this talk", false);
                None
            }
            Some(slides) => Some(Effect::OpenSlides {
                slides: slides.clone(),
                base: self.program.origin.base_dir(),
            }),
        }
    }

    /// Lines in a page of the focused pane: its visible height less one line of overlap.
    fn page(&self) -> usize {
        let region = match self.focus {
            Focus::List | Focus::Grid => self.list.region,
            Focus::Detail => self.detail.region,
        };
        region
            .map_or(1, |r| r.inner.rows())
            .saturating_sub(1)
            .max(1)
    }

    /// Keeps the list offset around the selection (while the list is shown), and the detail
    /// and overlay scrolls inside their text (when its size is known).
    pub(crate) fn clamp(&mut self) {
        if let Some(region) = self.list.region {
            let rows = region.inner.rows().max(1);
            let selected = self.list.selected;
            // Show the day header above the selected talk when there is room for both.
            let top = if rows > 1 && self.view.has_header_above(selected) {
                selected - 1
            } else {
                selected
            };
            self.list.offset = self
                .list
                .offset
                .clamp((selected + 1).saturating_sub(rows), top);
        }
        self.clamp_detail();
        if let Some(
            Overlay::Help(text)
            | Overlay::About(text)
            | Overlay::Changes(text)
            | Overlay::Messages(text),
        ) = &mut self.overlay
        {
            text.clamp();
        }
    }
}

#[cfg(test)]
mod links_tests;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;
