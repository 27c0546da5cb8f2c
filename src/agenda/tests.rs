//! The agenda's rules as tables of cases: marks, clashes with starred talks (back-to-back is no
//! clash, a maybe is a fallback), free time, days, moved and vanished talks.

use jiff::SignedDuration;
use proptest::prelude::*;

use super::plan::{Row, free_time};
use super::*;
use crate::program::{ProgramInfo, schedule};

/// A program in Brussels with talks `(id, start, minutes)`: `start` as `"2021-02-06T10:00"`,
/// empty for a talk without a time.
fn program(talks: &[(&str, &str, i64)]) -> Program {
    let tz = schedule::time_zone("Europe/Brussels").expect("known zone");
    Program {
        info: ProgramInfo {
            title: "Agenda Test".to_owned(),
            timezone: Some(tz.clone()),
            day_change: Some(jiff::civil::time(4, 0, 0, 0)),
            ..ProgramInfo::default()
        },
        talks: talks
            .iter()
            .map(|&(id, start, minutes)| Talk {
                id: id.to_owned(),
                title: format!("Title {id}"),
                start: (!start.is_empty())
                    .then(|| schedule::date_time(start, Some(&tz)).expect("valid time")),
                duration: Some(SignedDuration::from_mins(minutes)),
                room: Some(format!("Room {id}")),
                ..Talk::default()
            })
            .collect(),
        ..Program::sample(0)
    }
}

fn index(program: &Program, id: &str) -> usize {
    program
        .talks
        .iter()
        .position(|t| t.id == id)
        .expect("talk in the program")
}

/// An agenda of `program` with the given marks.
fn agenda(program: &Program, marks: &[(&str, Mark)]) -> Agenda {
    let mut agenda = Agenda::new(program, Picks::default());
    for &(id, mark) in marks {
        agenda.set(program, index(program, id), Some(mark));
    }
    agenda
}

#[test]
fn toggling_a_mark_sets_it_then_takes_it_away() {
    let program = program(&[("a", "2021-02-06T10:00", 30)]);
    let mut agenda = Agenda::new(&program, Picks::default());
    assert_eq!(agenda.toggle(&program, 0, Mark::Star), Some(Mark::Star));
    assert_eq!(agenda.mark(&program, 0), Some(Mark::Star));
    // `m` on a starred talk makes it a maybe; `m` again drops it.
    assert_eq!(agenda.toggle(&program, 0, Mark::Maybe), Some(Mark::Maybe));
    assert_eq!(agenda.toggle(&program, 0, Mark::Maybe), None);
    assert_eq!(agenda.mark(&program, 0), None);
    assert!(agenda.picks().is_empty());
}

#[test]
fn clashes_with_starred_talks() {
    let talks = [
        ("star", "2021-02-06T10:00", 60),
        ("inside", "2021-02-06T10:15", 15),
        ("overlaps-end", "2021-02-06T10:45", 30),
        ("back-to-back", "2021-02-06T11:00", 30),
        ("ends-as-it-starts", "2021-02-06T09:30", 30),
        ("around", "2021-02-06T09:00", 180),
        ("next-day", "2021-02-07T10:15", 15),
        ("untimed", "", 30),
        ("instant-inside", "2021-02-06T10:30", 0),
        ("instant-at-start", "2021-02-06T10:00", 0),
    ];
    let program = program(&talks);
    let agenda = agenda(&program, &[("star", Mark::Star)]);
    let star = index(&program, "star");
    let cases = [
        ("star", None),
        ("inside", Some(star)),
        ("overlaps-end", Some(star)),
        ("back-to-back", None),
        ("ends-as-it-starts", None),
        ("around", Some(star)),
        ("next-day", None),
        ("untimed", None),
        ("instant-inside", Some(star)),
        ("instant-at-start", None),
    ];
    for (id, want) in cases {
        assert_eq!(agenda.clash(&program, index(&program, id)), want, "{id}");
    }
}

#[test]
fn a_maybe_is_no_clash_and_unstarring_ends_a_clash() {
    let program = program(&[
        ("a", "2021-02-06T10:00", 60),
        ("b", "2021-02-06T10:30", 60),
        ("long", "2021-02-06T08:00", 240),
    ]);
    let mut agenda = agenda(&program, &[("a", Mark::Maybe)]);
    assert_eq!(agenda.clash(&program, 1), None, "a maybe does not count");
    agenda.set(&program, 0, Some(Mark::Star));
    assert_eq!(agenda.clash(&program, 1), Some(0));
    // A long starred talk that started well before is found too.
    agenda.set(&program, 0, None);
    agenda.set(&program, 2, Some(Mark::Star));
    assert_eq!(agenda.clash(&program, 1), Some(2));
    assert_eq!(agenda.clash(&program, 0), Some(2));
    agenda.set(&program, 2, None);
    assert_eq!(agenda.clash(&program, 1), None);
}

proptest! {
    /// The indexed clash query agrees with comparing the talk against every starred talk.
    #[test]
    fn clash_query_agrees_with_a_scan(
        talks in prop::collection::vec((0i64..600, 0i64..120, any::<bool>()), 1..40),
    ) {
        let tz = schedule::time_zone("Europe/Brussels").expect("known zone");
        let base = schedule::date_time("2021-02-06T08:00", Some(&tz)).expect("valid");
        let program = Program {
            talks: talks
                .iter()
                .enumerate()
                .map(|(i, &(offset, minutes, _))| Talk {
                    id: format!("t{i}"),
                    start: base.checked_add(SignedDuration::from_mins(offset)).ok(),
                    duration: Some(SignedDuration::from_mins(minutes)),
                    ..Talk::default()
                })
                .collect(),
            ..Program::sample(0)
        };
        let mut agenda = Agenda::new(&program, Picks::default());
        for (i, &(_, _, starred)) in talks.iter().enumerate() {
            if starred {
                agenda.set(&program, i, Some(Mark::Star));
            }
        }
        for (i, &(s, m, _)) in talks.iter().enumerate() {
            let scan = talks.iter().enumerate().any(|(j, &(s2, m2, starred))| {
                starred && j != i && s < s2 + m2 && s2 < s + m
            });
            prop_assert_eq!(agenda.clash(&program, i).is_some(), scan, "talk {}", i);
        }
    }
}

fn talk_rows(plan: &Plan, day: usize) -> Vec<String> {
    plan.days[day]
        .rows
        .iter()
        .map(|row| match row {
            Row::Talk(item) => format!(
                "{} {:?} clashes {:?} fallback {:?}",
                item.talk, item.mark, item.clashes, item.fallback_for
            ),
            Row::Free(d) => format!("free {}", free_time(*d)),
        })
        .collect()
}

#[test]
fn the_plan_orders_days_and_talks_with_free_time_clashes_and_fallbacks() {
    let program = program(&[
        ("late", "2021-02-06T16:00", 30),         // 0
        ("first", "2021-02-06T09:00", 60),        // 1
        ("clash-a", "2021-02-06T11:30", 60),      // 2
        ("clash-b", "2021-02-06T12:00", 30),      // 3
        ("fallback", "2021-02-06T12:15", 30),     // 4
        ("night", "2021-02-07T01:00", 30),        // 5: before day_change, still Saturday
        ("sunday", "2021-02-07T10:00", 45),       // 6
        ("back-to-back", "2021-02-07T10:45", 15), // 7
        ("unscheduled", "", 0),                   // 8
        ("not-picked", "2021-02-06T09:30", 60),   // 9
    ]);
    let marks = [
        ("late", Mark::Star),
        ("first", Mark::Star),
        ("clash-a", Mark::Star),
        ("clash-b", Mark::Star),
        ("fallback", Mark::Maybe),
        ("night", Mark::Star),
        ("sunday", Mark::Star),
        ("back-to-back", Mark::Maybe),
        ("unscheduled", Mark::Star),
    ];
    let agenda = agenda(&program, &marks);
    let plan = Plan::new(&program, &agenda, true);
    let dates: Vec<String> = plan.days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(dates, ["2021-02-06", "2021-02-07"]);
    assert_eq!(
        talk_rows(&plan, 0),
        [
            "1 Star clashes [] fallback []",
            "free 1 h 30",
            "2 Star clashes [3] fallback []",
            "3 Star clashes [2] fallback []",
            "4 Maybe clashes [] fallback [2, 3]",
            "free 3 h 15",
            "0 Star clashes [] fallback []",
            "free 8 h 30",
            "5 Star clashes [] fallback []",
        ]
    );
    assert_eq!(
        talk_rows(&plan, 1),
        [
            "6 Star clashes [] fallback []",
            "7 Maybe clashes [] fallback []",
        ]
    );
    assert_eq!(plan.unscheduled.len(), 1);
    assert_eq!(plan.unscheduled[0].talk, 8);
    assert!(plan.gone.is_empty());

    // Without maybes, the fallback disappears and the free time closes up around it.
    let stars = Plan::new(&program, &agenda, false);
    assert_eq!(
        talk_rows(&stars, 0)[2..5],
        [
            "2 Star clashes [3] fallback []",
            "3 Star clashes [2] fallback []",
            "free 3 h 30",
        ]
    );
}

#[test]
fn moved_and_vanished_talks_are_kept() {
    let v1 = program(&[
        ("stays", "2021-02-06T10:00", 30),
        ("moves", "2021-02-06T11:00", 30),
        ("goes", "2021-02-06T12:00", 30),
    ]);
    let picks = agenda(
        &v1,
        &[
            ("stays", Mark::Star),
            ("moves", Mark::Star),
            ("goes", Mark::Maybe),
        ],
    )
    .picks()
    .clone();
    // The next version of the program: one talk moved to the afternoon, one was dropped.
    let v2 = program(&[
        ("stays", "2021-02-06T10:00", 30),
        ("moves", "2021-02-06T15:00", 30),
    ]);
    let agenda = Agenda::new(&v2, picks);
    let plan = Plan::new(&v2, &agenda, true);
    let items: Vec<(usize, Option<String>)> = plan.days[0]
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Talk(item) => Some((item.talk, item.moved_from.map(|t| t.to_string()))),
            Row::Free(_) => None,
        })
        .collect();
    assert_eq!(
        items,
        [(0, None), (1, Some("2021-02-06T10:00:00Z".to_owned()))]
    );
    assert_eq!(plan.gone.len(), 1);
    let (id, picked) = &plan.gone[0];
    assert_eq!(id, "goes");
    assert_eq!(picked.title, "Title goes");
    assert_eq!(picked.room.as_deref(), Some("Room goes"));
    // The moved talk, starred, now clashes with nothing; it is still starred.
    assert_eq!(agenda.mark(&v2, 1), Some(Mark::Star));
}

#[test]
fn free_time_is_said_as_people_say_it() {
    let cases = [
        (0, "0 min"),
        (45, "45 min"),
        (60, "1 h"),
        (90, "1 h 30"),
        (125, "2 h 05"),
    ];
    for (minutes, want) in cases {
        assert_eq!(free_time(SignedDuration::from_mins(minutes)), want);
    }
}
