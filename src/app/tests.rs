//! `App::update` driven by actions, with the facts an 80×24 screen reports (see
//! `test_support`): list rows at y = 2..22, x = 1..31 (20 rows, a page of 19), the detail
//! pane from column 32 (its text 20 lines high, a page of 19).

use super::test_support::{
    DETAIL, LIST, OVERLAY, app_with, detail_of, list_of, measure, run, set_panes,
};
use super::{App, Effect, Focus, Overlay, Status, TextOverlay, Viewport};
use crate::action::{Action, Command};
use crate::program::{Origin, Program, Talk};
use std::path::PathBuf;

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

fn sample_app(n: usize) -> App {
    app_with(Program::sample(n))
}

/// The help overlay's scroll position, if the help is open.
fn help_scroll(app: &App) -> Option<usize> {
    match &app.overlay {
        Some(Overlay::Help(text)) => Some(text.scroll),
        _ => None,
    }
}

/// A talk whose detail text is 64 lines where nothing wraps (title, blank, the "no slides"
/// line, blank, "Abstract", then 30 one-line paragraphs with 29 blanks between): the app is
/// told so.
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
    measure(&mut app, 64);
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

/// A page is the measured rows less one.
#[test]
fn a_page_is_the_measured_rows_less_one() {
    // (rows the list shows, selection after one PageDown from the top)
    let cases = [(20, 19), (6, 5), (40, 39), (16, 15), (1, 1), (0, 1)];
    for (rows, selected) in cases {
        let mut app = sample_app(100);
        set_panes(&mut app, Some(list_of(rows)), Some(DETAIL));
        run(&mut app, &[Command::PageDown]);
        assert_eq!(app.list.selected, selected, "{rows} rows");
        run(&mut app, &[Command::PageUp]);
        assert_eq!(app.list.selected, 0, "{rows} rows");
    }
    // Before anything is measured, a page is one row.
    let mut app = App::new(Program::sample(100));
    app.update(Command::PageDown.into());
    assert_eq!(app.list.selected, 1);
}

#[test]
fn a_smaller_list_moves_the_offset_to_keep_the_selection_visible() {
    let mut app = sample_app(50);
    run(&mut app, &[Command::Bottom]);
    assert_eq!((app.list.selected, app.list.offset), (49, 30));
    // 6 rows: the last talk is the last visible row.
    set_panes(&mut app, Some(list_of(6)), Some(DETAIL));
    assert_eq!((app.list.selected, app.list.offset), (49, 44));
    // Taller again: the offset stays as long as the selection is visible.
    set_panes(&mut app, Some(LIST), Some(DETAIL));
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
    set_panes(&mut app, Some(list_of(6)), Some(DETAIL));
    assert_eq!((app.list.selected, app.list.offset), (38, 33));
    // A hidden list (a narrow screen showing the detail) keeps its offset until it is shown.
    set_panes(&mut app, None, Some(DETAIL));
    run(&mut app, &[Command::Top]);
    assert_eq!((app.list.selected, app.list.offset), (0, 33));
    set_panes(&mut app, Some(LIST), Some(DETAIL));
    assert_eq!((app.list.selected, app.list.offset), (0, 0));
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
    set_panes(&mut app, Some(LIST), Some(detail_of(30)));
    assert_eq!(app.detail.scroll, 34);
    // The text of another talk is not measured yet: the scroll waits for it.
    let mut app = long_app(2);
    run(&mut app, &[Command::Down, Command::FocusDetail]);
    app.detail.text = None;
    app.update(Command::Bottom.into());
    assert_eq!(app.detail.scroll, usize::MAX, "not measured: not clamped");
    measure(&mut app, 64);
    assert_eq!(app.detail.scroll, 44);
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
        assert!(app.overlay.is_none());
    }
}

#[test]
fn help_overlay_takes_the_keys_while_open() {
    let mut app = sample_app(10);
    run(&mut app, &[Command::ToggleHelp]);
    assert_eq!(help_scroll(&app), Some(0));
    assert_eq!(app.context(), crate::keymap::Context::Help);

    run(&mut app, &[Command::Down]);
    assert_eq!(help_scroll(&app), Some(1));
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
        assert_eq!(help_scroll(&app), Some(1), "{command:?}");
        assert_eq!(app.focus, Focus::List, "{command:?}");
    }
    assert_eq!(app.status, None);

    run(&mut app, &[Command::Back]);
    assert!(app.overlay.is_none());
    assert_eq!(app.focus, Focus::List);

    // From the detail, Back closes the help and leaves the focus alone.
    run(
        &mut app,
        &[Command::FocusDetail, Command::ToggleHelp, Command::Back],
    );
    assert!(app.overlay.is_none());
    assert_eq!(app.focus, Focus::Detail);

    run(&mut app, &[Command::ToggleHelp, Command::ToggleHelp]);
    assert!(app.overlay.is_none());

    // Reopened, it starts at the top.
    run(
        &mut app,
        &[Command::ToggleHelp, Command::Down, Command::Down],
    );
    run(&mut app, &[Command::ToggleHelp, Command::ToggleHelp]);
    assert_eq!(help_scroll(&app), Some(0));

    assert_eq!(app.update(Command::Quit.into()), Some(Effect::Quit));
}

#[test]
fn help_scrolling_is_clamped() {
    let lines = 60;
    let mut app = sample_app(10);
    run(&mut app, &[Command::ToggleHelp]);
    // The frame measured a help of 60 lines in 6 rows: a page of 6.
    let small = Viewport { rows: 6, lines };
    if let Some(Overlay::Help(text)) = &mut app.overlay {
        text.viewport = Some(small);
    }
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
        assert_eq!(help_scroll(&app), Some(scroll), "{command:?}");
    }
    assert_eq!(app.list.selected, 0);

    // On a tall screen the whole help fits: nothing to scroll.
    if let Some(Overlay::Help(text)) = &mut app.overlay {
        text.viewport = Some(Viewport { rows: 70, lines });
    }
    run(&mut app, &[Command::Bottom, Command::Down]);
    assert_eq!(help_scroll(&app), Some(0));

    // Before the help is drawn its length is unknown: Bottom waits for the frame.
    app.overlay = Some(Overlay::Help(TextOverlay::default()));
    app.update(Command::Bottom.into());
    assert_eq!(help_scroll(&app), Some(usize::MAX));
    measure(&mut app, 10);
    assert_eq!(help_scroll(&app), Some(OVERLAY.lines - OVERLAY.rows));
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
            ..Status::default()
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
        key: None,
    });
    assert_eq!(app.status, report);
    set_panes(&mut app, Some(list_of(30)), Some(detail_of(30)));
    assert_eq!(app.status, report, "a new frame keeps the status");
    app.update(Action::Notice("opening the slides".into()));
    assert_eq!(
        app.status.as_ref().map(|s| (s.text.as_str(), s.is_error)),
        Some(("opening the slides", false))
    );
    for command in ALL_COMMANDS {
        app.update(Action::Report("the viewer failed".into()));
        app.update(Action::Command(command));
        assert_eq!(app.status, None, "{command:?}");
    }
}

/// Quitting and suspending are effects, the same in every pane, overlay and the prompt.
#[test]
fn quit_and_suspend_are_effects_everywhere() {
    for open in [
        None,
        Some(Command::ToggleHelp),
        Some(Command::Search),
        Some(Command::Filters),
        Some(Command::About),
    ] {
        let mut app = sample_app(3);
        if let Some(command) = open {
            run(&mut app, &[command]);
        }
        assert_eq!(
            app.update(Command::Quit.into()),
            Some(Effect::Quit),
            "{open:?}"
        );
        assert_eq!(
            app.update(Command::Suspend.into()),
            Some(Effect::Suspend),
            "{open:?}"
        );
        assert_eq!(app.list.selected, 0);
    }
}

/// The pane layouts a frame can report: both panes, none, one, and panes too small for a row.
fn layouts() -> [(Option<super::PaneRegion>, Option<super::PaneRegion>); 6] {
    [
        (Some(LIST), Some(DETAIL)),
        (Some(list_of(0)), Some(detail_of(0))),
        (Some(list_of(1)), Some(detail_of(1))),
        (None, Some(DETAIL)),
        (Some(LIST), None),
        (None, None),
    ]
}

/// Every command in every focus, with and without the help, clicks and wheels everywhere, in
/// every layout: nothing panics, and an empty program stays at its start.
#[test]
fn an_empty_program_survives_everything() {
    for (list, detail) in layouts() {
        let mut app = app_with(Program::sample(0));
        set_panes(&mut app, list, detail);
        measure(&mut app, 0);
        for first in ALL_COMMANDS {
            for second in ALL_COMMANDS {
                app.update(Action::Command(first));
                let effect = app.update(Action::Command(second));
                let expected = (second == Command::Quit).then_some(Effect::Quit);
                assert_eq!(effect, expected, "{first:?}, {second:?} in {list:?}");
                assert_eq!((app.list.selected, app.list.offset), (0, 0));
                assert_eq!(app.detail.scroll, 0);
                assert_eq!(app.selected_talk(), None);
            }
        }
        app.overlay = None;
        for column in (0..82).step_by(7) {
            for row in 0..26 {
                app.update(Action::Click { column, row });
                app.update(Action::Wheel {
                    column,
                    row,
                    down: row % 2 == 0,
                });
                assert_eq!((app.list.selected, app.list.offset), (0, 0));
                assert_eq!(app.detail.scroll, 0);
            }
        }
    }
}

#[test]
fn small_layouts_never_panic_with_talks() {
    for (list, detail) in layouts() {
        let mut app = long_app(5);
        set_panes(&mut app, list, detail);
        for command in ALL_COMMANDS.into_iter().chain(ALL_COMMANDS) {
            app.update(Action::Command(command));
            assert!(app.list.selected < 5);
            assert!(app.list.offset <= app.list.selected);
        }
        for column in 0..82 {
            for row in 0..26 {
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

/// What loading noticed is kept for the messages overlay; the status line counts it with the
/// plural right and names the key that shows it.
#[test]
fn messages_about_the_program_can_be_read() {
    let mut app = sample_app(3);
    app.show_loaded(
        Some("1 warning in the program file: run `lectern check` to see it".into()),
        vec!["p.toml:3:1: warning: unknown key `colour`".into()],
        1,
    );
    let status = app.status.clone().expect("a status");
    assert_eq!(
        status.text,
        "1 warning in the program file: press {} to see it"
    );
    assert_eq!(status.key, Some(Command::Messages));
    run(&mut app, &[Command::Messages]);
    assert!(matches!(app.overlay, Some(Overlay::Messages(_))));
    assert_eq!(app.context(), crate::keymap::Context::Help);
    assert_eq!(
        app.live.messages,
        ["p.toml:3:1: warning: unknown key `colour`"]
    );
    run(&mut app, &[Command::Back]);
    assert!(app.overlay.is_none());

    let mut app = sample_app(3);
    app.show_loaded(None, vec!["a".into(), "b".into()], 2);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("2 warnings in the program file: press {} to see them")
    );
    // An import with notes: its summary, and the key to read the notes.
    let mut app = sample_app(3);
    app.show_loaded(
        Some("imported Pentabarf: 3 talks; 2 talks without a room".into()),
        vec![
            "imported Pentabarf: 3 talks".into(),
            "note: 2 talks without a room".into(),
        ],
        0,
    );
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("press {} to read the notes · imported Pentabarf: 3 talks")
    );
    // Nothing noticed: no status.
    let mut app = sample_app(3);
    app.show_loaded(None, Vec::new(), 0);
    assert_eq!(app.status, None);
}
