//! Lectern: browse a conference or workshop program in the terminal.
//!
//! The parts, from the inside out; each depends only on those before it (a test checks that
//! no two modules depend on each other):
//! - [`sanitize`], [`numbers`], [`slides`], [`program`]: the domain core. A program file is
//!   read, validated and sanitized into plain types; nothing there knows about the terminal.
//!   [`links`] numbers every link of a talk; [`clipboard`] is the copy setting and the OSC 52
//!   sequence.
//!   [`atomic`] writes every file Lectern writes, whole or not at all.
//! - [`import`]: published schedules (Pentabarf/frab XML, frab/pretalx JSON, iCalendar)
//!   converted into a `Program`, and [`program::to_toml`] to write one.
//! - [`changes`]: what changed between two versions of a program, talk by talk.
//! - [`fetch`] and [`cache`]: downloading a schedule over HTTP(S) within limits, and the copies
//!   kept for offline use.
//! - [`source`]: where a program comes from (a file, a schedule converted in memory, a web
//!   address through the cache, the built-in program), loaded or refused with a typed error.
//! - [`agenda`]: the talks a user picks, their clashes and free time, kept in a file per
//!   program and exported as text or iCalendar; no terminal code either.
//! - [`search`]: the query language, the folded index, facet filters, and the search thread.
//! - [`timetable`]: one day of a schedule laid out as rooms side by side and time running
//!   down, talks that overlap in a room side by side, and the nearest talk in a direction;
//!   no terminal code either.
//! - [`action`], [`keymap`], [`input`] and [`app`]: what the user can do, which keys do it
//!   (a [`keymap::Keymap`] value built from a default table), and the state that changes.
//!   `App::update` does no I/O and knows no screen geometry: it reads the layout facts the
//!   last frame reported, and returns an [`app::Effect`] for anything outside the process.
//! - [`theme`], [`context`] and [`ui`]: the styles, the keymap and theme handed down together
//!   ([`context::AppContext`]), and one widget per pane drawing the `App`; each frame reports
//!   what it measured back to the app.
//! - [`opener`], [`terminal`], [`effects`] and [`run`]: starting a viewer, taking over and
//!   restoring the terminal, the one runner that carries out every effect, and the event loop.
//! - [`config`]: the configuration file, checked with the program loader's diagnostics, and
//!   the keymap, theme and settings it makes; `lectern config` prints it back.
//! - [`cli`], [`diff`], [`show`] and [`completions`]: the command line, `lectern diff`,
//!   `lectern show` (the talks a search finds, as text, Markdown or JSON), and the shell
//!   completions and manual page generated from the command line's definition.

pub mod action;
pub mod agenda;
pub mod app;
pub mod atomic;
pub mod cache;
pub mod changes;
pub mod cli;
pub mod clipboard;
pub mod completions;
pub mod config;
pub mod context;
pub mod diff;
pub mod effects;
pub mod fetch;
pub mod import;
pub mod input;
pub mod keymap;
pub mod links;
pub mod numbers;
pub mod opener;
pub mod program;
pub mod run;
pub mod sanitize;
pub mod search;
pub mod show;
pub mod slides;
pub mod source;
pub mod terminal;
pub mod theme;
pub mod timetable;
pub mod ui;
