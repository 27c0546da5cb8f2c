//! Text folding for search: accents removed (`Zürich` → `Zurich`), typographic apostrophes and
//! quotes made plain, and optionally lowercase.
//!
//! Folding goes through Unicode canonical decomposition (NFD) and drops the combining marks,
//! so `ü`, `ü` (u + combining diaeresis) and `u` all fold to `u`. [`fold_with_map`] also keeps,
//! for each folded byte, the byte of the original it came from, so matches found in folded text
//! can be highlighted in the original.

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

/// `s` without accents, lowercased when `lower`.
pub fn fold(s: &str, lower: bool) -> String {
    let mut out = String::with_capacity(s.len());
    push_folded(&mut out, s, lower);
    out
}

/// Appends the folding of `s` to `out`.
pub fn push_folded(out: &mut String, s: &str, lower: bool) {
    if s.is_ascii() {
        // The common case, and far cheaper than decomposition.
        if lower {
            out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(s);
        }
        return;
    }
    for c in s.chars() {
        push_char(out, c, lower);
    }
}

fn push_char(out: &mut String, c: char, lower: bool) {
    if c.is_ascii() {
        out.push(if lower { c.to_ascii_lowercase() } else { c });
        return;
    }
    // Typographic apostrophes and quotes fold to the ones on the keyboard: `moore's` finds
    // "Moore’s".
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' => return out.push('\''),
        '\u{201c}' | '\u{201d}' => return out.push('"'),
        _ => {}
    }
    for d in std::iter::once(c).nfd() {
        if is_combining_mark(d) {
            continue;
        }
        if lower {
            out.extend(d.to_lowercase());
        } else {
            out.push(d);
        }
    }
}

/// The folding of `s`, and for every byte of it the byte offset in `s` of the character it
/// came from (plus one final entry: `s.len()`).
pub fn fold_with_map(s: &str, lower: bool) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let before = out.len();
        push_char(&mut out, c, lower);
        map.extend(std::iter::repeat_n(i, out.len() - before));
    }
    map.push(s.len());
    (out, map)
}

/// True when `s` has an uppercase letter: such a query matches case-sensitively (smart case).
pub fn has_upper(s: &str) -> bool {
    s.chars().any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        let cases = [
            ("Zürich", true, "zurich"),
            ("Zürich", false, "Zurich"),
            ("Zu\u{308}rich", true, "zurich"),
            ("CAFÉ crème", true, "cafe creme"),
            ("Łódź", true, "łodz"),
            ("東京", true, "東京"),
            ("plain ASCII", true, "plain ascii"),
            ("Moore’s “law”", true, "moore's \"law\""),
        ];
        for (input, lower, expected) in cases {
            assert_eq!(fold(input, lower), expected, "{input}");
        }
    }

    #[test]
    fn map_points_back_to_the_original() {
        let (folded, map) = fold_with_map("aÜb", true);
        assert_eq!(folded, "aub");
        assert_eq!(map, [0, 1, 3, 4]);
        let start = folded.find('u').expect("folded u");
        assert_eq!(&"aÜb"[map[start]..map[start + 1]], "Ü");
    }

    #[test]
    fn smart_case_needs_an_uppercase_letter() {
        assert!(has_upper("Zurich"));
        assert!(!has_upper("zurich 42 -x"));
    }
}
