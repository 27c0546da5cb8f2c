//! The one gate between text from a program file and the terminal.
//!
//! Every string the loader keeps passes through [`line()`] (titles, names, ids, urls) or [`text`]
//! (abstracts, bios), and every diagnostic quotes file content through [`visible`]. After that no
//! character that a terminal interprets (C0, DEL, C1, ESC), no character that reorders or
//! hides text (bidi overrides and isolates, zero-width characters, Unicode tags) and no
//! character that ratatui measures narrower than terminals draw it is left: the widgets can
//! draw the result without further checks, and what they lay out is what the terminal shows.

/// How one character is treated when it comes from a program file.
enum Class {
    /// Drawn as it is.
    Keep,
    /// A line break: `\n`, `\r`, U+2028 LINE SEPARATOR.
    Newline,
    /// A paragraph break: U+2029 PARAGRAPH SEPARATOR.
    Paragraph,
    /// Tab: becomes a space.
    Tab,
    /// Terminal control character: drawn in visible notation.
    Control,
    /// Invisible or reordering character, or one whose width terminals disagree on: dropped
    /// from display text, shown in diagnostics.
    Hidden,
    /// A character drawn in visible notation everywhere (`<U+0605>`): it is not a control, but
    /// it cannot be drawn at a width ratatui and terminals agree on, and dropping it would
    /// change what the text says.
    Notation,
    /// A character that terminals draw wider than ratatui measures it, with a plain
    /// equivalent of the same meaning.
    Replace(&'static str),
}

fn classify(c: char) -> Class {
    match c {
        '\n' | '\r' | '\u{2028}' => Class::Newline,
        '\u{2029}' => Class::Paragraph,
        '\t' => Class::Tab,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Class::Control,
        // Bidi embeddings, overrides, isolates and marks: they reorder the text around them.
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // Zero-width and invisible formatting characters: they hide or join text unseen.
        | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{180e}'
        | '\u{fff9}'..='\u{fffb}'
        // Unicode tag characters: invisible ASCII look-alikes.
        | '\u{e0000}'..='\u{e007f}'
        // Unassigned code points reserved as invisible: terminals that do not know them yet
        // may draw them a column wide.
        | '\u{2065}' | '\u{fff0}'..='\u{fff8}' | '\u{e0080}'..='\u{e00ff}'
        | '\u{e01f0}'..='\u{e0fff}' => Class::Hidden,
        // Prepended concatenation marks (the Arabic number sign...): they span the digits after
        // them, drawn by some terminals in a column of their own and measured as none.
        '\u{0600}'..='\u{0605}' | '\u{06dd}' | '\u{070f}' | '\u{0890}' | '\u{0891}' | '\u{08e2}'
        | '\u{110bd}' | '\u{110cd}' => Class::Notation,
        c => narrower_than_drawn(c),
    }
}

/// The characters that `unicode-width` (ratatui's measure) counts narrower than terminals
/// draw them (glibc's `wcwidth`, which the test `tests/widths.rs` sweeps every kept character
/// against): each would shift everything after it on its row, and let a program push text
/// into the next pane. Hand-listed because the disagreement is between two tables, not a
/// Unicode property: a newer `unicode-width` or C library may change it, and the sweep says so.
fn narrower_than_drawn(c: char) -> Class {
    match c {
        // The soft hyphen (a break opportunity, drawn as a hyphen or a space) and the Hangul
        // fillers (blank letters): invisible in intent, so dropped.
        '\u{ad}' | '\u{3164}' | '\u{ffa0}'
        // Spacing vowel signs and length marks that extend the letter before them (Bengali,
        // Oriya, Tamil, Kannada, Malayalam, Sinhala, Balinese...), prefixed repha and nasal
        // signs, Hangul tone marks, Vietnamese reading marks, musical stems and flags: measured
        // as part of the letter before them, drawn in a column of their own. The letter stays.
        | '\u{09be}' | '\u{09d7}' | '\u{0b3e}' | '\u{0b57}' | '\u{0bbe}' | '\u{0bd7}'
        | '\u{0cc0}' | '\u{0cc2}' | '\u{0cc7}' | '\u{0cc8}' | '\u{0cca}' | '\u{0ccb}'
        | '\u{0cd5}' | '\u{0cd6}' | '\u{0d3e}' | '\u{0d4e}' | '\u{0d57}' | '\u{0dcf}'
        | '\u{0ddf}' | '\u{1715}' | '\u{1734}' | '\u{1b35}' | '\u{1b3b}' | '\u{1b3d}'
        | '\u{1b43}' | '\u{1b44}' | '\u{1baa}' | '\u{1bf2}' | '\u{1bf3}' | '\u{302e}'
        | '\u{302f}' | '\u{a8fa}' | '\u{a953}' | '\u{a9c0}' | '\u{111c0}' | '\u{111c2}'
        | '\u{111c3}' | '\u{11235}' | '\u{1133e}' | '\u{1134d}' | '\u{11357}' | '\u{114b0}'
        | '\u{114bd}' | '\u{115af}' | '\u{116b6}' | '\u{11930}' | '\u{1193d}' | '\u{1193f}'
        | '\u{11941}' | '\u{11a84}'..='\u{11a89}' | '\u{11d46}' | '\u{16ff0}' | '\u{16ff1}'
        | '\u{1d165}' | '\u{1d166}' | '\u{1d16d}'..='\u{1d172}' => Class::Hidden,
        // Circled numbers ten to eighty on black squares: East Asian "ambiguous" width, one
        // column to ratatui and two to terminals in a CJK-aware locale; their number stays.
        '\u{3248}' => Class::Replace("10"),
        '\u{3249}' => Class::Replace("20"),
        '\u{324a}' => Class::Replace("30"),
        '\u{324b}' => Class::Replace("40"),
        '\u{324c}' => Class::Replace("50"),
        '\u{324d}' => Class::Replace("60"),
        '\u{324e}' => Class::Replace("70"),
        '\u{324f}' => Class::Replace("80"),
        _ => Class::Keep,
    }
}

/// Visible notation for a control character: the Unicode control pictures for C0 and DEL
/// (`␛` for ESC), `<U+0085>` for C1.
fn push_control(out: &mut String, c: char) {
    match c {
        '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('?')),
        '\u{7f}' => out.push('\u{2421}'),
        _ => push_codepoint(out, c),
    }
}

fn push_codepoint(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = write!(out, "<U+{:04X}>", u32::from(c));
}

/// A single-line field: line breaks, tabs and other white space become spaces, runs of them
/// collapse to one, control characters become visible, hidden characters are removed, ends are
/// trimmed.
pub fn line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let class = classify(c);
        match class {
            Class::Keep if c.is_whitespace() => pending_space = true,
            Class::Keep => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
            Class::Newline | Class::Paragraph | Class::Tab => pending_space = true,
            Class::Control | Class::Notation | Class::Replace(_) => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                push_shown(&mut out, c, &class);
            }
            Class::Hidden => {}
        }
    }
    out
}

/// Multi-paragraph text: blank lines separate paragraphs, single line breaks inside a paragraph
/// are reflowed into spaces, except before a *kept line*: one that starts with an indentation
/// of two or more columns (a tab counts four) or with a list marker (`- `, `* `, `• `, `1. `,
/// `1) `). A kept line keeps its line break and its indentation (at most [`MAX_INDENT`]
/// columns, as spaces), so code and nested lists read as written; so does an indented first
/// line of a paragraph. The result holds paragraphs separated by one empty line (`"\n\n"`),
/// each a line, or lines joined by `"\n"` where every line after the first is a kept line;
/// every line sanitized as by [`line()`] but for its indentation.
pub fn text(s: &str) -> String {
    // One pass, no intermediate strings: this runs over every abstract and bio at load. The
    // only look-ahead is the few bytes of a list marker at the start of a line.
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false; // whitespace since the last visible character
    let mut pending_break = false; // a blank line since the last visible character
    let mut line_blank = true; // nothing visible on the current line yet
    let mut indent = 0usize; // columns of whitespace before the first visible character
    let mut prev_cr = false;
    for (at, c) in s.char_indices() {
        let after_cr = std::mem::replace(&mut prev_cr, c == '\r');
        let class = classify(c);
        match class {
            // `\r\n` is one line break.
            Class::Newline if c == '\n' && after_cr => {}
            Class::Newline => {
                pending_break |= line_blank;
                line_blank = true;
                pending_space = true;
                indent = 0;
            }
            Class::Paragraph => {
                pending_break = true;
                line_blank = true;
                indent = 0;
            }
            Class::Tab => {
                pending_space = true;
                indent += 4;
            }
            Class::Keep if c.is_whitespace() => {
                pending_space = true;
                indent += 1;
            }
            Class::Hidden => {}
            Class::Keep | Class::Control | Class::Notation | Class::Replace(_) => {
                let indented = line_blank && indent >= 2;
                if !out.is_empty() {
                    if pending_break {
                        out.push_str("\n\n");
                    } else if line_blank && (indented || list_marker(&s[at..])) {
                        out.push('\n');
                    } else if pending_space {
                        out.push(' ');
                    }
                }
                if indented && (out.is_empty() || out.ends_with('\n')) {
                    out.extend(std::iter::repeat_n(' ', indent.min(MAX_INDENT)));
                }
                (pending_break, pending_space, line_blank) = (false, false, false);
                indent = 0;
                push_shown(&mut out, c, &class);
            }
        }
    }
    out
}

/// The deepest indentation [`text`] keeps, in columns: deeper lines are drawn at this one, so
/// a hostile file cannot push its text off the screen.
pub const MAX_INDENT: usize = 24;

/// Whether a line starting at `rest` (its first visible character) starts with a list marker:
/// `-`, `*`, `•` or up to nine digits and `.` or `)`, then a space or a tab, then something
/// shown on the same line (a marker alone is no list item: its trailing space would be cut).
pub fn list_marker(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    let after = if let Some(tail) = rest.strip_prefix('•') {
        tail.as_bytes()
    } else if matches!(bytes.first(), Some(b'-' | b'*')) {
        &bytes[1..]
    } else {
        let digits = bytes
            .iter()
            .take(10)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=9).contains(&digits) || !matches!(bytes.get(digits), Some(b'.' | b')')) {
            return false;
        }
        &bytes[digits + 1..]
    };
    if !matches!(after.first(), Some(b' ' | b'\t')) {
        return false;
    }
    // `after` starts after an ASCII marker or `•`, so it is a whole UTF-8 string.
    let after = &rest[rest.len() - after.len()..];
    after
        .chars()
        .map(|c| (c, classify(c)))
        .take_while(|(_, class)| !matches!(class, Class::Newline | Class::Paragraph))
        .any(|(c, class)| match class {
            Class::Keep => !c.is_whitespace(),
            Class::Control | Class::Notation | Class::Replace(_) => true,
            Class::Newline | Class::Paragraph | Class::Tab | Class::Hidden => false,
        })
}

/// Pushes a character that is shown: as it is, in visible notation, or replaced.
fn push_shown(out: &mut String, c: char, class: &Class) {
    match class {
        Class::Control => push_control(out, c),
        Class::Notation => push_codepoint(out, c),
        Class::Replace(with) => out.push_str(with),
        _ => out.push(c),
    }
}

/// Text typed or pasted into a one-line input: control characters and line breaks become
/// spaces and hidden characters are dropped, so the input draws as it reads. Unlike [`line()`],
/// spaces are kept as typed.
pub fn typed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match classify(c) {
            Class::Keep => out.push(c),
            Class::Replace(with) => out.push_str(with),
            Class::Newline | Class::Paragraph | Class::Tab | Class::Control | Class::Notation => {
                out.push(' ');
            }
            Class::Hidden => {}
        }
    }
    out
}

/// Text quoted in a diagnostic: everything that is not plainly printable is shown in visible
/// notation (hidden characters too, so the reader sees why a value is odd), on one line.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match classify(c) {
            Class::Keep => out.push(c),
            Class::Newline | Class::Paragraph | Class::Tab | Class::Control => {
                push_control(&mut out, c);
            }
            Class::Hidden | Class::Notation | Class::Replace(_) => push_codepoint(&mut out, c),
        }
    }
    out
}

/// True when `s` holds nothing that a terminal would interpret or that hides or reorders text:
/// the property every string leaving this module has (newlines aside, for [`text`]).
pub fn is_clean(s: &str) -> bool {
    s.chars()
        .all(|c| c == '\n' || matches!(classify(c), Class::Keep))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn line_cases() {
        let cases = [
            ("plain", "plain"),
            ("  two  words \n", "two words"),
            ("tab\there", "tab here"),
            ("esc\u{1b}[31mred", "esc\u{241b}[31mred"),
            ("bell\u{7}", "bell\u{2407}"),
            ("del\u{7f}", "del\u{2421}"),
            ("c1\u{9b}31m", "c1<U+009B>31m"),
            ("rtl\u{202e}txt.exe", "rtltxt.exe"),
            ("zero\u{200b}width", "zerowidth"),
            ("isolate\u{2066}x\u{2069}", "isolatex"),
            ("tag\u{e0041}", "tag"),
            ("soft\u{ad}hyphen", "softhyphen"),
            ("filler\u{3164}\u{ffa0}", "filler"),
            ("\u{0605}\u{0661}\u{0662}", "<U+0605>\u{0661}\u{0662}"),
            ("syriac\u{070f}", "syriac<U+070F>"),
            ("বাংলা", "বংল"),
            ("№\u{3248}", "№10"),
            ("Zürich 東京", "Zürich 東京"),
        ];
        for (input, expected) in cases {
            assert_eq!(line(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn text_reflows_paragraphs() {
        let cases = [
            ("one\ntwo", "one two"),
            ("one\n\ntwo", "one\n\ntwo"),
            ("one\r\n  \r\ntwo\rthree", "one\n\ntwo three"),
            ("\n\n\nlead\n\n\n\ntrail\n\n", "lead\n\ntrail"),
            ("a\u{2029}b", "a\n\nb"),
            ("a\u{2028}b", "a b"),
            ("tab\tinside\n\tindented", "tab inside\n    indented"),
            ("one\n two", "one two"),
            ("one\n  two", "one\n  two"),
            ("  code\n    more\n  end  \n", "  code\n    more\n  end"),
            (
                "Items:\n- a\n  - b\n    - c\nd",
                "Items:\n- a\n  - b\n    - c d",
            ),
            ("* a\n• b\n1. c\n22) d", "* a\n• b\n1. c\n22) d"),
            (
                "not\n-a list\n1.5 km\n1234567890. no",
                "not -a list 1.5 km 1234567890. no",
            ),
            (
                "para\n\n   indented para\nreflowed",
                "para\n\n   indented para reflowed",
            ),
            ("deep\n\t\t\t\t\t\t\t\tx", "deep\n                        x"),
            ("a\r\n  b", "a\n  b"),
            ("esc\u{1b}\n\u{1b}", "esc\u{241b} \u{241b}"),
        ];
        for (input, expected) in cases {
            assert_eq!(text(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn visible_shows_everything_odd() {
        assert_eq!(
            visible("a\u{1b}b\nc\u{202e}"),
            "a\u{241b}b\u{240a}c<U+202E>"
        );
    }

    /// Characters a hostile file would use, mixed with ordinary text.
    fn hostile_char() -> impl Strategy<Value = char> {
        prop_oneof![
            3 => prop::sample::select(vec![
                '\u{1b}', '\u{7}', '\u{8}', '\0', '\r', '\n', '\t', '\u{7f}', '\u{85}', '\u{9b}',
                '\u{9d}', '\u{202e}', '\u{202d}', '\u{2066}', '\u{2069}', '\u{200b}', '\u{200d}',
                '\u{feff}', '\u{2028}', '\u{2029}', '\u{e0041}', '[', ']', ';', '\u{ad}',
                '\u{3164}', '\u{0605}', '\u{3248}', '\u{09be}', '\u{e0080}',
            ]),
            2 => prop::char::range(' ', '~'),
            1 => any::<char>(),
        ]
    }

    fn hostile_string() -> impl Strategy<Value = String> {
        prop::collection::vec(hostile_char(), 0..64).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn line_output_is_clean_and_single_line(s in hostile_string()) {
            let out = line(&s);
            prop_assert!(is_clean(&out), "{out:?}");
            prop_assert!(!out.contains('\n'));
            prop_assert_eq!(out.trim(), out.as_str());
        }

        #[test]
        fn text_output_is_clean(s in hostile_string()) {
            let out = text(&s);
            prop_assert!(is_clean(&out), "{out:?}");
            prop_assert!(!out.contains("\n\n\n"));
            for paragraph in out.split("\n\n").filter(|_| !out.is_empty()) {
                prop_assert!(!paragraph.trim().is_empty());
                for (i, l) in paragraph.split('\n').enumerate() {
                    let body = l.trim_start_matches(' ');
                    let indent = l.len() - body.len();
                    prop_assert!(!body.is_empty() && body.trim_end() == body, "{out:?}");
                    prop_assert!(indent <= MAX_INDENT, "{out:?}");
                    prop_assert!(indent == 0 || indent >= 2, "{out:?}");
                    prop_assert!(i == 0 || indent >= 2 || list_marker(body), "{out:?}");
                }
            }
            // Clean text is left as it is: a program file written from it loads back equal.
            prop_assert_eq!(text(&out), out.clone());
        }

        #[test]
        fn visible_output_is_clean(s in hostile_string()) {
            let out = visible(&s);
            prop_assert!(is_clean(&out) && !out.contains('\n'), "{out:?}");
        }

        #[test]
        fn clean_text_passes_unchanged(s in "[a-zA-Z0-9äöü東京,.!? -]{0,40}") {
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(line(&s), expected);
        }
    }

    /// The property above must be able to fail: raw hostile input is not clean.
    #[test]
    fn unsanitized_input_fails_the_check() {
        for s in [
            "\u{1b}[2J",
            "a\u{9b}b",
            "x\u{202e}y",
            "z\u{200b}",
            "soft\u{ad}",
        ] {
            assert!(!is_clean(s), "{s:?}");
        }
    }
}
