//! Where a talk's slides are, and whether Lectern may hand them to a viewer.
//!
//! [`classify`] is pure and runs at load time (to warn) and before opening; [`resolve`] touches
//! the file system: the file must exist, be a file, and stay inside the program's folder tree
//! once symlinks are followed. What leaves this module is either an `http(s)` [`Url`] or an
//! absolute path, so a viewer never receives something that looks like an option.
//!
//! A path checked is not a path kept: a folder on the way can be swapped for a symlink between
//! the check and the viewer's start. So [`private_copy`] opens the checked file once, makes
//! sure the file opened is the one checked, and hands the viewer a copy in a private folder
//! whose path no one else can change.

use std::fs::{File, OpenOptions};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

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
    #[error("a URL with a user name or password is not opened")]
    Credentials,
    #[error(
        "the slides changed while being opened (a folder on the way was moved or replaced): {0}"
    )]
    Changed(String),
    #[error("could not copy the slides for the viewer: {0}")]
    Copy(String),
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
        // Credentials in a program someone else wrote would be sent, unasked, to their server.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(SlidesError::Credentials);
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

/// Copies of slides are named so: `slides-XXXXXX/name.pdf` under [`copies_root`].
const COPY_PREFIX: &str = "slides-";
/// Copies older than this are removed when the next one is made (a viewer may still be reading
/// a recent one after Lectern has quit).
const COPY_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The folder private copies go in: `$XDG_CACHE_HOME/lectern`, else `~/.cache/lectern`, else
/// the temporary folder (whose sticky bit keeps others from renaming what is made there).
pub fn copies_root() -> PathBuf {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    absolute("XDG_CACHE_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".cache")))
        .map(|cache| cache.join("lectern"))
        .filter(|root| std::fs::create_dir_all(root).is_ok())
        .unwrap_or_else(std::env::temp_dir)
}

/// Hands a file that [`resolve`] found over to a viewer: opens `real` once, checks that the
/// file opened is the one at `real` (no folder on the way swapped for a symlink since the
/// check, not something other than a regular file), and copies it into a new folder under
/// `root` that only this user can enter. Returns the copy's path, which keeps the file's name.
pub fn private_copy(real: &Path, root: &Path) -> Result<PathBuf, SlidesError> {
    use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
    let shown = || crate::sanitize::visible(&real.display().to_string());
    let copy_error = |e: std::io::Error| SlidesError::Copy(crate::sanitize::line(&e.to_string()));
    // No symlink at the end, and no wait on a FIFO put in the file's place.
    let mut file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(real)
        .map_err(|_| SlidesError::Changed(shown()))?;
    if !opened_is(&file, real) {
        return Err(SlidesError::Changed(shown()));
    }
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(SlidesError::NotAFile(shown()));
    }
    remove_old_copies(root);
    let folder = tempfile::Builder::new()
        .prefix(COPY_PREFIX)
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir_in(root)
        .map_err(copy_error)?;
    let name = real.file_name().unwrap_or("slides".as_ref());
    let mut copy = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(folder.path().join(name))
        .map_err(copy_error)?;
    std::io::copy(&mut file, &mut copy).map_err(copy_error)?;
    // Kept: the viewer runs on after this returns, maybe after Lectern has quit.
    Ok(folder.keep().join(name))
}

/// True when `file`, as opened, is the file at `path`. On Linux the kernel says where the
/// file it opened is: a symlink met on the way shows as a different path.
#[cfg(target_os = "linux")]
fn opened_is(file: &File, path: &Path) -> bool {
    use std::os::fd::AsRawFd as _;
    std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).is_ok_and(|p| p == path)
}

/// Elsewhere: the path still has no symlink, and names the same file as the one opened.
#[cfg(not(target_os = "linux"))]
fn opened_is(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let same =
        |a: &std::fs::Metadata, b: &std::fs::Metadata| (a.dev(), a.ino()) == (b.dev(), b.ino());
    path.canonicalize().is_ok_and(|p| p == path)
        && matches!((file.metadata(), std::fs::metadata(path)), (Ok(a), Ok(b)) if same(&a, &b))
}

/// Removes this user's copies older than [`COPY_LIFETIME`]; best effort.
fn remove_old_copies(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry.file_name().to_string_lossy().starts_with(COPY_PREFIX)
            && entry.metadata().is_ok_and(|m| {
                m.is_dir()
                    && m.modified()
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > COPY_LIFETIME)
            });
        if old {
            let _ = std::fs::remove_dir_all(entry.path());
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
            (
                "https://user:secret@example.org/a.pdf",
                Err(SlidesError::Credentials),
            ),
            (
                "https://user@example.org/a.pdf",
                Err(SlidesError::Credentials),
            ),
            (
                "https://:secret@example.org/a.pdf",
                Err(SlidesError::Credentials),
            ),
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

    /// The viewer gets a private copy of the file that was checked, with the file's name.
    #[test]
    fn the_viewer_gets_a_private_copy_of_the_checked_file() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path().join("program");
        std::fs::create_dir_all(base.join("slides")).expect("mkdir");
        std::fs::write(base.join("slides/a.pdf"), "%PDF deck").expect("write");
        let root = dir.path().join("cache");
        std::fs::create_dir(&root).expect("mkdir");
        let Ok(Target::File(real)) = resolve("slides/a.pdf", &base) else {
            panic!("the slides resolve");
        };
        let copy = private_copy(&real, &root).expect("a copy");
        assert_eq!(std::fs::read_to_string(&copy).expect("read"), "%PDF deck");
        assert_eq!(copy.file_name(), Some("a.pdf".as_ref()));
        let folder = copy.parent().expect("a folder");
        assert_eq!(folder.parent(), Some(root.as_path()));
        let mode = std::fs::metadata(folder)
            .expect("stat")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "{mode:o}");
        // Each hand-over gets a folder of its own.
        assert_ne!(private_copy(&real, &root).expect("a copy"), copy);
    }

    /// A folder swapped for a symlink between the check and the launch is noticed: the file
    /// outside is neither copied nor handed over.
    #[test]
    fn a_folder_swapped_for_a_symlink_after_the_check_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path().join("program");
        std::fs::create_dir_all(base.join("slides")).expect("mkdir");
        std::fs::write(base.join("slides/a.pdf"), "%PDF deck").expect("write");
        let secret = dir.path().join("secret");
        std::fs::create_dir(&secret).expect("mkdir");
        std::fs::write(secret.join("a.pdf"), "private").expect("write");
        let root = dir.path().join("cache");
        std::fs::create_dir(&root).expect("mkdir");
        let Ok(Target::File(real)) = resolve("slides/a.pdf", &base) else {
            panic!("the slides resolve");
        };
        // Between the check and the launch, `slides` becomes a link to the folder outside.
        std::fs::rename(base.join("slides"), base.join("old")).expect("rename");
        std::os::unix::fs::symlink(&secret, base.join("slides")).expect("symlink");
        let refused = private_copy(&real, &root).expect_err("refused");
        assert!(matches!(refused, SlidesError::Changed(_)), "{refused:?}");
        assert_eq!(std::fs::read_dir(&root).expect("read cache").count(), 0);
        // The same for the file itself replaced by a link, and by a FIFO (not waited on).
        std::fs::remove_file(base.join("slides")).expect("unlink");
        std::fs::rename(base.join("old"), base.join("slides")).expect("rename back");
        std::fs::remove_file(&real).expect("unlink");
        std::os::unix::fs::symlink(secret.join("a.pdf"), &real).expect("symlink");
        assert!(matches!(
            private_copy(&real, &root),
            Err(SlidesError::Changed(_))
        ));
        std::fs::remove_file(&real).expect("unlink");
        let status = std::process::Command::new("mkfifo")
            .arg(&real)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        assert!(matches!(
            private_copy(&real, &root),
            Err(SlidesError::NotAFile(_))
        ));
        assert_eq!(std::fs::read_dir(&root).expect("read cache").count(), 0);
    }
}
