//! Search speed per keystroke on generated programs of 10,000 and 100,000 talks: adding a word
//! to a query (narrowing the previous result), a fresh query (also what a letter added to a
//! word of five letters or more costs: such a word may match with a typo, so it does not
//! narrow), deleting a character after typing it (back to a query searched a moment before), a
//! broader query never searched before, and a word that matches nothing (every talk's whole text is read, and short fields are matched
//! fuzzily). Each is one whole search as the search thread runs it (on this thread and, for
//! large programs, the other cores).

mod common;

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use common::{load, program_text};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lectern::program::{Program, TalkIx};
use lectern::search::worker::{Job, Progress, Searcher, run};
use lectern::search::{Filters, Index, Matching, Query};

const SIZES: [usize; 2] = [10_000, 100_000];

/// Runs one search and returns its ranked hits (talk indices) and its candidates for narrowing.
fn search(
    program: &Program,
    index: &Index,
    query: &str,
    candidates: Option<Arc<Vec<TalkIx>>>,
) -> (Vec<TalkIx>, Vec<TalkIx>) {
    let job = Job {
        generation: 1,
        query: Query::parse(query),
        filters: Filters::default(),
        candidates,
    };
    let latest = AtomicU64::new(1);
    let mut result = (Vec::new(), Vec::new());
    let _ = run(
        program,
        index,
        &job,
        &mut Matching::default(),
        &latest,
        |p| {
            if let Progress::Done { hits, near, .. } = p {
                result = (hits.into_iter().map(|h| h.talk).collect(), near);
            }
        },
    );
    result
}

fn bench_search(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    group.sample_size(20);
    for n in SIZES {
        let program = load(&program_text(n));
        let started = std::time::Instant::now();
        let index = Index::new(&program);
        println!(
            "search: {n} talks: index built in {:.0} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
        // Made-up words of the generator's vocabulary: a word, the same with one letter less,
        // and the word with a second word added.
        let (short, long, two) = ("kalo", "kalom", "kalom ven");
        assert!(Query::parse(two).narrows(&Query::parse(long)));
        let (short_hits, _) = search(&program, &index, short, None);
        let (long_hits, previous) = search(&program, &index, long, None);
        let previous = Arc::new(previous);
        let (narrowed, _) = search(&program, &index, two, Some(Arc::clone(&previous)));
        let (fresh, _) = search(&program, &index, two, None);
        assert_eq!(
            narrowed, fresh,
            "narrowing finds exactly what a fresh search finds"
        );
        println!(
            "search: {n} talks: {short:?} matches {}, {long:?} {}, {two:?} {} (searching {} candidates)",
            short_hits.len(),
            long_hits.len(),
            fresh.len(),
            previous.len()
        );
        group.bench_function(BenchmarkId::new("add-word", n), |b| {
            b.iter(|| search(&program, &index, two, Some(Arc::clone(&previous))));
        });
        group.bench_function(BenchmarkId::new("fresh", n), |b| {
            b.iter(|| search(&program, &index, long, None));
        });
        group.bench_function(BenchmarkId::new("broaden", n), |b| {
            b.iter(|| search(&program, &index, short, None));
        });
        // Typed "kalo", then "kalom", then Backspace: the thread has "kalo" from before.
        let mut searcher = Searcher::new(&program);
        let latest = AtomicU64::new(1);
        let job = |q: &str| Job {
            generation: 1,
            query: Query::parse(q),
            filters: Filters::default(),
            candidates: None,
        };
        searcher.search(&program, &job(short), &latest, |_| {});
        searcher.search(&program, &job(long), &latest, |_| {});
        group.bench_function(BenchmarkId::new("delete", n), |b| {
            b.iter(|| {
                let mut hits = 0;
                searcher.search(&program, &job(short), &latest, |p| {
                    if let Progress::Done { hits: h, .. } = p {
                        hits = h.len();
                    }
                });
                assert_eq!(hits, short_hits.len());
            });
        });
        group.bench_function(BenchmarkId::new("no-match", n), |b| {
            b.iter(|| search(&program, &index, "zyxwvut", None));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_search);
criterion_main!(benches);
