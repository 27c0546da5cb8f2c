//! Import time of a real published schedule: FOSDEM 2021 (Pentabarf XML, 1.6 MB, 773 events
//! with HTML abstracts), from text in memory to a program, and the program written as a program
//! file.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::import::{self, Options};
use lectern::program::{self, Origin, schedule};

fn fosdem() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schedules/fosdem_2021.xml"
    );
    std::fs::read_to_string(path).expect("the FOSDEM 2021 fixture is readable")
}

fn bench_import(c: &mut Criterion) {
    let text = fosdem();
    let options = Options {
        format: None,
        timezone: Some(schedule::time_zone("Europe/Brussels").expect("known zone")),
        ..Options::default()
    };
    let import = |text: &str| {
        import::import_str(text, &options, Origin::File("fosdem_2021.xml".into()))
            .expect("FOSDEM 2021 imports")
    };
    let imported = import(&text);
    println!(
        "fosdem_2021.xml: {} bytes: {}",
        text.len(),
        imported.summary
    );
    let mut group = c.benchmark_group("import");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("fosdem_2021", |b| b.iter(|| import(black_box(&text))));
    group.bench_function("fosdem_2021_to_toml", |b| {
        b.iter(|| program::to_toml(black_box(&imported.program)));
    });
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
