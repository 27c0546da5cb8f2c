//! TOML syntax errors turned into diagnostics, each at a line and column the user can find:
//! the parser's own messages where it gives a position, and Lectern's where it does not (a
//! key nested past the parser's limit) or where one cause would give hundreds of messages (a
//! file whose lines end with a carriage return alone).

use memchr::{memchr, memchr_iter};

use super::checker::Checker;

const SYNTAX_HELP: &str = "expected TOML syntax (https://toml.io)";

/// Dotted keys of this many parts or more are refused by the TOML parser ("recursion limit").
const KEY_PARTS_LIMIT: usize = 81;

impl Checker<'_> {
    /// Reports a file whose line breaks are carriage returns alone, once; true when it did.
    /// TOML allows only LF and CR LF, so the parser would report every line break.
    pub(crate) fn cr_line_endings(&mut self) -> bool {
        let bytes = self.src.as_bytes();
        if memchr(b'\n', bytes).is_some() {
            return false;
        }
        let Some(first) = memchr(b'\r', bytes) else {
            return false;
        };
        self.error(
            &(first..first),
            "the file's lines end with a carriage return alone (CR, as classic Mac OS wrote them)"
                .into(),
            "expected line breaks as LF or CR LF: save the file with Unix (LF) line endings",
        );
        true
    }

    /// Reports the parser's syntax errors in the file.
    pub(crate) fn syntax_errors(&mut self, errors: Vec<toml::de::Error>) {
        self.syntax_errors_in(self.src, errors);
    }

    /// Reports the parser's syntax errors in `text` (the file, or a section of it mapped by
    /// [`Checker::in_file`]); an error without a position (a dotted key past the parser's
    /// limit) is placed at the first such key not yet reported.
    pub(crate) fn syntax_errors_in(&mut self, text: &str, errors: Vec<toml::de::Error>) {
        let mut deep_keys = deep_keys(text);
        for e in errors {
            let message = e.message().trim();
            if let Some(span) = e.span() {
                self.error(&span, format!("invalid TOML: {message}"), SYNTAX_HELP);
            } else if message == "recursion limit" {
                let at = deep_keys.next().unwrap_or(0);
                self.error(
                    &(at..at),
                    format!("invalid TOML: a key of {KEY_PARTS_LIMIT} or more dotted parts"),
                    format!("expected keys of fewer than {KEY_PARTS_LIMIT} parts (`a.b.c`)"),
                );
            } else {
                self.error(&(0..0), format!("invalid TOML: {message}"), SYNTAX_HELP);
            }
        }
    }
}

/// The offsets of the lines whose key (before `=`, or a `[table]` header) has at least
/// [`KEY_PARTS_LIMIT`] parts, in file order. Counting dots ignores quoting: this only finds
/// the line to point at, after the parser has refused the key.
fn deep_keys(src: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = src.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < bytes.len() {
            let end = memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
            let line = &bytes[start..end];
            let key = memchr(b'=', line).map_or(line, |i| &line[..i]);
            let indent = line.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let line_start = start;
            start = end + 1;
            if memchr_iter(b'.', key).count() + 1 >= KEY_PARTS_LIMIT {
                return Some(line_start + indent);
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::super::schema::check;
    use super::*;

    /// The message of each diagnostic, with its line and column.
    fn diagnostics(src: &str) -> Vec<(usize, usize, String)> {
        check(src)
            .diagnostics
            .iter()
            .map(|d| {
                let at = d.location.expect("a location");
                (at.line, at.column, d.message.clone())
            })
            .collect()
    }

    #[test]
    fn a_file_of_carriage_returns_alone_gets_one_clear_error() {
        let src = "[program]\rtitle = \"W\"\r[[talks]]\rtitle = \"T\"\r";
        assert_eq!(
            diagnostics(src),
            vec![(
                1,
                10,
                "the file's lines end with a carriage return alone (CR, as classic Mac OS wrote them)"
                    .to_owned()
            )]
        );
        // CR LF is fine, and a stray CR in an LF file is the parser's to report, where it is.
        let crlf = "[program]\r\ntitle = \"W\"\r\n";
        assert_eq!(
            diagnostics(crlf),
            vec![(1, 1, "the program has no talks".to_owned())]
        );
        let stray = diagnostics("[program]\ntitle = \"W\"\rx = 1\n");
        assert_eq!(stray.len(), 1, "{stray:?}");
        assert_eq!(stray[0].0, 2, "{stray:?}");
        assert!(stray[0].2.contains("carriage return"), "{stray:?}");
    }

    #[test]
    fn a_key_past_the_parsers_depth_points_at_its_line() {
        let deep = |parts: usize| vec!["a"; parts].join(".");
        for parts in [KEY_PARTS_LIMIT, 100_000] {
            let src = format!(
                "[program]\ntitle = \"W\"\nok.x = 1\n[[talks]]\ntitle = \"T\"\n  {} = 1\n",
                deep(parts)
            );
            assert_eq!(
                diagnostics(&src),
                vec![(
                    6,
                    3,
                    format!("invalid TOML: a key of {KEY_PARTS_LIMIT} or more dotted parts")
                )],
                "{parts} parts"
            );
        }
        let header = format!("[program]\ntitle = \"W\"\n[{}]\n", deep(200));
        assert_eq!(diagnostics(&header)[0].0, 3);
        // One part fewer is within the parser's limit (and only an unknown key here).
        let within = format!(
            "[program]\ntitle = \"W\"\n{} = 1\n",
            deep(KEY_PARTS_LIMIT - 1)
        );
        assert!(
            diagnostics(&within)
                .iter()
                .all(|(_, _, m)| !m.starts_with("invalid TOML")),
            "{:?}",
            diagnostics(&within)
        );
    }
}
