//! `App::update` driven by actions, and `run::perform` with a launcher that only records.
//!
//! The screen is 80×24 unless a test resizes it. At that size the list pane is 32 columns wide
//! (rows at y = 2..22, x = 1..31, 20 rows, a page of 19) and the detail pane takes columns
//! 32..80 (text 43 columns wide and 20 lines high, a page of 19).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::{App, Effect, Focus, Overlay, Status};
use crate::action::{Action, Command};
use crate::opener::Launcher;
use crate::program::{Origin, Program, Talk};
use crate::slides::Target;

const ALL_COMMANDS: [Command; 15] = [
    Command::Down,
    Command::Up,
    Command::PageDown,
    Command::PageUp,
    Command::Top,
    Command::Bottom,
    Command::FocusNext,
    Command::FocusPrev,
    Command::FocusDetail,
    Command::FocusList,
    Command::Select,
    Command::OpenSlides,
    Command::ToggleHelp,
    Command::Back,
    Command::Quit,
];

fn app_with(program: Program) -> App {
    let mut app = App::new(program);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn sample_app(n: usize) -> App {
    app_with(Program::sample(n))
}

fn run(app: &mut App, commands: &[Command]) {
    for &command in commands {
        app.update(Action::Command(command));
    }
}

fn resize(app: &mut App, width: u16, height: u16) {
    app.update(Action::Resize { width, height });
}

/// A talk whose detail text is exactly 64 lines at any width where nothing wraps: title, blank,
/// the "no slides" line, blank, "Abstract", then 30 one-line paragraphs with 29 blanks between.
fn long_talk(i: usize) -> Talk {
    let paragraphs: Vec<String> = (0..30).map(|p| format!("paragraph {p}")).collect();
    Talk {
        kind: None,
        abstract_text: Some(paragraphs.join("\n\n")),
        slides: None,
        tags: Vec::new(),
        speakers: Vec::new(),
        ..Talk::sample(i)
    }
}

fn long_app(n: usize) -> App {
    let program = Program {
        talks: (0..n).map(long_talk).collect(),
        ..Program::sample(0)
    };
    let mut app = app_with(program);
    assert_eq!(app.detail_lines().len(), 64, "the long talk's layout");
    app
}

/// Down/Up/PageDown/PageUp/Top/Bottom over 50 talks, step by step: (selected, offset).
#[test]
fn list_navigation_clamps_and_keeps_the_selection_visible() {
    let mut app = sample_app(50);
    let steps: Vec<(Command, usize, usize)> = vec![
        (Command::Down, 1, 0),
        (Command::Up, 0, 0),
        (Command::Up, 0, 0),
        (Command::PageUp, 0, 0),
        (Command::PageDown, 19, 0),
        (Command::Down, 20, 1),
        (Command::PageDown, 39, 20),
        (Command::Bottom, 49, 30),
        (Command::Down, 49, 30),
        (Command::PageDown, 49, 30),
        (Command::PageUp, 30, 30),
        (Command::Up, 29, 29),
        (Command::Top, 0, 0),
        (Command::Bottom, 49, 30),
        (Command::Top, 0, 0),
    ];
    for (i, (command, selected, offset)) in steps.into_iter().enumerate() {
        app.update(Action::Command(command));
        assert_eq!(
            (app.list.selected, app.list.offset),
            (selected, offset),
            "step {i}: {command:?}"
        );
        assert_eq!(app.focus, Focus::List);
    }
}

/// A page is the visible rows less one, and follows the terminal size.
#[test]
fn page_size_follows_the_terminal_size() {
    // (width, height, selection after one PageDown from the top)
    let cases = [
        (80, 24, 19),
        (80, 10, 5),  // 8 body lines, 6 rows
        (80, 44, 39), // 42 body lines, 40 rows
        (60, 20, 15), // narrow: the list takes the whole body, 16 rows
        (80, 4, 1),   // 2 body lines, no rows inside the border: a page is still one
    ];
    for (width, height, selected) in cases {
        let mut app = sample_app(100);
        resize(&mut app, width, height);
        run(&mut app, &[Command::PageDown]);
        assert_eq!(app.list.selected, selected, "{width}x{height}");
        run(&mut app, &[Command::PageUp]);
        assert_eq!(app.list.selected, 0, "{width}x{height}");
    }
}

#[test]
fn a_resize_moves_the_offset_to_keep_the_selection_visible() {
    let mut app = sample_app(50);
    run(&mut app, &[Command::Bottom]);
    assert_eq!((app.list.selected, app.list.offset), (49, 30));
    // 6 rows: the last talk is the last visible row.
    resize(&mut app, 80, 10);
    assert_eq!((app.list.selected, app.list.offset), (49, 44));
    // Taller again: the offset stays as long as the selection is visible.
    resize(&mut app, 80, 24);
    assert_eq!((app.list.selected, app.list.offset), (49, 44));
    run(&mut app, &[Command::Up; 5]);
    assert_eq!((app.list.selected, app.list.offset), (44, 44));
    run(&mut app, &[Command::Up]);
    assert_eq!((app.list.selected, app.list.offset), (43, 43));
    run(
        &mut app,
        &[Command::Top, Command::PageDown, Command::PageDown],
    );
    assert_eq!((app.list.selected, app.list.offset), (38, 19));
    resize(&mut app, 80, 10);
    assert_eq!((app.list.selected, app.list.offset), (38, 33));
}

#[test]
fn detail_scrolling_is_clamped_to_the_text() {
    let mut app = long_app(1);
    run(&mut app, &[Command::FocusDetail]);
    // 64 lines in a 20-line window: the last scroll position is 44.
    let steps: Vec<(Command, usize)> = vec![
        (Command::Down, 1),
        (Command::Down, 2),
        (Command::Up, 1),
        (Command::PageDown, 20),
        (Command::PageDown, 39),
        (Command::PageDown, 44),
        (Command::Down, 44),
        (Command::PageUp, 25),
        (Command::Top, 0),
        (Command::Up, 0),
        (Command::PageUp, 0),
        (Command::Bottom, 44),
    ];
    for (i, (command, scroll)) in steps.into_iter().enumerate() {
        app.update(Action::Command(command));
        assert_eq!(app.detail.scroll, scroll, "step {i}: {command:?}");
        assert_eq!(app.list.selected, 0);
        assert_eq!(app.focus, Focus::Detail);
    }
    // A taller window shows more: the scroll comes back inside the text (64 - 30).
    resize(&mut app, 80, 34);
    assert_eq!(app.detail.scroll, 34);
}

#[test]
fn detail_scroll_resets_when_the_selection_changes() {
    let mut app = long_app(2);
    run(&mut app, &[Command::FocusDetail, Command::Bottom]);
    assert_eq!(app.detail.scroll, 44);
    run(&mut app, &[Command::FocusList]);
    assert_eq!(app.detail.scroll, 44, "changing focus keeps the scroll");
    run(&mut app, &[Command::Down]);
    assert_eq!((app.list.selected, app.detail.scroll), (1, 0));

    run(
        &mut app,
        &[Command::FocusDetail, Command::Down, Command::Down],
    );
    assert_eq!(app.detail.scroll, 2);
    // Down on the last talk selects nothing new: the scroll stays.
    run(
        &mut app,
        &[Command::FocusList, Command::Down, Command::Bottom],
    );
    assert_eq!((app.list.selected, app.detail.scroll), (1, 2));
    run(&mut app, &[Command::Up]);
    assert_eq!((app.list.selected, app.detail.scroll), (0, 0));
}

/// (focus before, command, focus after)
#[test]
fn focus_commands() {
    let cases = [
        (Focus::List, Command::FocusNext, Focus::Detail),
        (Focus::Detail, Command::FocusNext, Focus::List),
        (Focus::List, Command::FocusPrev, Focus::Detail),
        (Focus::Detail, Command::FocusPrev, Focus::List),
        (Focus::List, Command::FocusDetail, Focus::Detail),
        (Focus::Detail, Command::FocusDetail, Focus::Detail),
        (Focus::Detail, Command::FocusList, Focus::List),
        (Focus::List, Command::FocusList, Focus::List),
        (Focus::List, Command::Select, Focus::Detail),
        (Focus::Detail, Command::Back, Focus::List),
        (Focus::List, Command::Back, Focus::List),
    ];
    for (before, command, after) in cases {
        let mut app = sample_app(3);
        run(&mut app, &[Command::Down]);
        app.focus = before;
        let effect = app.update(Action::Command(command));
        assert_eq!(effect, None);
        assert_eq!(app.focus, after, "{before:?} + {command:?}");
        assert_eq!(app.list.selected, 1, "{before:?} + {command:?}");
        assert!(app.running, "{before:?} + {command:?}");
        assert_eq!(app.overlay, None);
    }
}

/// The keys as a terminal sends them: crossterm reports Shift-Tab as `KeyCode::BackTab` with
/// `KeyModifiers::SHIFT`.
#[test]
fn focus_keys_as_the_terminal_sends_them() {
    let mut app = sample_app(3);
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
        let action = crate::run::translate(&app, &event);
        assert!(action.is_some(), "{code:?} with {modifiers:?} is not bound");
        if let Some(action) = action {
            app.update(action);
        }
        assert_eq!(app.focus, focus, "{code:?} with {modifiers:?}");
    }
}

#[test]
fn help_overlay_takes_the_keys_while_open() {
    let mut app = sample_app(10);
    run(&mut app, &[Command::ToggleHelp]);
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));
    assert_eq!(app.context(), crate::keymap::Context::Help);

    run(&mut app, &[Command::Down]);
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 1 }));
    assert_eq!(app.list.selected, 0, "Down scrolls the help, not the list");
    assert_eq!(app.focus, Focus::List);

    // Commands that mean nothing in the help change nothing.
    for command in [
        Command::FocusNext,
        Command::Select,
        Command::FocusDetail,
        Command::OpenSlides,
    ] {
        assert_eq!(app.update(Action::Command(command)), None, "{command:?}");
        assert_eq!(
            app.overlay,
            Some(Overlay::Help { scroll: 1 }),
            "{command:?}"
        );
        assert_eq!(app.focus, Focus::List, "{command:?}");
    }
    assert_eq!(app.status, None);

    run(&mut app, &[Command::Back]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.focus, Focus::List);
    assert!(app.running);

    // From the detail, Back closes the help and leaves the focus alone.
    run(
        &mut app,
        &[Command::FocusDetail, Command::ToggleHelp, Command::Back],
    );
    assert_eq!((app.overlay, app.focus), (None, Focus::Detail));

    run(&mut app, &[Command::ToggleHelp, Command::ToggleHelp]);
    assert_eq!(app.overlay, None);

    // Reopened, it starts at the top.
    run(
        &mut app,
        &[Command::ToggleHelp, Command::Down, Command::Down],
    );
    run(&mut app, &[Command::ToggleHelp, Command::ToggleHelp]);
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));

    run(&mut app, &[Command::Quit]);
    assert!(!app.running);
}

#[test]
fn help_scrolling_is_clamped() {
    let lines = crate::ui::help::line_count();
    assert!(lines > 14, "the help has {lines} lines");
    let mut app = sample_app(10);
    // 8 body lines: the overlay is 8 high, 6 lines of text, a page of 6.
    resize(&mut app, 80, 10);
    run(&mut app, &[Command::ToggleHelp]);
    let steps = [
        (Command::Down, 1),
        (Command::PageDown, 7),
        (Command::Up, 6),
        (Command::PageUp, 0),
        (Command::Up, 0),
        (Command::Bottom, lines - 6),
        (Command::Down, lines - 6),
        (Command::Top, 0),
    ];
    for (command, scroll) in steps {
        app.update(Action::Command(command));
        assert_eq!(app.overlay, Some(Overlay::Help { scroll }), "{command:?}");
    }
    assert_eq!(app.list.selected, 0);

    // On a tall screen the whole help fits: nothing to scroll.
    resize(&mut app, 80, 200);
    run(&mut app, &[Command::Bottom, Command::Down]);
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));
}

#[test]
fn narrow_screens_show_only_the_focused_pane() {
    let mut app = sample_app(3);
    resize(&mut app, 60, 20);
    let body = Rect::new(0, 1, 60, 18);
    let areas = app.areas();
    assert_eq!((areas.list, areas.detail), (Some(body), None));
    run(&mut app, &[Command::Select]);
    let areas = app.areas();
    assert_eq!((areas.list, areas.detail), (None, Some(body)));
    run(&mut app, &[Command::Back]);
    assert_eq!(app.areas().list, Some(body));

    // 69 columns is still narrow; 70 shows both panes.
    resize(&mut app, 69, 20);
    assert_eq!(app.areas().detail, None);
    resize(&mut app, 70, 20);
    let areas = app.areas();
    assert_eq!(areas.list, Some(Rect::new(0, 1, 28, 18)));
    assert_eq!(areas.detail, Some(Rect::new(28, 1, 42, 18)));

    resize(&mut app, 80, 24);
    let areas = app.areas();
    assert_eq!(areas.list, Some(Rect::new(0, 1, 32, 22)));
    assert_eq!(areas.detail, Some(Rect::new(32, 1, 48, 22)));
}

#[test]
fn clicks_select_and_focus() {
    // (clicked cell, selection after, focus after), each from a fresh app focused on the detail
    // with talk 1 selected.
    let cases = [
        ((5, 5), 3, Focus::List),    // the fourth row
        ((1, 2), 0, Focus::List),    // the first row, its first column
        ((30, 21), 19, Focus::List), // the last visible row
        ((5, 1), 1, Focus::List),    // the list's top border: focus only
        ((0, 5), 1, Focus::List),    // the list's left border: focus only
        ((50, 5), 1, Focus::Detail), // the detail
        ((5, 0), 1, Focus::Detail),  // the header: nothing
        ((5, 23), 1, Focus::Detail), // the footer: nothing
    ];
    for ((column, row), selected, focus) in cases {
        let mut app = sample_app(50);
        run(&mut app, &[Command::Down, Command::FocusDetail]);
        app.update(Action::Click { column, row });
        assert_eq!(
            (app.list.selected, app.focus),
            (selected, focus),
            "click at {column},{row}"
        );
    }

    // A click on the detail from the list focuses the detail and keeps the selection.
    let mut app = sample_app(50);
    run(&mut app, &[Command::Down]);
    app.update(Action::Click { column: 50, row: 5 });
    assert_eq!((app.list.selected, app.focus), (1, Focus::Detail));
}

#[test]
fn clicks_count_rows_from_the_list_offset() {
    let mut app = sample_app(50);
    run(&mut app, &[Command::Bottom]);
    assert_eq!(app.list.offset, 30);
    app.update(Action::Click { column: 5, row: 2 });
    assert_eq!((app.list.selected, app.list.offset), (30, 30));
    app.update(Action::Click { column: 5, row: 21 });
    assert_eq!((app.list.selected, app.list.offset), (49, 30));
}

#[test]
fn a_click_below_the_last_talk_selects_nothing() {
    let mut app = sample_app(3);
    run(&mut app, &[Command::Down, Command::FocusDetail]);
    app.update(Action::Click { column: 5, row: 10 });
    assert_eq!((app.list.selected, app.focus), (1, Focus::List));
}

#[test]
fn a_click_on_another_talk_resets_the_detail_scroll() {
    let mut app = long_app(3);
    run(&mut app, &[Command::FocusDetail, Command::PageDown]);
    assert_eq!(app.detail.scroll, 19);
    app.update(Action::Click { column: 5, row: 4 });
    assert_eq!((app.list.selected, app.detail.scroll), (2, 0));
}

#[test]
fn the_wheel_scrolls_what_is_under_the_mouse_without_moving_the_focus() {
    let mut app = long_app(3);
    let over_detail = |down| Action::Wheel {
        column: 50,
        row: 5,
        down,
    };
    let over_list = |down| Action::Wheel {
        column: 5,
        row: 5,
        down,
    };

    app.update(over_detail(true));
    assert_eq!((app.detail.scroll, app.focus), (3, Focus::List));
    app.update(over_detail(true));
    assert_eq!(app.detail.scroll, 6);
    app.update(over_detail(false));
    assert_eq!(app.detail.scroll, 3);
    for _ in 0..20 {
        app.update(over_detail(true));
    }
    assert_eq!(app.detail.scroll, 44, "clamped to the text");
    assert_eq!(app.list.selected, 0);
    assert_eq!(app.focus, Focus::List);

    run(&mut app, &[Command::FocusDetail]);
    app.update(over_list(true));
    assert_eq!(
        (app.list.selected, app.detail.scroll, app.focus),
        (1, 0, Focus::Detail)
    );
    app.update(over_list(false));
    app.update(over_list(false));
    assert_eq!((app.list.selected, app.focus), (0, Focus::Detail));

    // Over the header, nothing moves.
    app.update(Action::Wheel {
        column: 5,
        row: 0,
        down: true,
    });
    assert_eq!((app.list.selected, app.detail.scroll), (0, 0));
}

#[test]
fn open_slides_returns_an_effect_with_the_program_folder() {
    let mut app = sample_app(3);
    run(&mut app, &[Command::Down]);
    let effect = app.update(Action::Command(Command::OpenSlides));
    assert_eq!(
        effect,
        Some(Effect::OpenSlides {
            slides: "slides/talk-1.pdf".into(),
            base: PathBuf::from("/programs"),
        })
    );
    assert_eq!(app.status, None);

    // The same from the detail pane.
    run(&mut app, &[Command::FocusDetail]);
    let effect = app.update(Action::Command(Command::OpenSlides));
    assert!(
        matches!(effect, Some(Effect::OpenSlides { ref slides, .. }) if slides == "slides/talk-1.pdf")
    );

    // The built-in program resolves against the current directory.
    let mut app = app_with(Program {
        origin: Origin::BuiltIn,
        ..Program::sample(1)
    });
    assert_eq!(
        app.update(Action::Command(Command::OpenSlides)),
        Some(Effect::OpenSlides {
            slides: "slides/talk-0.pdf".into(),
            base: PathBuf::from("."),
        })
    );
}

#[test]
fn open_slides_without_slides_says_so() {
    let mut app = app_with(Program {
        talks: vec![Talk {
            slides: None,
            ..Talk::sample(0)
        }],
        ..Program::sample(0)
    });
    assert_eq!(app.update(Action::Command(Command::OpenSlides)), None);
    assert_eq!(
        app.status,
        Some(Status {
            text: "no slides for this talk".into(),
            is_error: false,
        })
    );
}

#[test]
fn reports_set_an_error_status_and_commands_clear_it() {
    let mut app = sample_app(3);
    app.update(Action::Report("the viewer failed".into()));
    let report = Some(Status {
        text: "the viewer failed".into(),
        is_error: true,
    });
    assert_eq!(app.status, report);
    resize(&mut app, 100, 30);
    assert_eq!(app.status, report, "a resize keeps the status");
    for command in ALL_COMMANDS {
        app.update(Action::Report("the viewer failed".into()));
        app.update(Action::Command(command));
        assert_eq!(app.status, None, "{command:?}");
    }
}

#[test]
fn quit_stops_the_app() {
    let mut app = sample_app(3);
    assert!(app.running);
    assert_eq!(app.update(Action::Command(Command::Quit)), None);
    assert!(!app.running);
}

/// Every command in every focus, with and without the help, clicks and wheels everywhere, on
/// screens from 0×0 up: nothing panics, and an empty program stays at its start.
#[test]
fn an_empty_program_survives_everything() {
    let sizes = [
        (80, 24),
        (60, 20),
        (200, 60),
        (20, 2),
        (1, 1),
        (0, 0),
        (70, 3),
    ];
    for (width, height) in sizes {
        let mut app = app_with(Program::sample(0));
        resize(&mut app, width, height);
        for first in ALL_COMMANDS {
            for second in ALL_COMMANDS {
                app.running = true;
                app.update(Action::Command(first));
                let effect = app.update(Action::Command(second));
                assert_eq!(effect, None, "{first:?}, {second:?} at {width}x{height}");
                assert_eq!(app.list, super::ListState::default());
                assert_eq!(app.detail.scroll, 0);
                assert_eq!(app.selected_talk(), None);
            }
        }
        app.overlay = None;
        for column in (0..width.saturating_add(2)).step_by(7) {
            for row in 0..height.saturating_add(2) {
                app.update(Action::Click { column, row });
                app.update(Action::Wheel {
                    column,
                    row,
                    down: row % 2 == 0,
                });
                assert_eq!(app.list, super::ListState::default());
                assert_eq!(app.detail.scroll, 0);
            }
        }
        assert_eq!(app.detail_lines().len(), 0);
    }
}

#[test]
fn tiny_screens_never_panic_with_talks() {
    for (width, height) in [(0, 0), (1, 1), (2, 2), (10, 3), (69, 4), (70, 4)] {
        let mut app = long_app(5);
        resize(&mut app, width, height);
        for command in ALL_COMMANDS.into_iter().chain(ALL_COMMANDS) {
            app.update(Action::Command(command));
            assert!(app.list.selected < 5);
            assert!(app.list.offset <= app.list.selected);
        }
        for column in 0..width.saturating_add(2) {
            for row in 0..height.saturating_add(2) {
                app.update(Action::Click { column, row });
                app.update(Action::Wheel {
                    column,
                    row,
                    down: true,
                });
                assert!(app.list.selected < 5);
            }
        }
    }
}

/// A launcher that records what it is asked to open.
#[derive(Default)]
struct Recorder {
    launched: Vec<Target>,
}

impl Launcher for Recorder {
    fn launch(&mut self, target: &Target) {
        self.launched.push(target.clone());
    }
}

/// A program folder in a temporary directory: `program.toml`, `slides/a.pdf` and `-rf.pdf`,
/// with `x.pdf` next to the folder (outside it).
fn program_folder(slides: &[&str]) -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("program");
    std::fs::create_dir_all(folder.join("slides")).expect("mkdir");
    std::fs::write(folder.join("slides/a.pdf"), "%PDF").expect("write");
    std::fs::write(folder.join("-rf.pdf"), "%PDF").expect("write");
    std::fs::write(dir.path().join("x.pdf"), "%PDF").expect("write");
    let mut src = String::from("[program]\ntitle = \"Slides\"\n");
    for (i, s) in slides.iter().enumerate() {
        write!(src, "[[talks]]\ntitle = \"Talk {i}\"\nslides = \"{s}\"\n")
            .expect("write to a string");
    }
    let file = folder.join("program.toml");
    std::fs::write(&file, src).expect("write");
    let (program, _) = crate::program::load_file(&file).expect("loads");
    (dir, folder, app_with(program))
}

fn open_selected(app: &mut App, index: usize) -> Recorder {
    run(app, &[Command::Top]);
    run(app, &vec![Command::Down; index]);
    assert_eq!(app.list.selected, index);
    let effect = app
        .update(Action::Command(Command::OpenSlides))
        .expect("the talk has slides");
    let mut recorder = Recorder::default();
    crate::run::perform(effect, app, &mut recorder);
    recorder
}

#[test]
fn perform_opens_what_resolves_and_refuses_the_rest() {
    let slides = [
        "slides/a.pdf",
        "-rf.pdf",
        "slides/missing.pdf",
        "javascript:alert(1)",
        "../x.pdf",
        "https://example.org/talk.pdf",
    ];
    let (_dir, folder, mut app) = program_folder(&slides);
    let real = folder.canonicalize().expect("canonical");
    let file = |name: &str| Target::File(real.join(name));
    let web = Target::Web(url::Url::parse("https://example.org/talk.pdf").expect("url"));
    let cases: Vec<(usize, Vec<Target>, String, bool)> = vec![
        (
            0,
            vec![file("slides/a.pdf")],
            format!("opening {}", real.join("slides/a.pdf").display()),
            false,
        ),
        (
            1,
            vec![file("-rf.pdf")],
            format!("opening {}", real.join("-rf.pdf").display()),
            false,
        ),
        (
            2,
            vec![],
            format!(
                "slides not found: looked for {}",
                folder.join("slides/missing.pdf").display()
            ),
            true,
        ),
        (
            3,
            vec![],
            "only http and https links are opened, not javascript:".into(),
            true,
        ),
        (
            4,
            vec![],
            "the path leaves the program's folder".into(),
            true,
        ),
        (
            5,
            vec![web],
            "opening https://example.org/talk.pdf".into(),
            false,
        ),
    ];
    for (index, launched, text, is_error) in cases {
        let recorder = open_selected(&mut app, index);
        assert_eq!(recorder.launched, launched, "{}", slides[index]);
        assert_eq!(
            app.status,
            Some(Status { text, is_error }),
            "{}",
            slides[index]
        );
    }
}

/// A file name that looks like an option reaches the viewer as one absolute path.
#[test]
fn a_dash_file_is_launched_as_an_absolute_path() {
    let (_dir, _folder, mut app) = program_folder(&["-rf.pdf"]);
    let recorder = open_selected(&mut app, 0);
    assert_eq!(recorder.launched.len(), 1);
    let arg = recorder.launched[0].as_arg().to_string_lossy().into_owned();
    assert!(Path::new(&arg).is_absolute(), "{arg}");
    assert!(arg.ends_with("/program/-rf.pdf"), "{arg}");
    assert!(!arg.starts_with('-'), "{arg}");
}
