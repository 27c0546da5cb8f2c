//! A talk's links and attachments as schedules list them: which one is the slides, and the
//! others as labelled web links.
//!
//! Schedules mark slides inconsistently (Pentabarf's `type="slides"` is set only sometimes,
//! pretalx calls every resource `related`), so the choice looks at the type, the label and the
//! file extension, in that order of trust.

use std::collections::HashSet;

use url::Url;

use crate::program::Link;
use crate::sanitize;

/// A link or attachment of an event, as the schedule gives it.
#[derive(Debug, Clone, Default)]
pub struct Resource {
    /// The attachment type, when the schedule gives one (`slides`, `paper`, `related`...).
    pub kind: Option<String>,
    pub label: String,
    pub url: String,
}

/// File extensions of slide decks a viewer can show.
const DECK_EXTENSIONS: &[&str] = &["pdf", "odp", "otp", "ppt", "pptx", "pps", "ppsx", "key"];

/// Words that name slides in a label or file name (English and German, `praes` for
/// `Praesentation`).
const SLIDE_WORDS: &[&str] = &["slide", "folie", "presentation", "präsentation", "praes"];

/// Words that name a talk's own deck in a file name (`..._talk_2019.pdf`).
const TALK_WORDS: &[&str] = &["talk", "vortrag", "keynote", "lecture", "deck"];

/// Labels that say nothing about what a file is.
const SILENT_LABELS: &[&str] = &[
    "",
    "file",
    "attachment",
    "download",
    "document",
    "pdf",
    "related",
    "other",
    "link",
];

/// frab's placeholder for an attachment without a file: not an attachment.
const FRAB_PLACEHOLDER: &str = "/attachments/original/missing.png";

/// What happened to the links and attachments of a schedule, for the import summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkCounts {
    /// Relative paths made absolute against the schedule's base URL.
    pub resolved: usize,
    /// Addresses without a scheme (`www.example.org`) read as `https://`.
    pub https_added: usize,
    /// Link text that is no address at all, kept as text in the talk's details.
    pub as_text: usize,
    /// frab's `missing.png` placeholders, left out.
    pub placeholders: usize,
    /// Addresses of another scheme (`mailto:`, `ftp:`...), left out.
    pub not_web: usize,
    /// Relative paths left out: the schedule gives nothing to resolve them against.
    pub no_base: usize,
}

impl LinkCounts {
    /// One note per kind of thing that happened.
    pub fn notes(&self, base: Option<&Url>) -> Vec<String> {
        let n = |count: usize, one: &str, many: &str| {
            format!(
                "{} {}",
                crate::numbers::thousands(count),
                if count == 1 { one } else { many }
            )
        };
        let mut notes = Vec::new();
        if self.resolved > 0 {
            notes.push(format!(
                "{} against {}",
                n(
                    self.resolved,
                    "relative link resolved",
                    "relative links resolved"
                ),
                base.map_or_else(String::new, |b| sanitize::line(b.as_str()))
            ));
        }
        if self.https_added > 0 {
            notes.push(format!(
                "{} as https://",
                n(
                    self.https_added,
                    "link without a scheme read",
                    "links without a scheme read"
                )
            ));
        }
        if self.as_text > 0 {
            notes.push(format!(
                "{} kept as text in the talk's details",
                n(
                    self.as_text,
                    "link that is not an address",
                    "links that are not addresses"
                )
            ));
        }
        if self.placeholders > 0 {
            notes.push(format!(
                "{} left out",
                n(
                    self.placeholders,
                    "placeholder image (missing.png)",
                    "placeholder images (missing.png)"
                )
            ));
        }
        if self.not_web > 0 {
            notes.push(format!(
                "{} left out: not a web address",
                n(self.not_web, "link or attachment", "links and attachments")
            ));
        }
        if self.no_base > 0 {
            notes.push(format!(
                "{} left out: the schedule gives no base_url or url to resolve them against",
                n(self.no_base, "relative link", "relative links")
            ));
        }
        notes
    }
}

/// What the resources of one event become.
#[derive(Debug, Default)]
pub struct Sorted {
    pub slides: Option<String>,
    pub links: Vec<Link>,
    /// Link text that is no address, as lines for the talk's details (`Label: text`).
    pub texts: Vec<String>,
}

/// The talk's slides, if a resource is one, its links (every other resource with a web
/// address, in the schedule's order, without repeats) and the links that are only text.
/// `title` is the talk's, for decks named after it; `counts` records what was resolved and
/// left out.
pub fn sort(
    resources: &[Resource],
    base: Option<&Url>,
    title: &str,
    counts: &mut LinkCounts,
) -> Sorted {
    let mut links: Vec<(Link, Option<u8>)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut texts = Vec::new();
    let title_words = words(title);
    for resource in resources.iter().filter(|r| !r.url.trim().is_empty()) {
        let url = match address(&resource.url, base) {
            Address::Web(url) => url,
            Address::Resolved(url) => {
                counts.resolved += 1;
                url
            }
            Address::HttpsAdded(url) => {
                counts.https_added += 1;
                url
            }
            Address::Placeholder => {
                counts.placeholders += 1;
                continue;
            }
            Address::NotWeb => {
                counts.not_web += 1;
                continue;
            }
            Address::NoBase => {
                counts.no_base += 1;
                continue;
            }
            Address::Text => {
                counts.as_text += 1;
                let text = sanitize::line(&resource.url);
                let label = sanitize::line(&resource.label);
                texts.push(if label.is_empty() || label == text {
                    text
                } else {
                    format!("{label}: {text}")
                });
                continue;
            }
        };
        if !seen.insert(url.as_str().to_owned()) {
            continue;
        }
        let rank = slides_rank(resource, &url, &title_words);
        links.push((
            Link {
                label: label(resource, &url),
                url: url.to_string(),
            },
            rank,
        ));
    }
    let best = links
        .iter()
        .enumerate()
        .filter_map(|(i, (_, rank))| rank.map(|r| (r, i)))
        .min()
        .map(|(_, i)| i);
    let slides = best.map(|i| links.remove(i).0.url);
    Sorted {
        slides,
        links: links.into_iter().map(|(link, _)| link).collect(),
        texts,
    }
}

/// The lower-case words of four letters or more in `text`.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// How surely a resource is the slides (lower is surer), or `None` when it is not: marked as
/// slides and a deck file; marked as slides; named as slides and a deck file; a deck file
/// whose label says nothing and whose name says talk or repeats a word of the title.
fn slides_rank(resource: &Resource, url: &Url, title_words: &HashSet<String>) -> Option<u8> {
    let marked = resource
        .kind
        .as_deref()
        .is_some_and(|k| k.trim().eq_ignore_ascii_case("slides"));
    let file = url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .unwrap_or("")
        .to_lowercase();
    let (stem, deck) = match file.rsplit_once('.') {
        Some((stem, ext)) => (stem, DECK_EXTENSIONS.contains(&ext)),
        None => (file.as_str(), false),
    };
    let label = resource.label.trim().to_lowercase();
    let named = SLIDE_WORDS
        .iter()
        .any(|w| label.contains(w) || file.contains(w));
    // Neither the label nor the type says what the file is (`paper`, `audio` would).
    let kind = resource.kind.as_deref().unwrap_or("").trim().to_lowercase();
    let silent = (SILENT_LABELS.contains(&label.as_str()) || label == file)
        && SILENT_LABELS.contains(&kind.as_str());
    let after_talk = TALK_WORDS.iter().any(|w| stem.contains(w))
        || words(stem).iter().any(|w| title_words.contains(w));
    match (marked, deck, named) {
        (true, true, _) => Some(0),
        (true, false, _) => Some(1),
        (false, true, true) => Some(2),
        (false, true, false) if silent && after_talk => Some(3),
        _ => None,
    }
}

/// The label shown for a link: the schedule's, else the attachment type, else the file name,
/// else the host.
fn label(resource: &Resource, url: &Url) -> String {
    let given = sanitize::line(&resource.label);
    if !given.is_empty() {
        return given;
    }
    if let Some(kind) = resource.kind.as_deref().map(sanitize::line)
        && !kind.is_empty()
        && !kind.eq_ignore_ascii_case("related")
    {
        let mut chars = kind.chars();
        return chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    let file = url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .filter(|f| !f.is_empty());
    sanitize::line(file.or(url.host_str()).unwrap_or("link"))
}

/// What a link's address turned out to be.
#[derive(Debug, PartialEq, Eq)]
enum Address {
    /// An http(s) URL as written.
    Web(Url),
    /// A relative path, resolved against the base.
    Resolved(Url),
    /// A host and path without a scheme (`www.example.org/x`), read as https.
    HttpsAdded(Url),
    /// frab's `missing.png`.
    Placeholder,
    /// Another scheme, or a URL that does not parse.
    NotWeb,
    /// A relative path and nothing to resolve it against.
    NoBase,
    /// Not an address at all: a sentence.
    Text,
}

/// An http(s) address for `raw`: as it is, resolved against the schedule's `base` when it is
/// a path (`/system/attachments/...`), or with `https://` before a bare host name
/// (`example.org/talk`).
pub fn web_address(raw: &str, base: Option<&Url>) -> Option<Url> {
    match address(raw, base) {
        Address::Web(url) | Address::Resolved(url) | Address::HttpsAdded(url) => Some(url),
        _ => None,
    }
}

fn address(raw: &str, base: Option<&Url>) -> Address {
    let raw = raw.trim();
    if raw.is_empty() {
        return Address::NotWeb;
    }
    let url = match Url::parse(raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => return relative(raw, base),
        Err(_) => return Address::NotWeb,
    };
    if url.path() == FRAB_PLACEHOLDER {
        return Address::Placeholder;
    }
    if raw.contains(char::is_whitespace) && url.cannot_be_a_base() {
        // `Note: see the wiki` parses as a URL of the scheme `note`.
        return Address::Text;
    }
    web(&url).map_or(Address::NotWeb, Address::Web)
}

/// An address without a scheme: a path on the schedule's host, a bare host name, or text.
fn relative(raw: &str, base: Option<&Url>) -> Address {
    if raw.contains(char::is_whitespace) {
        return Address::Text;
    }
    let first = raw.split(['/', '?', '#']).next().unwrap_or("");
    let bare_host = first.contains('.')
        && !first.starts_with('.')
        && first
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
        && !DECK_EXTENSIONS
            .iter()
            .chain(&["html", "htm", "php", "png", "jpg", "txt"])
            .any(|ext| first.to_ascii_lowercase().ends_with(&format!(".{ext}")));
    if bare_host && !raw.starts_with('/') {
        return Url::parse(&format!("https://{raw}"))
            .ok()
            .and_then(|u| web(&u))
            .map_or(Address::Text, Address::HttpsAdded);
    }
    if raw == FRAB_PLACEHOLDER || raw.split(['?', '#']).next() == Some(FRAB_PLACEHOLDER) {
        return Address::Placeholder;
    }
    let Some(base) = base else {
        return Address::NoBase;
    };
    match base.join(raw).ok().and_then(|u| web(&u)) {
        Some(url) if url.path() == FRAB_PLACEHOLDER => Address::Placeholder,
        Some(url) => Address::Resolved(url),
        None => Address::NotWeb,
    }
}

/// The URL when it is one the program loader accepts as a web link.
fn web(url: &Url) -> Option<Url> {
    match crate::slides::classify(url.as_str()) {
        Ok(crate::slides::Link::Web(url)) => Some(url),
        _ => None,
    }
}

#[cfg(test)]
#[path = "resources_tests.rs"]
mod tests;
