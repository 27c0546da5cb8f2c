//! Benchmarks on generated programs of 1,000, 10,000 and 100,000 talks of realistic size
//! (titles ~60 characters, abstracts ~1,200, one to three speakers with ~600-character bios):
//! loading (time, and peak memory printed once per size; at 100,000 talks also the file
//! parsed whole, as before talks were parsed one at a time), one navigation step rendered into a
//! 200x60 `TestBackend`, one detail scroll step rendered the same way, and starring a talk
//! with 40 talks starred (the picks saved as the effect runner answers, then a frame with the
//! list's pick and clash marks). And one step of the list and of the timetable rendered into a
//! 200x60 `TestBackend`, on a schedule of FOSDEM 2021's size (773 talks over two days, 87 rooms
//! on the first).

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{load, program_text};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lectern::action::{Action, Command};
use lectern::app::App;
use lectern::context::AppContext;
use lectern::program::{Origin, Program, parse_str_whole};
use lectern::ui::Ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Counts live heap bytes and their peak, so a load's peak memory can be reported.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
#[expect(
    unsafe_code,
    reason = "a counting allocator is the way to measure peak heap use"
)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                + (new_size - layout.size());
            PEAK.fetch_max(live, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The peak heap while `work` runs and what stays of its result, both above what was in use
/// before.
fn peak_and_kept<T>(work: impl FnOnce() -> T) -> (usize, usize, T) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let result = work();
    let peak = PEAK.load(Ordering::Relaxed) - base;
    let kept = LIVE.load(Ordering::Relaxed) - base;
    (peak, kept, result)
}

/// Loading as before talks were parsed one at a time: the whole file at once.
fn load_whole(text: &str) -> Program {
    parse_str_whole(text, Origin::File("generated.toml".into()))
        .expect("the generated program loads")
        .0
}

/// Loading (one talk at a time) at each size; at the largest, side by side with loading the
/// file parsed whole.
fn bench_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in SIZES {
        let text = program_text(n);
        let (peak, kept, program) = peak_and_kept(|| load(&text));
        println!(
            "memory: {n} talks: file {:.1} MiB, peak during load {:.1} MiB, program kept {:.1} MiB",
            mib(text.len()),
            mib(peak),
            mib(kept)
        );
        drop(program);
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| load(black_box(text)));
        });
        if n == 100_000 {
            let (peak, _, program) = peak_and_kept(|| load_whole(&text));
            println!(
                "memory: {n} talks parsed whole: peak during load {:.1} MiB",
                mib(peak)
            );
            drop(program);
            group.bench_with_input(BenchmarkId::new("whole", n), &text, |b, text| {
                b.iter(|| load_whole(black_box(text)));
            });
        }
    }
    group.finish();
}

/// What the event loop holds: the app, the drawing side's state and the context.
struct Browser {
    app: App,
    ui: Ui,
    ctx: AppContext,
    terminal: Terminal<TestBackend>,
}

impl Browser {
    fn draw(&mut self) {
        let Browser {
            app,
            ui,
            ctx,
            terminal,
        } = self;
        terminal
            .draw(|f| lectern::ui::draw(app, ui, ctx, f))
            .expect("draw");
    }
}

/// An app on a 200x60 test terminal, the middle talk selected, already drawn once.
fn app_at_middle(n: usize) -> Browser {
    let mut browser = Browser {
        app: App::new(load(&program_text(n))),
        ui: Ui::default(),
        ctx: AppContext::default(),
        terminal: Terminal::new(TestBackend::new(200, 60)).expect("test terminal"),
    };
    browser.draw();
    browser.app.list.selected = n / 2;
    browser.app.update(Action::Command(Command::Down));
    browser.draw();
    browser
}

/// Alternates `forward` and `back` (so the state stays put) and draws after each.
fn bench_steps(c: &mut Criterion, name: &str, focus_detail: bool) {
    let mut group = c.benchmark_group(name);
    for n in SIZES {
        let mut browser = app_at_middle(n);
        if focus_detail {
            browser.app.update(Action::Command(Command::FocusDetail));
        }
        let mut forward = true;
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                let command = if forward { Command::Down } else { Command::Up };
                forward = !forward;
                browser.app.update(Action::Command(command));
                browser.draw();
            });
        });
    }
    group.finish();
}

fn bench_navigate(c: &mut Criterion) {
    bench_steps(c, "navigate", false);
}

fn bench_scroll(c: &mut Criterion) {
    bench_steps(c, "scroll", true);
}

/// Opening the filter panel (every facet value of the program counted) and closing it, then a
/// frame.
fn bench_filters(c: &mut Criterion) {
    let mut group = c.benchmark_group("filters");
    group.sample_size(10);
    for n in SIZES {
        let mut browser = app_at_middle(n);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                browser.app.update(Action::Command(Command::Filters));
                browser.draw();
                browser.app.update(Action::Command(Command::Back));
            });
        });
    }
    group.finish();
}

/// `s` on the selected talk with 40 talks starred across the program, the saved picks handed
/// back as the effect runner does (without the disk: the store has its own figures in
/// `benches/agenda.rs`), then a frame with every row's marks; alternately starring and
/// unstarring. Also without the frame: the app's part alone.
fn bench_star(c: &mut Criterion) {
    use lectern::agenda::{Mark, Picks};
    use lectern::app::Effect;
    let mut group = c.benchmark_group("star");
    for n in SIZES {
        let mut browser = app_at_middle(n);
        let mut picks = Picks::default();
        for i in (0..n).step_by(n / 40) {
            picks.set(&browser.app.program.talks[i], Some(Mark::Star));
        }
        browser.app.update(Action::PicksLoaded {
            picks,
            problem: None,
        });
        browser.draw();
        group.bench_function(BenchmarkId::new("app and frame", n), |b| {
            b.iter(|| {
                if let Some(Effect::SavePicks(picks)) =
                    browser.app.update(Action::Command(Command::Star))
                {
                    browser.app.update(Action::PicksSaved(Ok(picks)));
                }
                browser.draw();
            });
        });
        group.bench_function(BenchmarkId::new("app", n), |b| {
            b.iter(|| {
                if let Some(Effect::SavePicks(picks)) =
                    browser.app.update(Action::Command(Command::Star))
                {
                    browser.app.update(Action::PicksSaved(Ok(picks)));
                }
            });
        });
    }
    group.finish();
}

/// Picking a value in the open filter panel and dropping it again: each time the panel counts
/// every value again under the other facets' picks (a pass over every talk), then a frame. The
/// search the pick starts is not carried out here.
fn bench_filter_pick(c: &mut Criterion) {
    let mut group = c.benchmark_group("filter_pick");
    group.sample_size(10);
    for n in SIZES {
        let mut browser = app_at_middle(n);
        browser.app.update(Action::Command(Command::Filters));
        browser.draw();
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                browser.app.update(Action::Command(Command::Toggle));
                browser.draw();
                browser.app.update(Action::Command(Command::Toggle));
            });
        });
    }
    group.finish();
}

/// A schedule of FOSDEM 2021's size: 773 generated talks in Brussels, 430 on Saturday in 87
/// rooms and 343 on Sunday in 42, each room's talks one after another from 09:00 (25 to 50
/// minutes, a few minutes apart, every seventh one overlapping the one before), a track per
/// room.
fn fosdem_sized() -> lectern::program::Program {
    let zone = jiff::tz::TimeZone::get("Europe/Brussels").expect("zone");
    let mut program = load(&program_text(773));
    program.info.timezone = Some(zone.clone());
    let mut next: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for (i, talk) in program.talks.iter_mut().enumerate() {
        let (day, room) = if i < 430 {
            (6, format!("Sat room {}", i % 87))
        } else {
            (7, format!("Sun room {}", i % 42))
        };
        let minutes = [25, 30, 40, 50][i % 4];
        let at = next.entry(room.clone()).or_insert(9 * 60);
        let start = if i % 7 == 0 { *at - 10 } else { *at };
        *at = start + minutes + 5;
        let text = format!("2021-02-{day:02}T{:02}:{:02}", start / 60, start % 60);
        talk.start = Some(lectern::program::schedule::date_time(&text, Some(&zone)).expect("time"));
        talk.duration = Some(jiff::SignedDuration::from_mins(minutes));
        talk.track = Some(format!("Track of {room}"));
        talk.room = Some(room);
    }
    program
}

/// One step down and one back (alternately), then a frame: in the list, and in the timetable
/// of the selected talk's day, on a schedule of FOSDEM's size.
fn bench_fosdem_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("fosdem_frame");
    for timetable in [false, true] {
        let mut browser = Browser {
            app: App::new(fosdem_sized()),
            ui: Ui::default(),
            ctx: AppContext::default(),
            terminal: Terminal::new(TestBackend::new(200, 60)).expect("test terminal"),
        };
        browser.draw();
        // A talk of Saturday afternoon, in the middle of the list.
        browser.app.list.selected = 300;
        if timetable {
            browser.app.update(Action::Command(Command::Timetable));
        }
        browser.app.update(Action::Command(Command::Down));
        browser.draw();
        let mut forward = true;
        let name = if timetable { "timetable" } else { "list" };
        group.bench_function(name, |b| {
            b.iter(|| {
                let command = if forward { Command::Up } else { Command::Down };
                forward = !forward;
                browser.app.update(Action::Command(command));
                browser.draw();
            });
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_fosdem_frames,
    bench_load,
    bench_navigate,
    bench_scroll,
    bench_filters,
    bench_star,
    bench_filter_pick
);
criterion_main!(benches);
