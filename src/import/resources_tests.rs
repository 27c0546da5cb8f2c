//! Tests of links and slides: addresses, what is counted, how slides are chosen.

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
        ("www.example.org", Some("https://www.example.org/")),
        ("example.org/path?x=1", Some("https://example.org/path?x=1")),
        (
            "slides.pdf",
            Some("https://fahrplan.events.ccc.de/camp/2019/Fahrplan/slides.pdf"),
        ),
        ("See the wiki page", None),
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
fn every_address_is_counted() {
    let base = Url::parse("https://fahrplan.events.ccc.de/congress/2019/Fahrplan/").ok();
    let resources = [
        resource(
            Some("slides"),
            "Slides",
            "/system/attachments/1/original/deck.pdf?1577",
        ),
        resource(None, "file", "/attachments/original/missing.png"),
        resource(
            None,
            "Logo",
            "https://fahrplan.events.ccc.de/attachments/original/missing.png",
        ),
        resource(None, "Project", "www.example.org"),
        resource(None, "Wiki", "Look for the wiki page of the assembly"),
        resource(None, "Mail", "mailto:a@b.org"),
        resource(None, "Again", "https://www.example.org/"),
    ];
    let mut counts = LinkCounts::default();
    let sorted = sort(&resources, base.as_ref(), "Talk", &mut counts);
    assert_eq!(
        sorted.slides.as_deref(),
        Some("https://fahrplan.events.ccc.de/system/attachments/1/original/deck.pdf?1577")
    );
    let links: Vec<(&str, &str)> = sorted
        .links
        .iter()
        .map(|l| (l.label.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(links, [("Project", "https://www.example.org/")]);
    assert_eq!(
        sorted.texts,
        ["Wiki: Look for the wiki page of the assembly"]
    );
    let expected = LinkCounts {
        resolved: 1,
        https_added: 1,
        as_text: 1,
        placeholders: 2,
        not_web: 1,
        no_base: 0,
    };
    assert_eq!(counts, expected);
    assert_eq!(
        counts.notes(base.as_ref()),
        [
            "1 relative link resolved against https://fahrplan.events.ccc.de/congress/2019/Fahrplan/",
            "1 link without a scheme read as https://",
            "1 link that is not an address kept as text in the talk's details",
            "2 placeholder images (missing.png) left out",
            "1 link or attachment left out: not a web address",
        ]
    );
    let mut counts = LinkCounts::default();
    let sorted = sort(&resources[..1], None, "Talk", &mut counts);
    assert_eq!(sorted.slides, None);
    assert_eq!(counts.no_base, 1);
}

#[test]
fn many_links_cost_linear_work() {
    // Distinct and repeated links in one event: the set keeps one of each.
    let resources: Vec<Resource> = (0..50_000)
        .map(|i| resource(None, "", &format!("https://x.org/{}", i % 25_000)))
        .collect();
    let mut counts = LinkCounts::default();
    let sorted = sort(&resources, None, "", &mut counts);
    assert_eq!(sorted.links.len(), 25_000);
    assert_eq!(sorted.links[24_999].url, "https://x.org/24999");
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
        // A deck whose label says nothing, named for a talk or after the title.
        (
            vec![resource(
                None,
                "",
                "https://x.org/Jarkman_CCCamp19_talk_-_On.pdf",
            )],
            Some("https://x.org/Jarkman_CCCamp19_talk_-_On.pdf"),
        ),
        (
            vec![resource(
                Some("related"),
                "file",
                "https://x.org/XR_Praese_03.pdf",
            )],
            Some("https://x.org/XR_Praese_03.pdf"),
        ),
        (
            vec![resource(
                None,
                "inflatables.pdf",
                "https://x.org/inflatables.pdf",
            )],
            Some("https://x.org/inflatables.pdf"),
        ),
        // The label says what it is, and it is not slides.
        (
            vec![resource(None, "Paper", "https://x.org/talk_paper.pdf")],
            None,
        ),
        (
            vec![resource(None, "", "https://x.org/budget_2019.pdf")],
            None,
        ),
    ];
    for (resources, expected) in cases {
        let mut counts = LinkCounts::default();
        let sorted = sort(&resources, None, "Bendy inflatables", &mut counts);
        assert_eq!(sorted.slides.as_deref(), expected, "{resources:?}");
        assert_eq!(
            sorted.links.len() + usize::from(sorted.slides.is_some()),
            resources.len(),
            "{resources:?}"
        );
        assert_eq!(counts, LinkCounts::default());
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
    let mut counts = LinkCounts::default();
    let sorted = sort(&resources, None, "", &mut counts);
    assert_eq!(sorted.slides, None);
    let labels: Vec<&str> = sorted.links.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Video recording (mp4)", "Paper", "host.org", "notes.txt"]
    );
    assert_eq!(
        counts,
        LinkCounts {
            not_web: 1,
            ..LinkCounts::default()
        }
    );
}
