//! The query parser and highlighting: a query and a text split at the first line break;
//! highlights are sorted, apart, inside the text and on character boundaries.
#![no_main]

use lectern::search::{Query, highlights};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let (query, text) = input.split_once('\n').unwrap_or((input, input));
    let query = Query::parse(query);
    for fuzzy in [false, true] {
        let mut end = 0;
        for range in highlights(text, &query, fuzzy) {
            assert!(range.start >= end && range.start < range.end && range.end <= text.len());
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            end = range.end;
        }
    }
});
