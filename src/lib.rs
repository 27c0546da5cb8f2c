//! Lectern: browse a conference or workshop program in the terminal.
//!
//! The parts, from the inside out:
//! - [`program`] and [`sanitize`]: the domain core. A program file is read, validated and
//!   sanitized into plain types; nothing there knows about the terminal.
//! - [`import`]: published schedules (Pentabarf/frab XML, frab/pretalx JSON, iCalendar)
//!   converted into a `Program`, and [`program::to_toml`] to write one.
//! - [`search`]: the query language, the folded index, facet filters, and the search thread.
//! - [`slides`] and [`opener`]: where a talk's slides are and how a viewer is started.
//! - [`action`], [`keymap`] and [`app`]: what the user can do, which keys do it, and the state
//!   that changes (`App::update` does no I/O: it returns an [`app::Effect`] for the loop).
//! - [`ui`]: one widget per pane, drawing the `App`.
//! - [`terminal`] and [`run`]: taking over the terminal, the event loop, and giving the
//!   terminal back on every way out.
//! - [`cli`]: the command line.

pub mod action;
pub mod app;
pub mod cli;
pub mod context;
pub mod effects;
pub mod import;
pub mod input;
pub mod keymap;
pub mod numbers;
pub mod opener;
pub mod program;
pub mod run;
pub mod sanitize;
pub mod search;
pub mod slides;
pub mod source;
pub mod terminal;
pub mod theme;
pub mod ui;
