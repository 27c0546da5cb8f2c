//! Helpers shared by the screen tests: an app on a screen of a size, actions run as the event
//! loop runs them (a search to its end, then a frame drawn, which measures the panes), screens
//! drawn on a `TestBackend`, and screens as text for snapshots.

#![allow(dead_code, reason = "each test file uses a part of these helpers")]

use std::fmt::Write as _;

use std::ops::{Deref, DerefMut};

use lectern::action::{Action, Command};
use lectern::app::{App, Effect};
use lectern::context::AppContext;
use lectern::program::Program;
use lectern::search::worker::run_now;
use lectern::ui::{self, Ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

pub fn built_in() -> Program {
    Program::built_in().expect("the built-in program loads")
}

/// The app on a screen: what the event loop holds (the app, the drawing side's state, the
/// keymap and theme) and the terminal's size. It derefs to the app.
pub struct Screen {
    pub app: App,
    pub ui: Ui,
    pub ctx: AppContext,
    pub size: (u16, u16),
}

impl Deref for Screen {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Screen {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

impl Screen {
    /// Draws a frame at the screen's size, as the event loop does after every batch of input.
    pub fn frame(&mut self) -> Terminal<TestBackend> {
        let (width, height) = self.size;
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        terminal
            .draw(|f| ui::draw(&mut self.app, &mut self.ui, &self.ctx, f))
            .expect("draw");
        terminal
    }

    /// The terminal takes a new size; the next frame is drawn at it.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.frame();
    }
}

/// The app of `program` on a screen of the given size, its first frame drawn.
pub fn app_at(program: Program, width: u16, height: u16) -> Screen {
    let mut screen = Screen {
        app: App::new(program),
        ui: Ui::default(),
        ctx: AppContext::default(),
        size: (width, height),
    };
    screen.frame();
    screen
}

/// One action as the event loop handles it: a search it starts runs to the end and its reports
/// go back to the app, as the loop does with the search thread's; then a frame is drawn.
pub fn act(screen: &mut Screen, action: Action) {
    // Opening slides and suspending leave the process: nothing to do on a test screen.
    if let Some(Effect::Search(job)) = screen.app.update(action) {
        for progress in run_now(&screen.app.program, &job) {
            screen.app.update(Action::SearchProgress(progress));
        }
    }
    screen.frame();
}

pub fn run(app: &mut Screen, commands: &[Command]) {
    for &command in commands {
        act(app, Action::Command(command));
    }
}

pub fn type_text(app: &mut Screen, text: &str) {
    for c in text.chars() {
        act(app, Action::Insert(c));
    }
}

/// Draws the app on a fresh terminal of the given size (the screen keeps that size).
pub fn draw(screen: &mut Screen, width: u16, height: u16) -> Terminal<TestBackend> {
    screen.size = (width, height);
    screen.frame()
}

/// The text of one screen row, cells hidden behind wide characters left out.
pub fn row_text(buffer: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut skip = 0usize;
    for x in 0..buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        if skip == 0 {
            out.push_str(symbol);
        }
        skip = skip.max(symbol.width()).saturating_sub(1);
    }
    out
}

/// The text of a rectangle's first row, from its left edge, cells hidden behind wide
/// characters left out.
pub fn text_at(buffer: &Buffer, x: u16, y: u16, width: u16) -> String {
    let mut out = String::new();
    let mut skip = 0usize;
    for col in x..x.saturating_add(width).min(buffer.area.width) {
        let symbol = buffer[(col, y)].symbol();
        if skip == 0 {
            out.push_str(symbol);
        }
        skip = skip.max(symbol.width()).saturating_sub(1);
    }
    out
}

pub fn screen_text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| row_text(buffer, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The terminal cursor: where it is, when it is shown.
pub fn cursor(terminal: &mut Terminal<TestBackend>) -> Option<Position> {
    if terminal.backend().cursor_visible() {
        Some(terminal.get_cursor_position().expect("cursor position"))
    } else {
        None
    }
}

pub fn describe_style(fg: Color, bg: Color, modifier: Modifier) -> String {
    let mut parts = Vec::new();
    if fg != Color::Reset {
        parts.push(format!("fg {fg:?}"));
    }
    if bg != Color::Reset {
        parts.push(format!("bg {bg:?}"));
    }
    for (name, _) in modifier.iter_names() {
        parts.push(name.to_lowercase());
    }
    parts.join(", ")
}

/// A screen as text for a snapshot: every row in quotes (so trailing blanks show), the cursor,
/// then a map of the styles, one letter per cell (`.` for the default style) with a legend.
pub fn snapshot(terminal: &mut Terminal<TestBackend>) -> String {
    let cursor = cursor(terminal);
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let mut out = format!("{}x{}\n", area.width, area.height);
    for y in 0..area.height {
        out.push('"');
        out.push_str(&row_text(buffer, y));
        out.push_str("\"\n");
    }
    match cursor {
        Some(p) => {
            let _ = writeln!(out, "\ncursor: ({}, {})", p.x, p.y);
        }
        None => out.push_str("\ncursor: hidden\n"),
    }
    let codes: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
    let mut styles: Vec<(Color, Color, Modifier)> = Vec::new();
    let mut map = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            let key = (cell.fg, cell.bg, cell.modifier);
            if key == (Color::Reset, Color::Reset, Modifier::empty()) {
                map.push('.');
                continue;
            }
            let index = styles.iter().position(|s| *s == key).unwrap_or_else(|| {
                styles.push(key);
                styles.len() - 1
            });
            map.push(codes.get(index).copied().unwrap_or('?'));
        }
        map.push('\n');
    }
    out.push_str("\nstyles:\n");
    for (i, (fg, bg, modifier)) in styles.iter().enumerate() {
        let code = codes.get(i).copied().unwrap_or('?');
        let _ = writeln!(out, "{code} = {}", describe_style(*fg, *bg, *modifier));
    }
    out.push('\n');
    out.push_str(&map);
    out
}
