//! Taking over the terminal and giving it back on every way out: quit, error, panic, Ctrl-C,
//! every signal whose default action ends the process and that can be caught (see
//! [`terminating_signals`]), Ctrl-Z (suspend, then a full redraw on `fg`), a command run on
//! the terminal meanwhile ([`handed_over`]), and a terminal that disappears.
//!
//! A watchdog thread handles the last case. When its terminal closes, crossterm's event reader
//! can spin inside `event::poll` without ever returning (crossterm issue 793), so the main
//! thread cannot be trusted to notice: the watchdog checks the terminal and the pending signals
//! every 100 ms and ends the process itself when the main loop has not done so in time.

use std::io::{IsTerminal as _, Stdout, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{
    SIGABRT, SIGALRM, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
    SIGVTALRM, SIGXCPU, SIGXFSZ,
};

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// How long the main loop has to end after a terminating signal before the watchdog does it.
const GRACE: Duration = Duration::from_millis(700);
const TICK: Duration = Duration::from_millis(100);

/// Puts the terminal in raw mode on the alternate screen with mouse reporting, and makes sure
/// a panic restores it before the panic message is printed.
pub fn enter() -> std::io::Result<Tui> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut stdout = std::io::stdout();
    if let Err(e) = execute!(
        stdout,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    ) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout))
}

/// Gives the terminal back: main screen, cursor shown, no mouse reporting, cooked mode.
/// Safe to call more than once and when the terminal was never entered.
pub fn restore() {
    let mut stdout = std::io::stdout();
    let _ = execute!(
        stdout,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = stdout.flush();
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Stops the process until `fg`, with the terminal restored meanwhile; the caller redraws the
/// whole screen afterwards.
pub fn suspend(terminal: &mut Tui) -> std::io::Result<()> {
    restore();
    // SIGSTOP cannot be caught, so this stops even though SIGTSTP is handled below.
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    take_back(terminal)
}

/// Whether a child process has the terminal (see [`handed_over`]): the keys that signal the
/// terminal's foreground processes (Ctrl-C, Ctrl-\, Ctrl-Z) are then meant for it, as a shell
/// running a command ignores them (`system(3)` does the same). Process-wide, as signals are.
static CHILD_HAS_TERMINAL: AtomicBool = AtomicBool::new(false);

/// Gives the terminal to `work` (a child process that writes to it) as for Ctrl-Z: restored
/// before, taken back and wholly redrawn after. Meanwhile Ctrl-C, Ctrl-\ and Ctrl-Z reach
/// the child and not the browser.
pub fn handed_over<T>(terminal: &mut Tui, work: impl FnOnce() -> T) -> std::io::Result<T> {
    restore();
    CHILD_HAS_TERMINAL.store(true, Ordering::SeqCst);
    let result = work();
    CHILD_HAS_TERMINAL.store(false, Ordering::SeqCst);
    take_back(terminal)?;
    Ok(result)
}

/// Takes the terminal again after it was given back, and forgets the last frame.
fn take_back(terminal: &mut Tui) -> std::io::Result<()> {
    // Continued by the hangup of a terminal closed meanwhile: there is nothing to take over
    // again, and the error paths would write to a dead terminal. End as the watchdog does.
    if !std::io::stdout().is_terminal() {
        std::process::exit(128 + SIGHUP);
    }
    enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    // `Terminal::clear` would ask the terminal where the cursor is (and give up after 2 s on
    // one that does not answer); a full screen needs no answer. Resizing to the current size
    // clears the screen and forgets the last frame, so the next draw is whole, and it also
    // takes in a size change made while stopped.
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// The signals that end the process by default and can be handled: each one restores the
/// terminal first, and the process then exits with `128 + signal`.
///
/// Left out on purpose: SIGKILL and SIGSTOP cannot be caught; SIGSEGV, SIGBUS, SIGILL, SIGFPE,
/// SIGTRAP and SIGSYS report faults, where a handler that returns would run the faulting
/// instruction again; SIGPIPE is ignored by every Rust program (a write fails instead).
pub fn terminating_signals() -> Vec<i32> {
    let mut signals = vec![
        SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGVTALRM, SIGPROF,
        SIGXCPU, SIGXFSZ, SIGIO,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        signals.extend([libc::SIGSTKFLT, libc::SIGPWR]);
        // The real-time signals: the C library keeps the first few for itself, and
        // SIGRTMIN() says which is the first it leaves to programs.
        signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    signals
}

/// What the watchdog tells the main loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A terminating signal arrived: restore and exit with `128 + signal`.
    Terminate(i32),
    /// SIGTSTP from outside (`kill -TSTP`): suspend like Ctrl-Z.
    Suspend,
}

/// The main loop's side of the watchdog.
pub struct Watchdog {
    terminate: Arc<AtomicI32>,
    suspend: Arc<AtomicBool>,
}

impl Watchdog {
    /// Starts the watchdog thread and the signal handlers.
    pub fn start() -> std::io::Result<Watchdog> {
        let terminate = Arc::new(AtomicI32::new(0));
        let suspend = Arc::new(AtomicBool::new(false));
        let mut signals = signal_hook::iterator::Signals::new(terminating_signals())?;
        signals.add_signal(SIGTSTP)?;
        let (t, s) = (Arc::clone(&terminate), Arc::clone(&suspend));
        // Which of the standard streams were terminals when we started: the one to watch.
        let watch_stdin = std::io::stdin().is_terminal();
        let watch_stdout = std::io::stdout().is_terminal();
        std::thread::spawn(move || {
            let mut deadline: Option<(Instant, i32)> = None;
            loop {
                for signal in signals.pending() {
                    let from_keys = matches!(signal, SIGINT | SIGQUIT | SIGTSTP);
                    if from_keys && CHILD_HAS_TERMINAL.load(Ordering::SeqCst) {
                        continue;
                    }
                    if signal == SIGTSTP {
                        s.store(true, Ordering::SeqCst);
                    } else {
                        t.store(signal, Ordering::SeqCst);
                        deadline.get_or_insert((Instant::now() + GRACE, signal));
                    }
                }
                let gone = (watch_stdin && !std::io::stdin().is_terminal())
                    || (watch_stdout && !std::io::stdout().is_terminal());
                if gone {
                    // Nothing is left to restore, and the main thread may be stuck in a spin.
                    std::process::exit(128 + SIGHUP);
                }
                if let Some((when, signal)) = deadline
                    && Instant::now() >= when
                {
                    restore();
                    std::process::exit(128 + signal);
                }
                std::thread::sleep(TICK);
            }
        });
        Ok(Watchdog { terminate, suspend })
    }

    /// The notice waiting for the main loop, if any.
    pub fn take(&self) -> Option<Notice> {
        match self.terminate.load(Ordering::SeqCst) {
            0 if self.suspend.swap(false, Ordering::SeqCst) => Some(Notice::Suspend),
            0 => None,
            signal => Some(Notice::Terminate(signal)),
        }
    }
}
