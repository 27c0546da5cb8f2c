//! The timetable's keys, on a small schedule with the layout facts a frame would report.

use super::*;
use crate::action::{Action, Command};
use crate::app::Measured;
use crate::program::{Origin, parse_str};

/// Saturday: rooms A and B, A with two talks side by side; Sunday: room C. One untimed talk.
const SCHEDULE: &str = r#"
[program]
title = "Grid Days"
timezone = "Europe/Brussels"

[[talks]]
id = "a1"
title = "A one"
start = "2021-02-06T09:00"
duration = "60m"
room = "A"

[[talks]]
id = "a2"
title = "A two"
start = "2021-02-06T09:30"
duration = "30m"
room = "A"

[[talks]]
id = "b1"
title = "B one"
start = "2021-02-06T09:00"
duration = "30m"
room = "B"

[[talks]]
id = "b2"
title = "B two"
start = "2021-02-06T14:00"
duration = "30m"
room = "B"

[[talks]]
id = "c1"
title = "C one"
start = "2021-02-07T10:00"
duration = "30m"
room = "C"

[[talks]]
id = "loose"
title = "Untimed"
"#;

fn app() -> App {
    let (program, _) = parse_str(SCHEDULE, Origin::File("grid.toml".into())).expect("loads");
    App::new(program)
}

/// A frame showing `rows` rows and `columns` columns of the grid.
fn frame(app: &mut App, rows: usize, columns: usize) {
    app.measured(Measured {
        grid: Some(GridViewport {
            rows,
            columns,
            ..GridViewport::default()
        }),
        ..Measured::default()
    });
}

fn selected_id(app: &App) -> String {
    app.selected_talk()
        .map(|t| t.id.clone())
        .unwrap_or_default()
}

fn run(app: &mut App, commands: &[Command]) {
    for &c in commands {
        app.update(Action::Command(c));
    }
}

#[test]
fn t_switches_and_keeps_the_selected_talk() {
    let mut app = app();
    // The list is in time order: a1, b1, a2, b2, c1, loose.
    run(&mut app, &[Command::Down, Command::Down]);
    assert_eq!(selected_id(&app), "a2");
    run(&mut app, &[Command::Timetable]);
    assert_eq!(app.focus, Focus::Grid);
    assert_eq!(app.context(), crate::keymap::Context::Timetable);
    assert_eq!(selected_id(&app), "a2");
    run(&mut app, &[Command::Right, Command::Down]);
    assert_eq!(selected_id(&app), "b2");
    run(&mut app, &[Command::Timetable]);
    assert!(app.timetable.is_none());
    assert_eq!((app.focus, selected_id(&app)), (Focus::List, "b2".into()));
}

#[test]
fn a_program_without_times_stays_in_the_list() {
    let mut app = App::new(crate::program::Program::sample(3));
    run(&mut app, &[Command::Timetable]);
    assert!(app.timetable.is_none());
    assert_eq!(app.focus, Focus::List);
    let status = app.status.as_ref().map(|s| s.text.as_str());
    assert_eq!(
        status,
        Some("the timetable needs start times: this program has none")
    );
}

#[test]
fn days_change_and_enter_reads_and_esc_returns() {
    let mut app = app();
    run(&mut app, &[Command::Timetable, Command::NextDay]);
    let t = app.timetable.as_ref().expect("shown");
    assert_eq!(t.grid.day, jiff::civil::date(2021, 2, 7));
    assert_eq!(selected_id(&app), "c1");
    run(&mut app, &[Command::NextDay]);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("no later day")
    );
    run(&mut app, &[Command::PrevDay]);
    assert_eq!(selected_id(&app), "a1");
    run(&mut app, &[Command::Select]);
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(selected_id(&app), "a1", "the detail shows the grid's talk");
    run(&mut app, &[Command::Back]);
    assert_eq!(app.focus, Focus::Grid);
    assert!(app.timetable.is_some());
}

#[test]
fn paging_scrolls_time_and_the_view_follows_the_selection() {
    let mut app = app();
    run(&mut app, &[Command::Timetable]);
    // Step 30 minutes from 09:00: b2 at 14:00 is row 10.
    frame(&mut app, 4, 1);
    let t = app.timetable.as_ref().expect("shown");
    assert_eq!((t.grid.step, t.top, t.left), (30, 0, 0));
    // Right: first to a2 beside a1 in room A, then to room B.
    run(&mut app, &[Command::Right]);
    assert_eq!(selected_id(&app), "a2");
    run(&mut app, &[Command::Right]);
    frame(&mut app, 4, 1);
    assert_eq!(selected_id(&app), "b1");
    assert_eq!(
        app.timetable.as_ref().map(|t| t.left),
        Some(1),
        "room B in view"
    );
    run(&mut app, &[Command::Down]);
    frame(&mut app, 4, 1);
    let t = app.timetable.as_ref().expect("shown");
    assert_eq!(
        (selected_id(&app).as_str(), t.top),
        ("b2", 7),
        "b2's row at the bottom"
    );
    run(&mut app, &[Command::Top]);
    assert_eq!(app.timetable.as_ref().map(|t| t.top), Some(0));
    assert_eq!(selected_id(&app), "b1", "a talk in view is selected");
    run(&mut app, &[Command::Bottom]);
    assert_eq!(app.timetable.as_ref().map(|t| t.top), Some(7));
    assert_eq!(selected_id(&app), "b2");
    run(&mut app, &[Command::PageUp]);
    assert_eq!(app.timetable.as_ref().map(|t| t.top), Some(4));
}

#[test]
fn w_narrows_to_the_rooms_running_now_or_the_starred() {
    let mut app = app();
    run(&mut app, &[Command::Timetable]);
    let at = |s: &str| {
        jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", s)
            .expect("time")
            .to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Brussels").expect("zone"))
            .expect("zoned")
            .timestamp()
    };
    app.update(Action::Tick(at("2021-02-06T14:10")));
    run(&mut app, &[Command::NarrowRooms]);
    let t = app.timetable.as_ref().expect("shown");
    assert_eq!(t.shown, [1], "only B has a talk at 14:10");
    assert_eq!(selected_id(&app), "b2");
    run(&mut app, &[Command::NarrowRooms]);
    assert_eq!(app.timetable.as_ref().map(|t| t.shown.len()), Some(2));
    // Starred talks decide once there are any.
    run(&mut app, &[Command::Left, Command::Up]);
    assert_eq!(selected_id(&app), "a1");
    let effect = app.update(Action::Command(Command::Star));
    assert!(matches!(effect, Some(Effect::SavePicks(_))), "{effect:?}");
    run(&mut app, &[Command::NarrowRooms]);
    assert_eq!(
        app.timetable.as_ref().map(|t| t.shown.clone()),
        Some(vec![0])
    );
}

#[test]
fn dot_jumps_to_now() {
    let mut app = app();
    run(&mut app, &[Command::Timetable]);
    let now =
        crate::program::schedule::date_time("2021-02-07T10:10", app.program.info.timezone.as_ref())
            .expect("time")
            .timestamp();
    app.update(Action::Tick(now));
    run(&mut app, &[Command::JumpNow]);
    assert_eq!(selected_id(&app), "c1");
    assert_eq!(
        app.timetable.as_ref().map(|t| t.grid.day),
        Some(jiff::civil::date(2021, 2, 7))
    );
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("running now")
    );
}

#[test]
fn a_search_dims_what_it_leaves_out() {
    let mut app = app();
    run(&mut app, &[Command::Timetable]);
    app.search.query = crate::search::Query::parse("two");
    // The list a search for "two" keeps: a2 and b2.
    app.view = crate::app::View::flat([TalkIx(1), TalkIx(3)]);
    app.search.generation += 1;
    frame(&mut app, 10, 2);
    let t = app.timetable.as_ref().expect("shown");
    let dim: Vec<(String, bool)> = t
        .grid
        .talks
        .iter()
        .zip(&t.dimmed)
        .map(|(p, &d)| (app.program.talks[p.talk.index()].id.clone(), d))
        .collect();
    assert_eq!(
        dim,
        [
            ("a1".into(), true),
            ("a2".into(), false),
            ("b1".into(), true),
            ("b2".into(), false)
        ]
    );
}

#[test]
fn the_agenda_reads_a_pick_on_its_day_in_the_timetable() {
    let mut app = app();
    run(&mut app, &[Command::Timetable, Command::NextDay]);
    assert_eq!(selected_id(&app), "c1");
    let effect = app.update(Action::Command(Command::Star));
    assert!(matches!(effect, Some(Effect::SavePicks(_))), "{effect:?}");
    run(&mut app, &[Command::PrevDay]);
    assert_eq!(selected_id(&app), "a1");
    // The agenda has only the Sunday pick: Enter shows it, on Sunday's grid.
    run(&mut app, &[Command::Agenda, Command::Select]);
    assert!(app.overlay.is_none());
    assert_eq!((app.focus, selected_id(&app)), (Focus::Detail, "c1".into()));
    assert_eq!(
        app.timetable.as_ref().map(|t| t.grid.day),
        Some(jiff::civil::date(2021, 2, 7))
    );
    run(&mut app, &[Command::Back]);
    assert_eq!(app.focus, Focus::Grid);
}

#[test]
fn a_refresh_keeps_the_timetable_and_its_talk() {
    let mut app = app();
    run(
        &mut app,
        &[Command::Timetable, Command::Right, Command::Right],
    );
    assert_eq!(selected_id(&app), "b1");
    let (program, _) = parse_str(SCHEDULE, Origin::File("grid.toml".into())).expect("loads");
    let effect = app.update(Action::Refreshed(Ok(crate::action::Fresh::new(
        program, None,
    ))));
    assert!(matches!(effect, Some(Effect::Reindex(_))), "{effect:?}");
    assert_eq!(app.focus, Focus::Grid);
    assert_eq!(selected_id(&app), "b1");
    assert_eq!(
        app.timetable.as_ref().map(|t| t.grid.day),
        Some(jiff::civil::date(2021, 2, 6))
    );
}

#[test]
fn z_labels_the_grid_in_the_local_zone_keeping_the_talk() {
    let mut app = app();
    let local = jiff::tz::TimeZone::get("America/New_York").expect("zone");
    app.update(Action::LocalZone(Some(local)));
    run(&mut app, &[Command::Timetable, Command::Down]);
    assert_eq!(selected_id(&app), "a2");
    let label = |app: &App| app.timetable.as_ref().and_then(|t| t.grid.label(0));
    assert_eq!(label(&app).as_deref(), Some("09:00"));
    run(&mut app, &[Command::ToggleZone]);
    // 09:00 in Brussels is 03:00 in New York.
    assert_eq!(label(&app).as_deref(), Some("03:00"));
    assert_eq!(selected_id(&app), "a2");
    run(&mut app, &[Command::ToggleZone]);
    assert_eq!(label(&app).as_deref(), Some("09:00"));
}

#[test]
fn leaving_on_a_dimmed_talk_says_the_list_leaves_it_out() {
    let mut app = app();
    run(&mut app, &[Command::Timetable]);
    // The list a search keeps: b2 only; the grid still has a1 selected.
    app.view = crate::app::View::flat([TalkIx(3)]);
    run(&mut app, &[Command::Timetable]);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("the search or the filters leave that talk out of the list")
    );
}
