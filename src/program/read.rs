//! What a user reads when a file cannot be read, for program files and schedules alike: one
//! mapping from a [`ReadFailure`] (the file itself: missing, not a regular file, too large) and
//! from invalid UTF-8 to a message naming the path and what was expected.

use std::path::Path;

use super::{MAX_FILE_SIZE, ReadFailure};

/// What the file was expected to be, for the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Program,
    Schedule,
}

impl Expected {
    /// The kind of file: "a TOML program file".
    fn file(self) -> &'static str {
        match self {
            Expected::Program => "a TOML program file",
            Expected::Schedule => "a schedule file",
        }
    }

    /// The same, said shortly: "a program file".
    fn short(self) -> &'static str {
        match self {
            Expected::Program => "a program file",
            Expected::Schedule => "a schedule",
        }
    }
}

/// Why a file could not be read, before anything looks at what it says. Displaying it gives
/// the whole message for the user.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a regular file ({kind}); expected {}", expected.file())]
    NotAFile {
        path: String,
        kind: &'static str,
        expected: Expected,
    },
    #[error(
        "{path}: the file is {size} bytes, over the limit of {limit} bytes; expected {} under {} MiB",
        expected.short(),
        limit / (1024 * 1024)
    )]
    TooLarge {
        path: String,
        size: u64,
        limit: u64,
        expected: Expected,
    },
}

impl ReadFailure {
    /// The failure as the user reads it: with the file's path (in visible notation) and what
    /// the file should have been.
    pub fn explain(self, path: &Path, expected: Expected) -> ReadError {
        let path = crate::sanitize::visible(&path.display().to_string());
        match self {
            ReadFailure::Io(source) => ReadError::Io { path, source },
            ReadFailure::NotAFile(kind) => ReadError::NotAFile {
                path,
                kind,
                expected,
            },
            ReadFailure::TooLarge(size) => ReadError::TooLarge {
                path,
                size,
                limit: MAX_FILE_SIZE,
                expected,
            },
        }
    }
}

/// What is wrong with bytes that are not UTF-8: `invalid UTF-8: byte 0xE9 at offset 22`.
pub fn invalid_utf8(bytes: &[u8], error: &std::str::Utf8Error) -> String {
    let bad: Vec<String> = bytes[error.valid_up_to()..]
        .iter()
        .take(error.error_len().unwrap_or(1))
        .map(|b| format!("0x{b:02X}"))
        .collect();
    format!(
        "invalid UTF-8: byte {} at offset {}",
        bad.join(" "),
        error.valid_up_to()
    )
}

/// The help that goes with [`invalid_utf8`].
pub const UTF8_HELP: &str = "expected a UTF-8 text file; re-save it as UTF-8";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_path_and_what_was_expected() {
        let path = Path::new("talks\u{1b}.toml");
        let cases = [
            (
                ReadFailure::NotAFile("a directory"),
                Expected::Program,
                "talks␛.toml: not a regular file (a directory); expected a TOML program file",
            ),
            (
                ReadFailure::NotAFile("a device, socket or pipe"),
                Expected::Schedule,
                "talks␛.toml: not a regular file (a device, socket or pipe); expected a schedule file",
            ),
            (
                ReadFailure::TooLarge(600 * 1024 * 1024),
                Expected::Program,
                "talks␛.toml: the file is 629145600 bytes, over the limit of 536870912 bytes; expected a program file under 512 MiB",
            ),
            (
                ReadFailure::TooLarge(MAX_FILE_SIZE + 1),
                Expected::Schedule,
                "talks␛.toml: the file is 536870913 bytes, over the limit of 536870912 bytes; expected a schedule under 512 MiB",
            ),
            (
                ReadFailure::Io(std::io::Error::from(std::io::ErrorKind::NotFound)),
                Expected::Schedule,
                "talks␛.toml: cannot read: entity not found",
            ),
        ];
        for (failure, expected, message) in cases {
            assert_eq!(failure.explain(path, expected).to_string(), message);
        }
    }

    #[test]
    fn invalid_utf8_names_the_bytes_and_the_offset() {
        let cases: [(&[u8], &str); 3] = [
            (b"caf\xE9", "invalid UTF-8: byte 0xE9 at offset 3"),
            (b"ab\xF0\x9F\x98", "invalid UTF-8: byte 0xF0 at offset 2"),
            (b"\xC3\x28", "invalid UTF-8: byte 0xC3 at offset 0"),
        ];
        for (bytes, message) in cases {
            let error = std::str::from_utf8(bytes).expect_err("not UTF-8");
            assert_eq!(invalid_utf8(bytes, &error), message, "{bytes:?}");
        }
    }
}
