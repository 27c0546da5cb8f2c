//! Helpers shared by the `update` tests: an app with the facts an 80×24 screen reports, and
//! commands run as the event loop runs them (every search carried out, then the frame
//! measured again).
//!
//! On that screen the list pane is columns 0..32 (rows at y = 2..22, x = 1..31: 20 rows, a
//! page of 19) and the detail pane columns 32..80 (its text 20 lines high, a page of 19). The
//! drawing side is not used here: every talk's text is taken to be as long as the app was
//! told ([`measure`]); tests of the real wrapping draw the screen (`ui::tests`).

use super::{App, Effect, Measured, Overlay, PaneRegion, Region, TextFacts, Viewport};
use crate::action::{Action, Command};
use crate::program::Program;
use crate::search::worker::{Job, Progress, run_now};

/// The list pane of an 80×24 screen.
pub const LIST: PaneRegion = PaneRegion {
    pane: Region {
        x: 0,
        y: 1,
        width: 32,
        height: 22,
    },
    inner: Region {
        x: 1,
        y: 2,
        width: 30,
        height: 20,
    },
};

/// The detail pane of an 80×24 screen.
pub const DETAIL: PaneRegion = PaneRegion {
    pane: Region {
        x: 32,
        y: 1,
        width: 48,
        height: 22,
    },
    inner: Region {
        x: 34,
        y: 2,
        width: 43,
        height: 20,
    },
};

/// A text overlay as tall as the body of an 80×24 screen, and 60 lines long.
pub const OVERLAY: Viewport = Viewport {
    rows: 20,
    lines: 60,
};

/// An app with a measured 80×24 screen and a detail text of 10 lines.
pub fn app_with(program: Program) -> App {
    let mut app = App::new(program);
    set_panes(&mut app, Some(LIST), Some(DETAIL));
    measure(&mut app, 10);
    app
}

/// Reports a frame: both panes of an 80×24 screen (or what `set_panes` chose), a detail text
/// of `lines` lines (with the matches measured before), the open overlay's window as before
/// (else [`OVERLAY`]).
pub fn measure(app: &mut App, lines: usize) {
    let matches = app.detail.text.as_ref().map(|t| t.matches.clone());
    measure_with(app, lines, matches.unwrap_or_default());
}

/// [`measure`], with the lines of the text that hold a match.
pub fn measure_with(app: &mut App, lines: usize, matches: Vec<usize>) {
    let overlay = match &app.overlay {
        Some(Overlay::Help(text) | Overlay::About(text)) => Some(text.viewport.unwrap_or(OVERLAY)),
        _ => None,
    };
    let text = TextFacts {
        key: app.detail_key(),
        lines,
        matches,
    };
    let (list, detail) = (app.list.region, app.detail.region);
    app.measured(Measured {
        list,
        detail,
        text: detail.map(|_| text),
        overlay,
        grid: None,
    });
}

/// Sets the panes' regions (as a frame of another size or focus would report them).
pub fn set_panes(app: &mut App, list: Option<PaneRegion>, detail: Option<PaneRegion>) {
    app.list.region = list;
    app.detail.region = detail;
    let lines = lines(app);
    measure(app, lines);
}

/// The detail text length last measured.
pub fn lines(app: &App) -> usize {
    app.detail.text.as_ref().map_or(0, |t| t.lines)
}

/// A list pane showing `rows` rows (in an 80-column screen `rows + 4` high).
pub fn list_of(rows: u16) -> PaneRegion {
    PaneRegion {
        pane: Region::new(0, 1, 32, rows + 2),
        inner: Region::new(1, 2, 30, rows),
    }
}

/// A detail pane whose text shows `rows` rows.
pub fn detail_of(rows: u16) -> PaneRegion {
    PaneRegion {
        pane: Region::new(32, 1, 48, rows + 2),
        inner: Region::new(34, 2, 43, rows),
    }
}

/// Carries out a search effect as the loop does: the job runs, and every report goes back to
/// the app. Returns the job and what it reported.
pub fn settle(app: &mut App, effect: Option<Effect>) -> Option<(Job, Vec<Progress>)> {
    match effect {
        Some(Effect::Search(job)) => {
            let reports = run_now(&app.program, &job);
            for progress in &reports {
                app.update(Action::SearchProgress(progress.clone()));
            }
            Some((job, reports))
        }
        _ => None,
    }
}

/// One action as the loop handles it: its search carried out, then a frame measured (with the
/// text length measured before).
pub fn act(app: &mut App, action: Action) -> Option<(Job, Vec<Progress>)> {
    let effect = app.update(action);
    let searched = settle(app, effect);
    let lines = lines(app);
    measure(app, lines);
    searched
}

pub fn cmd(app: &mut App, command: Command) -> Option<(Job, Vec<Progress>)> {
    act(app, Action::Command(command))
}

pub fn run(app: &mut App, commands: &[Command]) {
    for &command in commands {
        cmd(app, command);
    }
}

/// Types `text` into the prompt one character at a time, each search carried out.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        act(app, Action::Insert(c));
    }
}

/// Opens the prompt, types `text` and keeps the search with Enter.
pub fn search_for(app: &mut App, text: &str) {
    cmd(app, Command::Search);
    type_text(app, text);
    cmd(app, Command::Submit);
}

/// A two-day schedule in Brussels, its talks out of order in the file. By time: Opening
/// (3, Sat 09:30), Go (5, Sat 10:00, room H.2215), Rust (0, Sat 10:00, room K.1.105), Late
/// night (4, Sun 01:30, still Saturday by the 04:00 day change), Sunday keynote (2, Sun 09:00),
/// Closing (6, Sun 17:00); then the lightning talk (1) without a time.
pub const SCHEDULE: &str = r#"
[program]
title = "Devroom Days"
timezone = "Europe/Brussels"
day_change = "04:00"

[[talks]]
title = "Rust in the kernel"
start = "2021-02-06T10:00"
duration = "50m"
room = "K.1.105"
track = "Rust"

[[talks]]
title = "Untimed lightning talk"
track = "Lightning"

[[talks]]
title = "Sunday keynote"
start = "2021-02-07T09:00"
duration = "50m"
room = "Janson"
track = "Keynotes"

[[talks]]
title = "Opening"
start = "2021-02-06T09:30"
duration = "25m"
room = "Janson"
track = "Keynotes"

[[talks]]
title = "Late night hacking"
start = "2021-02-07T01:30"
duration = "1h"
room = "Bar"
track = "Social"

[[talks]]
title = "Go generics"
start = "2021-02-06T10:00"
duration = "50m"
room = "H.2215"
track = "Go"

[[talks]]
title = "Closing"
start = "2021-02-07T17:00"
duration = "15m"
room = "Janson"
track = "Keynotes"
"#;
