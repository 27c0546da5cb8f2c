//! Finding talks: the query language ([`Query`]), the folded index ([`Index`]), facet filters
//! ([`Filters`]), highlighting, and the [`worker`] that runs searches off the UI thread.
//!
//! Everything here is plain domain code: no terminal, no ratatui.

pub mod filter;
pub mod fold;
pub mod index;
pub mod query;
pub mod worker;

use std::ops::Range;

pub use filter::{Facet, Filters};
pub use index::{Index, Matching, Outcome, Prepared};
pub use query::Query;

use crate::program::Program;

/// A talk that matches, with its rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub talk: u32,
    pub score: u32,
}

/// What a search found so far.
#[derive(Debug, Default)]
pub struct Found {
    /// The talks that match, in candidate order.
    pub hits: Vec<Hit>,
    /// The talks a longer query containing this one could still match (the hits among them),
    /// so such a query can search only these.
    pub near: Vec<u32>,
}

/// Adds to `found` the talks among `candidates` that match the query and pass `filters`.
pub fn search(
    index: &Index,
    program: &Program,
    prepared: &Prepared<'_>,
    filters: &Filters,
    candidates: &[u32],
    matching: &mut Matching,
    found: &mut Found,
) {
    for &talk in candidates {
        if !filters.keeps(program, talk as usize) {
            continue;
        }
        let outcome = if prepared.query().is_empty() {
            Outcome::Match(0)
        } else {
            index.outcome(program, talk as usize, prepared, matching)
        };
        match outcome {
            Outcome::Match(score) => {
                found.hits.push(Hit { talk, score });
                found.near.push(talk);
            }
            Outcome::Near => found.near.push(talk),
            Outcome::Miss => {}
        }
    }
}

/// Orders hits best first; equal ranks keep the program's order.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.talk.cmp(&b.talk)));
}

/// Where the query's words occur in `text` (byte ranges of `text`, sorted, not overlapping),
/// for highlighting. Matching folds accents and follows the query's smart case.
pub fn highlights(text: &str, query: &Query) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let (folded, map) = fold::fold_with_map(text, !query.case_sensitive);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for term in query.positive() {
        let needle = if query.case_sensitive {
            &term.cased
        } else {
            &term.needle
        };
        for at in memchr::memmem::find_iter(folded.as_bytes(), needle.as_bytes()) {
            ranges.push(map[at]..map[at + needle.len()]);
        }
    }
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_ranges_point_into_the_original() {
        let q = Query::parse("zurich lab");
        let text = "Labs of Zürich, ZURICH";
        let spans: Vec<&str> = highlights(text, &q).into_iter().map(|r| &text[r]).collect();
        assert_eq!(spans, ["Lab", "Zürich", "ZURICH"]);
        let cased = Query::parse("Zurich");
        let spans: Vec<&str> = highlights(text, &cased)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(spans, ["Zürich"]);
        assert!(highlights(text, &Query::parse("")).is_empty());
        let overlapping = Query::parse("abc bcd");
        assert_eq!(highlights("xabcdx", &overlapping), vec![1..5]);
    }

    #[test]
    fn rank_orders_by_score_then_program_order() {
        let mut hits = vec![
            Hit { talk: 3, score: 10 },
            Hit {
                talk: 1,
                score: 100,
            },
            Hit { talk: 0, score: 10 },
        ];
        rank(&mut hits);
        let order: Vec<u32> = hits.iter().map(|h| h.talk).collect();
        assert_eq!(order, [1, 0, 3]);
    }
}
