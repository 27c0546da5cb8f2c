//! The one gate between text from a program file and the terminal.
//!
//! Every string the loader keeps passes through [`line()`] (titles, names, ids, urls) or [`text`]
//! (abstracts, bios), and every diagnostic quotes file content through [`visible`]. After that no
//! character that a terminal interprets (C0, DEL, C1, ESC) and no character that reorders or
//! hides text (bidi overrides and isolates, zero-width characters, Unicode tags) is left: the
//! widgets can draw the result without further checks.

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
    /// Invisible or reordering character: dropped from display text, shown in diagnostics.
    Hidden,
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
        | '\u{e0000}'..='\u{e007f}' => Class::Hidden,
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
        match classify(c) {
            Class::Keep if c.is_whitespace() => pending_space = true,
            Class::Keep => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
            Class::Newline | Class::Paragraph | Class::Tab => pending_space = true,
            Class::Control => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                push_control(&mut out, c);
            }
            Class::Hidden => {}
        }
    }
    out
}

/// Multi-paragraph text: blank lines separate paragraphs, single line breaks inside a paragraph
/// are reflowed into spaces. The result holds one paragraph per line, paragraphs separated by
/// one empty line (`"\n\n"`), each paragraph sanitized as by [`line()`].
pub fn text(s: &str) -> String {
    // One pass, no intermediate strings: this runs over every abstract and bio at load.
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false; // whitespace since the last visible character
    let mut pending_break = false; // a blank line since the last visible character
    let mut line_blank = true; // nothing visible on the current line yet
    let mut prev_cr = false;
    for c in s.chars() {
        let after_cr = std::mem::replace(&mut prev_cr, c == '\r');
        let class = classify(c);
        match class {
            // `\r\n` is one line break.
            Class::Newline if c == '\n' && after_cr => {}
            Class::Newline => {
                pending_break |= line_blank;
                line_blank = true;
                pending_space = true;
            }
            Class::Paragraph => {
                pending_break = true;
                line_blank = true;
            }
            Class::Tab => pending_space = true,
            Class::Keep if c.is_whitespace() => pending_space = true,
            Class::Hidden => {}
            Class::Keep | Class::Control => {
                if !out.is_empty() {
                    if pending_break {
                        out.push_str("\n\n");
                    } else if pending_space {
                        out.push(' ');
                    }
                }
                (pending_break, pending_space, line_blank) = (false, false, false);
                if matches!(class, Class::Control) {
                    push_control(&mut out, c);
                } else {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Text typed or pasted into a one-line input: control characters and line breaks become
/// spaces and hidden characters are dropped, so the input draws as it reads. Unlike [`line()`],
/// spaces are kept as typed.
pub fn typed(s: &str) -> String {
    s.chars()
        .filter_map(|c| match classify(c) {
            Class::Keep => Some(c),
            Class::Newline | Class::Paragraph | Class::Tab | Class::Control => Some(' '),
            Class::Hidden => None,
        })
        .collect()
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
            Class::Hidden => push_codepoint(&mut out, c),
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
            ("tab\tinside\n\tindented", "tab inside indented"),
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
                '\u{feff}', '\u{2028}', '\u{2029}', '\u{e0041}', '[', ']', ';',
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
                prop_assert!(!paragraph.is_empty() && !paragraph.contains('\n'));
            }
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
        for s in ["\u{1b}[2J", "a\u{9b}b", "x\u{202e}y", "z\u{200b}"] {
            assert!(!is_clean(s), "{s:?}");
        }
    }
}
