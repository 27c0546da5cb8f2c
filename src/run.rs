//! The event loop: draw, wait for input, turn it into actions, and hand them to the app through
//! [`effects::dispatch`], which carries out what the app asks for.
//!
//! Input is drained in batches before the next frame, so a storm of resize events (a window
//! being dragged) costs one redraw, and the watchdog's notices, viewer reports and search
//! results are checked between batches.

use std::io::IsTerminal as _;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::{Action, Command};
use crate::app::{App, Effect};
use crate::context::AppContext;
use crate::effects::refresh::Refresher;
use crate::effects::{self, Effects as _, Flow, System};
use crate::keymap::Context;
use crate::opener::{ProcessLauncher, Viewer};
use crate::search::worker::Worker;
use crate::terminal::{self, Notice, Watchdog};
use crate::ui::{self, Ui};

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
/// the search `search` when given; `refresher` loads the program again when asked.
pub fn browse(
    mut app: App,
    ctx: &AppContext,
    viewer: Viewer,
    search: Option<&str>,
    refresher: Refresher,
) -> Result<Ending, RunError> {
    if !std::io::stdout().is_terminal() {
        return Err(RunError::NotATerminal);
    }
    let watchdog = Watchdog::start()?;
    let (reports, inbox) = mpsc::channel();
    let mut system = System {
        worker: Worker::start(Arc::clone(&app.program)),
        launcher: ProcessLauncher::new(viewer, reports),
        terminal: terminal::enter()?,
        refresher,
        picks: effects::PicksFile::new(Arc::clone(&app.program)),
        clipboard: ctx.clipboard,
    };
    let result = event_loop(&mut system, &mut app, ctx, &watchdog, &inbox, search);
    terminal::restore();
    let mut terminal = system.terminal;
    let _ = terminal.show_cursor();
    if !std::io::stdout().is_terminal() {
        // The terminal is gone: its `Drop` would report the failed cursor write on a stderr
        // that is gone too, and `eprintln!` panics on that.
        std::mem::forget(terminal);
    }
    result
}

fn event_loop(
    system: &mut System<ProcessLauncher>,
    app: &mut App,
    ctx: &AppContext,
    watchdog: &Watchdog,
    inbox: &mpsc::Receiver<String>,
    search: Option<&str>,
) -> Result<Ending, RunError> {
    for effect in app.start(search) {
        for action in system.run(effect)? {
            effects::dispatch(app, action, system)?;
        }
    }
    let mut ui = Ui::default();
    let mut last_tick = Instant::now();
    loop {
        system
            .terminal
            .draw(|frame| ui::draw(app, &mut ui, ctx, frame))?;
        // Wait for something to change: a notice, a report, the clock, search results, input.
        loop {
            match watchdog.take() {
                Some(Notice::Terminate(signal)) => return Ok(Ending::Signal(signal)),
                Some(Notice::Suspend) => {
                    system.run(Effect::Suspend)?;
                    break;
                }
                None => {}
            }
            let mut news: Vec<Action> = inbox.try_iter().map(Action::Report).collect();
            news.extend(system.refresher.news());
            // The now/next markers move with the clock.
            if last_tick.elapsed() >= TICK {
                news.push(Action::Tick(jiff::Timestamp::now()));
                last_tick = Instant::now();
            }
            news.extend(
                system
                    .worker
                    .progress
                    .try_iter()
                    .map(Action::SearchProgress),
            );
            let changed = !news.is_empty();
            for action in news {
                if effects::dispatch(app, action, system)? == Flow::Quit {
                    return Ok(Ending::Quit);
                }
            }
            if changed {
                break;
            }
            // While a search runs, look for its results often.
            let wait = if app.search.progress.is_some() {
                SEARCH_POLL
            } else {
                POLL
            };
            if event::poll(wait)? {
                // A resize needs no action: the next frame is drawn at the new size.
                for _ in 0..BATCH {
                    let event = event::read()?;
                    if let Some(action) = translate(app, ctx, &event)
                        && effects::dispatch(app, action, system)? == Flow::Quit
                    {
                        return Ok(Ending::Quit);
                    }
                    if !event::poll(Duration::ZERO)? {
                        break;
                    }
                }
                break;
            }
        }
    }
}

/// The action an input event means, if any: key presses through the key map, left clicks,
/// the wheel, pasted text.
pub fn translate(app: &App, ctx: &AppContext, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.is_press() => {
            let context = app.context();
            ctx.keymap
                .lookup(context, key)
                .map(|command| match (command, key.code) {
                    // The digit keys in the links list say which link to open.
                    (Command::OpenNumber, KeyCode::Char(c)) => c
                        .to_digit(10)
                        .and_then(|d| u8::try_from(d).ok())
                        .map_or(Action::Command(command), Action::OpenNumber),
                    _ => Action::Command(command),
                })
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
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::action::Command;
    use crate::app::test_support::{act, app_with, cmd};
    use crate::app::{Focus, Overlay};
    use crate::program::Program;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    /// The keys as a terminal sends them: crossterm reports Shift-Tab as `KeyCode::BackTab` with
    /// `KeyModifiers::SHIFT`.
    #[test]
    fn focus_keys_as_the_terminal_sends_them() {
        let ctx = AppContext::default();
        let mut app = app_with(Program::sample(3));
        let steps = [
            (KeyCode::Tab, KeyModifiers::NONE, Focus::Detail),
            (KeyCode::BackTab, KeyModifiers::SHIFT, Focus::List),
            (KeyCode::Enter, KeyModifiers::NONE, Focus::Detail),
            (KeyCode::Esc, KeyModifiers::NONE, Focus::List),
            (KeyCode::Right, KeyModifiers::NONE, Focus::Detail),
            (KeyCode::Left, KeyModifiers::NONE, Focus::List),
        ];
        for (code, modifiers, focus) in steps {
            let event = Event::Key(KeyEvent::new(code, modifiers));
            let action = translate(&app, &ctx, &event);
            assert!(action.is_some(), "{code:?} with {modifiers:?} is not bound");
            if let Some(action) = action {
                app.update(action);
            }
            assert_eq!(app.focus, focus, "{code:?} with {modifiers:?}");
        }
    }

    /// In the links list a digit key names the link it opens; elsewhere digits mean nothing.
    #[test]
    fn digits_open_links_by_number_in_the_links_list() {
        let ctx = AppContext::default();
        let mut app = app_with(Program::sample(2));
        let digit = |c| key(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(translate(&app, &ctx, &digit('3')), None);
        assert_eq!(
            translate(&app, &ctx, &digit('u')),
            Some(Command::Links.into())
        );
        cmd(&mut app, Command::Links);
        assert_eq!(app.context(), Context::Links);
        for (c, n) in [('1', 1), ('3', 3), ('9', 9)] {
            assert_eq!(
                translate(&app, &ctx, &digit(c)),
                Some(Action::OpenNumber(n))
            );
        }
        assert_eq!(translate(&app, &ctx, &digit('0')), None);
        assert_eq!(
            translate(&app, &ctx, &digit('y')),
            Some(Command::CopyLink.into())
        );
    }

    #[test]
    fn slash_opens_the_prompt_where_keys_type() {
        let ctx = AppContext::default();
        let mut app = app_with(Program::sample(5));
        let slash = key(KeyCode::Char('/'), KeyModifiers::NONE);
        assert_eq!(
            translate(&app, &ctx, &slash),
            Some(Action::Command(Command::Search))
        );
        assert_eq!(
            cmd(&mut app, Command::Search).map(|(job, _)| job),
            None,
            "an empty prompt searches nothing"
        );
        assert!(matches!(app.overlay, Some(Overlay::Search)));
        assert_eq!(app.context(), Context::Search);
        // Keys bound in the list type in the prompt; editing keys edit.
        let none = KeyModifiers::NONE;
        let cases = [
            (key(KeyCode::Char('q'), none), Action::Insert('q')),
            (key(KeyCode::Char('j'), none), Action::Insert('j')),
            (key(KeyCode::Char('/'), none), Action::Insert('/')),
            (key(KeyCode::Char('n'), none), Action::Insert('n')),
            (key(KeyCode::Char('f'), none), Action::Insert('f')),
            (key(KeyCode::Char(' '), none), Action::Insert(' ')),
            (
                key(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Action::Insert('G'),
            ),
            (key(KeyCode::Char('é'), none), Action::Insert('é')),
            (key(KeyCode::Enter, none), Command::Submit.into()),
            (key(KeyCode::Esc, none), Command::Back.into()),
            (key(KeyCode::Backspace, none), Command::DeleteBack.into()),
            (
                key(KeyCode::Char('w'), KeyModifiers::CONTROL),
                Command::DeleteWord.into(),
            ),
            (
                key(KeyCode::Char('u'), KeyModifiers::CONTROL),
                Command::DeleteLine.into(),
            ),
            (key(KeyCode::Up, none), Command::HistoryPrev.into()),
            (key(KeyCode::Down, none), Command::HistoryNext.into()),
            (
                key(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Command::Quit.into(),
            ),
            (
                Event::Paste("two\nwords".into()),
                Action::Paste("two\nwords".into()),
            ),
        ];
        for (event, expected) in cases {
            assert_eq!(translate(&app, &ctx, &event), Some(expected), "{event:?}");
        }
        act(&mut app, Action::Insert('w'));
        assert_eq!(app.search.input.text(), "w");
    }
}
