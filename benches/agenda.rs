//! The cost of a pick and of the talk list's clash mark at 1,000 and 100,000 talks: starring a
//! talk (and unstarring it again) with 40 talks already starred, the selected one or one
//! anywhere in the program, and asking whether a talk clashes with a starred one, for one talk
//! and for the 60 rows of a screen.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::SignedDuration;
use lectern::agenda::{Agenda, Mark, Picks};
use lectern::program::{Program, Talk, schedule};

const SIZES: [usize; 2] = [1_000, 100_000];

/// `n` talks over three days, 16 half-hour slots a day, in as many rooms as it takes, of 25
/// to 55 minutes: every talk overlaps others.
fn program(n: usize) -> Program {
    let tz = schedule::time_zone("Europe/Brussels").expect("a known zone");
    let day_one = schedule::date_time("2021-02-06T09:00", Some(&tz)).expect("a valid time");
    let talks = (0..n)
        .map(|i| {
            let day = i64::try_from(i % 3).unwrap_or(0);
            let slot = i64::try_from((i / 3) % 16).unwrap_or(0);
            let offset =
                SignedDuration::from_hours(24 * day) + SignedDuration::from_mins(30 * slot);
            Talk {
                id: format!("talk-{i}"),
                title: format!("Talk {i}"),
                start: day_one.checked_add(offset).ok(),
                duration: Some(SignedDuration::from_mins(
                    25 + i64::try_from(i % 31).unwrap_or(0),
                )),
                room: Some(format!("Room {}", i / 48)),
                ..Talk::default()
            }
        })
        .collect();
    Program {
        talks,
        ..Program::sample(0)
    }
}

fn picks(c: &mut Criterion) {
    let mut group = c.benchmark_group("agenda");
    for n in SIZES {
        let program = program(n);
        let mut agenda = Agenda::new(&program, Picks::default());
        for k in 0..40 {
            agenda.set(&program, k * n / 40, Some(Mark::Star));
        }
        let mut next = 0usize;
        // The `s` key on the selected talk: the talk was just drawn, so its data is in cache.
        let selected = n / 2 + 1;
        group.bench_with_input(
            BenchmarkId::new("star and unstar the selected talk", n),
            &n,
            |b, _| {
                b.iter(|| {
                    agenda.toggle(&program, selected, Mark::Star);
                    agenda.toggle(&program, selected, Mark::Star);
                });
            },
        );
        // A talk anywhere in the program: at 100,000 talks its data is rarely in cache.
        group.bench_with_input(
            BenchmarkId::new("star and unstar a talk anywhere", n),
            &n,
            |b, &n| {
                b.iter(|| {
                    next = (next + 7919) % n;
                    agenda.toggle(&program, next, Mark::Star);
                    agenda.toggle(&program, next, Mark::Star);
                });
            },
        );
        group.bench_with_input(BenchmarkId::new("clash query, one talk", n), &n, |b, &n| {
            b.iter(|| {
                next = (next + 7919) % n;
                black_box(agenda.clash(&program, next))
            });
        });
        group.bench_with_input(BenchmarkId::new("clash marks, 60 rows", n), &n, |b, &n| {
            b.iter(|| {
                next = (next + 7919) % n;
                (next..next + 60)
                    .filter(|&i| agenda.clash(&program, i % n).is_some())
                    .count()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, picks);
criterion_main!(benches);
