//! The copies of downloaded schedules, one per address, in `$XDG_CACHE_HOME/lectern/`
//! (`~/.cache/lectern/` by default, or `$LECTERN_CACHE_DIR`): the body as the server sent it,
//! and beside it what was known of it (the address, `ETag`, `Last-Modified`, when it was saved).
//! Written atomically, and only with a body that loaded: a broken download never replaces a
//! good copy. Used by the `source` module to answer 304s and to open a schedule offline.

use std::io;
use std::path::PathBuf;

use etcetera::BaseStrategy as _;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::agenda::store::file_stem;
use crate::atomic::write_atomic;
use crate::fetch::Validators;

/// Overrides the cache folder (tests use it).
pub const CACHE_DIR_ENV: &str = "LECTERN_CACHE_DIR";

/// The cache folder: `$LECTERN_CACHE_DIR`, else `lectern` in the XDG cache folder.
pub fn cache_dir() -> io::Result<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let xdg = etcetera::base_strategy::Xdg::new().map_err(io::Error::other)?;
    Ok(xdg.cache_dir().join("lectern"))
}

/// A cached copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub body: Vec<u8>,
    pub validators: Validators,
    pub saved: Timestamp,
}

/// What is kept beside the body.
#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    saved: String,
    /// The body's length: a body and a meta file that do not belong together are ignored.
    length: u64,
}

/// The cache folder's files for one address.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    url: String,
}

impl Cache {
    /// The cache of `url` in the cache folder.
    pub fn of(url: &str) -> io::Result<Cache> {
        Ok(Cache::in_dir(cache_dir()?, url))
    }

    pub fn in_dir(dir: PathBuf, url: &str) -> Cache {
        Cache {
            dir,
            url: url.to_owned(),
        }
    }

    fn body_path(&self) -> PathBuf {
        self.dir.join(format!("{}.body", file_stem(&self.url)))
    }

    fn meta_path(&self) -> PathBuf {
        self.dir.join(format!("{}.toml", file_stem(&self.url)))
    }

    /// The cached copy, if there is a whole one.
    pub fn read(&self) -> Option<Entry> {
        let meta: Meta = toml::from_str(&std::fs::read_to_string(self.meta_path()).ok()?).ok()?;
        if meta.url != self.url {
            return None;
        }
        let body = std::fs::read(self.body_path()).ok()?;
        if body.len() as u64 != meta.length {
            return None;
        }
        Some(Entry {
            body,
            validators: Validators {
                etag: meta.etag,
                last_modified: meta.last_modified,
            },
            saved: meta.saved.parse().ok()?,
        })
    }

    /// Keeps `body` as the copy of the address.
    pub fn write(&self, body: &[u8], validators: &Validators, saved: Timestamp) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let meta = Meta {
            url: self.url.clone(),
            etag: validators.etag.clone(),
            last_modified: validators.last_modified.clone(),
            saved: saved.to_string(),
            length: body.len() as u64,
        };
        let meta = toml::to_string(&meta).map_err(io::Error::other)?;
        write_atomic(&self.body_path(), body, false)?;
        write_atomic(&self.meta_path(), meta.as_bytes(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_read_back_and_a_mismatched_one_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = Cache::in_dir(dir.path().join("c"), "http://x/a.xml");
        assert_eq!(cache.read(), None);
        let v = Validators {
            etag: Some("\"1\"".into()),
            last_modified: None,
        };
        let saved: Timestamp = "2024-02-03T10:42:00Z".parse().expect("time");
        cache.write(b"<schedule/>", &v, saved).expect("write");
        let entry = cache.read().expect("cached");
        assert_eq!(
            (entry.body.as_slice(), &entry.validators, entry.saved),
            (&b"<schedule/>"[..], &v, saved)
        );
        let other = Cache::in_dir(dir.path().join("c"), "http://x/b.xml");
        assert_eq!(other.read(), None, "another address has no copy");
        std::fs::write(cache.body_path(), b"<sched").expect("cut");
        assert_eq!(cache.read(), None, "a body cut short is no copy");
    }
}
