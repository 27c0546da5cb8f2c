//! Whole screens of the timetable, drawn on a `TestBackend`: a small schedule with two talks
//! side by side in one room, a talk after midnight that belongs to the evening before, an
//! untimed talk, and a room that has talks on Sunday only; the now line, picks, a search that
//! dims, the detail beside the grid and across a narrow screen, and a program without times.

mod common;

use common::{Screen, act, app_at, row_text, run, screen_text, snapshot, type_text};
use lectern::action::{Action, Command};
use lectern::agenda::{Mark, Picks};
use lectern::app::Focus;
use lectern::program::{self, Origin};

/// Saturday evening in Brussels (the conference day changes at 04:00): Janson has the
/// keynote and, after midnight, the night owls; K.1.105 has Rust and Go side by side, then a
/// `BoF`; H.2215 the lightning talks. Sunday: H.1308 alone. One talk has no time.
const SCHEDULE: &str = r#"
[program]
title = "Night Grid 2021"
timezone = "Europe/Brussels"
day_change = "04:00"

[[talks]]
id = "keynote"
title = "Evening keynote"
start = "2021-02-06T20:00"
duration = "60m"
room = "Janson"
track = "Main"

[[talks.speakers]]
name = "Kay Note"

[[talks]]
id = "rust"
title = "Rust in the kernel"
start = "2021-02-06T20:00"
duration = "60m"
room = "K.1.105"
track = "Rust"

[[talks.speakers]]
name = "Ru Stacean"

[[talks]]
id = "go"
title = "Go generics in practice"
start = "2021-02-06T20:30"
duration = "45m"
room = "K.1.105"
track = "Go"

[[talks.speakers]]
name = "Gopher Gray"

[[talks]]
id = "lightning"
title = "Lightning talks"
start = "2021-02-06T21:00"
duration = "60m"
room = "H.2215"

[[talks]]
id = "bof"
title = "Closing BoF"
start = "2021-02-06T22:00"
duration = "30m"
room = "K.1.105"
track = "Rust"

[[talks]]
id = "owls"
title = "Night owls"
start = "2021-02-07T00:15"
duration = "45m"
room = "Janson"
track = "Main"

[[talks]]
id = "breakfast"
title = "Sunday breakfast"
start = "2021-02-07T09:00"
duration = "30m"
room = "H.1308"

[[talks]]
id = "untimed"
title = "Untimed lightning talk"
"#;

fn at(text: &str) -> jiff::Timestamp {
    program::schedule::date_time(
        text,
        Some(&jiff::tz::TimeZone::get("Europe/Brussels").expect("zone")),
    )
    .expect("a time")
    .timestamp()
}

/// The schedule on a screen, Rust starred, Go a maybe, the clock at 21:10 on Saturday, the
/// timetable shown with the keynote selected.
fn grid_screen(width: u16, height: u16) -> Screen {
    let (program, _) =
        program::parse_str(SCHEDULE, Origin::File("night.toml".into())).expect("loads");
    let mut picks = Picks::default();
    picks.set(&program.talks[1], Some(Mark::Star));
    picks.set(&program.talks[2], Some(Mark::Maybe));
    let mut screen = app_at(program, width, height);
    act(
        &mut screen,
        Action::PicksLoaded {
            picks,
            problem: None,
        },
    );
    act(&mut screen, Action::Tick(at("2021-02-06T21:10")));
    run(&mut screen, &[Command::Timetable]);
    screen
}

fn rows(screen: &mut Screen) -> Vec<String> {
    let terminal = screen.frame();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| row_text(buffer, y))
        .collect()
}

#[test]
fn the_grid_of_an_evening() {
    let mut screen = grid_screen(100, 30);
    assert_eq!(screen.focus, Focus::Grid);
    let rows = rows(&mut screen);
    let text = rows.join("\n");
    // Three rooms of Saturday, in the program's order; H.1308 has talks on Sunday only.
    assert!(
        rows[2].starts_with(
            "│      Janson                        K.1.105                       H.2215"
        ),
        "{text}"
    );
    assert!(!text.contains("H.1308"), "{text}");
    // Fifteen-minute rows from 20:00, labelled every half hour; the night owls at 00:15,
    // seventeen rows down, on Saturday's grid.
    assert!(rows[3].starts_with("│20:00 ┌Evening keynote"), "{text}");
    assert!(rows[5].starts_with("│20:30 "), "{text}");
    assert!(rows[20].contains("┌Night owls"), "{text}");
    assert!(rows[19].starts_with("│00:00 "), "{text}");
    // Rust and Go side by side in K.1.105, the star and the maybe in their boxes.
    assert!(rows[3].contains("┌★ Rust in the"), "{text}");
    assert!(rows[5].contains("┌☆ Go"), "{text}");
    // The now line at 21:10, across the empty cells.
    assert!(rows[7].starts_with("│21:10─"), "{text}");
    assert!(rows[7].contains("────"), "{text}");
    // The untimed talk below the grid, and the day and rooms on the border.
    assert!(text.contains("Not scheduled (1)"), "{text}");
    assert!(text.contains("Untimed lightning talk"), "{text}");
    assert!(rows[1].starts_with("┌ Saturday 2021-02-06 "), "{text}");
    assert!(rows[0].ends_with("Sat 2021-02-06 · day 1 of 2"), "{text}");
    let mut terminal = screen.frame();
    insta::assert_snapshot!("timetable_evening", snapshot(&mut terminal));
}

#[test]
fn a_search_dims_the_rest_and_the_detail_opens_beside_the_grid() {
    let mut screen = grid_screen(120, 30);
    run(&mut screen, &[Command::Search]);
    type_text(&mut screen, "kernel");
    run(&mut screen, &[Command::Submit]);
    assert_eq!(screen.focus, Focus::Grid, "back to the grid");
    run(&mut screen, &[Command::Right, Command::Select]);
    assert_eq!(screen.focus, Focus::Detail);
    let rows = rows(&mut screen);
    let text = rows.join("\n");
    assert!(
        rows[1].contains("┐┌ Talk "),
        "the detail beside the grid: {text}"
    );
    assert!(rows[2].contains("Rust in the kernel"), "{text}");
    let mut terminal = screen.frame();
    insta::assert_snapshot!("timetable_search_detail", snapshot(&mut terminal));
    run(&mut screen, &[Command::Back]);
    assert_eq!(screen.focus, Focus::Grid);
}

#[test]
fn a_narrow_screen_reads_the_talk_full_screen_and_scrolls_rooms() {
    let mut screen = grid_screen(30, 14);
    let first = screen_text(screen.frame().backend().buffer());
    assert!(first.contains("Janson"), "{first}");
    assert!(!first.contains("K.1.105"), "one room fits: {first}");
    run(&mut screen, &[Command::Right]);
    let moved = screen_text(screen.frame().backend().buffer());
    assert!(
        moved.contains("K.1.105") && !moved.contains("Janson"),
        "{moved}"
    );
    assert!(moved.contains("room 2 of 3"), "{moved}");
    let mut terminal = screen.frame();
    insta::assert_snapshot!("timetable_narrow", snapshot(&mut terminal));
    run(&mut screen, &[Command::Select]);
    let detail = screen_text(screen.frame().backend().buffer());
    assert!(detail.contains("┌ Talk "), "{detail}");
    assert!(!detail.contains("K.1.105    "), "{detail}");
}

#[test]
fn sunday_has_its_own_room() {
    let mut screen = grid_screen(100, 20);
    run(&mut screen, &[Command::NextDay]);
    let text = rows(&mut screen).join("\n");
    assert!(
        text.contains("H.1308") && !text.contains("Janson"),
        "{text}"
    );
    assert!(text.contains("┌Sunday breakfast"), "{text}");
    assert!(text.contains("day 2 of 2"), "{text}");
}

#[test]
fn the_help_asked_for_in_the_grid_starts_with_its_keys() {
    let mut screen = grid_screen(100, 30);
    run(&mut screen, &[Command::ToggleHelp]);
    let rows = rows(&mut screen);
    let first = rows
        .iter()
        .position(|r| r.contains("│Timetable"))
        .unwrap_or_else(|| panic!("{}", rows.join("\n")));
    assert!(
        rows[first + 1].contains("the next talk in the room"),
        "{}",
        rows.join("\n")
    );
    assert!(!rows[..first].iter().any(|r| r.contains("Talk list")));
    // Closed and asked for in the list, the list's keys come first again.
    run(
        &mut screen,
        &[Command::ToggleHelp, Command::Timetable, Command::ToggleHelp],
    );
    let rows = self::rows(&mut screen);
    assert!(
        rows.iter().any(|r| r.contains("│Talk list"))
            && !rows.iter().any(|r| r.contains("│Timetable")),
        "{}",
        rows.join("\n")
    );
}

#[test]
fn a_program_without_times_stays_in_the_list() {
    let mut screen = app_at(common::built_in(), 100, 20);
    run(&mut screen, &[Command::Timetable]);
    assert_eq!(screen.focus, Focus::List);
    let text = rows(&mut screen).join("\n");
    assert!(text.contains("┌ Talks "), "{text}");
    assert!(
        text.contains("the timetable needs start times: this program has none"),
        "{text}"
    );
}

/// Where `text` starts on the screen: (column, row).
fn find(screen: &mut Screen, text: &str) -> (u16, u16) {
    let rows = rows(screen);
    for (y, row) in rows.iter().enumerate() {
        if let Some(i) = row.find(text) {
            let x = unicode_width::UnicodeWidthStr::width(&row[..i]);
            return (x as u16, y as u16);
        }
    }
    panic!("{text:?} is not on the screen:\n{}", rows.join("\n"));
}

fn selected_id(screen: &Screen) -> String {
    screen
        .selected_talk()
        .map(|t| t.id.clone())
        .unwrap_or_default()
}

#[test]
fn the_mouse_selects_a_box_and_the_wheel_scrolls_time() {
    let mut screen = grid_screen(100, 30);
    // A click on the second row of the Go box, beside Rust in the same room.
    let (x, y) = find(&mut screen, "┌☆ Go generics");
    act(
        &mut screen,
        Action::Click {
            column: x + 3,
            row: y + 1,
        },
    );
    assert_eq!(selected_id(&screen), "go");
    let (x, y) = find(&mut screen, "┌Closing BoF");
    act(&mut screen, Action::Click { column: x, row: y });
    assert_eq!(selected_id(&screen), "bof");
    // An empty cell selects nothing new.
    act(
        &mut screen,
        Action::Click {
            column: x,
            row: y + 4,
        },
    );
    assert_eq!(selected_id(&screen), "bof");
    // The grid shows every row at this size: the wheel has nothing to scroll.
    act(
        &mut screen,
        Action::Wheel {
            column: x,
            row: y,
            down: true,
        },
    );
    assert_eq!(screen.timetable.as_ref().map(|t| t.top), Some(0));
    let mut screen = grid_screen(100, 12);
    act(
        &mut screen,
        Action::Wheel {
            column: 50,
            row: 6,
            down: true,
        },
    );
    assert_eq!(screen.timetable.as_ref().map(|t| t.top), Some(3));
    // Three rows later: boxes that started above keep their titles on the first row shown.
    let rows = rows(&mut screen);
    let text = rows.join("\n");
    assert!(rows[3].starts_with("│      │Evening keynote"), "{text}");
    assert!(rows[3].contains("│★ Rust in th…│☆ Go generics…"), "{text}");
    assert!(rows[4].starts_with("│21:10─"), "{text}");
}

/// Thousands of talks at one time in one room: each of the first gets a cell of the column,
/// the rest none, at every size, and clicks land on a talk or on nothing.
#[test]
fn thousands_side_by_side_draw_at_every_size() {
    let zone = jiff::tz::TimeZone::get("Europe/Brussels").expect("zone");
    let mut program = program::Program::sample(3000);
    program.info.timezone = Some(zone.clone());
    for talk in &mut program.talks {
        talk.start =
            Some(program::schedule::date_time("2021-02-06T10:00", Some(&zone)).expect("time"));
        talk.duration = Some(jiff::SignedDuration::from_mins(30));
        talk.room = Some("A".into());
    }
    let mut screen = app_at(program, 250, 70);
    run(
        &mut screen,
        &[Command::Timetable, Command::Right, Command::Right],
    );
    for (width, height) in [(250, 70), (80, 24), (20, 6), (9, 3), (0, 0)] {
        screen.size = (width, height);
        let text = screen_text(screen.frame().backend().buffer());
        if width >= 80 {
            assert!(text.contains(" 1 room "), "{text}");
        }
        for x in (0..width).step_by(3) {
            act(
                &mut screen,
                Action::Click {
                    column: x,
                    row: height / 2,
                },
            );
        }
    }
    assert!(
        screen
            .timetable
            .as_ref()
            .is_some_and(|t| t.selected.is_some())
    );
}

/// A schedule that tries to break the grid: wide characters, combining marks, an escape
/// sequence and a right-to-left override in titles, rooms and names. Every row keeps the
/// screen's width and no control character reaches a cell.
#[test]
fn hostile_text_stays_inside_its_boxes() {
    const HOSTILE: &str = r#"
[program]
title = "Hostile Grid"
timezone = "Europe/Brussels"

[[talks]]
title = "東京で会いましょう 東京で会いましょう"
start = "2021-02-06T10:00"
duration = "30m"
room = "会議室 東京"

[[talks.speakers]]
name = "e\u0301\u0301\u0301 Zalgo"

[[talks]]
title = "Red \u001b[31m alert \u202e reversed"
start = "2021-02-06T10:00"
duration = "45m"
room = "会議室 東京"

[[talks]]
title = "🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀"
start = "2021-02-06T10:15"
duration = "15m"
room = "\u001b]0;title\u0007"
"#;
    let (program, _) =
        program::parse_str(HOSTILE, Origin::File("hostile.toml".into())).expect("loads");
    let mut screen = app_at(program, 100, 30);
    run(&mut screen, &[Command::Timetable]);
    for (width, height) in [(250, 70), (100, 30), (41, 12), (23, 7), (17, 5), (12, 4)] {
        screen.size = (width, height);
        let terminal = screen.frame();
        let buffer = terminal.backend().buffer();
        for y in 0..height {
            let row = row_text(buffer, y);
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(row.as_str()),
                usize::from(width),
                "row {y} at {width}x{height}: {row:?}"
            );
            assert!(
                !row.chars()
                    .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "row {y} at {width}x{height}: {row:?}"
            );
        }
        run(&mut screen, &[Command::Right]);
    }
    // The escape sequence of the room's name, in visible notation.
    screen.size = (100, 30);
    let text = rows(&mut screen).join("\n");
    assert!(text.contains("␛]0;title␇"), "{text}");
    assert!(text.contains("┌Red ␛[31m alert"), "{text}");
}
