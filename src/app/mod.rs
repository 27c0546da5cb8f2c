//! The browser's state and the one place it changes: [`App::update`].
//!
//! `update` takes an [`Action`], changes state and does no I/O; anything that leaves the process
//! (opening slides, running a search on the search thread) comes back as an [`Effect`] for the
//! event loop to carry out. The widgets in [`crate::ui`] only read this state.
//!
//! The list shows [`App::view`]: the talks a search and the filters keep, in rank order; with
//! no search, all talks (or those the filters keep) in program order, or for a schedule in
//! time order under day headers. `list.selected` is a row of that view, always a talk row when
//! there is one. Searching, the prompt and the filter panel live in `search`; the clock, the
//! time zone shown and jumping to what runs now in `schedule`.

mod schedule;
mod search;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};
use ratatui::text::Line;

use crate::action::{Action, Command};
use crate::keymap::Context;
use crate::program::{Program, Talk};
use crate::search::worker::Job;
use crate::search::{Filters, Query};
use crate::ui;

pub use schedule::{Clock, Marker};
pub use search::SearchState;
pub use view::{Row, View};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// A window drawn over the panes (or the prompt on the footer line); it takes the keys while
/// it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// The search prompt: typing edits the query and narrows the list.
    Search,
    /// The filter panel, with the highlighted choice.
    Filters {
        cursor: usize,
    },
    /// What the program file says about itself.
    About {
        scroll: usize,
    },
}

/// A message on the status line, in place of the key hints until the next command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// Work for the event loop: the only way `update` reaches outside the process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Resolve `slides` against `base` and hand it to the viewer.
    OpenSlides { slides: String, base: PathBuf },
    /// Give the terminal back and stop until `fg`, then redraw everything.
    Suspend,
    /// Run a search on the search thread.
    Search(Job),
}

/// The talk list's selection and scroll position.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    /// The first visible row; kept so the selection is always visible.
    pub offset: usize,
}

/// The detail pane's scroll position and its wrapped text, cached per talk and width.
#[derive(Debug, Default)]
pub struct DetailState {
    pub scroll: usize,
    cache: Option<WrappedText>,
}

#[derive(Debug)]
struct WrappedText {
    talk: usize,
    width: u16,
    /// The query whose matches are highlighted.
    query: Query,
    /// Whether times are in the local zone.
    local: bool,
    lines: Vec<Line<'static>>,
    /// The lines with a match, for `n` and `N`.
    matches: Vec<usize>,
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
    /// The schedule order of all talks, when the program has times.
    schedule: Option<Vec<u32>>,
    /// The current time and the zone times are shown in.
    pub clock: Clock,
    pub search: SearchState,
    pub filters: Filters,
    pub detail: DetailState,
    /// The terminal size, as last reported.
    pub size: (u16, u16),
    pub running: bool,
}

impl App {
    pub fn new(program: Program) -> App {
        let schedule = program
            .talks
            .iter()
            .any(|t| t.start.is_some())
            .then(|| crate::program::schedule::order(&program));
        let mut app = App {
            view: View::default(),
            schedule,
            clock: Clock::default(),
            program: Arc::new(program),
            focus: Focus::List,
            overlay: None,
            status: None,
            list: ListState::default(),
            search: SearchState::default(),
            filters: Filters::default(),
            detail: DetailState::default(),
            size: (80, 24),
            running: true,
        };
        app.view = app.full_view(None);
        app.list.selected = app.view.first_talk();
        app
    }

    /// The view of every talk, or of `only` these: in schedule order under day headers when
    /// the program has times, else in program order.
    fn full_view(&self, only: Option<&[u32]>) -> View {
        let keep = |t: &u32| only.is_none_or(|o| o.binary_search(t).is_ok());
        if let Some(order) = &self.schedule {
            View::grouped(&self.program, order.iter().copied().filter(keep))
        } else {
            let all = 0..u32::try_from(self.program.talks.len()).unwrap_or(u32::MAX);
            View::flat(all.filter(keep))
        }
    }

    /// The key context: the overlay if one is open, else the focused pane.
    pub fn context(&self) -> Context {
        match (self.overlay, self.focus) {
            (Some(Overlay::Help { .. } | Overlay::About { .. }), _) => Context::Help,
            (Some(Overlay::Search), _) => Context::Search,
            (Some(Overlay::Filters { .. }), _) => Context::Filters,
            (None, Focus::List) => Context::List,
            (None, Focus::Detail) => Context::Detail,
        }
    }

    /// The screen areas for the current size and focus.
    pub fn areas(&self) -> ui::Areas {
        ui::Areas::compute(Rect::new(0, 0, self.size.0, self.size.1), self.focus)
    }

    /// The index in `program.talks` of the selected talk.
    pub fn selected_index(&self) -> Option<usize> {
        self.view.talk_at(self.list.selected)
    }

    pub fn selected_talk(&self) -> Option<&Talk> {
        self.program.talks.get(self.selected_index()?)
    }

    pub fn set_status(&mut self, text: impl Into<String>, is_error: bool) {
        self.status = Some(Status {
            text: text.into(),
            is_error,
        });
    }

    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Command(command) => {
                self.status = None;
                return self.command(command);
            }
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.clamp();
            }
            Action::Click { column, row } => self.click(Position::new(column, row)),
            Action::Wheel { column, row, down } => self.wheel(Position::new(column, row), down),
            Action::Report(text) => self.set_status(text, true),
            Action::Insert(c) => return self.insert(&c.to_string()),
            Action::Paste(text) => return self.insert(&text),
            Action::SearchProgress(progress) => self.on_progress(progress),
            Action::Tick(now) => self.tick(now),
        }
        None
    }

    fn command(&mut self, command: Command) -> Option<Effect> {
        // Quitting and suspending mean the same in every pane, overlay and prompt.
        match command {
            Command::Quit => {
                self.running = false;
                return None;
            }
            Command::Suspend => return Some(Effect::Suspend),
            _ => {}
        }
        match self.overlay {
            Some(Overlay::Search) => return self.prompt_command(command),
            Some(Overlay::Filters { cursor }) => return self.filters_command(cursor, command),
            Some(overlay @ (Overlay::Help { scroll } | Overlay::About { scroll })) => {
                return self.text_overlay_command(overlay, scroll, command);
            }
            None => {}
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
                    Focus::List => Focus::Detail,
                    Focus::Detail => Focus::List,
                };
            }
            Command::FocusDetail | Command::Select => self.focus = Focus::Detail,
            Command::FocusList => self.focus = Focus::List,
            // Back: from the detail to the list, from a searched list to every talk.
            Command::Back if self.focus == Focus::Detail => self.focus = Focus::List,
            Command::Back => return self.clear_search(),
            Command::OpenSlides => return self.open_slides(),
            Command::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Command::About => self.overlay = Some(Overlay::About { scroll: 0 }),
            Command::Search => self.open_prompt(),
            Command::NextMatch => self.jump_to_match(true),
            Command::PrevMatch => self.jump_to_match(false),
            Command::Filters => self.overlay = Some(Overlay::Filters { cursor: 0 }),
            Command::ClearFilters => return self.clear_filters(),
            Command::JumpNow => self.jump_to_now(),
            Command::ToggleZone => self.toggle_zone(),
            // Prompt and panel commands mean nothing in the panes.
            _ => {}
        }
        self.clamp();
        None
    }

    /// Keys in the help or the program overlay: they scroll it, or close it.
    fn text_overlay_command(
        &mut self,
        overlay: Overlay,
        scroll: usize,
        command: Command,
    ) -> Option<Effect> {
        let scroll = match command {
            Command::Down => scroll.saturating_add(1),
            Command::Up => scroll.saturating_sub(1),
            Command::PageDown => scroll.saturating_add(self.help_page()),
            Command::PageUp => scroll.saturating_sub(self.help_page()),
            Command::Top => 0,
            Command::Bottom => usize::MAX,
            Command::ToggleHelp | Command::Back | Command::About => {
                self.overlay = None;
                return None;
            }
            _ => scroll,
        };
        self.overlay = Some(overlay);
        self.clamp_overlay(scroll);
        None
    }

    /// Keeps a text overlay's scroll inside its text.
    fn clamp_overlay(&mut self, scroll: usize) {
        let body = self.areas().body;
        let (lines, fresh): (usize, fn(usize) -> Overlay) = match self.overlay {
            Some(Overlay::Help { .. }) => {
                (ui::help::line_count(), |scroll| Overlay::Help { scroll })
            }
            Some(Overlay::About { .. }) => (ui::about::line_count(&self.program, body), |scroll| {
                Overlay::About { scroll }
            }),
            _ => return,
        };
        let page = self.help_page();
        self.overlay = Some(fresh(scroll.min(lines.saturating_sub(page))));
    }

    /// Moves the focused pane by `n` lines (the selection in the list, the text in the detail).
    fn step(&mut self, n: usize, forward: bool) {
        match self.focus {
            Focus::List => {
                let selected = self.view.step(self.list.selected, n, forward);
                self.select(selected);
            }
            Focus::Detail => {
                let scroll = if forward {
                    self.detail.scroll.saturating_add(n)
                } else {
                    self.detail.scroll.saturating_sub(n)
                };
                self.detail.scroll = scroll.min(self.max_detail_scroll());
            }
        }
    }

    pub(crate) fn select(&mut self, index: usize) {
        if index != self.list.selected {
            self.list.selected = index;
            self.detail.scroll = 0;
        }
        self.clamp();
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

    fn click(&mut self, at: Position) {
        let areas = self.areas();
        if let Some(list) = areas.list.filter(|a| a.contains(at)) {
            self.focus = Focus::List;
            let inner = ui::talk_list::rows_area(list);
            if inner.contains(at) {
                let index = self.list.offset + usize::from(at.y - inner.y);
                if self.view.talk_at(index).is_some() {
                    self.select(index);
                }
            }
        } else if areas.detail.is_some_and(|a| a.contains(at)) {
            self.focus = Focus::Detail;
        }
    }

    fn wheel(&mut self, at: Position, down: bool) {
        let areas = self.areas();
        let focus = self.focus;
        if areas.list.is_some_and(|a| a.contains(at)) {
            self.focus = Focus::List;
            self.step(1, down);
        } else if areas.detail.is_some_and(|a| a.contains(at)) {
            self.focus = Focus::Detail;
            self.step(3, down);
        }
        self.focus = focus;
        self.clamp();
    }

    /// Lines in a page of the focused pane: its visible height less one line of overlap.
    fn page(&self) -> usize {
        let areas = self.areas();
        let height = match self.focus {
            Focus::List => areas.list.map(ui::talk_list::rows_area),
            Focus::Detail => areas.detail.map(ui::talk_detail::text_area),
        }
        .map_or(1, |r| usize::from(r.height));
        height.saturating_sub(1).max(1)
    }

    fn help_page(&self) -> usize {
        usize::from(ui::help::area(self.areas().body).height.saturating_sub(2)).max(1)
    }

    /// Keeps the list offset around the selection (while the list is shown), and the detail
    /// and help scrolls inside their text.
    pub(crate) fn clamp(&mut self) {
        if let Some(list) = self.areas().list {
            let rows = usize::from(ui::talk_list::rows_area(list).height).max(1);
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
        self.detail.scroll = self.detail.scroll.min(self.max_detail_scroll());
        if let Some(Overlay::Help { scroll } | Overlay::About { scroll }) = self.overlay {
            self.clamp_overlay(scroll);
        }
    }

    /// The detail text of the selected talk, wrapped to the current detail width.
    pub fn detail_lines(&mut self) -> &[Line<'static>] {
        let width = self
            .areas()
            .detail
            .map_or(0, |r| ui::talk_detail::text_area(r).width);
        let talk = self.selected_index().unwrap_or(usize::MAX);
        let query = &self.search.query;
        let local = self.display_zone().is_some();
        let fresh = self.detail.cache.as_ref().is_some_and(|c| {
            c.talk == talk && c.width == width && c.query == *query && c.local == local
        });
        if !fresh {
            let (lines, matches) =
                ui::talk_detail::wrap(&self.program, talk, width, query, self.display_zone());
            self.detail.cache = Some(WrappedText {
                talk,
                width,
                local,
                query: query.clone(),
                lines,
                matches,
            });
        }
        self.detail.cache.as_ref().map_or(&[], |c| &c.lines)
    }

    /// The lines of the detail text that hold a match of the query.
    fn match_lines(&mut self) -> &[usize] {
        self.detail_lines();
        self.detail.cache.as_ref().map_or(&[], |c| &c.matches)
    }

    /// The cached detail lines, if [`App::detail_lines`] has prepared them for this frame.
    pub fn cached_detail_lines(&self) -> &[Line<'static>] {
        self.detail.cache.as_ref().map_or(&[], |c| &c.lines)
    }

    pub(crate) fn max_detail_scroll(&mut self) -> usize {
        let height = self
            .areas()
            .detail
            .map_or(0, |r| usize::from(ui::talk_detail::text_area(r).height));
        self.detail_lines().len().saturating_sub(height)
    }
}

#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod tests;
