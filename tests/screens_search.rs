//! Whole screens of searching, filtering and schedules, drawn on a `TestBackend`: the prompt
//! with its cursor, highlighted matches, the no-results state, the filter panel, a schedule
//! grouped by day with the now/next marker, and a scheduled talk's detail in the program's time
//! zone and in the local one. Each snapshot is the screen's text, where the terminal cursor is,
//! and a map of the styles.

mod common;

use common::{
    Screen, app_at, built_in, cursor, draw, row_text, run, screen_text, snapshot, type_text,
};
use lectern::action::{Action, Command};
use lectern::app::{Focus, Overlay, Row};
use lectern::program::{self, Origin, Program};
use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};

/// The highlighted runs of text (a search match's style) in rows `rows` between columns
/// `columns`, in reading order.
fn highlighted(
    buffer: &Buffer,
    rows: std::ops::Range<u16>,
    columns: std::ops::Range<u16>,
) -> Vec<String> {
    let mut runs = Vec::new();
    for y in rows {
        let mut run = String::new();
        for x in columns.clone() {
            let cell = &buffer[(x, y)];
            // What the terminal shows: a reversed cell swaps its colours.
            let (fg, bg) = if cell.modifier.contains(Modifier::REVERSED) {
                (cell.bg, cell.fg)
            } else {
                (cell.fg, cell.bg)
            };
            if bg == Color::Yellow && fg == Color::Black {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

/// A two-day schedule in Brussels, its talks out of order in the file: Saturday has the
/// opening, two talks at 10:00 (in rooms H.2215 and K.1.105) and a talk at 01:30 that night
/// (still Saturday by the 04:00 day change); Sunday a keynote and the closing; a lightning talk
/// has no time.
const SCHEDULE: &str = r#"
[program]
title = "Devroom Days 2021"
timezone = "Europe/Brussels"
day_change = "04:00"

[[talks]]
title = "Rust in the kernel"
kind = "talk"
start = "2021-02-06T10:00"
duration = "50m"
room = "K.1.105"
track = "Rust"
language = "en"
slides = "https://slides.example.org/rust-kernel.pdf"
tags = ["rust", "linux"]
abstract = "Writing Linux drivers in Rust: what works today, what is still missing, and how to help."
links = [
    { label = "Video", url = "https://video.example.org/2021/rust-kernel.webm" },
    { label = "Chat", url = "https://chat.example.org/#/room/rust" },
]

[[talks.speakers]]
name = "Ada Kernighan"
affiliation = "Example Systems"

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
title = "Go generics in practice"
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

fn schedule() -> Program {
    let (program, warnings) =
        program::parse_str(SCHEDULE, Origin::File("days.toml".into())).expect("the schedule loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    program
}

/// Saturday 10:15 in Brussels: two talks run, the one at 01:30 comes next.
fn saturday_10_15() -> jiff::Timestamp {
    "2021-02-06T09:15:00Z".parse().expect("a timestamp")
}

fn new_york() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("America/New_York").expect("zone")
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

#[test]
fn search_prompt_with_a_query() {
    let mut app = app_at(built_in(), 100, 30);
    run(&mut app, &[Command::Search]);
    type_text(&mut app, "wafer sc");
    run(&mut app, &[Command::CursorLeft, Command::CursorLeft]);
    assert!(matches!(app.overlay, Some(Overlay::Search)));
    let mut terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer().clone();
    assert!(row_text(&buffer, 29).starts_with("/wafer sc "));
    let header = row_text(&buffer, 0);
    assert!(header.contains(" · /wafer sc "), "{header:?}");
    assert!(header.ends_with(" 1 of 4 match · 1/1"), "{header:?}");
    // The cursor is on the footer, before "sc".
    assert_eq!(cursor(&mut terminal), Some(Position::new(7, 29)));
    insta::assert_snapshot!("search_prompt", snapshot(&mut terminal));
}

#[test]
fn search_prompt_narrow_scrolls_with_the_cursor() {
    let query = "\"neural network\" training algorithmically faster research mosaicml";
    assert!(query.len() > 60);
    let mut app = app_at(built_in(), 60, 20);
    run(&mut app, &[Command::Search]);
    type_text(&mut app, query);
    assert_eq!(app.view.talks().map(|t| t.0).collect::<Vec<_>>(), [1]);
    let mut terminal = draw(&mut app, 60, 20);
    let footer = row_text(terminal.backend().buffer(), 19);
    // The end of the query shows, the cursor after it in the last column but one.
    assert!(footer.starts_with('/'), "{footer:?}");
    assert!(footer.trim_end().ends_with(" mosaicml"), "{footer:?}");
    assert_eq!(cursor(&mut terminal), Some(Position::new(59, 19)));
    insta::assert_snapshot!("search_prompt_narrow", snapshot(&mut terminal));

    // Home: the start of the query shows, and the cursor is after the slash.
    run(&mut app, &[Command::LineStart]);
    let mut terminal = draw(&mut app, 60, 20);
    let footer = row_text(terminal.backend().buffer(), 19);
    assert!(
        footer.starts_with("/\"neural network\" training"),
        "{footer:?}"
    );
    assert_eq!(cursor(&mut terminal), Some(Position::new(1, 19)));
}

#[test]
fn filtered_list_with_highlighted_matches() {
    let mut app = app_at(built_in(), 100, 30);
    run(&mut app, &[Command::Search]);
    type_text(&mut app, "training");
    run(&mut app, &[Command::Submit]);
    assert!(app.overlay.is_none());
    let mut terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer().clone();
    let header = row_text(&buffer, 0);
    assert!(header.ends_with(" 3 of 4 match · 1/3"), "{header:?}");
    // Titles first: the two talks with "Training" in the title, highlighted there; then the
    // talk that says it only in its abstract, with nothing to highlight in its row.
    assert_eq!(app.view.talks().map(|t| t.0).collect::<Vec<_>>(), [1, 2, 3]);
    let rows = app.list.region.expect("list").inner;
    let rows = ratatui::layout::Rect::new(rows.x, rows.y, rows.width, rows.height);
    let runs = highlighted(&buffer, rows.y..rows.y + 3, rows.x..rows.right());
    assert_eq!(runs, ["Training", "Training"]);
    assert_eq!(
        highlighted(&buffer, rows.y + 2..rows.y + 3, rows.x..rows.right()).len(),
        0
    );
    let detail = app.detail.region.expect("detail").pane;
    let detail = ratatui::layout::Rect::new(detail.x, detail.y, detail.width, detail.height);
    let runs = highlighted(&buffer, detail.y..detail.bottom(), detail.x..detail.right());
    assert!(runs.len() >= 2, "{runs:?}");
    assert_eq!(
        cursor(&mut terminal),
        None,
        "no cursor once the prompt is closed"
    );
    insta::assert_snapshot!("filtered_list", snapshot(&mut terminal));
}

#[test]
fn no_results() {
    let mut app = app_at(built_in(), 100, 30);
    run(&mut app, &[Command::Search]);
    type_text(&mut app, "quantum computing");
    run(&mut app, &[Command::Submit]);
    assert!(app.view.is_empty());
    let mut terminal = draw(&mut app, 100, 30);
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("no talks match"), "{text}");
    assert!(text.contains("/quantum computing"), "{text}");
    assert!(row_text(terminal.backend().buffer(), 0).ends_with(" 0 of 4 match"));
    insta::assert_snapshot!("no_results", snapshot(&mut terminal));
}

#[test]
fn filter_panel_with_a_value_picked() {
    let mut app = app_at(schedule(), 100, 30);
    // Saturday, Sunday, then the tracks: Go, Keynotes.
    run(
        &mut app,
        &[
            Command::Filters,
            Command::Down,
            Command::Down,
            Command::Down,
        ],
    );
    run(&mut app, &[Command::Toggle]);
    assert!(matches!(&app.overlay, Some(Overlay::Filters(panel)) if panel.cursor == 3));
    assert_eq!(app.search.filters.summary(), ["track: Keynotes"]);
    let mut terminal = draw(&mut app, 100, 30);
    let text = screen_text(terminal.backend().buffer());
    // Values under a header per facet; the counts follow the other facets' picks: one
    // keynote on Saturday, none in the room Bar.
    assert!(text.contains("│tracks "), "{text}");
    assert!(text.contains("[x] Keynotes (3)"), "{text}");
    assert!(text.contains("[ ] Saturday 2021-02-06 (1)"), "{text}");
    assert!(text.contains("[ ] Bar (0)"), "{text}");
    assert!(row_text(terminal.backend().buffer(), 0).contains("track: Keynotes"));
    insta::assert_snapshot!("filter_panel", snapshot(&mut terminal));
}

// ---------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------

#[test]
fn schedule_grouped_by_day_with_now_and_next() {
    let mut app = app_at(schedule(), 100, 30);
    app.update(Action::Tick(saturday_10_15()));
    run(&mut app, &[Command::JumpNow]);
    assert_eq!(
        app.view.row(0),
        Some(Row::Day(jiff::civil::date(2021, 2, 6)))
    );
    assert_eq!(
        app.selected_talk().map(|t| t.title.as_str()),
        Some("Go generics in practice")
    );
    let mut terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer().clone();
    let list = |y| row_text(&buffer, y).chars().take(40).collect::<String>();
    assert!(list(2).starts_with("│Saturday 2021-02-06"), "{:?}", list(2));
    assert!(
        list(4).starts_with("│● 10:00 Go generics in practice"),
        "{:?}",
        list(4)
    );
    assert!(
        list(6).starts_with("│○ 01:30 Late night hacking"),
        "{:?}",
        list(6)
    );
    assert!(list(7).starts_with("│Sunday 2021-02-07"), "{:?}", list(7));
    assert!(list(10).starts_with("│Not scheduled"), "{:?}", list(10));
    assert!(row_text(&buffer, 29).starts_with("running now"));
    insta::assert_snapshot!("schedule_list", snapshot(&mut terminal));
}

#[test]
fn schedule_list_narrow() {
    let mut app = app_at(schedule(), 60, 20);
    app.update(Action::Tick(saturday_10_15()));
    run(&mut app, &[Command::Down, Command::Down, Command::Down]);
    let mut terminal = draw(&mut app, 60, 20);
    insta::assert_snapshot!("schedule_list_narrow", snapshot(&mut terminal));
}

/// The Rust talk's detail: it is the third talk on Saturday.
fn rust_talk_detail(app: &mut Screen) {
    run(app, &[Command::Down, Command::Down, Command::FocusDetail]);
    assert_eq!(
        app.selected_talk().map(|t| t.title.as_str()),
        Some("Rust in the kernel")
    );
    assert_eq!(app.focus, Focus::Detail);
}

#[test]
fn scheduled_talk_detail() {
    let mut app = app_at(schedule(), 100, 30);
    app.update(Action::Tick(saturday_10_15()));
    rust_talk_detail(&mut app);
    let mut terminal = draw(&mut app, 100, 30);
    let text = screen_text(terminal.backend().buffer());
    for line in [
        "When    Saturday 2021-02-06, 10:00–10:50 (50 min)",
        "Where   K.1.105 · track Rust · language en",
        "Speaker Ada Kernighan · Example Systems",
        "Slides  [1] https://slides.example.org/rust-kernel.pdf",
        "Link    [2] Video:",
        "Link    [3] Chat: https://chat.example.org/#/room/rust",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    insta::assert_snapshot!("schedule_detail", snapshot(&mut terminal));
}

#[test]
fn scheduled_talk_detail_in_local_time() {
    let mut app = app_at(schedule(), 100, 30);
    app.clock.local = Some(new_york());
    app.update(Action::Tick(saturday_10_15()));
    rust_talk_detail(&mut app);
    run(&mut app, &[Command::ToggleZone]);
    let mut terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer().clone();
    let text = screen_text(&buffer);
    assert!(
        text.contains("When    Saturday 2021-02-06, 04:00–04:50 (50 min)"),
        "{text}"
    );
    assert!(row_text(&buffer, 0).contains("times: local time (America/New_York)"));
    assert!(row_text(&buffer, 29).starts_with("times in local time (America/New_York)"));
    insta::assert_snapshot!("schedule_detail_local", snapshot(&mut terminal));

    // Narrow: the detail alone.
    let mut terminal = draw(&mut app, 60, 20);
    assert!(app.list.region.is_none());
    insta::assert_snapshot!("schedule_detail_local_narrow", snapshot(&mut terminal));
}

/// A link wider than the pane's text goes to its own line whole, where a terminal can find it
/// and it can be copied: it is not broken at a hyphen.
#[test]
fn links_are_not_broken_at_hyphens() {
    let mut app = app_at(schedule(), 100, 30);
    rust_talk_detail(&mut app);
    let terminal = draw(&mut app, 100, 30);
    let text = screen_text(terminal.backend().buffer());
    let url = "https://video.example.org/2021/rust-kernel.webm";
    assert!(
        text.lines().any(|row| row.contains(url)),
        "{url} is not on one row:\n{text}"
    );
}
