//! A talk's links and attachments as schedules list them: which one is the slides, and the
//! others as labelled web links.
//!
//! Schedules mark slides inconsistently (Pentabarf's `type="slides"` is set only sometimes,
//! pretalx calls every resource `related`), so the choice looks at the type, the label and the
//! file extension, in that order of trust.

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

/// Words that name slides in a label or file name (English and German).
const SLIDE_WORDS: &[&str] = &["slide", "folie", "presentation", "präsentation"];

/// The talk's slides, if a resource is one, and its links: every other resource with a web
/// address, in the schedule's order, without repeats. `dropped` counts resources whose
/// address is not a web address; those with none at all are left out silently.
pub fn sort(
    resources: &[Resource],
    base: Option<&Url>,
    dropped: &mut usize,
) -> (Option<String>, Vec<Link>) {
    let mut links: Vec<(Link, Option<u8>)> = Vec::new();
    for resource in resources.iter().filter(|r| !r.url.trim().is_empty()) {
        let Some(url) = web_address(&resource.url, base) else {
            *dropped += 1;
            continue;
        };
        if links.iter().any(|(link, _)| link.url == url.as_str()) {
            continue;
        }
        let rank = slides_rank(resource, &url);
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
    (slides, links.into_iter().map(|(link, _)| link).collect())
}

/// How surely a resource is the slides (lower is surer), or `None` when it is not: marked as
/// slides and a deck file; marked as slides; named as slides and a deck file.
fn slides_rank(resource: &Resource, url: &Url) -> Option<u8> {
    let marked = resource
        .kind
        .as_deref()
        .is_some_and(|k| k.trim().eq_ignore_ascii_case("slides"));
    let file = url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .unwrap_or("")
        .to_lowercase();
    let deck = file
        .rsplit_once('.')
        .is_some_and(|(_, ext)| DECK_EXTENSIONS.contains(&ext));
    let label = resource.label.to_lowercase();
    let named = SLIDE_WORDS
        .iter()
        .any(|w| label.contains(w) || file.contains(w));
    match (marked, deck, named) {
        (true, true, _) => Some(0),
        (true, false, _) => Some(1),
        (false, true, true) => Some(2),
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

/// An http(s) address for `raw`: as it is, resolved against the schedule's `base` when it is
/// a path (`/system/attachments/...`), or with `https://` before a bare host name
/// (`example.org/talk`).
pub fn web_address(raw: &str, base: Option<&Url>) -> Option<Url> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let url = match Url::parse(raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let bare_host = raw
                .split('/')
                .next()
                .is_some_and(|host| host.contains('.') && !host.starts_with('.'));
            if raw.starts_with('/') || !bare_host {
                base?.join(raw).ok()?
            } else {
                Url::parse(&format!("https://{raw}")).ok()?
            }
        }
        Err(_) => return None,
    };
    // The same test the program loader applies to links.
    match crate::slides::classify(url.as_str()) {
        Ok(crate::slides::Link::Web(url)) => Some(url),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(kind: Option<&str>, label: &str, url: &str) -> Resource {
        Resource {
            kind: kind.map(str::to_owned),
            label: label.to_owned(),
            url: url.to_owned(),
        }
    }

    #[test]
    fn addresses() {
        let base = Url::parse("https://fahrplan.events.ccc.de/camp/2019/Fahrplan/").ok();
        let cases = [
            ("https://x.org/a b", Some("https://x.org/a%20b")),
            (
                "/system/a/slides.pdf?123",
                Some("https://fahrplan.events.ccc.de/system/a/slides.pdf?123"),
            ),
            (
                "events/1.html",
                Some("https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/1.html"),
            ),
            ("nymtech.net", Some("https://nymtech.net/")),
            ("https://", None),
            ("mailto:a@b.org", None),
            ("javascript:alert(1)", None),
            ("  ", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                web_address(raw, base.as_ref())
                    .map(|u| u.to_string())
                    .as_deref(),
                expected,
                "{raw}"
            );
        }
        assert_eq!(web_address("/a.pdf", None), None);
    }

    #[test]
    fn slides_are_chosen_by_type_label_and_extension() {
        // (resources, the slides chosen)
        let cases: Vec<(Vec<Resource>, Option<&str>)> = vec![
            (
                vec![
                    resource(Some("paper"), "Paper", "https://x.org/paper.pdf"),
                    resource(Some("slides"), "Deck", "https://x.org/deck.pdf"),
                ],
                Some("https://x.org/deck.pdf"),
            ),
            // A marked deck file beats a marked archive listed first.
            (
                vec![
                    resource(Some("slides"), "", "https://x.org/src.tar.gz"),
                    resource(Some("slides"), "", "https://x.org/talk.odp"),
                ],
                Some("https://x.org/talk.odp"),
            ),
            (
                vec![resource(Some("slides"), "", "https://x.org/Slide_deck")],
                Some("https://x.org/Slide_deck"),
            ),
            // Unmarked: the label or file name must say slides, and the file be a deck.
            (
                vec![
                    resource(None, "Slides", "https://speakerdeck.com/x/talk"),
                    resource(Some("paper"), "Slides + Notes", "https://x.org/n.pdf"),
                ],
                Some("https://x.org/n.pdf"),
            ),
            (
                vec![resource(
                    Some("related"),
                    "",
                    "https://x.org/my-slides.PPTX",
                )],
                Some("https://x.org/my-slides.PPTX"),
            ),
            (
                vec![resource(None, "Folien zum Vortrag", "https://x.org/v.pdf")],
                Some("https://x.org/v.pdf"),
            ),
            (
                vec![resource(
                    Some("paper"),
                    "Research paper",
                    "https://x.org/p.pdf",
                )],
                None,
            ),
            (
                vec![resource(Some("other"), "Slides", "https://x.org/s.zip")],
                None,
            ),
        ];
        for (resources, expected) in cases {
            let mut dropped = 0;
            let (slides, links) = sort(&resources, None, &mut dropped);
            assert_eq!(slides.as_deref(), expected, "{resources:?}");
            assert_eq!(
                links.len() + usize::from(slides.is_some()),
                resources.len(),
                "{resources:?}"
            );
            assert_eq!(dropped, 0);
        }
    }

    #[test]
    fn links_keep_order_labels_and_drop_repeats() {
        let resources = [
            resource(None, "Video recording (mp4)", "https://v.org/a.mp4"),
            resource(Some("paper"), "", "https://x.org/files/paper.pdf"),
            resource(None, "again", "https://v.org/a.mp4"),
            resource(None, "", "https://host.org/"),
            resource(Some("related"), "", "https://x.org/notes.txt"),
            resource(None, "Slides", "https://"),
            resource(Some("slides"), "No address", " "),
        ];
        let mut dropped = 0;
        let (slides, links) = sort(&resources, None, &mut dropped);
        assert_eq!(slides, None);
        let labels: Vec<&str> = links.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Video recording (mp4)", "Paper", "host.org", "notes.txt"]
        );
        assert_eq!(dropped, 1);
    }
}
