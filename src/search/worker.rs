//! Searches run on their own thread, in chunks, so typing never waits for a search.
//!
//! The UI submits a [`Job`] for every change of the query or filters; the worker drops jobs
//! that a newer one has replaced (checking between chunks), and reports [`Progress`]: partial
//! hits in program order while it works, then the whole ranked list. A job that only narrows the
//! previous query carries the previous results as its candidates, so it looks at far fewer talks.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use super::{Filters, Found, Hit, Index, Matching, Prepared, Query, rank, search};
use crate::program::{Program, TalkIx};

/// Talks looked at between two checks for a newer job.
const CHUNK: usize = 16_384;
/// Below this many talks a chunk is searched on one thread: starting threads would cost more.
const PARALLEL_FROM: usize = 2_048;
/// Partial results are reported at most this often.
const REPORT_EVERY: Duration = Duration::from_millis(12);

/// One search to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub generation: u64,
    pub query: Query,
    pub filters: Filters,
    /// The talks to look at, in program order; `None` for all of them.
    pub candidates: Option<Arc<Vec<TalkIx>>>,
}

/// What the worker reports for a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// More hits, in program order, and how many candidates have been looked at so far.
    Partial {
        generation: u64,
        hits: Vec<Hit>,
        scanned: usize,
        total: usize,
    },
    /// The job is done: every hit, ranked; and the talks a longer query could match (the
    /// candidates for narrowing), in program order.
    Done {
        generation: u64,
        hits: Vec<Hit>,
        near: Vec<TalkIx>,
    },
}

/// The UI's handle on the search thread.
pub struct Worker {
    jobs: Sender<Job>,
    pub progress: Receiver<Progress>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the search thread for a program. The thread builds the index first, so a large
    /// program is browsable at once and searchable a moment later.
    pub fn start(program: Arc<Program>) -> Worker {
        let (jobs, job_inbox) = channel::<Job>();
        let (progress_out, progress) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        std::thread::spawn(move || {
            let mut searcher = Searcher::new(&program);
            while let Ok(mut job) = job_inbox.recv() {
                // Only the newest waiting job matters.
                while let Ok(newer) = job_inbox.try_recv() {
                    job = newer;
                }
                searcher.search(&program, &job, &seen, |p| {
                    let _ = progress_out.send(p);
                });
            }
        });
        Worker {
            jobs,
            progress,
            latest,
        }
    }

    /// Hands a job to the thread; older jobs still running stop at their next chunk.
    pub fn submit(&self, job: Job) {
        self.latest.store(job.generation, Ordering::SeqCst);
        let _ = self.jobs.send(job);
    }
}

/// How many recent results the search thread keeps.
const CACHED: usize = 8;

/// The search thread's state: the index, the matcher's scratch space, and the results of the
/// last few searches. Deleting a character usually goes back to a query searched a moment
/// before, and its answer is then already here.
pub struct Searcher {
    pub index: Index,
    matching: Matching,
    /// (query, filters, ranked hits, candidates for narrowing), newest last.
    recent: VecDeque<(Query, Filters, Vec<Hit>, Vec<TalkIx>)>,
}

impl Searcher {
    pub fn new(program: &Program) -> Searcher {
        Searcher {
            index: Index::new(program),
            matching: Matching::default(),
            recent: VecDeque::with_capacity(CACHED),
        }
    }

    /// Runs `job` (or answers it from a recent result), reporting through `report`. A job
    /// replaced by a newer one (`latest`) ends early and reports nothing more.
    pub fn search(
        &mut self,
        program: &Program,
        job: &Job,
        latest: &AtomicU64,
        mut report: impl FnMut(Progress),
    ) {
        let known = self
            .recent
            .iter()
            .find(|(query, filters, ..)| *query == job.query && *filters == job.filters);
        if let Some((_, _, hits, near)) = known {
            report(Progress::Done {
                generation: job.generation,
                hits: hits.clone(),
                near: near.clone(),
            });
            return;
        }
        let mut done = None;
        let _ = run(program, &self.index, job, &mut self.matching, latest, |p| {
            if let Progress::Done { hits, near, .. } = &p {
                done = Some((hits.clone(), near.clone()));
            }
            report(p);
        });
        if let Some((hits, near)) = done {
            if self.recent.len() == CACHED {
                self.recent.pop_front();
            }
            self.recent
                .push_back((job.query.clone(), job.filters.clone(), hits, near));
        }
    }
}

/// Searches one chunk, split across the machine's cores when it is large enough. Each part
/// keeps candidate order, and the parts are joined in order, so the result does not depend on
/// the number of threads.
fn search_chunk(
    index: &Index,
    program: &Program,
    prepared: &Prepared<'_>,
    filters: &Filters,
    chunk: &[TalkIx],
    matching: &mut Matching,
    found: &mut Found,
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    if threads < 2 || chunk.len() < PARALLEL_FROM {
        search(index, program, prepared, filters, chunk, matching, found);
        return;
    }
    let parts: Vec<&[TalkIx]> = chunk.chunks(chunk.len().div_ceil(threads)).collect();
    std::thread::scope(|scope| {
        let (first, rest) = parts.split_first().expect("a large chunk has parts");
        let others: Vec<_> = rest
            .iter()
            .map(|part| {
                scope.spawn(move || {
                    let mut part_found = Found::default();
                    let mut matching = Matching::default();
                    search(
                        index,
                        program,
                        prepared,
                        filters,
                        part,
                        &mut matching,
                        &mut part_found,
                    );
                    part_found
                })
            })
            .collect();
        // This thread takes the first part itself.
        search(index, program, prepared, filters, first, matching, found);
        for handle in others {
            // A panic in a search thread is a bug; let it surface as one.
            let part = handle.join().expect("search thread");
            found.hits.extend(part.hits);
            found.near.extend(part.near);
        }
    });
}

/// Runs `job` to the end on the calling thread and returns what it reported: for tests and
/// for callers without a terminal.
pub fn run_now(program: &Program, job: &Job) -> Vec<Progress> {
    let index = Index::new(program);
    let latest = AtomicU64::new(job.generation);
    let mut reports = Vec::new();
    let _ = run(
        program,
        &index,
        job,
        &mut Matching::default(),
        &latest,
        |p| {
            reports.push(p);
        },
    );
    reports
}

/// Runs `job` in chunks, reporting through `report`; `None` when a newer job replaced it.
pub fn run(
    program: &Program,
    index: &Index,
    job: &Job,
    matching: &mut Matching,
    latest: &AtomicU64,
    mut report: impl FnMut(Progress),
) -> Option<()> {
    let all: Vec<TalkIx>;
    let candidates: &[TalkIx] = if let Some(c) = &job.candidates {
        c
    } else {
        all = (0..index.len()).map(TalkIx::from_index).collect();
        &all
    };
    let prepared = Prepared::new(&job.query);
    let mut found = Found::default();
    let mut reported = 0;
    let mut last_report = Instant::now();
    for (n, chunk) in candidates.chunks(CHUNK).enumerate() {
        if latest.load(Ordering::SeqCst) != job.generation {
            return None;
        }
        search_chunk(
            index,
            program,
            &prepared,
            &job.filters,
            chunk,
            matching,
            &mut found,
        );
        let scanned = (n * CHUNK + chunk.len()).min(candidates.len());
        if scanned < candidates.len() && last_report.elapsed() >= REPORT_EVERY {
            report(Progress::Partial {
                generation: job.generation,
                hits: found.hits[reported..].to_vec(),
                scanned,
                total: candidates.len(),
            });
            reported = found.hits.len();
            last_report = Instant::now();
        }
    }
    let Found { mut hits, mut near } = found;
    rank(&mut hits);
    // Candidates may come in any order; narrowing wants program order.
    near.sort_unstable();
    report(Progress::Done {
        generation: job.generation,
        hits,
        near,
    });
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_reports_the_ranked_result_of_the_latest_job() {
        let mut program = Program::sample(10_000);
        program.talks[7_000].title = "Wafer-scale engines".into();
        program.talks[42].abstract_text = Some("about wafer-scale integration".into());
        let worker = Worker::start(Arc::new(program));
        let job = |generation, q: &str| Job {
            generation,
            query: Query::parse(q),
            filters: Filters::default(),
            candidates: None,
        };
        worker.submit(job(1, "number"));
        worker.submit(job(2, "wafer"));
        let done = loop {
            match worker
                .progress
                .recv_timeout(Duration::from_secs(20))
                .expect("progress")
            {
                Progress::Done {
                    generation: 2,
                    hits,
                    ..
                } => break hits,
                Progress::Done { generation, .. } | Progress::Partial { generation, .. } => {
                    assert!(generation <= 2);
                }
            }
        };
        let talks: Vec<TalkIx> = done.iter().map(|h| h.talk).collect();
        // The title match ranks above the abstract match.
        assert_eq!(talks, [TalkIx(7_000), TalkIx(42)]);
    }

    #[test]
    fn a_recent_query_is_answered_again_without_searching() {
        let mut program = Program::sample(50);
        program.talks[7].title = "Wafer-scale engines".into();
        let mut searcher = Searcher::new(&program);
        let job = |generation, q: &str| Job {
            generation,
            query: Query::parse(q),
            filters: Filters::default(),
            candidates: None,
        };
        let done = |searcher: &mut Searcher, job: &Job, latest: u64| {
            let mut reports = Vec::new();
            searcher.search(&program, job, &AtomicU64::new(latest), |p| reports.push(p));
            reports
        };
        let first = done(&mut searcher, &job(1, "wafer"), 1);
        assert!(matches!(&first[..], [Progress::Done { hits, .. }] if hits.len() == 1));
        done(&mut searcher, &job(2, "wafe"), 2);
        // A search would stop at once here (a newer job is waiting): the answer comes from
        // the recent results.
        let again = done(&mut searcher, &job(3, "wafer"), 99);
        let hits = |r: &[Progress]| match r {
            [Progress::Done { hits, .. }] => hits.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(hits(&again), hits(&first));
    }

    #[test]
    fn a_replaced_job_stops() {
        let program = Program::sample(3 * CHUNK);
        let index = Index::new(&program);
        let latest = AtomicU64::new(5);
        let job = Job {
            generation: 4,
            query: Query::parse("talk"),
            filters: Filters::default(),
            candidates: None,
        };
        let mut reports = 0;
        let outcome = run(
            &program,
            &index,
            &job,
            &mut Matching::default(),
            &latest,
            |_| {
                reports += 1;
            },
        );
        assert_eq!((outcome, reports), (None, 0));
    }
}
