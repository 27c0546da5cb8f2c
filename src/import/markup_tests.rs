//! Tests of the conversion of HTML, Markdown and plain text: paragraphs, links, lists and
//! code, and the limits on long and deeply nested text.

use super::*;

#[test]
fn html_becomes_plain_paragraphs() {
    let cases = [
        (
            "<p>Q&amp;A &lt;here&gt; &eacute;t&eacute;</p>",
            "Q&A <here> été",
        ),
        ("<p>One.</p>\n<p>Two.</p>", "One.\n\nTwo."),
        (
            "<p>See <a href=\"https://fuss.bz.it\">the project</a>.</p>",
            "See the project (https://fuss.bz.it).",
        ),
        (
            "<p>Site: <a href=\"https://fuss.bz.it/\">https://fuss.bz.it</a></p>",
            "Site: https://fuss.bz.it",
        ),
        (
            "<p>Mail <a href=\"mailto:a@b.org\">a@b.org</a></p>",
            "Mail a@b.org",
        ),
        (
            "<p>Points:</p><ul><li>one <b>bold</b></li><li>two</li></ul>",
            "Points:\n\n- one bold\n- two",
        ),
        (
            "<ol><li>first</li><li>second</li></ol>",
            "1. first\n2. second",
        ),
        (
            "<h2>Heading</h2><p>line<br>break</p>",
            "Heading\n\nline\n\nbreak",
        ),
        ("<p>a</p><hr><p>b</p>", "a\n\nb"),
        // The HTML parser drops control characters; the sanitizer would show them.
        ("<p>\u{1b}[31mred</p>", "[31mred"),
        ("<div><script>x</script></div>", ""),
    ];
    for (html, expected) in cases {
        assert_eq!(to_text(html), expected, "{html}");
    }
}

#[test]
fn markdown_and_plain_text() {
    let cases = [
        (
            "Plain text.\nSame paragraph.\n\nNext one.",
            "Plain text. Same paragraph.\n\nNext one.",
        ),
        (
            "This session will:\n\n- Explain\n- Validate\n\nDone.",
            "This session will:\n\n- Explain\n- Validate\n\nDone.",
        ),
        ("1. first\n2. second", "1. first\n2. second"),
        (
            "A [link](https://x.org/a) and <https://y.org>.",
            "A link (https://x.org/a) and https://y.org.",
        ),
        (
            "Xen war <i>die</i> Plattform\\, oder?\n\nJa.",
            "Xen war die Plattform, oder?\n\nJa.",
        ),
        ("esc \u{1b}[2J here", "esc \u{241b}[2J here"),
        (
            "# Title\n\n**Strong** and `code` &amp; more",
            "Title\n\nStrong and code & more",
        ),
        ("```\nline 1\nline 2\n```", "    line 1\n    line 2"),
        ("   \n\n  ", ""),
    ];
    for (markdown, expected) in cases {
        assert_eq!(to_text(markdown), expected, "{markdown}");
    }
}

#[test]
fn long_and_deeply_nested_text_is_cut() {
    let long = "word ".repeat(20_000);
    let text = to_text(&long);
    assert!(text.ends_with("word […]"), "{}", &text[text.len() - 20..]);
    assert!(text.len() < MAX_TEXT + 10);
    // Deep nesting never reaches the renderer (whose time grows with the depth): the
    // field is kept as plain text.
    let deep = format!(
        "<p>{}x{}</p>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let mut budget = Budget::default();
    assert_eq!(field(&deep, Format::Pentabarf, &mut budget), "[…]");
    let deep_text = format!("<ul><li>{}deep</li></ul>", "<div>".repeat(40));
    assert_eq!(field(&deep_text, Format::FrabJson, &mut budget), "deep");
    assert_eq!(budget.too_deep, 2);
}

#[test]
fn html_in_plain_text_is_told_from_plain_text() {
    let ampersands = "& ".repeat(10_000);
    let cases = [
        ("<i>x</i>", true),
        ("<a href=\"https://x.org\">x</a>", true),
        ("</ul>", true),
        ("Q&amp;A", true),
        ("&#8217; and &#x2019;", true),
        ("&eacute;t&eacute;", true),
        ("a < b and c > d", false),
        ("<marquee>", false),
        ("AT&T, R&D; &; &#; &#x; &a;", false),
        (ampersands.as_str(), false),
    ];
    for (text, html) in cases {
        assert_eq!(has_html(text), html, "{text}");
    }
}

#[test]
fn line_breaks_become_br_except_next_to_blocks() {
    let cases = [
        ("a\nb", "a<br>\nb"),
        ("a\r\n\r\n  b\rc", "a<br>\nb<br>\nc"),
        (
            "x:\n<ul>\n <li>1</li>\n\n <li>2\n</li>\n</ul>\ny",
            "x:\n<ul>\n<li>1</li>\n<li>2\n</li>\n</ul>\ny",
        ),
        ("<i>a</i>\n<b>b</b>", "<i>a</i><br>\n<b>b</b>"),
    ];
    for (text, html) in cases {
        assert_eq!(breaks_as_html(text), html, "{text:?}");
    }
}

#[test]
fn plain_text_keeps_every_line() {
    let cases = [
        ("one\ntwo\n\n\nthree", "one\n\ntwo\n\nthree"),
        ("    indented\n\tcode", "indented\n\ncode"),
        ("- a\n- b", "- a\n\n- b"),
        ("esc \u{1b}[2J", "esc \u{241b}[2J"),
        ("<p>One</p>\n<p>Two</p>", "One\n\nTwo"),
        ("line<br>\nnext", "line\n\nnext"),
        (" \n\r\n ", ""),
    ];
    for (text, expected) in cases {
        assert_eq!(plain_to_text(text), expected, "{text:?}");
    }
    let long = "word\n".repeat(20_000);
    assert!(plain_to_text(&long).ends_with("word\n\nword […]"));
}

#[test]
fn block_html_is_told_from_inline_tags() {
    let cases = [
        ("<p>x</p>", true),
        ("a<br/>b", true),
        ("<BR>", true),
        ("<i>x</i> and <b>y</b>", false),
        ("a < b and <pre", false),
        ("<para>", false),
    ];
    for (text, block) in cases {
        assert_eq!(has_block_html(text), block, "{text}");
    }
}

#[test]
fn code_keeps_its_lines_and_indentation() {
    let cases = [
        (
            "<p>Run:</p><pre>fn main() {\n    go();\n}</pre><p>Done.</p>",
            "Run:\n\n    fn main() {\n        go();\n    }\n\nDone.",
        ),
        (
            "Run:\n\n```rust\nfn main() {\n    go();\n}\n```\n\nDone.",
            "Run:\n\n    fn main() {\n        go();\n    }\n\nDone.",
        ),
        (
            "Indented code:\n\n    a = 1\n      b = 2\n",
            "Indented code:\n\n    a = 1\n      b = 2",
        ),
    ];
    for (raw, expected) in cases {
        assert_eq!(to_text(raw), expected, "{raw}");
    }
}

#[test]
fn nested_lists_keep_their_nesting_without_blank_lines() {
    let expected = "Plan:\n\n- one\n  - two\n    - three\n  - two b\n- four\n\nEnd.";
    let cases = [
        "Plan:\n\n- one\n  - two\n    - three\n  - two b\n- four\n\nEnd.",
        "<p>Plan:</p><ul><li>one<ul><li>two<ul><li>three</li></ul></li>\
         <li>two b</li></ul></li><li>four</li></ul><p>End.</p>",
        // A loose list: blank lines between the items do not space them out.
        "Plan:\n\n- one\n\n  - two\n\n    - three\n\n  - two b\n\n- four\n\nEnd.",
    ];
    for raw in cases {
        assert_eq!(to_text(raw), expected, "{raw}");
    }
    assert_eq!(
        to_text("1. a\n2. b\n   1. c\n\nAfter."),
        "1. a\n2. b\n  1. c\n\nAfter."
    );
    assert_eq!(
        to_text("<ol><li>a</li><li>b<ol><li>c</li></ol></li></ol><p>After.</p>"),
        "1. a\n2. b\n   1. c\n\nAfter."
    );
}
