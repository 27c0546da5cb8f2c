//! A program at a web address: downloaded with the cache's validators, kept in the cache when
//! it loads, and opened from the cache when the server cannot be reached, fails (5xx) or sends
//! something that does not load, or when asked to stay offline.

use jiff::Timestamp;
use url::Url;

use super::{Loaded, SourceError};
use crate::cache::{Cache, Entry};
use crate::fetch::{self, FetchError, Fetched, Limits, Validators};
use crate::import;
use crate::program::{self, Origin};

/// A program from the web, and where this copy came from.
#[derive(Debug)]
pub struct Opened {
    pub loaded: Loaded,
    /// `Some` when the copy is the cached one although the network was meant to be used
    /// (or `--offline` was given).
    pub offline: Option<Offline>,
}

/// The cached copy was opened instead of a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offline {
    /// When the copy was saved, as `Sat 10:42` in the local zone.
    pub saved: String,
    /// Why the network was not used (`None` for `--offline`).
    pub why: Option<String>,
}

/// What the header says: `offline: copy from Sat 10:42`.
impl std::fmt::Display for Offline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "offline: copy from {}", self.saved)
    }
}

impl Offline {
    /// The header's words and why: for stderr and the status line.
    pub fn explained(&self) -> String {
        match &self.why {
            Some(why) => format!("{self}, as {why}"),
            None => self.to_string(),
        }
    }
}

/// Whether to use the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Online,
    Offline,
}

/// Opens the program at `url`, through the cache; a schedule is imported with `options`.
pub fn open(
    url: &Url,
    mode: Mode,
    limits: &Limits,
    options: &import::Options,
) -> Result<Opened, SourceError> {
    let (loaded, offline) = open_with(url, mode, limits, |body| parse_with(url, body, options))?;
    Ok(Opened { loaded, offline })
}

/// Downloads `url` through the cache and reads it with `read`: a download that `read`
/// refuses is not cached, and the cached copy is used instead when there is one. The note
/// says when the copy is the cached one.
pub fn open_with<T>(
    url: &Url,
    mode: Mode,
    limits: &Limits,
    read: impl Fn(&[u8]) -> Result<T, SourceError>,
) -> Result<(T, Option<Offline>), SourceError> {
    let shown = crate::sanitize::visible(url.as_str());
    let cache = Cache::of(url.as_str()).ok();
    let entry = cache.as_ref().and_then(Cache::read);
    let offline =
        |entry: Entry, why: Option<String>| -> Result<(T, Option<Offline>), SourceError> {
            let loaded = read(&entry.body)?;
            let saved = when(entry.saved);
            Ok((loaded, Some(Offline { saved, why })))
        };
    if mode == Mode::Offline {
        return match entry {
            Some(entry) => offline(entry, None),
            None => Err(SourceError::NotCached { url: shown }),
        };
    }
    let validators = entry
        .as_ref()
        .map_or_else(Validators::default, |e| e.validators.clone());
    match fetch::fetch(url, &validators, limits) {
        Ok(Fetched::NotModified) => match entry {
            Some(entry) => Ok((read(&entry.body)?, None)),
            None => Err(SourceError::Fetch(FetchError::Network {
                url: shown,
                message: "the server answered 304 Not Modified to a request without a copy"
                    .to_owned(),
            })),
        },
        Ok(Fetched::Body(body, got)) => match read(&body) {
            Ok(loaded) => {
                if let Some(cache) = &cache {
                    // A cache that cannot be written costs the offline copy, not this one.
                    let _ = cache.write(&body, &got, Timestamp::now());
                }
                Ok((loaded, None))
            }
            Err(error) => match entry {
                Some(entry) => offline(
                    entry,
                    Some(format!("the server's copy does not load: {error}")),
                ),
                None => Err(error),
            },
        },
        Err(error) if error.is_outage() => match entry {
            Some(entry) => offline(entry, Some(error.to_string())),
            None => Err(SourceError::Unreachable(error)),
        },
        Err(error) => Err(SourceError::Fetch(error)),
    }
}

/// When a copy was saved, as the header says it: `Sat 10:42` in the local zone.
fn when(saved: Timestamp) -> String {
    let zone = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
    saved
        .to_zoned_datetime(zone)
        .strftime("%a %H:%M")
        .to_string()
}

/// Loads downloaded bytes: a schedule (told by its content, whatever the address or the
/// Content-Type say) imported with the address as the base of relative links, else a program
/// file whose relative slides become addresses beside it.
pub fn parse(url: &Url, body: &[u8]) -> Result<Loaded, SourceError> {
    parse_with(url, body, &import::Options::default())
}

/// As [`parse`], with import options (`lectern import URL --timezone ...`).
pub fn parse_with(
    url: &Url,
    body: &[u8],
    options: &import::Options,
) -> Result<Loaded, SourceError> {
    let origin = Origin::Url(url.to_string());
    let start = String::from_utf8_lossy(&body[..body.len().min(1024)]);
    if options.format.is_some() || import::detect(&start).is_some() {
        let text = std::str::from_utf8(body).map_err(|e| SourceError::NotText {
            url: crate::sanitize::visible(url.as_str()),
            offset: e.valid_up_to(),
        })?;
        let options = import::Options {
            source_url: Some(url.clone()),
            ..options.clone()
        };
        return Ok(Loaded::Schedule(import::import_str(
            text, &options, origin,
        )?));
    }
    let (mut program, warnings) = program::parse_bytes(body, origin)?;
    for talk in &mut program.talks {
        if let Some(slides) = &talk.slides
            && !slides.contains("://")
            && let Ok(joined) = url.join(slides)
            && matches!(joined.scheme(), "http" | "https")
        {
            talk.slides = Some(joined.to_string());
        }
    }
    Ok(Loaded::Program(program, warnings))
}

/// `lectern import URL`: the schedule at `url` (a program file is refused: there is nothing
/// to convert), through the cache.
pub fn import(
    url: &Url,
    mode: Mode,
    options: &import::Options,
) -> Result<(import::Imported, Option<Offline>), SourceError> {
    open_with(url, mode, &Limits::from_env(), |body| {
        match parse_with(url, body, options)? {
            Loaded::Schedule(imported) => Ok(imported),
            Loaded::Program(..) => Err(SourceError::Schedule(import::ImportError::UnknownFormat {
                path: crate::sanitize::visible(url.as_str()),
            })),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_slides_of_a_program_file_become_addresses_beside_it() {
        let url = Url::parse("https://example.org/conf/program.toml").expect("url");
        let text = "[program]\ntitle = \"T\"\n[[talks]]\ntitle = \"A\"\nslides = \"slides/a.pdf\"\n[[talks]]\ntitle = \"B\"\nslides = \"https://other.example/b.pdf\"\n[[talks]]\ntitle = \"C\"\nslides = \"../../../c.pdf\"\n";
        let Ok(Loaded::Program(program, _)) = parse(&url, text.as_bytes()) else {
            panic!("a program file");
        };
        let slides: Vec<Option<&str>> = program.talks.iter().map(|t| t.slides.as_deref()).collect();
        assert_eq!(
            slides,
            [
                Some("https://example.org/conf/slides/a.pdf"),
                Some("https://other.example/b.pdf"),
                Some("https://example.org/c.pdf"),
            ]
        );
        assert_eq!(program.origin, Origin::Url(url.to_string()));
    }

    #[test]
    fn bytes_that_are_neither_a_schedule_nor_a_program_are_refused() {
        let url = Url::parse("http://127.0.0.1/x").expect("url");
        assert!(matches!(
            parse(&url, b"<html>"),
            Err(SourceError::Schedule(_))
        ));
        assert!(matches!(
            parse(&url, b"hello"),
            Err(SourceError::Program(_))
        ));
        assert!(matches!(
            parse(&url, b"{\xff"),
            Err(SourceError::NotText { offset: 1, .. })
        ));
    }
}
