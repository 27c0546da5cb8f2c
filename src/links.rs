//! Every link a talk has, numbered once: the slides, its attachments and links, the talk's
//! own web page, and the program's page. [`of`] is the one numbering: the detail pane shows
//! these numbers next to the links, and the `u` list opens them by the same numbers, so
//! `u 3` opens what the detail shows as `[3]`.
//!
//! Pure, like the rest of the domain: opening a link goes through the same checks as slides
//! ([`crate::slides::resolve`]) in the effect runner.

use crate::program::{Program, Talk};

/// The label importers give a talk's own web page among its links (the schedule's `url` of
/// an event): it is listed after the other links, as the talk's page.
pub const TALK_PAGE: &str = "Event page";

/// What a link of a talk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The talk's slides: a web address or a path in the program's folder.
    Slides,
    /// An attachment or a link (video, feedback, a paper...).
    Link,
    /// The talk's web page.
    TalkPage,
    /// The program's web page.
    ProgramPage,
}

/// One link of a talk, as listed and opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalkLink {
    pub kind: Kind,
    /// What the link is, for a reader: `Slides`, `Video`, `Talk page`.
    pub label: String,
    /// The address or path, as written in the program.
    pub target: String,
}

impl TalkLink {
    /// `label: target`, the one line shown for the link.
    pub fn line(&self) -> String {
        format!("{}: {}", self.label, self.target)
    }
}

/// What makes two targets the same link: a web address as the URL parser writes it
/// (`HTTPS://Example.org` is `https://example.org/`), anything else as written.
fn identity(target: &str) -> String {
    match url::Url::parse(target.trim()) {
        Ok(url) => url.to_string(),
        Err(_) => target.trim().to_owned(),
    }
}

/// Every link of `talk` in `program`, in the order they are numbered (from 1): the slides,
/// the attachments and links as the program lists them, the talk's page, the program's page.
/// A target listed twice is kept once, where it first comes.
pub fn of(program: &Program, talk: &Talk) -> Vec<TalkLink> {
    let mut all = Vec::new();
    if let Some(slides) = &talk.slides {
        all.push(TalkLink {
            kind: Kind::Slides,
            label: "Slides".to_owned(),
            target: slides.clone(),
        });
    }
    let (pages, others): (Vec<_>, Vec<_>) = talk.links.iter().partition(|l| l.label == TALK_PAGE);
    for link in others {
        all.push(TalkLink {
            kind: Kind::Link,
            label: link.label.clone(),
            target: link.url.clone(),
        });
    }
    for page in pages {
        all.push(TalkLink {
            kind: Kind::TalkPage,
            label: "Talk page".to_owned(),
            target: page.url.clone(),
        });
    }
    if let Some(url) = &program.info.url {
        all.push(TalkLink {
            kind: Kind::ProgramPage,
            label: "Program page".to_owned(),
            target: url.clone(),
        });
    }
    let mut seen = std::collections::HashSet::new();
    all.retain(|link| !link.target.trim().is_empty() && seen.insert(identity(&link.target)));
    all
}

/// What `y` copies outside the links list: the talk's page, else its first link.
pub fn to_copy(links: &[TalkLink]) -> Option<&TalkLink> {
    links
        .iter()
        .find(|l| l.kind == Kind::TalkPage)
        .or_else(|| links.first())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Link;

    fn link(label: &str, url: &str) -> Link {
        Link {
            label: label.to_owned(),
            url: url.to_owned(),
        }
    }

    fn program(url: Option<&str>, talk: Talk) -> Program {
        let mut program = Program::sample(0);
        program.info.url = url.map(str::to_owned);
        program.talks = vec![talk];
        program
    }

    /// The links of the program's one talk, as `Kind label: target`.
    fn listed(program: &Program) -> Vec<String> {
        of(program, &program.talks[0])
            .iter()
            .map(|l| format!("{:?} {}", l.kind, l.line()))
            .collect()
    }

    #[test]
    fn slides_then_links_then_the_talk_page_then_the_program_page() {
        let talk = Talk {
            slides: Some("slides/deck.pdf".to_owned()),
            links: vec![
                link(TALK_PAGE, "https://conf.example/talk/7"),
                link("Paper", "https://papers.example/7.pdf"),
                link("Video", "https://video.example/7"),
            ],
            ..Talk::sample(7)
        };
        let program = program(Some("https://conf.example/"), talk);
        assert_eq!(
            listed(&program),
            [
                "Slides Slides: slides/deck.pdf",
                "Link Paper: https://papers.example/7.pdf",
                "Link Video: https://video.example/7",
                "TalkPage Talk page: https://conf.example/talk/7",
                "ProgramPage Program page: https://conf.example/",
            ]
        );
    }

    #[test]
    fn a_target_listed_twice_is_kept_where_it_first_comes() {
        let talk = Talk {
            slides: Some("https://conf.example/deck.pdf".to_owned()),
            links: vec![
                // The slides again, written with another case of scheme and host.
                link("Slides (PDF)", "HTTPS://Conf.Example/deck.pdf"),
                link("Video", "https://video.example/7"),
                link("Recording", "https://video.example/7"),
                link(TALK_PAGE, "https://conf.example/"),
            ],
            ..Talk::sample(7)
        };
        // The program's page is the talk page: listed once, as the talk's.
        let program = program(Some("https://conf.example"), talk);
        assert_eq!(
            listed(&program),
            [
                "Slides Slides: https://conf.example/deck.pdf",
                "Link Video: https://video.example/7",
                "TalkPage Talk page: https://conf.example/",
            ]
        );
    }

    #[test]
    fn a_talk_without_links_has_the_program_page_or_nothing() {
        let bare = Talk {
            slides: None,
            ..Talk::sample(1)
        };
        assert_eq!(listed(&program(None, bare.clone())), Vec::<String>::new());
        assert_eq!(
            listed(&program(Some("https://conf.example/"), bare)),
            ["ProgramPage Program page: https://conf.example/"]
        );
    }

    #[test]
    fn y_copies_the_talk_page_else_the_first_link() {
        let page = TalkLink {
            kind: Kind::TalkPage,
            label: "Talk page".into(),
            target: "https://conf.example/t".into(),
        };
        let slides = TalkLink {
            kind: Kind::Slides,
            label: "Slides".into(),
            target: "slides/a.pdf".into(),
        };
        assert_eq!(to_copy(&[slides.clone(), page.clone()]), Some(&page));
        assert_eq!(to_copy(std::slice::from_ref(&slides)), Some(&slides));
        assert_eq!(to_copy(&[]), None);
    }
}
