//! Reading a program file: the checks on the file itself (a regular file, under the size cap,
//! UTF-8) before [`super::schema`] checks what it says.

use std::io::Read as _;
use std::path::Path;

use super::diagnostic::{Diagnostic, LoadError, Severity, SourceText};
use super::read::{Expected, UTF8_HELP, invalid_utf8};
use super::{Origin, Program, schema};

/// The largest program file Lectern reads: 512 MiB. A program of 100,000 talks with full
/// abstracts and bios is about 260 MB; anything much larger is more likely a mistake (or an
/// attack on memory) than a program.
pub const MAX_FILE_SIZE: u64 = 512 * 1024 * 1024;

/// Why a file could not be read, before anything looks at what it says.
#[derive(Debug)]
pub enum ReadFailure {
    Io(std::io::Error),
    /// Not a regular file: what it is instead.
    NotAFile(&'static str),
    /// Over [`MAX_FILE_SIZE`]: its size in bytes.
    TooLarge(u64),
}

/// Reads a whole file, refusing what is not a regular file and anything over
/// [`MAX_FILE_SIZE`] (program files and the schedules Lectern imports alike).
pub fn read_capped(path: &Path) -> Result<Vec<u8>, ReadFailure> {
    let meta = std::fs::metadata(path).map_err(ReadFailure::Io)?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a directory"
        } else {
            "a device, socket or pipe"
        };
        return Err(ReadFailure::NotAFile(kind));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(ReadFailure::TooLarge(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(ReadFailure::Io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow between the check and the read: never read past the cap.
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ReadFailure::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads and validates the program file at `path`, returning it with its warnings.
pub fn load_file(path: &Path) -> Result<(Program, Vec<Diagnostic>), LoadError> {
    let bytes = read_capped(path).map_err(|f| f.explain(path, Expected::Program))?;
    parse_bytes(&bytes, Origin::File(path.to_path_buf()))
}

/// Validates program bytes: UTF-8 first, then the TOML and the schema.
pub fn parse_bytes(bytes: &[u8], origin: Origin) -> Result<(Program, Vec<Diagnostic>), LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(src) => parse_str(src, origin),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            // The prefix is valid UTF-8 by definition of `valid_up_to`.
            let prefix = String::from_utf8_lossy(valid);
            let diagnostic = Diagnostic::at(
                Severity::Error,
                &SourceText::new(&prefix),
                prefix.len(),
                invalid_utf8(bytes, &err),
            )
            .with_help(UTF8_HELP);
            Err(LoadError::Invalid {
                path: origin.display_name(),
                diagnostics: vec![Diagnostic {
                    source_line: None,
                    ..diagnostic
                }],
                errors: 1,
            })
        }
    }
}

/// Validates program text.
pub fn parse_str(src: &str, origin: Origin) -> Result<(Program, Vec<Diagnostic>), LoadError> {
    loaded(schema::check(src), origin)
}

/// Validates program text parsed whole, as [`parse_str`] did before it parsed files one talk
/// at a time: the same result at a higher cost, kept so that benchmarks can compare the two.
#[doc(hidden)]
pub fn parse_str_whole(src: &str, origin: Origin) -> Result<(Program, Vec<Diagnostic>), LoadError> {
    loaded(schema::check_in(src, schema::Parse::Whole), origin)
}

fn loaded(
    checked: schema::Checked,
    origin: Origin,
) -> Result<(Program, Vec<Diagnostic>), LoadError> {
    let schema::Checked {
        parts,
        diagnostics,
        errors,
    } = checked;
    match parts {
        Some((info, talks)) => Ok((
            Program {
                info,
                talks,
                origin,
            },
            diagnostics,
        )),
        None => Err(LoadError::Invalid {
            path: origin.display_name(),
            diagnostics,
            errors,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_is_not_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = load_file(dir.path()).expect_err("a directory");
        assert!(
            err.to_string().contains("not a regular file (a directory)"),
            "{err}"
        );
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = load_file(Path::new("/nonexistent/p.toml")).expect_err("missing");
        assert!(
            err.to_string()
                .starts_with("/nonexistent/p.toml: cannot read:"),
            "{err}"
        );
    }

    #[test]
    fn invalid_utf8_has_line_and_column() {
        let bytes = b"[program]\ntitle = \"caf\xE9\"\n";
        let err = parse_bytes(bytes, Origin::File("p.toml".into())).expect_err("bad utf-8");
        let text = err.to_string();
        assert!(
            text.starts_with("p.toml:2:13: error: invalid UTF-8: byte 0xE9 at offset 22"),
            "{text}"
        );
        assert!(text.contains("expected a UTF-8 text file"), "{text}");
    }
}
