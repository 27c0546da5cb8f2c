//! Talk ids: the ids a file states, checked for duplicates, and the ids derived from titles
//! for the talks that state none (a slug, `-2`, `-3`... for repeats, never an id another talk
//! states).

use std::collections::HashMap;
use std::ops::Range;

use super::checker::Checker;
use super::{Talk, slug};

impl Checker<'_> {
    /// Fills derived ids and reports duplicates among the given ones (with their spans in
    /// the file).
    pub(super) fn assign_ids(&mut self, given: &[(String, Range<usize>)], talks: &mut [Talk]) {
        let mut first_use: HashMap<String, usize> = HashMap::new();
        // Given ids first, so a derived id never takes a name the file uses explicitly.
        for (id, span) in given {
            if let Some(&first) = first_use.get(id) {
                let first_at = self.source.location(first);
                self.error(
                    span,
                    format!("duplicate talk id \"{id}\" (first used at {first_at})"),
                    "expected each talk id to be unique",
                );
            } else {
                first_use.insert(id.clone(), span.start);
            }
        }
        // The next suffix to try for each base, so that n talks with one title cost n steps, not
        // n²: a suffix is only ever skipped once, for the one id `{base}-{n}` that is taken.
        let mut next_suffix: HashMap<String, usize> = HashMap::new();
        for (i, talk) in talks.iter_mut().enumerate() {
            if !talk.id.is_empty() {
                continue;
            }
            let base = match slug(&talk.title) {
                s if s.is_empty() => format!("talk-{}", i + 1),
                s => s,
            };
            let id = if first_use.contains_key(&base) {
                let n = next_suffix.entry(base.clone()).or_insert(2);
                let mut id = format!("{base}-{n}");
                while first_use.contains_key(&id) {
                    *n += 1;
                    id = format!("{base}-{n}");
                }
                *n += 1;
                id
            } else {
                base
            };
            first_use.insert(id.clone(), 0);
            talk.id = id;
        }
    }
}
