//! The event loop: draw, wait for input, turn it into actions, carry out effects.
//!
//! Input is drained in batches before the next frame, so a storm of resize events (a window
//! being dragged) costs one redraw, and the watchdog's notices and viewer reports are checked
//! between batches.

use std::io::IsTerminal as _;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use std::sync::Arc;

use crossterm::event::{
    self, Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::Action;
use crate::app::{App, Effect};
use crate::keymap::{self, Context};
use crate::opener::{Launcher, ProcessLauncher, Viewer};
use crate::search::worker::Worker;
use crate::slides;
use crate::terminal::{self, Notice, Tui, Watchdog};
use crate::ui;

/// How long to wait for input before looking at notices and reports again.
const POLL: Duration = Duration::from_millis(100);
/// How often the clock is read for the now/next markers.
const TICK: Duration = Duration::from_secs(15);
/// The same while a search is running, so its results show as soon as they come.
const SEARCH_POLL: Duration = Duration::from_millis(4);
/// At most this many queued events are handled before a frame is drawn.
const BATCH: usize = 512;

/// Why the browser stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Quit,
    Signal(i32),
}

/// Why the browser could not run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("standard output is not a terminal: lectern draws a full-screen browser")]
    NotATerminal,
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
}

/// Runs the browser on the terminal until the user quits or a signal ends it, starting with
/// the search `search` when given.
pub fn browse(mut app: App, viewer: Viewer, search: Option<&str>) -> Result<Ending, RunError> {
    if !std::io::stdout().is_terminal() {
        return Err(RunError::NotATerminal);
    }
    let watchdog = Watchdog::start()?;
    let worker = Worker::start(Arc::clone(&app.program));
    if let Some(Effect::Search(job)) = search.and_then(|q| app.start_search(q)) {
        worker.submit(job);
    }
    let mut terminal = terminal::enter()?;
    let result = event_loop(&mut terminal, &mut app, &watchdog, &worker, viewer);
    terminal::restore();
    let _ = terminal.show_cursor();
    if !std::io::stdout().is_terminal() {
        // The terminal is gone: its `Drop` would report the failed cursor write on a stderr
        // that is gone too, and `eprintln!` panics on that.
        std::mem::forget(terminal);
    }
    result
}

fn event_loop(
    terminal: &mut Tui,
    app: &mut App,
    watchdog: &Watchdog,
    worker: &Worker,
    viewer: Viewer,
) -> Result<Ending, RunError> {
    let (reports, inbox) = mpsc::channel();
    let mut launcher = ProcessLauncher::new(viewer, reports);
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    app.clock.local = jiff::tz::TimeZone::try_system().ok();
    app.update(Action::Tick(jiff::Timestamp::now()));
    let mut last_tick = Instant::now();
    loop {
        terminal.draw(|frame| ui::draw(app, frame))?;
        let mut changed = false;
        while !changed {
            match watchdog.take() {
                Some(Notice::Terminate(signal)) => return Ok(Ending::Signal(signal)),
                Some(Notice::Suspend) => {
                    terminal::suspend(terminal)?;
                    changed = true;
                }
                None => {}
            }
            while let Ok(report) = inbox.try_recv() {
                app.update(Action::Report(report));
                changed = true;
            }
            // The now/next markers move with the clock.
            if last_tick.elapsed() >= TICK {
                app.update(Action::Tick(jiff::Timestamp::now()));
                last_tick = Instant::now();
                changed = true;
            }
            while let Ok(progress) = worker.progress.try_recv() {
                app.update(Action::SearchProgress(progress));
                changed = true;
            }
            // While a search runs, look for its results often.
            let wait = if app.search.progress.is_some() {
                SEARCH_POLL
            } else {
                POLL
            };
            if !changed && event::poll(wait)? {
                for _ in 0..BATCH {
                    let event = event::read()?;
                    match translate(app, &event).and_then(|a| app.update(a)) {
                        Some(Effect::Suspend) => terminal::suspend(terminal)?,
                        Some(Effect::Search(job)) => worker.submit(job),
                        Some(effect) => perform(effect, app, &mut launcher),
                        None => {}
                    }
                    if !app.running || !event::poll(Duration::ZERO)? {
                        break;
                    }
                }
                changed = true;
            }
        }
        if !app.running {
            return Ok(Ending::Quit);
        }
    }
}

/// The action an input event means, if any: key presses through the key map, left clicks,
/// the wheel, resizes.
pub fn translate(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.is_press() => {
            let context = app.context();
            keymap::lookup(context, key)
                .map(Action::Command)
                .or_else(|| {
                    // Unbound printable keys type into the search prompt.
                    let plain = (key.modifiers - KeyModifiers::SHIFT).is_empty();
                    match key.code {
                        KeyCode::Char(c) if plain && context == Context::Search => {
                            Some(Action::Insert(c))
                        }
                        _ => None,
                    }
                })
        }
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Mouse(MouseEvent {
            kind, column, row, ..
        }) => {
            let (column, row) = (*column, *row);
            match kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollDown => Some(Action::Wheel {
                    column,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::Wheel {
                    column,
                    row,
                    down: false,
                }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Carries out an effect: resolves the slides (this touches the file system) and hands them
/// to the launcher, with the outcome on the status line. (Suspending needs the terminal and
/// searching the search thread: the loop does those.)
pub fn perform(effect: Effect, app: &mut App, launcher: &mut dyn Launcher) {
    match effect {
        Effect::Suspend | Effect::Search(_) => {}
        Effect::OpenSlides { slides, base } => match slides::resolve(&slides, &base) {
            Err(e) => app.set_status(e.to_string(), true),
            Ok(target) => {
                let shown = crate::sanitize::line(&target.as_arg().to_string_lossy());
                launcher.launch(&target);
                app.set_status(format!("opening {shown}"), false);
            }
        },
    }
}
