//! `update` tests of picking: `s` and `m` in the panes and the agenda, what comes back from
//! saving and loading, the agenda overlay's keys, and the picks facet of the filters.

use super::*;
use crate::action::Action;
use crate::agenda::{Mark, Picked, Picks};
use crate::app::test_support::{SCHEDULE, act, app_with, cmd, run, search_for};
use crate::app::{Effect, Focus, Overlay};
use crate::keymap::Context;
use crate::program::{Origin, Program};
use crate::search::filter::Facet;

fn schedule_app() -> App {
    let (program, _) = crate::program::parse_str(SCHEDULE, Origin::File("days.toml".into()))
        .expect("the schedule loads");
    app_with(program)
}

/// The index of the talk titled `title`.
fn talk(app: &App, title: &str) -> usize {
    app.program
        .talks
        .iter()
        .position(|t| t.title == title)
        .unwrap_or_else(|| panic!("no talk {title}"))
}

/// Selects the talk titled `title` in the list.
fn select(app: &mut App, title: &str) {
    let ix = crate::program::TalkIx::from_index(talk(app, title));
    let position = app.view.position_of(ix).expect("the talk is shown");
    app.select(position);
}

fn filter_choices(app: &App) -> Vec<crate::search::filter::Choice> {
    match &app.overlay {
        Some(Overlay::Filters(panel)) => panel.choices.to_vec(),
        other => panic!("the filter panel is not open: {other:?}"),
    }
}

fn marks(app: &App) -> Vec<(String, Mark)> {
    app.agenda
        .picks()
        .iter()
        .map(|(id, p)| (id.to_owned(), p.mark))
        .collect()
}

/// Sends `command` and hands back the picks it asks to save, as a store would merge them.
fn pick(app: &mut App, command: Command) -> Picks {
    let effect = app.update(Action::Command(command));
    let Some(Effect::SavePicks(picks)) = effect else {
        panic!("{command:?} asks for a save: {effect:?}");
    };
    act(app, Action::PicksSaved(Ok(picks.clone())));
    picks
}

#[test]
fn s_and_m_toggle_the_selected_talk_in_the_list_and_the_detail() {
    let mut app = app_with(Program::sample(3));
    run(&mut app, &[Command::Down]);
    let saved = pick(&mut app, Command::Star);
    assert_eq!(saved.mark("talk-1"), Some(Mark::Star));
    assert_eq!(marks(&app), [("talk-1".to_owned(), Mark::Star)]);
    // `m` on a starred talk makes it a maybe; again, it drops the pick.
    pick(&mut app, Command::Maybe);
    assert_eq!(marks(&app), [("talk-1".to_owned(), Mark::Maybe)]);
    assert!(pick(&mut app, Command::Maybe).is_empty());
    assert!(marks(&app).is_empty());
    // The same keys in the detail.
    run(&mut app, &[Command::FocusDetail]);
    pick(&mut app, Command::Star);
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(marks(&app), [("talk-1".to_owned(), Mark::Star)]);
    assert!(pick(&mut app, Command::Star).is_empty(), "s again unstars");
}

#[test]
fn s_in_search_results_picks_the_selected_match() {
    let mut app = app_with(Program::sample(12));
    search_for(&mut app, "number 11");
    let chosen = app.selected_talk().expect("a match").id.clone();
    assert_eq!(chosen, "talk-11");
    pick(&mut app, Command::Star);
    assert_eq!(marks(&app), [(chosen, Mark::Star)]);
}

#[test]
fn saved_picks_come_back_merged_and_errors_reach_the_status_line() {
    let mut app = app_with(Program::sample(3));
    app.update(Command::Star.into());
    // Another Lectern starred talk 2 meanwhile: the store's merge brings it in.
    let mut merged = app.agenda.picks().clone();
    merged.set(&app.program.talks[2], Some(Mark::Star));
    assert_eq!(act(&mut app, Action::PicksSaved(Ok(merged))), None);
    assert_eq!(
        marks(&app),
        [
            ("talk-0".to_owned(), Mark::Star),
            ("talk-2".to_owned(), Mark::Star)
        ]
    );
    assert_eq!(
        app.agenda.clash(&app.program, 1),
        None,
        "no times, no clash"
    );
    act(
        &mut app,
        Action::PicksSaved(Err("picks.toml: cannot save your picks: disk full".into())),
    );
    let status = app.status.as_ref().expect("a status");
    assert!(status.is_error);
    assert_eq!(status.text, "picks.toml: cannot save your picks: disk full");
    assert_eq!(marks(&app).len(), 2, "the picks made here stay");
}

#[test]
fn loaded_picks_are_shown_and_a_damaged_file_is_reported() {
    let mut app = app_with(Program::sample(3));
    let mut picks = Picks::default();
    picks.set(&app.program.talks[1], Some(Mark::Maybe));
    picks.insert(
        "gone".into(),
        Picked {
            mark: Mark::Star,
            title: "A cancelled talk".into(),
            start: None,
            room: None,
        },
    );
    act(
        &mut app,
        Action::PicksLoaded {
            picks,
            problem: None,
        },
    );
    assert_eq!(app.agenda.mark(&app.program, 1), Some(Mark::Maybe));
    assert_eq!(app.status, None);
    let problem = "/data/sample.toml:4:8: unknown pick \"starred\"; your picks are not read";
    act(
        &mut app,
        Action::PicksLoaded {
            picks: Picks::default(),
            problem: Some(problem.into()),
        },
    );
    assert!(app.agenda.picks().is_empty());
    let status = app.status.as_ref().expect("a status");
    assert_eq!((status.text.as_str(), status.is_error), (problem, true));
}

/// Opening, Rust and Go starred (Rust and Go clash at 10:00), the Sunday keynote a maybe.
fn planned() -> App {
    let mut app = schedule_app();
    for title in ["Opening", "Rust in the kernel", "Go generics"] {
        select(&mut app, title);
        pick(&mut app, Command::Star);
    }
    select(&mut app, "Sunday keynote");
    pick(&mut app, Command::Maybe);
    app
}

fn agenda_overlay(app: &App) -> AgendaOverlay {
    match &app.overlay {
        Some(Overlay::Agenda(overlay)) => *overlay,
        other => panic!("the agenda is not open: {other:?}"),
    }
}

/// The titles of the overlay's entries.
fn entry_titles(app: &App) -> Vec<String> {
    entries(&app.plan())
        .iter()
        .map(|e| match e {
            Entry::Talk(i) => app.program.talks[*i].title.clone(),
            Entry::Gone(id) => format!("gone {id}"),
        })
        .collect()
}

#[test]
fn the_agenda_opens_on_the_selected_pick_and_moves_between_picks() {
    let mut app = planned();
    assert_eq!(
        entry_titles(&app),
        [
            "Opening",
            "Rust in the kernel",
            "Go generics",
            "Sunday keynote"
        ]
    );
    cmd(&mut app, Command::Agenda);
    assert_eq!(app.context(), Context::Agenda);
    assert_eq!(
        agenda_overlay(&app).selected,
        3,
        "the selected talk, the keynote"
    );
    let steps = [
        (Command::Down, 3),
        (Command::Top, 0),
        (Command::Up, 0),
        (Command::Down, 1),
        (Command::Bottom, 3),
        (Command::PageUp, 0),
        (Command::PageDown, 3),
    ];
    for (command, selected) in steps {
        cmd(&mut app, command);
        assert_eq!(agenda_overlay(&app).selected, selected, "{command:?}");
    }
    // Esc closes it; so does `a`.
    cmd(&mut app, Command::Back);
    assert!(app.overlay.is_none());
    cmd(&mut app, Command::Agenda);
    cmd(&mut app, Command::Agenda);
    assert!(app.overlay.is_none());
}

#[test]
fn enter_in_the_agenda_reads_the_talk() {
    let mut app = planned();
    select(&mut app, "Closing");
    cmd(&mut app, Command::Agenda);
    assert_eq!(agenda_overlay(&app).selected, 0, "Closing is not picked");
    run(&mut app, &[Command::Down, Command::Down, Command::Select]);
    assert!(app.overlay.is_none());
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(
        app.selected_talk().map(|t| t.title.as_str()),
        Some("Go generics")
    );
    assert_eq!(app.status, None);
}

#[test]
fn enter_on_a_talk_the_search_hides_clears_the_search_and_filters() {
    let mut app = planned();
    search_for(&mut app, "rust");
    assert_eq!(app.view.talk_count(), 1);
    run(&mut app, &[Command::Agenda, Command::Top, Command::Select]);
    assert_eq!(
        app.selected_talk().map(|t| t.title.as_str()),
        Some("Opening")
    );
    assert!(app.search.query.is_empty() && app.search.filters.is_empty());
    assert_eq!(app.view.talk_count(), 7, "every talk again");
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("search and filters cleared to show the talk")
    );
}

#[test]
fn s_and_m_in_the_agenda_change_the_highlighted_pick() {
    let mut app = planned();
    run(
        &mut app,
        &[Command::Agenda, Command::Top, Command::Down, Command::Down],
    );
    let rust = talk(&app, "Rust in the kernel");
    assert!(app.agenda.clash(&app.program, rust).is_some());
    // `m` on Go: a maybe now, the fallback for Rust, so no longer a clash.
    pick(&mut app, Command::Maybe);
    assert_eq!(app.agenda.clash(&app.program, rust), None);
    assert_eq!(agenda_overlay(&app).selected, 2);
    // `m` on the last pick (a maybe) drops it: the highlight stays on the last row left.
    run(&mut app, &[Command::Bottom]);
    pick(&mut app, Command::Maybe);
    assert_eq!(
        entry_titles(&app),
        ["Opening", "Rust in the kernel", "Go generics"]
    );
    assert_eq!(agenda_overlay(&app).selected, 2);
    run(&mut app, &[Command::Top]);
    pick(&mut app, Command::Star);
    assert_eq!(entry_titles(&app), ["Rust in the kernel", "Go generics"]);
    assert_eq!(agenda_overlay(&app).selected, 0);
    assert!(matches!(app.overlay, Some(Overlay::Agenda(_))));
}

#[test]
fn a_pick_no_longer_in_the_program_can_only_be_dropped() {
    let mut app = app_with(Program::sample(2));
    let mut picks = Picks::default();
    picks.insert(
        "old".into(),
        Picked {
            mark: Mark::Maybe,
            title: "Old talk".into(),
            start: None,
            room: None,
        },
    );
    act(
        &mut app,
        Action::PicksLoaded {
            picks,
            problem: None,
        },
    );
    cmd(&mut app, Command::Agenda);
    assert_eq!(entry_titles(&app), ["gone old"]);
    cmd(&mut app, Command::Select);
    assert!(
        matches!(app.overlay, Some(Overlay::Agenda(_))),
        "stays open"
    );
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("this talk is no longer in the program")
    );
    assert!(pick(&mut app, Command::Star).is_empty());
    assert!(app.agenda.picks().is_empty());
}

#[test]
fn e_in_the_agenda_asks_for_the_export_of_the_picks() {
    let mut app = planned();
    cmd(&mut app, Command::Agenda);
    let effect = app.update(Command::ExportAgenda.into());
    assert_eq!(
        effect,
        Some(Effect::ExportAgenda(app.agenda.picks().clone()))
    );
    assert!(matches!(app.overlay, Some(Overlay::Agenda(_))));
}

#[test]
fn the_picks_facet_filters_on_starred_and_maybe_and_follows_the_picks() {
    let mut app = app_with(Program::sample(5));
    cmd(&mut app, Command::Filters);
    assert!(
        filter_choices(&app).iter().all(|c| c.facet != Facet::Pick),
        "no picks, no picks facet"
    );
    cmd(&mut app, Command::Back);
    for n in [1, 3] {
        run(&mut app, &[Command::Top]);
        run(&mut app, &vec![Command::Down; n]);
        pick(&mut app, Command::Star);
    }
    run(&mut app, &[Command::Down]);
    pick(&mut app, Command::Maybe);
    // A maybe no longer in the program is no talk to show: not counted.
    let mut picks = app.agenda.picks().clone();
    picks.insert(
        "gone".into(),
        Picked {
            mark: Mark::Maybe,
            title: "Gone".into(),
            start: None,
            room: None,
        },
    );
    act(&mut app, Action::PicksSaved(Ok(picks)));
    cmd(&mut app, Command::Filters);
    let picks: Vec<(String, usize)> = filter_choices(&app)
        .iter()
        .filter(|c| c.facet == Facet::Pick)
        .map(|c| (c.value.clone(), c.count))
        .collect();
    assert_eq!(picks, [("starred".to_owned(), 2), ("maybe".to_owned(), 1)]);
    // starred, with the kind "talk" (AND across facets).
    let choices = filter_choices(&app);
    let starred = choices.iter().position(|c| c.value == "starred");
    let kind = choices.iter().position(|c| c.value == "talk");
    for at in [starred, kind] {
        run(&mut app, &[Command::Top]);
        run(&mut app, &vec![Command::Down; at.expect("a choice")]);
        cmd(&mut app, Command::Toggle);
    }
    cmd(&mut app, Command::Back);
    let shown = |app: &App| -> Vec<usize> {
        app.view
            .talks()
            .map(crate::program::TalkIx::index)
            .collect()
    };
    assert_eq!(shown(&app), [1, 3]);
    // Unstarring a talk takes it out of the filtered list once the picks are saved.
    run(&mut app, &[Command::Top]);
    let effect = app.update(Command::Star.into());
    let Some(Effect::SavePicks(picks)) = effect else {
        panic!("a save: {effect:?}");
    };
    let searched = act(&mut app, Action::PicksSaved(Ok(picks)));
    assert!(searched.is_some(), "the filtered list is searched again");
    assert_eq!(shown(&app), [3]);
}
