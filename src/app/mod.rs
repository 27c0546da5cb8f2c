//! The browser's state and the one place it changes: [`App::update`].
//!
//! `update` takes an [`Action`], changes state and does no I/O; anything that leaves the process
//! (opening slides) comes back as an [`Effect`] for the event loop to carry out. The widgets in
//! [`crate::ui`] only read this state.

use std::path::PathBuf;

use ratatui::layout::{Position, Rect};
use ratatui::text::Line;

use crate::action::{Action, Command};
use crate::keymap::Context;
use crate::program::Program;
use crate::ui;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// A window drawn over the panes; it takes the keys while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
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
    lines: Vec<Line<'static>>,
}

/// The whole browser state.
#[derive(Debug)]
pub struct App {
    pub program: Program,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub list: ListState,
    pub detail: DetailState,
    /// The terminal size, as last reported.
    pub size: (u16, u16),
    pub running: bool,
}

impl App {
    pub fn new(program: Program) -> App {
        App {
            program,
            focus: Focus::List,
            overlay: None,
            status: None,
            list: ListState::default(),
            detail: DetailState::default(),
            size: (80, 24),
            running: true,
        }
    }

    /// The key context: the overlay if one is open, else the focused pane.
    pub fn context(&self) -> Context {
        match (self.overlay, self.focus) {
            (Some(Overlay::Help { .. }), _) => Context::Help,
            (None, Focus::List) => Context::List,
            (None, Focus::Detail) => Context::Detail,
        }
    }

    /// The screen areas for the current size and focus.
    pub fn areas(&self) -> ui::Areas {
        ui::Areas::compute(Rect::new(0, 0, self.size.0, self.size.1), self.focus)
    }

    pub fn selected_talk(&self) -> Option<&crate::program::Talk> {
        self.program.talks.get(self.list.selected)
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
        }
        None
    }

    fn command(&mut self, command: Command) -> Option<Effect> {
        if let Some(Overlay::Help { scroll }) = self.overlay {
            let scroll = match command {
                Command::Down => scroll.saturating_add(1),
                Command::Up => scroll.saturating_sub(1),
                Command::PageDown => scroll.saturating_add(self.help_page()),
                Command::PageUp => scroll.saturating_sub(self.help_page()),
                Command::Top => 0,
                Command::Bottom => usize::MAX,
                Command::ToggleHelp | Command::Back => {
                    self.overlay = None;
                    return None;
                }
                Command::Quit => {
                    self.running = false;
                    return None;
                }
                Command::Suspend => return Some(Effect::Suspend),
                _ => scroll,
            };
            let max = ui::help::line_count().saturating_sub(self.help_page());
            self.overlay = Some(Overlay::Help {
                scroll: scroll.min(max),
            });
            return None;
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
            Command::FocusList | Command::Back => self.focus = Focus::List,
            Command::OpenSlides => return self.open_slides(),
            Command::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Command::Quit => self.running = false,
            Command::Suspend => return Some(Effect::Suspend),
        }
        self.clamp();
        None
    }

    /// Moves the focused pane by `n` lines (the selection in the list, the text in the detail).
    fn step(&mut self, n: usize, forward: bool) {
        match self.focus {
            Focus::List => {
                let last = self.program.talks.len().saturating_sub(1);
                let selected = if forward {
                    self.list.selected.saturating_add(n).min(last)
                } else {
                    self.list.selected.saturating_sub(n)
                };
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

    fn select(&mut self, index: usize) {
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
                if index < self.program.talks.len() {
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
    fn clamp(&mut self) {
        if let Some(list) = self.areas().list {
            let rows = usize::from(ui::talk_list::rows_area(list).height).max(1);
            let selected = self.list.selected;
            self.list.offset = self
                .list
                .offset
                .clamp((selected + 1).saturating_sub(rows), selected);
        }
        self.detail.scroll = self.detail.scroll.min(self.max_detail_scroll());
        if let Some(Overlay::Help { scroll }) = self.overlay {
            let max = ui::help::line_count().saturating_sub(self.help_page());
            self.overlay = Some(Overlay::Help {
                scroll: scroll.min(max),
            });
        }
    }

    /// The detail text of the selected talk, wrapped to the current detail width.
    pub fn detail_lines(&mut self) -> &[Line<'static>] {
        let width = self
            .areas()
            .detail
            .map_or(0, |r| ui::talk_detail::text_area(r).width);
        let talk = self.list.selected;
        let fresh = self
            .detail
            .cache
            .as_ref()
            .is_some_and(|c| c.talk == talk && c.width == width);
        if !fresh {
            let lines = self
                .selected_talk()
                .map(|t| ui::talk_detail::wrap(t, width))
                .unwrap_or_default();
            self.detail.cache = Some(WrappedText { talk, width, lines });
        }
        self.detail.cache.as_ref().map_or(&[], |c| &c.lines)
    }

    /// The cached detail lines, if [`App::detail_lines`] has prepared them for this frame.
    pub fn cached_detail_lines(&self) -> &[Line<'static>] {
        self.detail.cache.as_ref().map_or(&[], |c| &c.lines)
    }

    fn max_detail_scroll(&mut self) -> usize {
        let height = self
            .areas()
            .detail
            .map_or(0, |r| usize::from(ui::talk_detail::text_area(r).height));
        self.detail_lines().len().saturating_sub(height)
    }
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
