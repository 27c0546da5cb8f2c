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

use crate::program::{Program, TalkIx};

/// A talk that matches, with its rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub talk: TalkIx,
    pub score: u32,
}

/// What a search found so far.
#[derive(Debug, Default)]
pub struct Found {
    /// The talks that match, in candidate order.
    pub hits: Vec<Hit>,
    /// The talks a longer query containing this one could still match (the hits among them),
    /// so such a query can search only these.
    pub near: Vec<TalkIx>,
}

/// Adds to `found` the talks among `candidates` that match the query and pass `filters`.
pub fn search(
    index: &Index,
    program: &Program,
    prepared: &Prepared<'_>,
    filters: &Filters,
    candidates: &[TalkIx],
    matching: &mut Matching,
    found: &mut Found,
) {
    for &talk in candidates {
        if !filters.keeps(program, talk.index()) {
            continue;
        }
        let outcome = if prepared.query().is_empty() {
            Outcome::Match(0)
        } else {
            index.outcome(program, talk.index(), prepared, matching)
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
/// for highlighting. Matching folds accents and follows the query's smart case. With `fuzzy`
/// (for titles and names, where the search matches fuzzily), a word that does not occur as it
/// is shows its fuzzy match (the letters that matched) or the word it matches with a typo.
pub fn highlights(text: &str, query: &Query, fuzzy: bool) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let (folded, map) = fold::fold_with_map(text, !query.case_sensitive);
    // The original text of folded bytes `from..to`: from the start of the character the first
    // came from to the end of the character the last came from.
    let original = |from: usize, to: usize| {
        let last = map[to - 1];
        let end = map[to..]
            .iter()
            .copied()
            .find(|&m| m != last)
            .unwrap_or(text.len());
        map[from]..end
    };
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for term in query.positive() {
        let needle = if query.case_sensitive {
            &term.cased
        } else {
            &term.needle
        };
        let before = ranges.len();
        for at in memchr::memmem::find_iter(folded.as_bytes(), needle.as_bytes()) {
            ranges.push(map[at]..map[at + needle.len()]);
        }
        if !fuzzy || ranges.len() > before {
            continue;
        }
        if term.fuzzy()
            && let Some(positions) = index::compact_positions(needle, &folded)
        {
            ranges.extend(positions.into_iter().map(|p| original(p, p + 1)));
        } else if term.typo()
            && let Some(word) = index::typo_word(&folded, needle, needle.chars().count())
        {
            ranges.push(original(word.start, word.end));
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
        let shown = |q: &Query| -> Vec<&str> {
            highlights(text, q, false)
                .into_iter()
                .map(|r| &text[r])
                .collect()
        };
        assert_eq!(shown(&q), ["Lab", "Zürich", "ZURICH"]);
        assert_eq!(shown(&Query::parse("Zurich")), ["Zürich"]);
        assert!(shown(&Query::parse("")).is_empty());
        let overlapping = Query::parse("abc bcd");
        assert_eq!(highlights("xabcdx", &overlapping, false), vec![1..5]);
    }

    #[test]
    fn fuzzy_and_typo_matches_are_highlighted_in_names() {
        let text = "Valavan Manohararajah · Jonathan Frankle · Zoë Ünal";
        let shown = |q: &str, fuzzy: bool| -> Vec<&str> {
            highlights(text, &Query::parse(q), fuzzy)
                .into_iter()
                .map(|r| &text[r])
                .collect()
        };
        // Dropped letters: the letters that matched, runs merged.
        assert_eq!(shown("manoharajah", true), ["Manohara", "jah"]);
        // A typo: the whole word, accents and all.
        assert_eq!(shown("frankel", true), ["Frankle"]);
        assert_eq!(shown("unla", false), Vec::<&str>::new());
        assert_eq!(shown("unall", true), ["Ünal"]);
        // Only where fuzzy matching applies.
        assert!(shown("frankel", false).is_empty());
        // An exact match is all that shows when there is one.
        assert_eq!(shown("frank", true), ["Frank"]);
    }

    #[test]
    fn rank_orders_by_score_then_program_order() {
        let mut hits = vec![
            Hit {
                talk: TalkIx(3),
                score: 10,
            },
            Hit {
                talk: TalkIx(1),
                score: 100,
            },
            Hit {
                talk: TalkIx(0),
                score: 10,
            },
        ];
        rank(&mut hits);
        let order: Vec<u32> = hits.iter().map(|h| h.talk.0).collect();
        assert_eq!(order, [1, 0, 3]);
    }
}
