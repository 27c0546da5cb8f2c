//! The search index: every talk's searchable text, folded and lowercased once at load, and the
//! matching and ranking of one talk against a query.
//!
//! Each talk's fields are laid end to end in one string, separated by `\n` (which no query term
//! contains, so a phrase never spans two fields), with the end of each field recorded. Long
//! fields are searched with `memchr::memmem`; short fields (title, names, affiliations) also
//! match fuzzily through `nucleo-matcher`.

use std::ops::Range;

use memchr::memmem;
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::fold::push_folded;
use super::query::{Query, Term};
use crate::program::Program;

/// The searchable fields, in index order (short fields first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Speaker,
    Affiliation,
    Kind,
    Tags,
    Track,
    Room,
    Day,
    Subtitle,
    Abstract,
    Bio,
}

const FIELDS: [Field; 11] = [
    Field::Title,
    Field::Speaker,
    Field::Affiliation,
    Field::Kind,
    Field::Tags,
    Field::Track,
    Field::Room,
    Field::Day,
    Field::Subtitle,
    Field::Abstract,
    Field::Bio,
];

/// Fields before this index are short and matched fuzzily too when nothing else matches.
const FUZZY_FIELDS: usize = 3;

impl Field {
    /// How much a match in this field counts in the ranking.
    pub fn weight(self) -> u32 {
        match self {
            Field::Title => 100,
            Field::Speaker => 90,
            Field::Affiliation => 50,
            Field::Kind | Field::Tags | Field::Track | Field::Room | Field::Day => 40,
            Field::Subtitle => 35,
            Field::Abstract => 20,
            Field::Bio => 10,
        }
    }
}

/// One talk's searchable text.
#[derive(Debug)]
pub struct Doc {
    text: Box<str>,
    /// The end of each field in `text`; field `i` starts after field `i - 1`'s separator.
    ends: [u32; FIELDS.len()],
}

/// The searchable text of every talk of a program.
#[derive(Debug, Default)]
pub struct Index {
    docs: Vec<Doc>,
}

/// The values of `field` for talk `i`, as pieces of text.
fn values(program: &Program, i: usize, field: Field, out: &mut Vec<String>) {
    let talk = &program.talks[i];
    let mut push = |s: Option<&String>| out.extend(s.cloned());
    match field {
        Field::Title => push(Some(&talk.title)),
        Field::Speaker => talk.speakers.iter().for_each(|s| push(Some(&s.name))),
        Field::Affiliation => talk
            .speakers
            .iter()
            .for_each(|s| push(s.affiliation.as_ref())),
        Field::Kind => push(talk.kind.as_ref()),
        Field::Tags => talk.tags.iter().for_each(|t| push(Some(t))),
        Field::Track => push(talk.track.as_ref()),
        Field::Room => push(talk.room.as_ref()),
        Field::Day => out.extend(program.day_label(i)),
        Field::Subtitle => push(talk.subtitle.as_ref()),
        Field::Abstract => push(talk.abstract_text.as_ref()),
        Field::Bio => talk.speakers.iter().for_each(|s| push(s.bio.as_ref())),
    }
}

/// Builds the searchable text of talk `i`, folded (and lowercased when `lower`).
fn doc(program: &Program, i: usize, lower: bool) -> Doc {
    let mut text = String::new();
    let mut ends = [0; FIELDS.len()];
    let mut pieces = Vec::new();
    for (f, field) in FIELDS.iter().enumerate() {
        pieces.clear();
        values(program, i, *field, &mut pieces);
        for (n, piece) in pieces.iter().enumerate() {
            if n > 0 {
                text.push(' ');
            }
            push_folded(&mut text, piece, lower);
        }
        ends[f] = u32::try_from(text.len()).unwrap_or(u32::MAX);
        text.push('\n');
    }
    Doc {
        text: text.into_boxed_str(),
        ends,
    }
}

impl Doc {
    fn field(&self, f: usize) -> &str {
        let start = if f == 0 {
            0
        } else {
            self.ends[f - 1] as usize + 1
        };
        &self.text[start..self.ends[f] as usize]
    }

    /// The field a byte offset falls in.
    fn field_at(&self, offset: usize) -> Field {
        let f = self.ends.partition_point(|&end| (end as usize) < offset);
        FIELDS[f.min(FIELDS.len() - 1)]
    }

    /// The rank a term earns in this talk, if it occurs: the weight of the best field it
    /// starts a word in, or half the weight of the best field it occurs in at all (`rust` in
    /// "trusted"), whichever is more. Fields are laid out from the highest weight down, so the
    /// first occurrence is in the best field, and so is the first that starts a word.
    fn rank(&self, finder: &memmem::Finder<'_>) -> Option<u32> {
        let text = self.text.as_bytes();
        let starts_word = |at: usize| at == 0 || !is_word_byte(text[at - 1]);
        let first = finder.find(text)?;
        let inside = self.field_at(first).weight() / 2;
        let mut at = first;
        loop {
            if starts_word(at) {
                return Some(self.field_at(at).weight().max(inside));
            }
            match finder.find(&text[at + 1..]) {
                Some(next) => at += 1 + next,
                None => return Some(inside),
            }
        }
    }

    /// The short fields (title, names, affiliations), end to end.
    fn short_fields(&self) -> &str {
        &self.text[..self.ends[FUZZY_FIELDS - 1] as usize]
    }
}

/// A byte that belongs to a word: ASCII letters and digits, and any byte of a non-ASCII
/// character (letters of other scripts).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Typos are looked for in the title and the speakers' names.
const TYPO_FIELDS: usize = 2;

/// True when a word of `field` is `needle` with one letter wrong, missing, added or two
/// letters swapped (two such edits for words of nine letters or more).
fn has_typo_of(field: &str, needle: &str, length: usize) -> bool {
    typo_word(field, needle, length).is_some()
}

/// The first word of `field` that is `needle` with a typo, as a byte range. Only words of
/// about the same length that start with the same letter are compared: typos in the first
/// letter are rare, and the test stays cheap on large programs.
pub(crate) fn typo_word(field: &str, needle: &str, length: usize) -> Option<Range<usize>> {
    let &first = needle.as_bytes().first()?;
    let edits = if length >= 9 { 2 } else { 1 };
    let bytes = field.as_bytes();
    // The words that start with the needle's first letter, found with memchr.
    memchr::memchr_iter(first, bytes).find_map(|at| {
        if at > 0 && is_word_byte(bytes[at - 1]) {
            return None;
        }
        let end = bytes[at..]
            .iter()
            .position(|&b| !is_word_byte(b))
            .map_or(bytes.len(), |n| at + n);
        // `at` starts a character (the needle's first byte) and `end` is an ASCII byte.
        let word = &field[at..end];
        let word_length = if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        (word_length.abs_diff(length) <= edits && within_edits(word, needle, edits))
            .then_some(at..end)
    })
}

/// Whether the optimal-string-alignment distance of two words (letters wrong, missing, added,
/// or two next to each other swapped) is at most `edits`. Short ASCII words are compared here
/// without allocating, as this runs for many words on every keystroke; anything else goes to
/// `strsim`.
fn within_edits(a: &str, b: &str, edits: usize) -> bool {
    const MAX: usize = 32;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if !a.is_ascii() || !b.is_ascii() || a.len() >= MAX || b.len() >= MAX {
        return strsim::osa_distance(
            std::str::from_utf8(a).unwrap_or_default(),
            std::str::from_utf8(b).unwrap_or_default(),
        ) <= edits;
    }
    // Three rows of the distance table, used in turn: two rows back (for swaps), the last,
    // the current.
    let mut rows = [[0usize; MAX + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (now, last, before) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[now][0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[last][j] + 1)
                .min(rows[now][j - 1] + 1)
                .min(rows[last][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[before][j - 2] + 1);
            }
            rows[now][j] = best;
        }
    }
    rows[a.len() % 3][b.len()] <= edits
}

/// How many characters a fuzzy match may skip in the text, in all: a few dropped letters.
pub const FUZZY_GAPS: usize = 3;

/// Where in `haystack` the characters of `needle` appear in order with at most
/// [`FUZZY_GAPS`] other characters between them: the starts of such matches, as byte offsets.
///
/// This is the cheap test in front of the fuzzy matcher, and it has the property narrowing
/// needs: if a longer term containing `needle` matches somewhere, `needle` passes here too
/// (its part of the match has no more gaps than the whole).
fn compact_matches<'h>(needle: &'h str, haystack: &'h str) -> impl Iterator<Item = usize> + 'h {
    let first = needle.as_bytes().first().copied();
    memchr::memchr_iter(first.unwrap_or(0), haystack.as_bytes())
        .filter(move |_| first.is_some())
        .filter(move |&start| compact_at(needle, haystack, start, |_| {}))
}

/// Whether `needle` matches compactly from byte `start` of `haystack` (its first byte there),
/// telling `matched` the offset of every byte of the haystack that matched.
fn compact_at(needle: &str, haystack: &str, start: usize, mut matched: impl FnMut(usize)) -> bool {
    let window = haystack.as_bytes();
    let span = needle.len() + FUZZY_GAPS * 4; // room for multi-byte characters
    let end = (start + span).min(window.len());
    let mut at = start;
    let mut gaps = 0;
    for &b in needle.as_bytes() {
        loop {
            if at >= end {
                return false;
            }
            let here = window[at];
            at += 1;
            if here == b {
                matched(at - 1);
                break;
            }
            // Count characters, not bytes: continuation bytes are free.
            if here & 0xC0 != 0x80 {
                gaps += 1;
                if gaps > FUZZY_GAPS {
                    return false;
                }
            }
        }
    }
    true
}

/// The bytes of the first compact match of `needle` in `haystack`, for highlighting.
pub(crate) fn compact_positions(needle: &str, haystack: &str) -> Option<Vec<usize>> {
    let start = compact_matches(needle, haystack).next()?;
    let mut positions = Vec::with_capacity(needle.len());
    compact_at(needle, haystack, start, |p| positions.push(p));
    Some(positions)
}

/// A query made ready for matching many talks: a substring finder per term.
pub struct Prepared<'q> {
    query: &'q Query,
    /// For each term, a finder of its lowercase folding.
    finders: Vec<memmem::Finder<'q>>,
    /// For each term, a finder of its case-kept folding.
    cased: Vec<memmem::Finder<'q>>,
    /// For each term, its length in characters, and whether it may match with a typo.
    lengths: Vec<usize>,
    typo: Vec<bool>,
    /// For each term, whether it may match fuzzily.
    fuzzy: Vec<bool>,
}

impl<'q> Prepared<'q> {
    pub fn new(query: &'q Query) -> Prepared<'q> {
        Prepared {
            query,
            finders: query
                .terms
                .iter()
                .map(|t| memmem::Finder::new(t.needle.as_bytes()))
                .collect(),
            cased: query
                .terms
                .iter()
                .map(|t| memmem::Finder::new(t.cased.as_bytes()))
                .collect(),
            lengths: query
                .terms
                .iter()
                .map(|t| t.needle.chars().count())
                .collect(),
            typo: query.terms.iter().map(Term::typo).collect(),
            fuzzy: query.terms.iter().map(Term::fuzzy).collect(),
        }
    }

    pub fn query(&self) -> &Query {
        self.query
    }
}

/// How a term fuzzily matches a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fuzzy {
    /// Well enough to count.
    Match,
    /// Its characters appear in order, but too scattered to count. A longer term that contains
    /// this one can still match here, so such talks stay candidates for narrowing.
    Near,
    Miss,
}

/// How a talk answers a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It matches, with this rank (higher is better).
    Match(u32),
    /// It does not match, but a longer query that contains this one might.
    Near,
    /// Neither this query nor any longer one containing it matches.
    Miss,
}

/// Scratch space for matching, reused across talks.
pub struct Matching {
    /// Ignores case, for lowercase queries.
    matcher: Matcher,
    /// Respects case, for queries with an uppercase letter (smart case).
    cased_matcher: Matcher,
    haystack: Vec<char>,
    needle: Vec<char>,
}

impl Default for Matching {
    fn default() -> Self {
        let mut cased = Config::DEFAULT;
        cased.ignore_case = false;
        Matching {
            matcher: Matcher::new(Config::DEFAULT),
            cased_matcher: Matcher::new(cased),
            haystack: Vec::new(),
            needle: Vec::new(),
        }
    }
}

impl Matching {
    /// A fuzzy score for `term` in `text`, when it is good enough to count as a match: every
    /// character of the term appears in order, mostly in runs (a few letters dropped or added).
    fn fuzzy(&mut self, text: &str, needle: &str, cased: bool) -> Fuzzy {
        // `Utf32Str::new` picks the ASCII form when it can; nucleo expects that.
        let needle = Utf32Str::new(needle, &mut self.needle);
        let needle_len = needle.len();
        let haystack = Utf32Str::new(text, &mut self.haystack);
        let matcher = if cased {
            &mut self.cased_matcher
        } else {
            &mut self.matcher
        };
        // The greedy match is several times cheaper than the optimal one, and a good match
        // (mostly runs of consecutive characters) scores about the same either way.
        let Some(score) = matcher.fuzzy_match_greedy(haystack, needle) else {
            return Fuzzy::Miss;
        };
        // Exact runs score 16 a character plus bonuses; a scattered subsequence far less.
        if usize::from(score) >= needle_len * 20 {
            Fuzzy::Match
        } else {
            Fuzzy::Near
        }
    }
}

impl Index {
    pub fn new(program: &Program) -> Index {
        Index {
            docs: (0..program.talks.len())
                .map(|i| doc(program, i, true))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The rank of talk `i` for `query` (higher is better), or `None` when it does not match.
    pub fn score(
        &self,
        program: &Program,
        i: usize,
        query: &Query,
        matching: &mut Matching,
    ) -> Option<u32> {
        match self.outcome(program, i, &Prepared::new(query), matching) {
            Outcome::Match(score) => Some(score),
            Outcome::Near | Outcome::Miss => None,
        }
    }

    /// How talk `i` answers the query.
    pub fn outcome(
        &self,
        program: &Program,
        i: usize,
        prepared: &Prepared<'_>,
        matching: &mut Matching,
    ) -> Outcome {
        let doc = &self.docs[i];
        let query = prepared.query;
        // The case-kept text, built only when a case-sensitive query needs it.
        let mut cased: Option<Doc> = None;
        let mut cased_doc = || self::doc(program, i, false);
        // Exclusions first: they are the cheapest way out.
        for (t, _) in query.terms.iter().enumerate().filter(|(_, t)| t.negated) {
            if prepared.finders[t].find(doc.text.as_bytes()).is_some() {
                if !query.case_sensitive {
                    return Outcome::Miss;
                }
                let cased = cased.get_or_insert_with(&mut cased_doc);
                if prepared.cased[t].find(cased.text.as_bytes()).is_some() {
                    return Outcome::Miss;
                }
            }
        }
        let mut total = 0;
        let mut near = false;
        for (t, term) in query.terms.iter().enumerate().filter(|(_, t)| !t.negated) {
            let mut found = doc.rank(&prepared.finders[t]);
            if found.is_some() && query.case_sensitive {
                let cased = cased.get_or_insert_with(&mut cased_doc);
                found = cased.rank(&prepared.cased[t]);
            }
            if let Some(rank) = found {
                total += rank;
                continue;
            }
            if !prepared.fuzzy[t] {
                return Outcome::Miss;
            }
            let (fields, needle) = if query.case_sensitive {
                (&*cased.get_or_insert_with(&mut cased_doc), &term.cased)
            } else {
                (doc, &term.needle)
            };
            // A fuzzy match needs the term's characters close together in the short fields;
            // most talks fail this cheap test, and only the rest go to the matcher.
            let compact = compact_matches(needle, fields.short_fields())
                .next()
                .is_some();
            let fuzzy = FIELDS.iter().enumerate().take(FUZZY_FIELDS).find(|(f, _)| {
                let field = fields.field(*f);
                compact
                    && compact_matches(needle, field).next().is_some()
                    && matching.fuzzy(field, needle, query.case_sensitive) == Fuzzy::Match
            });
            // Else a word of the title or a speaker's name with a letter wrong or swapped.
            let typo = || {
                FIELDS.iter().enumerate().take(TYPO_FIELDS).find(|(f, _)| {
                    prepared.typo[t] && has_typo_of(fields.field(*f), needle, prepared.lengths[t])
                })
            };
            match fuzzy.or_else(typo) {
                // A fuzzy match counts for less than an exact one in the same field.
                Some((_, field)) => total += field.weight() / 4,
                // Not this query, but a longer one could still match: a candidate for it.
                None if compact => near = true,
                None => return Outcome::Miss,
            }
        }
        if near {
            Outcome::Near
        } else {
            Outcome::Match(total)
        }
    }
}

#[cfg(test)]
mod edit_tests {
    use super::within_edits;

    /// The table agrees with `strsim` on words of every kind of edit.
    #[test]
    fn edits_agree_with_strsim() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "frankle",
            "frankel",
            "franke",
            "frannkle",
            "manohararajah",
            "manohararajha",
            "manoharajah",
            "zurich",
            "zürich",
            "kalom",
            "kalo",
        ];
        for a in words {
            for b in words {
                for edits in 0..3 {
                    assert_eq!(
                        within_edits(a, b, edits),
                        strsim::osa_distance(a, b) <= edits,
                        "{a:?} {b:?} {edits}"
                    );
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
