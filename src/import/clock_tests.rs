//! Tests of the clock and the days: zones from names and offsets, starts within day windows,
//! and the choice of `day_change`.

use super::*;
use jiff::civil::time;

fn zone(name: &str) -> TimeZone {
    schedule::time_zone(name).expect("known zone")
}

fn offsets(texts: &[&str]) -> Vec<Offset> {
    texts.iter().filter_map(|t| offset_of(t)).collect()
}

/// (asked, named, offsets, program zone (IANA name, or "" for none), zone local times are
/// read in, notes that start so)
type ZoneCase<'a> = (
    Option<&'a TimeZone>,
    &'a str,
    &'a [&'a str],
    &'a str,
    &'a str,
    &'a [&'a str],
);

#[test]
fn zones_come_from_the_name_then_the_offsets() {
    let berlin = zone("Europe/Berlin");
    // (asked, named, offsets, program zone (IANA name, or "" for none), zone local times are
    // read in, notes that start so)
    let cases: [ZoneCase; 8] = [
        (
            Some(&berlin),
            "Asia/Kolkata",
            &["2019-12-27T11:00:00+01:00"],
            "Europe/Berlin",
            "Europe/Berlin",
            &[],
        ),
        (
            None,
            "Asia/Kolkata",
            &["2023-09-10T05:00:00+00:00"],
            "Asia/Kolkata",
            "Asia/Kolkata",
            &[],
        ),
        (
            None,
            "",
            &[],
            "UTC",
            "UTC",
            &["the schedule names no time zone and its times carry no offset"],
        ),
        (
            None,
            "",
            &["2019-12-27T11:00:00+01:00", "2019-12-28T01:00:00+01:00"],
            "",
            "+01",
            &["the schedule names no time zone; every time in it has the offset +01"],
        ),
        (
            None,
            "",
            &["20200918T110000Z", "2020-09-18T12:00:00+00:00"],
            "UTC",
            "UTC",
            &[],
        ),
        (
            None,
            "",
            &[
                "2022-10-29T11:00:00+02:00",
                "2022-10-30T11:00:00+01:00",
                "2022-10-30T12:00:00+01:00",
            ],
            "",
            "+01",
            &["the schedule names no time zone and its times carry different offsets (+02, +01)"],
        ),
        (
            None,
            "Mars/Olympus",
            &[],
            "UTC",
            "UTC",
            &["unknown time zone \"Mars/Olympus\" in the schedule and its times carry no offset"],
        ),
        (
            None,
            "",
            &["2019-12-27T11:00:00"],
            "UTC",
            "UTC",
            &["the schedule names no time zone and its times carry no offset"],
        ),
    ];
    for (asked, named, texts, program, read, notes) in cases {
        let mut found = Vec::new();
        let clock = decide(asked, named, offsets(texts), &mut found);
        let program_name = clock
            .program
            .as_ref()
            .map_or("", |z| z.iana_name().unwrap_or("?"));
        assert_eq!(program_name, program, "{named} {texts:?}");
        let read_name = clock.read.iana_name().map_or_else(
            || {
                clock
                    .read
                    .to_offset(jiff::Timestamp::UNIX_EPOCH)
                    .to_string()
            },
            str::to_owned,
        );
        assert!(read_name.starts_with(read), "{read_name} {texts:?}");
        assert_eq!(found.len(), notes.len(), "{found:?}");
        for (note, start) in found.iter().zip(notes) {
            assert!(note.starts_with(start), "{note}");
        }
    }
}

#[test]
fn fixed_offsets_keep_the_clock_as_published() {
    let mut notes = Vec::new();
    let clock = decide(
        None,
        "",
        offsets(&["2019-12-27T11:00:00+01:00"]),
        &mut notes,
    );
    let opening = clock.full("2019-12-27T11:00:00+01:00").expect("reads");
    assert_eq!(opening.to_string(), "2019-12-27T11:00:00+01:00[+01:00]");
    assert_eq!(opening.time(), time(11, 0, 0, 0));
    let local = local_start("2019-12-27", "10:00", &clock, None, None).expect("reads");
    assert_eq!(local.to_string(), "2019-12-27T10:00:00+01:00[+01:00]");
    // Offsets that change: each time keeps its own.
    let clock = decide(
        None,
        "",
        offsets(&["2022-10-29T11:00:00+02:00", "2022-10-30T11:00:00+01:00"]),
        &mut notes,
    );
    assert_eq!(
        clock
            .full("2022-10-29T11:00:00+02:00")
            .expect("reads")
            .to_string(),
        "2022-10-29T11:00:00+02:00[+02:00]"
    );
    assert_eq!(
        clock
            .full("2022-10-30T11:00:00+01:00")
            .expect("reads")
            .to_string(),
        "2022-10-30T11:00:00+01:00[+01:00]"
    );
}

#[test]
fn local_starts_follow_the_window_then_day_change() {
    let clock = Clock {
        read: zone("Europe/Brussels"),
        program: Some(zone("Europe/Brussels")),
    };
    let window = Window::read(
        "2021-02-06T11:00:00+01:00",
        "2021-02-07T04:00:00+01:00",
        &clock,
    );
    let four = Some(time(4, 0, 0, 0));
    // (time, window, day_change, start)
    let cases = [
        (
            "09:00",
            None,
            None,
            "2021-02-06T09:00:00+01:00[Europe/Brussels]",
        ),
        (
            "01:30",
            None,
            four,
            "2021-02-07T01:30:00+01:00[Europe/Brussels]",
        ),
        (
            "04:00",
            None,
            four,
            "2021-02-06T04:00:00+01:00[Europe/Brussels]",
        ),
        (
            "01:30",
            None,
            None,
            "2021-02-06T01:30:00+01:00[Europe/Brussels]",
        ),
        (
            "01:30",
            window.as_ref(),
            None,
            "2021-02-07T01:30:00+01:00[Europe/Brussels]",
        ),
        (
            "11:30",
            window.as_ref(),
            None,
            "2021-02-06T11:30:00+01:00[Europe/Brussels]",
        ),
    ];
    for (at, window, change, expected) in cases {
        let start = local_start("2021-02-06", at, &clock, window, change).expect(at);
        assert_eq!(start.to_string(), expected, "{at}");
    }
    assert_eq!(
        local_start("2021-02-06", "25:00", &clock, None, None).expect_err("bad"),
        "invalid start time \"25:00\""
    );
    assert_eq!(
        local_start("soon", "09:00", &clock, None, None).expect_err("bad"),
        "invalid date \"soon\""
    );
}

/// Talks at `HH:MM` on days of the month, `minutes` long, listed under a day.
fn talks(list: &[(i16, &str, i64, Option<usize>)]) -> Vec<Timed> {
    let tz = zone("Europe/Berlin");
    list.iter()
        .map(|&(day, at, minutes, listed)| {
            let t: Time = at.parse().expect("time");
            let start = jiff::civil::date(2019, 12, day as i8)
                .to_datetime(t)
                .to_zoned_datetime(tz.clone())
                .expect("zoned");
            Timed::new(
                &start,
                Some(SignedDuration::from_mins(minutes)),
                listed,
                None,
            )
        })
        .collect()
}

#[test]
fn day_change_agrees_with_the_day_windows() {
    let clock = Clock {
        read: zone("Europe/Berlin"),
        program: Some(zone("Europe/Berlin")),
    };
    // A congress: days from 11:00 to 04:00 the next morning, a talk at 10:00 on the first
    // morning (before its window opens) and one at 02:00 in the night.
    let windows: Vec<Window> = [27, 28]
        .iter()
        .filter_map(|d| {
            Window::read(
                &format!("2019-12-{d}T11:00:00+01:00"),
                &format!("2019-12-{}T04:00:00+01:00", d + 1),
                &clock,
            )
        })
        .collect();
    let list = talks(&[
        (27, "10:00", 30, Some(0)),
        (27, "11:00", 60, Some(0)),
        (28, "02:00", 60, Some(0)),
        (28, "11:00", 60, Some(1)),
        (29, "01:00", 30, Some(1)),
    ]);
    assert_eq!(
        day_change(&list, &windows, Some(time(11, 0, 0, 0))),
        Some(time(4, 0, 0, 0))
    );
}

/// (talks, given `day_change`, chosen)
type ChangeCase<'a> = (&'a [(i16, &'a str, i64, Option<usize>)], Option<Time>, Time);

#[test]
fn day_change_from_the_data() {
    let none: &[Window] = &[];
    // (talks, given day_change, chosen)
    let cases: [ChangeCase; 5] = [
        // Nothing at night: the latest quiet time, 06:00.
        (
            &[(27, "09:00", 60, None), (28, "09:00", 60, None)],
            None,
            time(6, 0, 0, 0),
        ),
        // A party until 02:30 stays with its evening.
        (
            &[
                (27, "09:00", 60, None),
                (27, "23:30", 180, None),
                (28, "10:00", 60, None),
            ],
            None,
            time(6, 0, 0, 0),
        ),
        // An early start at 05:30 on the first day is no day of its own.
        (
            &[
                (27, "05:30", 60, None),
                (27, "10:00", 60, None),
                (28, "10:00", 60, None),
            ],
            None,
            time(5, 30, 0, 0),
        ),
        // A talk across 06:00: the change moves before it.
        (
            &[
                (27, "10:00", 60, None),
                (28, "04:00", 180, None),
                (28, "10:00", 60, None),
            ],
            None,
            time(4, 0, 0, 0),
        ),
        // The day_change the schedule gives wins when it agrees with the data.
        (
            &[(27, "09:00", 60, Some(0)), (28, "09:00", 60, Some(1))],
            Some(Time::midnight()),
            Time::midnight(),
        ),
    ];
    for (list, given, expected) in cases {
        assert_eq!(
            day_change(&talks(list), none, given),
            Some(expected),
            "{list:?}"
        );
    }
    assert_eq!(day_change(&[], none, None), None);
}
