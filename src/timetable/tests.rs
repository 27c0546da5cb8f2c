use jiff::civil::date;

use super::*;
use crate::program::schedule::{date_time, duration, time_of_day, time_zone};

/// A program in Brussels of `(title, start, minutes, room, track)`, in this order.
fn program(talks: &[(&str, &str, u32, &str, &str)]) -> Program {
    let tz = time_zone("Europe/Brussels").expect("zone");
    let mut program = Program::sample(talks.len());
    program.info.timezone = Some(tz.clone());
    for (talk, &(title, start, minutes, room, track)) in program.talks.iter_mut().zip(talks) {
        title.clone_into(&mut talk.title);
        talk.start = (!start.is_empty()).then(|| date_time(start, Some(&tz)).expect("a time"));
        talk.duration = (minutes > 0).then(|| duration(&minutes.to_string()).expect("minutes"));
        talk.room = (!room.is_empty()).then(|| room.to_owned());
        talk.track = (!track.is_empty()).then(|| track.to_owned());
    }
    program
}

fn grid(program: &Program, day: Date) -> Grid {
    Grid::build(program, day, None).expect("a grid")
}

/// The placed talks as (title, room name, lane/lanes, top, height).
fn placed(program: &Program, grid: &Grid) -> Vec<(String, String, String, usize, usize)> {
    grid.talks
        .iter()
        .map(|p| {
            (
                program.talks[p.talk.index()].title.clone(),
                grid.rooms[p.room].name.clone().unwrap_or_default(),
                format!("{}/{}", p.lane, p.lanes),
                p.top,
                p.height,
            )
        })
        .collect()
}

const SAT: &str = "2021-02-06";

fn at(time: &str) -> String {
    format!("{SAT}T{time}")
}

#[test]
fn steps_fit_the_data() {
    let cases: &[(&[(&str, u32)], i64)] = &[
        (&[("09:00", 60), ("10:00", 30)], 30),
        (&[("09:00", 45), ("10:00", 30)], 15),
        (&[("09:00", 20), ("09:20", 40)], 10),
        (&[("09:05", 25), ("10:00", 30)], 5),
        // A time off every step: rounded to five minutes.
        (&[("09:03", 30)], 5),
        // A first talk at 09:15 starts the grid at 09:00: offsets count from there.
        (&[("09:15", 15)], 15),
    ];
    for (talks, step) in cases {
        let rows: Vec<String> = talks.iter().map(|(t, _)| at(t)).collect();
        let list: Vec<(&str, &str, u32, &str, &str)> = talks
            .iter()
            .zip(&rows)
            .map(|(&(_, m), s)| ("t", s.as_str(), m, "A", ""))
            .collect();
        let p = program(&list);
        assert_eq!(grid(&p, date(2021, 2, 6)).step, *step, "{talks:?}");
    }
}

#[test]
fn talks_span_their_rows_from_the_half_hour() {
    let start = at("09:40");
    let end = at("10:10");
    let p = program(&[("a", &start, 30, "A", ""), ("b", &end, 20, "A", "")]);
    let g = grid(&p, date(2021, 2, 6));
    assert_eq!(g.step, 10);
    assert_eq!(
        g.origin
            .to_zoned_datetime(g.zone.clone())
            .strftime("%H:%M")
            .to_string(),
        "09:30"
    );
    assert_eq!(
        placed(&p, &g),
        [
            ("a".into(), "A".into(), "0/1".into(), 1, 3),
            ("b".into(), "A".into(), "0/1".into(), 4, 2)
        ]
    );
    assert_eq!(g.rows, 6);
    let labels: Vec<Option<String>> = (0..g.rows).map(|r| g.label(r)).collect();
    assert_eq!(
        labels,
        [
            Some("09:30".into()),
            None,
            None,
            Some("10:00".into()),
            None,
            None
        ]
    );
}

#[test]
fn overlapping_talks_in_a_room_get_lanes() {
    let p = program(&[
        ("a", &at("10:00"), 60, "A", ""),
        ("b", &at("10:30"), 60, "A", ""),
        ("c", &at("11:00"), 30, "A", ""),
        ("d", &at("12:00"), 30, "A", ""),
        ("e", &at("10:00"), 30, "B", ""),
    ]);
    let g = grid(&p, date(2021, 2, 6));
    let rows = placed(&p, &g);
    // a and b overlap; c starts when a ends and takes its lane; d is alone again.
    assert_eq!(
        rows.iter()
            .map(|r| (r.0.as_str(), r.2.as_str()))
            .collect::<Vec<_>>(),
        [
            ("a", "0/2"),
            ("b", "1/2"),
            ("c", "0/2"),
            ("d", "0/1"),
            ("e", "0/1")
        ]
    );
    assert_eq!((g.rooms[0].lanes, g.rooms[1].lanes), (2, 1));
}

#[test]
fn a_talk_after_midnight_stays_on_its_conference_day() {
    let mut p = program(&[
        ("evening", &at("22:00"), 60, "A", ""),
        ("night", "2021-02-07T01:00", 30, "A", ""),
        ("sunday", "2021-02-07T10:00", 30, "A", ""),
    ]);
    p.info.day_change = Some(time_of_day("04:00").expect("time"));
    assert_eq!(days(&p), [date(2021, 2, 6), date(2021, 2, 7)]);
    let g = grid(&p, date(2021, 2, 6));
    let rows = placed(&p, &g);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[1].0.as_str(), rows[1].3),
        ("night", 6),
        "three hours down"
    );
    assert_eq!(g.label(6).as_deref(), Some("01:00"));
}

#[test]
fn rooms_come_in_schedule_order_else_by_first_talk() {
    // Room by room, as a schedule file lists them: that order, whatever the times.
    let p = program(&[
        ("z1", &at("11:00"), 30, "Zeta", ""),
        ("z2", &at("12:00"), 30, "Zeta", ""),
        ("a1", &at("09:00"), 30, "Alpha", ""),
        ("n", &at("10:00"), 30, "", ""),
    ]);
    let g = grid(&p, date(2021, 2, 6));
    let names: Vec<Option<&str>> = g.rooms.iter().map(|r| r.name.as_deref()).collect();
    assert_eq!(names, [Some("Zeta"), Some("Alpha"), None], "no room last");
    // In time order, rooms mixed: by each room's first talk.
    let p = program(&[
        ("z1", &at("11:00"), 30, "Zeta", ""),
        ("a1", &at("09:00"), 30, "Alpha", ""),
        ("z2", &at("12:00"), 30, "Zeta", ""),
    ]);
    let g = grid(&p, date(2021, 2, 6));
    let names: Vec<Option<&str>> = g.rooms.iter().map(|r| r.name.as_deref()).collect();
    assert_eq!(names, [Some("Alpha"), Some("Zeta")]);
}

#[test]
fn a_day_shows_only_its_rooms_and_untimed_talks_are_kept_apart() {
    let p = program(&[
        ("sat", &at("10:00"), 30, "A", ""),
        ("sun", "2021-02-07T10:00", 30, "B", ""),
        ("never", "", 0, "C", ""),
    ]);
    let g = grid(&p, date(2021, 2, 7));
    assert_eq!(g.rooms.len(), 1);
    assert_eq!(g.rooms[0].name.as_deref(), Some("B"));
    assert_eq!(untimed(&p), [TalkIx(2)]);
    assert_eq!(Grid::build(&p, date(2021, 2, 8), None), None);
}

#[test]
fn a_talk_without_duration_takes_one_row_and_a_huge_one_is_cut() {
    let mut p = program(&[
        ("flash", &at("10:00"), 0, "A", ""),
        ("long", &at("10:00"), 30, "B", ""),
    ]);
    p.talks[1].duration = Some(SignedDuration::from_hours(100_000));
    let g = grid(&p, date(2021, 2, 6));
    assert_eq!(g.talks[0].height, 1);
    assert_eq!(g.talks[1].height, 48, "a day at most");
}

#[test]
fn tracks_are_numbered_by_first_appearance() {
    let p = program(&[
        ("a", &at("10:00"), 30, "A", "Rust"),
        ("b", &at("10:00"), 30, "B", "Go"),
        ("c", &at("11:00"), 30, "A", "Rust"),
        ("d", &at("11:00"), 30, "B", ""),
    ]);
    let g = grid(&p, date(2021, 2, 6));
    let tracks: Vec<Option<usize>> = g.talks.iter().map(|t| t.track).collect();
    assert_eq!(tracks, [Some(0), Some(0), Some(1), None]);
}

/// Rooms A, B, C: A has two overlapping talks side by side, B one long talk, C a talk late.
fn navigation_program() -> Program {
    program(&[
        ("a1", &at("09:00"), 30, "A", ""),
        ("a2", &at("09:30"), 60, "A", ""),
        ("a3", &at("10:00"), 30, "A", ""),
        ("a4", &at("11:00"), 30, "A", ""),
        ("b1", &at("09:00"), 120, "B", ""),
        ("c1", &at("12:00"), 30, "C", ""),
    ])
}

#[test]
fn arrows_move_to_the_nearest_talk() {
    use Direction::{Down, Left, Right, Up};
    let p = navigation_program();
    let g = grid(&p, date(2021, 2, 6));
    let find = |title: &str| {
        g.talks
            .iter()
            .position(|t| p.talks[t.talk.index()].title == title)
            .expect("placed")
    };
    let name = |k: Option<usize>| k.map(|k| p.talks[g.talks[k].talk.index()].title.clone());
    let all: Vec<usize> = (0..g.rooms.len()).collect();
    let go = |from: &str, d: Direction| name(g.nearest(find(from), d, &all));
    assert_eq!(go("a1", Down).as_deref(), Some("a2"));
    assert_eq!(go("a2", Down).as_deref(), Some("a3"));
    assert_eq!(go("a3", Up).as_deref(), Some("a2"));
    assert_eq!(go("a1", Up), None, "nothing earlier in the room");
    assert_eq!(go("a4", Down), None);
    // a3 runs beside a2: right goes to it first, then on to the next room.
    assert_eq!(go("a2", Right).as_deref(), Some("a3"));
    assert_eq!(go("a3", Right).as_deref(), Some("b1"));
    assert_eq!(go("a3", Left).as_deref(), Some("a2"));
    // From B to A at 09:00: the talk running then.
    assert_eq!(go("b1", Left).as_deref(), Some("a1"));
    // C has only a talk at noon: the nearest there.
    assert_eq!(go("b1", Right).as_deref(), Some("c1"));
    assert_eq!(go("c1", Right), None);
    // From C back to B: B's talk is over by noon, so the one that started nearest.
    assert_eq!(go("c1", Left).as_deref(), Some("b1"));
    // Only the rooms shown count: without B, right from A goes to C.
    let shown = [0, 2];
    assert_eq!(
        name(g.nearest(find("a4"), Right, &shown)).as_deref(),
        Some("c1")
    );
    // Talks at a row, for narrowing to what runs then.
    assert_eq!(g.rooms_at(0), [0, 1]);
    assert_eq!(g.rooms_at(6), [2]);
}

#[test]
fn rows_and_times_convert() {
    let p = navigation_program();
    let g = grid(&p, date(2021, 2, 6));
    assert_eq!(g.step, 30);
    let t = |s: &str| {
        date_time(s, p.info.timezone.as_ref())
            .expect("time")
            .timestamp()
    };
    assert_eq!(g.row_at(t(&at("09:45"))), Some(1));
    assert_eq!(g.row_at(t(&at("08:59"))), None);
    assert_eq!(g.row_at(t(&at("12:30"))), None, "past the last row");
    assert_eq!(g.time_of(2), t(&at("10:00")));
}

#[test]
fn thousands_of_talks_at_one_time_in_one_room_get_a_lane_each() {
    let start = at("10:00");
    let talks: Vec<(&str, &str, u32, &str, &str)> = (0..5000)
        .map(|_| ("same", start.as_str(), 30, "A", ""))
        .collect();
    let p = program(&talks);
    let g = grid(&p, date(2021, 2, 6));
    assert_eq!(g.rooms[0].lanes, 5000);
    let mut lanes: Vec<usize> = g.talks.iter().map(|t| t.lane).collect();
    lanes.sort_unstable();
    assert!(
        lanes.iter().enumerate().all(|(i, &l)| i == l),
        "each lane once"
    );
    assert!(g.talks.iter().all(|t| t.lanes == 5000));
}
