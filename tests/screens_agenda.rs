//! Whole screens of the user's picks, drawn on a `TestBackend`: the list with its pick and
//! clash marks, the detail of a starred talk that clashes, and the agenda overlay with free
//! time, a clash, a fallback, a moved talk and a pick no longer in the program.

mod common;

use common::{Screen, act, app_at, row_text, run, screen_text, snapshot};
use lectern::action::{Action, Command};
use lectern::agenda::{Mark, Picked, Picks};
use lectern::program::{self, Origin};

/// A two-day schedule in Brussels. Saturday: Opening 09:30–09:55, Rust and Go both
/// 10:00–10:50, a kernel session 10:30–11:00; Sunday: the keynote 09:00–09:50 and the closing
/// 17:00–17:15.
const SCHEDULE: &str = r#"
[program]
title = "Devroom Days 2021"
timezone = "Europe/Brussels"

[[talks]]
id = "opening"
title = "Opening"
start = "2021-02-06T09:30"
duration = "25m"
room = "Janson"

[[talks]]
id = "rust"
title = "Rust in the kernel"
start = "2021-02-06T10:00"
duration = "50m"
room = "K.1.105"

[[talks]]
id = "go"
title = "Go generics"
start = "2021-02-06T10:00"
duration = "50m"
room = "H.2215"

[[talks]]
id = "bof"
title = "Kernel BoF"
start = "2021-02-06T10:30"
duration = "30m"
room = "H.1308"

[[talks]]
id = "keynote"
title = "Sunday keynote"
start = "2021-02-07T09:00"
duration = "50m"
room = "Janson"

[[talks]]
id = "closing"
title = "Closing"
start = "2021-02-07T17:00"
duration = "15m"
room = "Janson"

[[talks]]
id = "untimed"
title = "Untimed lightning talk"
"#;

fn ts(text: &str) -> jiff::Timestamp {
    text.parse().expect("a timestamp")
}

/// Starred: Opening, Rust, the kernel session (which clashes with Rust), the keynote and the
/// closing (picked when it was at 16:00); a maybe: Go (a fallback for Rust and the kernel
/// session); and a starred talk no longer in the program.
fn picked_screen(width: u16, height: u16) -> Screen {
    let (program, _) =
        program::parse_str(SCHEDULE, Origin::File("days.toml".into())).expect("the schedule loads");
    let mut picks = Picks::default();
    for (i, mark) in [
        (0, Mark::Star),
        (1, Mark::Star),
        (2, Mark::Maybe),
        (3, Mark::Star),
        (4, Mark::Star),
    ] {
        picks.set(&program.talks[i], Some(mark));
    }
    let mut closing = Picked::new(&program.talks[5], Mark::Star);
    closing.start = Some(ts("2021-02-07T15:00:00Z"));
    picks.insert("closing".into(), closing);
    picks.insert(
        "cancelled".into(),
        Picked {
            mark: Mark::Star,
            title: "Cancelled talk".into(),
            start: Some(ts("2021-02-06T13:00:00Z")),
            room: Some("Janson".into()),
        },
    );
    let mut screen = app_at(program, width, height);
    act(
        &mut screen,
        Action::PicksLoaded {
            picks,
            problem: None,
        },
    );
    screen
}

#[test]
fn the_list_marks_picks_and_clashes_with_starred_talks() {
    let mut screen = picked_screen(100, 16);
    let terminal = screen.frame();
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (3..10).map(|y| row_text(buffer, y)).collect();
    // Pick, clash mark, then the row as before.
    let expected = [
        "│★    09:30 Opening · Janson",
        "│☆!   10:00 Go generics · H.2215",
        "│★!   10:00 Rust in the kernel · K.1.1",
        "│★!   10:30 Kernel BoF · H.1308",
        "│Sunday 2021-02-07",
        "│★    09:00 Sunday keynote · Janson",
        "│★    17:00 Closing · Janson",
    ];
    for (row, expected) in rows.iter().zip(expected) {
        assert!(row.starts_with(expected), "{row:?} is not {expected:?}");
    }
    let mut terminal = screen.frame();
    insta::assert_snapshot!("list_with_picks", snapshot(&mut terminal));
}

#[test]
fn the_detail_says_a_talk_is_starred_and_what_it_clashes_with() {
    let mut screen = picked_screen(100, 16);
    run(&mut screen, &[Command::Down, Command::Down]);
    let mut terminal = screen.frame();
    let top = row_text(terminal.backend().buffer(), 1);
    assert!(
        top.contains("★ starred  ! clashes with Kernel BoF"),
        "{top:?}"
    );
    insta::assert_snapshot!("detail_starred_with_a_clash", snapshot(&mut terminal));
    // A maybe says so.
    run(&mut screen, &[Command::Up]);
    let terminal = screen.frame();
    let top = row_text(terminal.backend().buffer(), 1);
    assert!(
        top.contains("☆ maybe  ! clashes with Rust in the kernel"),
        "{top:?}"
    );
}

#[test]
fn the_agenda_overlay_shows_free_time_clashes_fallbacks_and_gone_picks() {
    let mut screen = picked_screen(100, 32);
    run(&mut screen, &[Command::Agenda]);
    let mut terminal = screen.frame();
    let text = screen_text(terminal.backend().buffer());
    for expected in [
        "My agenda · Devroom Days 2021",
        "Saturday 2021-02-06",
        "09:30–09:55 ★ Opening · Janson",
        "5 min free",
        "10:00–10:50 ★ Rust in the kernel · K.1.105",
        "! clashes with Kernel BoF (10:30–11:00)",
        "10:00–10:50 ☆ Go generics · H.2215",
        "fallback for Rust in the kernel (10:00–10:50)",
        "fallback for Kernel BoF (10:30–11:00)",
        "7 h 10 free",
        "17:00–17:15 ★ Closing · Janson",
        "moved from Sunday 2021-02-07 16:00",
        "No longer in the program",
        "│  ★ Cancelled talk · was Saturday 14:00, Janson",
        "e exports · Esc closes",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    insta::assert_snapshot!("agenda_overlay", snapshot(&mut terminal));
}

#[test]
fn an_empty_agenda_says_how_to_pick() {
    let (program, _) =
        program::parse_str(SCHEDULE, Origin::File("days.toml".into())).expect("the schedule loads");
    let mut screen = app_at(program, 80, 16);
    run(&mut screen, &[Command::Agenda]);
    let terminal = screen.frame();
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("No talks picked yet."), "{text}");
    assert!(
        text.contains("In the list, s stars a talk and m marks it maybe."),
        "{text}"
    );
}

/// The list with its marks and the agenda overlay (on its last pick) draw at every size from
/// nothing to 250x70 without a panic, and the overlay's highlighted pick is on the screen
/// whenever the overlay has a row to show it in.
#[test]
fn picks_and_the_agenda_draw_at_every_size() {
    let widths: Vec<u16> = (0..=12)
        .chain((13..=250).step_by(37))
        .chain([250])
        .collect();
    let heights: Vec<u16> = (0..=6).chain((7..=70).step_by(9)).chain([70]).collect();
    for &width in &widths {
        for &height in &heights {
            let mut screen = picked_screen(width, height);
            screen.frame();
            run(&mut screen, &[Command::Agenda, Command::Bottom]);
            let terminal = screen.frame();
            let text = screen_text(terminal.backend().buffer());
            // The overlay's inside: the body less the header, the footer and its border.
            if height >= 6 && width >= 40 {
                assert!(
                    text.contains("Cancelled talk"),
                    "{width}x{height}: the last pick is not shown\n{text}"
                );
            }
        }
    }
}
