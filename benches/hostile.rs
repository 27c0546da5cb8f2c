//! Loading hostile program files, generated: many talks with one title (their ids derived one
//! after the other), and one long line with hundreds of errors and warnings. Both must grow
//! linearly with the file: compare the sizes (a line over 2 MiB is refused unparsed). And the
//! densest program, 100,000 one-line talks, loaded one talk at a time and parsed whole (as
//! before).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lectern::program::{Origin, parse_str, parse_str_whole};

/// `n` talks, all titled "Panel".
fn repeated_titles(n: usize) -> String {
    let mut text = String::from("[program]\ntitle = \"W\"\n");
    for _ in 0..n {
        text.push_str("[[talks]]\ntitle = \"Panel\"\n");
    }
    text
}

/// One line of about `bytes` bytes of talks with a wrong type and an unknown key each.
fn one_line_of_errors(bytes: usize) -> String {
    let mut text = String::from("talks = [");
    while text.len() < bytes {
        text.push_str("{ title = 1, zz = 2 }, ");
    }
    text.push_str("]\n[program]\ntitle = \"W\"\n");
    text
}

fn load(text: &str) -> bool {
    parse_str(text, Origin::File("hostile.toml".into())).is_ok()
}

/// Loading as before talks were parsed one at a time: the whole file at once.
fn load_whole(text: &str) -> bool {
    parse_str_whole(text, Origin::File("hostile.toml".into())).is_ok()
}

fn bench_hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for n in [10_000, 20_000, 40_000] {
        let text = repeated_titles(n);
        group.bench_with_input(BenchmarkId::new("repeated_titles", n), &text, |b, t| {
            b.iter(|| load(black_box(t)));
        });
    }
    // Up to 2 MiB the line is parsed; past that it is refused unparsed.
    for kib in [500, 2000, 4096] {
        let text = one_line_of_errors(kib << 10);
        group.bench_with_input(
            BenchmarkId::new("one_line_of_errors_kib", kib),
            &text,
            |b, t| {
                b.iter(|| load(black_box(t)));
            },
        );
    }
    // The densest program: 100,000 talks of a title each, one at a time and whole.
    let text = repeated_titles(100_000);
    group.bench_with_input(BenchmarkId::new("short_talks", 100_000), &text, |b, t| {
        b.iter(|| load(black_box(t)));
    });
    group.bench_with_input(
        BenchmarkId::new("short_talks_whole", 100_000),
        &text,
        |b, t| {
            b.iter(|| load_whole(black_box(t)));
        },
    );
    group.finish();
}

criterion_group!(benches, bench_hostile);
criterion_main!(benches);
