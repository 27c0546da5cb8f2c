//! Times in a program: parsing the schedule fields, and the conference day a talk belongs to.
//!
//! Uses `jiff` for real time-zone rules (daylight saving included). A start is written as a
//! local date-time in the program's `timezone`, or with an offset (`...-04:00`, `...Z`), or with
//! a zone annotation (`...[Europe/Brussels]`); it is kept as a `ZonedDateTime` in the program's zone
//! when there is one, else in the zone or offset it was written with.

use jiff::civil::{Date, DateTime, Time};
use jiff::fmt::temporal::Pieces;
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::{SignedDuration, Timestamp, ZonedDateTime};

use super::Program;

/// A problem with a time value: what is wrong, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError {
    pub message: String,
    pub expected: String,
}

fn error(message: impl Into<String>, expected: impl Into<String>) -> TimeError {
    TimeError {
        message: message.into(),
        expected: expected.into(),
    }
}

const DATE_TIME_EXAMPLE: &str = "a date and time like 2023-06-18T09:00, 2023-06-18T09:00-04:00 or 2023-06-18T09:00[America/New_York]";

/// An IANA time-zone name, looked up in the time-zone database Lectern carries.
pub fn time_zone(name: &str) -> Result<TimeZone, TimeError> {
    TimeZone::get(name).map_err(|_| {
        error(
            format!("unknown time zone {name:?}"),
            "an IANA time zone name like \"Europe/Brussels\" or \"America/New_York\"",
        )
    })
}

/// A date-time (`start`, `end`), resolved against the program's zone `program_tz`.
pub fn date_time(text: &str, program_tz: Option<&TimeZone>) -> Result<ZonedDateTime, TimeError> {
    let bad = || error(format!("invalid date-time {text:?}"), DATE_TIME_EXAMPLE);
    let pieces = Pieces::parse(text.trim()).map_err(|_| bad())?;
    let Some(time) = pieces.time() else {
        return Err(error(
            format!("{text:?} has a date but no time of day"),
            DATE_TIME_EXAMPLE,
        ));
    };
    let local = DateTime::from_parts(pieces.date(), time);
    let named = match pieces.time_zone_annotation() {
        Some(annotation) => match annotation.to_time_zone() {
            Ok(tz) => Some(tz),
            Err(_) => return Err(bad()),
        },
        None => None,
    };
    let zoned = match (pieces.offset(), named) {
        (_, Some(tz)) => local.to_zoned_datetime(tz),
        (Some(offset), None) => {
            let offset = offset.to_numeric_offset();
            local.to_zoned_datetime(TimeZone::fixed(offset))
        }
        (None, None) => match program_tz {
            Some(tz) => {
                // A wall-clock time the zone skips (clocks going forward) names no instant.
                if let AmbiguousOffset::Gap { .. } = tz.to_ambiguous_timestamp(local).offset() {
                    let zone = tz.iana_name().unwrap_or("the program's time zone");
                    return Err(error(
                        format!("{text:?} does not exist in {zone}: the clocks skip that hour"),
                        "a time that exists in the program's time zone",
                    ));
                }
                local.to_zoned_datetime(tz.clone())
            }
            None => {
                return Err(error(
                    format!("{text:?} is a local time, but the program has no time zone"),
                    "`timezone = \"...\"` in [program], or a time with an offset like 2023-06-18T09:00-04:00",
                ));
            }
        },
    }
    .map_err(|_| bad())?;
    Ok(match program_tz {
        Some(tz) => zoned.with_time_zone(tz.clone()),
        None => zoned,
    })
}

/// A duration: minutes as an integer, `HH:MM` or `HH:MM:SS` (the schedule formats' way),
/// or a span like `45m`, `1h30m`, `PT1H30M`.
pub fn duration(text: &str) -> Result<SignedDuration, TimeError> {
    let bad = || {
        error(
            format!("invalid duration {text:?}"),
            "a duration like 45m, 1h30m, 01:30 or a number of minutes",
        )
    };
    let text = text.trim();
    let parsed = if let Some((hours, rest)) = text.split_once(':') {
        let mut parts = rest.split(':');
        let number = |s: Option<&str>| -> Result<i64, TimeError> {
            match s {
                None => Ok(0),
                Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
                    s.parse().map_err(|_| bad())
                }
                Some(_) => Err(bad()),
            }
        };
        let (h, m, s) = (
            number(Some(hours))?,
            number(parts.next())?,
            number(parts.next())?,
        );
        if parts.next().is_some() || m >= 60 || s >= 60 {
            return Err(bad());
        }
        SignedDuration::from_secs(h.checked_mul(3600).ok_or_else(bad)? + m * 60 + s)
    } else if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        minutes(text.parse().map_err(|_| bad())?)?
    } else {
        text.parse::<SignedDuration>().map_err(|_| bad())?
    };
    if parsed.is_negative() {
        return Err(error(
            format!("negative duration {text:?}"),
            "a duration of zero or more",
        ));
    }
    Ok(parsed)
}

/// A whole number of minutes as a duration.
pub fn minutes(n: i64) -> Result<SignedDuration, TimeError> {
    n.checked_mul(60)
        .filter(|s| *s >= 0)
        .map(SignedDuration::from_secs)
        .ok_or_else(|| {
            error(
                format!("invalid duration of {n} minutes"),
                "a number of minutes of zero or more",
            )
        })
}

/// A time of day (`day_change`): `HH:MM` or `HH:MM:SS`.
pub fn time_of_day(text: &str) -> Result<Time, TimeError> {
    text.trim().parse::<Time>().map_err(|_| {
        error(
            format!("invalid time of day {text:?}"),
            "a time of day like 04:00",
        )
    })
}

/// The conference day a start belongs to: its date in `tz`, counting times before
/// `day_change` (for instance 04:00) as part of the previous day.
pub fn conference_day(start: &ZonedDateTime, tz: &TimeZone, day_change: Time) -> Date {
    let local = start.with_time_zone(tz.clone()).datetime();
    let shifted = local
        .checked_sub(SignedDuration::from_secs(
            i64::from(day_change.hour()) * 3600
                + i64::from(day_change.minute()) * 60
                + i64::from(day_change.second()),
        ))
        .unwrap_or(local);
    shifted.date()
}

/// The order of a schedule: talks by start time then room, talks without a time at the end
/// in program order.
pub fn order(program: &Program) -> Vec<super::TalkIx> {
    let mut order: Vec<super::TalkIx> = program.talk_ixs().collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&program.talks[a.index()], &program.talks[b.index()]);
        let key = |t: &crate::program::Talk| t.start.as_ref().map(ZonedDateTime::timestamp);
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| {
                let room = |t: &crate::program::Talk| t.room.as_deref().map(str::to_lowercase);
                room(a).cmp(&room(b))
            }),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
    order
}

/// Whether a talk is running at `now`: started, and not yet over (a talk without a duration
/// counts as running for its first minute only).
pub fn is_running(talk: &crate::program::Talk, now: Timestamp) -> bool {
    let Some(start) = &talk.start else {
        return false;
    };
    let start = start.timestamp();
    let length = talk.duration.unwrap_or(SignedDuration::from_mins(1));
    start <= now && now < start.checked_add(length).unwrap_or(start)
}

/// The start of the next talks after `now`, if any.
pub fn next_start(program: &Program, now: Timestamp) -> Option<Timestamp> {
    program
        .talks
        .iter()
        .filter_map(|t| t.start.as_ref().map(ZonedDateTime::timestamp))
        .filter(|&start| start > now)
        .min()
}

/// The fixed offset of a zone at an instant, for display (`UTC-04:00`).
pub fn offset_label(zoned: &ZonedDateTime) -> String {
    let offset: Offset = zoned.offset();
    match zoned.time_zone().iana_name() {
        Some(name) => name.to_owned(),
        None => format!("UTC{offset}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brussels() -> TimeZone {
        time_zone("Europe/Brussels").expect("known zone")
    }

    #[test]
    fn date_times() {
        let tz = brussels();
        let cases: &[(&str, Option<&TimeZone>, &str)] = &[
            (
                "2021-02-06T09:00",
                Some(&tz),
                "2021-02-06T09:00:00+01:00[Europe/Brussels]",
            ),
            (
                "2021-02-06 09:00:00",
                Some(&tz),
                "2021-02-06T09:00:00+01:00[Europe/Brussels]",
            ),
            // Summer time: the same wall clock is UTC+2.
            (
                "2021-07-06T09:00",
                Some(&tz),
                "2021-07-06T09:00:00+02:00[Europe/Brussels]",
            ),
            // An offset is converted into the program's zone.
            (
                "2021-02-06T08:00Z",
                Some(&tz),
                "2021-02-06T09:00:00+01:00[Europe/Brussels]",
            ),
            (
                "2023-06-18T09:00-04:00",
                None,
                "2023-06-18T09:00:00-04:00[-04:00]",
            ),
            (
                "2023-06-18T09:00[America/New_York]",
                None,
                "2023-06-18T09:00:00-04:00[America/New_York]",
            ),
        ];
        for (text, zone, expected) in cases {
            let zoned = date_time(text, *zone).expect(text);
            assert_eq!(zoned.to_string(), *expected, "{text}");
        }
    }

    #[test]
    fn bad_date_times() {
        let tz = brussels();
        let cases: [(&str, Option<&TimeZone>, &str); 6] = [
            (
                "2021-02-30T09:00",
                Some(&tz),
                "invalid date-time \"2021-02-30T09:00\"",
            ),
            ("09:00", Some(&tz), "invalid date-time \"09:00\""),
            (
                "2021-02-06",
                Some(&tz),
                "\"2021-02-06\" has a date but no time of day",
            ),
            (
                "2021-02-06T09:00",
                None,
                "\"2021-02-06T09:00\" is a local time, but the program has no time zone",
            ),
            ("soon", None, "invalid date-time \"soon\""),
            (
                "2021-03-28T02:30",
                Some(&tz),
                "\"2021-03-28T02:30\" does not exist in Europe/Brussels: the clocks skip that hour",
            ),
        ];
        for (text, zone, message) in cases {
            assert_eq!(date_time(text, zone).expect_err(text).message, message);
        }
        // The hour that happens twice (clocks going back) is read as its first time.
        let twice = date_time("2021-10-31T02:30", Some(&tz)).expect("exists");
        assert_eq!(
            twice.to_string(),
            "2021-10-31T02:30:00+02:00[Europe/Brussels]"
        );
    }

    #[test]
    fn durations() {
        let ok = [
            ("45m", 45 * 60),
            ("1h30m", 90 * 60),
            ("PT1H30M", 90 * 60),
            ("01:30", 90 * 60),
            ("00:45:30", 45 * 60 + 30),
            ("90", 90 * 60),
            ("0", 0),
        ];
        for (text, secs) in ok {
            assert_eq!(duration(text).expect(text).as_secs(), secs, "{text}");
        }
        for text in [
            "",
            "-5m",
            "1:75",
            "soon",
            "1:2:3:4",
            "1:-5",
            "99999999999999999999",
        ] {
            assert!(duration(text).is_err(), "{text}");
        }
    }

    #[test]
    fn after_midnight_belongs_to_the_previous_day() {
        let tz = brussels();
        let late = date_time("2021-02-07T01:30", Some(&tz)).expect("valid");
        let morning = date_time("2021-02-07T09:00", Some(&tz)).expect("valid");
        let change = time_of_day("04:00").expect("valid");
        assert_eq!(
            conference_day(&late, &tz, change),
            jiff::civil::date(2021, 2, 6)
        );
        assert_eq!(
            conference_day(&morning, &tz, change),
            jiff::civil::date(2021, 2, 7)
        );
        assert_eq!(
            conference_day(&late, &tz, Time::midnight()),
            jiff::civil::date(2021, 2, 7)
        );
    }

    #[test]
    fn schedule_order_and_now() {
        let tz = brussels();
        let at = |s: &str| Some(date_time(s, Some(&tz)).expect("valid"));
        let mut program = Program::sample(5);
        program.talks[0].start = at("2021-02-06T11:00");
        program.talks[0].room = Some("B".into());
        program.talks[1].start = None;
        program.talks[2].start = at("2021-02-06T10:00");
        program.talks[3].start = at("2021-02-06T11:00");
        // Rooms sort without regard to case: `a` before `B`.
        program.talks[3].room = Some("a".into());
        program.talks[4].start = at("2021-02-06T09:00");
        for talk in &mut program.talks {
            talk.duration = Some(SignedDuration::from_mins(50));
        }
        assert_eq!(order(&program), [4, 2, 3, 0, 1].map(super::super::TalkIx));
        let now = date_time("2021-02-06T10:30", Some(&tz))
            .expect("valid")
            .timestamp();
        let running: Vec<usize> = (0..5)
            .filter(|&i| is_running(&program.talks[i], now))
            .collect();
        assert_eq!(running, [2]);
        assert_eq!(
            next_start(&program, now),
            at("2021-02-06T11:00").map(|z| z.timestamp())
        );
        let later = date_time("2021-02-06T10:50", Some(&tz))
            .expect("valid")
            .timestamp();
        assert!(
            !is_running(&program.talks[2], later),
            "a talk is over at its end"
        );
        let after_all = date_time("2021-02-07T00:00", Some(&tz))
            .expect("valid")
            .timestamp();
        assert_eq!(next_start(&program, after_all), None);
    }

    #[test]
    fn unknown_zone() {
        let e = time_zone("Mars/Olympus_Mons").expect_err("unknown");
        assert_eq!(e.message, "unknown time zone \"Mars/Olympus_Mons\"");
    }
}
