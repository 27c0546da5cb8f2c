//! Where a talk's slides are, and whether Lectern may hand them to a viewer.
//!
//! [`classify`] is pure and runs at load time (to warn) and before opening; [`resolve`] touches
//! the file system: the file must exist, be a file, and stay inside the program's folder tree
//! once symlinks are followed. What leaves this module is either an `http(s)` [`Url`] or an
//! absolute path, so a viewer never receives something that looks like an option.

use std::path::{Component, Path, PathBuf};

use url::Url;

/// Where the slides of a talk are, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link<'a> {
    /// An `http` or `https` URL.
    Web(Url),
    /// A relative path that stays inside the program's folder (lexically).
    Local(&'a Path),
}

/// What the viewer is given: an absolute path to an existing file, or a web URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    Web(Url),
}

impl Target {
    /// The single argument handed to the viewer.
    pub fn as_arg(&self) -> &std::ffi::OsStr {
        match self {
            Target::File(path) => path.as_os_str(),
            Target::Web(url) => url.as_str().as_ref(),
        }
    }
}

/// Why slides cannot be opened. The messages are shown on the status line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlidesError {
    #[error("only http and https links are opened, not {0}:")]
    Scheme(String),
    #[error("not a valid URL ({0})")]
    BadUrl(String),
    #[error("an absolute path is outside the program's folder")]
    Absolute,
    #[error("a path in the home folder (~) is outside the program's folder")]
    Home,
    #[error("the path leaves the program's folder")]
    Escapes,
    #[error("slides not found: looked for {0}")]
    NotFound(String),
    #[error("slides are not a regular file: {0}")]
    NotAFile(String),
}

/// The URL scheme of `raw`, if it starts with one (RFC 3986: a letter, then letters, digits,
/// `+`, `-` or `.`, then `:`). `slides/a:b.pdf` has none; write `./talk:1.pdf` for a file
/// whose name looks like a scheme.
fn scheme(raw: &str) -> Option<&str> {
    let (head, _) = raw.split_once(':')?;
    let mut chars = head.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(head)
}

/// Classifies the slides value of a talk without touching the file system.
pub fn classify(raw: &str) -> Result<Link<'_>, SlidesError> {
    if let Some(scheme) = scheme(raw) {
        let lower = scheme.to_ascii_lowercase();
        if lower != "http" && lower != "https" {
            return Err(SlidesError::Scheme(crate::sanitize::visible(scheme)));
        }
        let url = Url::parse(raw).map_err(|e| SlidesError::BadUrl(e.to_string()))?;
        if url.host_str().is_none_or(str::is_empty) {
            return Err(SlidesError::BadUrl("no host".into()));
        }
        return Ok(Link::Web(url));
    }
    let path = Path::new(raw);
    if path.is_absolute() {
        return Err(SlidesError::Absolute);
    }
    if raw.starts_with('~') {
        return Err(SlidesError::Home);
    }
    let mut depth: usize = 0;
    for component in path.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => depth = depth.checked_sub(1).ok_or(SlidesError::Escapes)?,
            Component::RootDir | Component::Prefix(_) => return Err(SlidesError::Absolute),
        }
    }
    if depth == 0 {
        return Err(SlidesError::NotAFile(raw.to_owned()));
    }
    Ok(Link::Local(path))
}

/// Resolves the slides value against `base` (the program's folder): a web URL as it is, a
/// path only if it names an existing regular file inside `base` once symlinks are followed.
pub fn resolve(raw: &str, base: &Path) -> Result<Target, SlidesError> {
    match classify(raw)? {
        Link::Web(url) => Ok(Target::Web(url)),
        Link::Local(relative) => {
            let base = std::path::absolute(base).unwrap_or_else(|_| base.to_path_buf());
            let candidate = base.join(relative);
            let shown = crate::sanitize::visible(&candidate.display().to_string());
            let real = candidate
                .canonicalize()
                .map_err(|_| SlidesError::NotFound(shown.clone()))?;
            let real_base = base
                .canonicalize()
                .map_err(|_| SlidesError::NotFound(shown.clone()))?;
            if !real.starts_with(&real_base) {
                return Err(SlidesError::Escapes);
            }
            if !real.is_file() {
                return Err(SlidesError::NotAFile(shown));
            }
            Ok(Target::File(real))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_cases() {
        let web = |s: &str| Ok(Link::Web(Url::parse(s).expect("test url")));
        let local = |s: &'static str| Ok(Link::Local(Path::new(s)));
        let cases: Vec<(&str, Result<Link<'_>, SlidesError>)> = vec![
            ("slides/a.pdf", local("slides/a.pdf")),
            ("a.pdf", local("a.pdf")),
            ("./-rf.pdf", local("./-rf.pdf")),
            ("-rf.pdf", local("-rf.pdf")),
            ("slides/../a.pdf", local("slides/../a.pdf")),
            ("slides/a:b.pdf", local("slides/a:b.pdf")),
            (
                "https://example.org/a.pdf",
                web("https://example.org/a.pdf"),
            ),
            ("HTTP://example.org/", web("http://example.org/")),
            (
                "javascript:alert(1)",
                Err(SlidesError::Scheme("javascript".into())),
            ),
            (
                "file:///etc/passwd",
                Err(SlidesError::Scheme("file".into())),
            ),
            (
                "x-custom:thing",
                Err(SlidesError::Scheme("x-custom".into())),
            ),
            ("https://", Err(SlidesError::BadUrl("empty host".into()))),
            ("/etc/passwd", Err(SlidesError::Absolute)),
            ("~/a.pdf", Err(SlidesError::Home)),
            ("../a.pdf", Err(SlidesError::Escapes)),
            ("slides/../../a.pdf", Err(SlidesError::Escapes)),
            (".", Err(SlidesError::NotAFile(".".into()))),
        ];
        for (raw, expected) in cases {
            assert_eq!(classify(raw), expected, "{raw}");
        }
    }

    #[test]
    fn resolve_finds_files_inside_the_folder_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path().join("program");
        std::fs::create_dir_all(base.join("slides")).expect("mkdir");
        std::fs::write(base.join("slides/a.pdf"), "pdf").expect("write");
        std::fs::write(base.join("-rf.pdf"), "pdf").expect("write");
        std::fs::write(dir.path().join("outside.pdf"), "pdf").expect("write");
        std::os::unix::fs::symlink(dir.path().join("outside.pdf"), base.join("link.pdf"))
            .expect("symlink");
        let real_base = base.canonicalize().expect("canonical");

        assert_eq!(
            resolve("slides/a.pdf", &base),
            Ok(Target::File(real_base.join("slides/a.pdf")))
        );
        // A name that starts with `-` reaches the viewer as an absolute path.
        let dash = resolve("-rf.pdf", &base).expect("dash file");
        assert!(dash.as_arg().to_string_lossy().starts_with('/'));
        assert_eq!(resolve("link.pdf", &base), Err(SlidesError::Escapes));
        assert_eq!(
            resolve("slides", &base),
            Err(SlidesError::NotAFile(
                base.join("slides").display().to_string()
            ))
        );
        let missing = resolve("slides/missing.pdf", &base).expect_err("missing");
        assert_eq!(
            missing.to_string(),
            format!(
                "slides not found: looked for {}",
                base.join("slides/missing.pdf").display()
            )
        );
    }
}
