//! A small element tree read with `quick-xml`, for the schedule.xml importer.
//!
//! The importer looks at elements in any order (`persons` before or after `title`), so the
//! events of the streaming reader are gathered into a tree: only of the elements the importer
//! reads, and with the elements it streams (a schedule's events) handed over one at a time
//! as each is complete rather than kept. Text is stored unescaped; an entity XML does not
//! define (`&nbsp;` in a careless generator) is kept as written, for the HTML converter to
//! decode.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// The deepest nesting read. Schedules nest six or seven levels; the limit keeps a hostile
/// file from exhausting the stack when the tree is dropped.
const MAX_DEPTH: usize = 100;

/// One element: its name, attributes, direct text (CDATA included) and children.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
    /// Byte offset of the start tag in the source.
    pub offset: usize,
}

/// A well-formedness error and the byte offset where the parser found it.
#[derive(Debug)]
pub struct XmlError {
    pub offset: usize,
    pub message: String,
}

impl Element {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child named `name`, trimmed; empty when there is none.
    pub fn child_text(&self, name: &str) -> &str {
        self.child(name).map_or("", |c| c.text.trim())
    }

    /// An attribute's value, trimmed.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
    }
}

/// Reads the whole document and returns its root element, with the elements named in `read`
/// (the root is always kept); the others are checked for well-formedness and left out, so a
/// file of unknown elements costs no memory.
#[cfg(test)]
pub fn parse(src: &str, read: &[&str]) -> Result<Element, XmlError> {
    parse_streaming(src, read, "", &mut |_, _| {})
}

/// What receives each streamed element: the elements it is in (outermost first, with their
/// attributes and the children finished so far) and the element itself.
pub type Each<'a> = dyn FnMut(&[Element], Element) + 'a;

/// As [`parse`], but every element named `stream` is handed to `each` as soon as it is
/// complete instead of being kept in the tree: a schedule's events are never all held at once.
pub fn parse_streaming(
    src: &str,
    read: &[&str],
    stream: &str,
    each: &mut Each<'_>,
) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(src);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.trim_text(false);
    // Open elements, innermost last.
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    // How deep inside an element that is left out the reader is.
    let mut skipping = 0usize;
    let kept = |start: &BytesStart<'_>, stack: &[Element]| {
        stack.is_empty() || read.contains(&start.name().as_ref())
    };
    loop {
        let position = offset(reader.buffer_position());
        let event = reader.read_event().map_err(|e| XmlError {
            offset: offset(reader.error_position()),
            message: e.to_string(),
        })?;
        match event {
            Event::Start(start) => {
                if stack.len() + skipping >= MAX_DEPTH {
                    return Err(XmlError {
                        offset: position,
                        message: format!("elements nested deeper than {MAX_DEPTH} levels"),
                    });
                }
                if skipping > 0 || !kept(&start, &stack) {
                    skipping += 1;
                } else {
                    stack.push(element(&start, position)?);
                }
            }
            Event::Empty(start) => {
                if skipping == 0 && kept(&start, &stack) {
                    let leaf = element(&start, position)?;
                    if leaf.name == stream {
                        each(&stack, leaf);
                    } else {
                        attach(&mut stack, &mut root, leaf, position)?;
                    }
                }
            }
            Event::End(_) if skipping > 0 => skipping -= 1,
            Event::End(_) => {
                // The reader checks that end names match, so there is an open element here.
                if let Some(done) = stack.pop() {
                    if done.name == stream {
                        each(&stack, done);
                    } else {
                        attach(&mut stack, &mut root, done, position)?;
                    }
                }
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if skipping > 0 => {}
            Event::Text(text) => {
                if let Some(open) = stack.last_mut() {
                    open.text
                        .push_str(&text.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::CData(data) => {
                if let Some(open) = stack.last_mut() {
                    open.text
                        .push_str(&data.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(open) = stack.last_mut() {
                    let resolved = reference.resolve_char_ref().map_err(|e| XmlError {
                        offset: position,
                        message: e.to_string(),
                    })?;
                    if let Some(c) = resolved {
                        open.text.push(c);
                    } else if let Some(text) =
                        quick_xml::escape::resolve_predefined_entity(&reference)
                    {
                        open.text.push_str(text);
                    } else {
                        open.text.push('&');
                        open.text.push_str(&reference);
                        open.text.push(';');
                    }
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(XmlError {
            offset: src.len(),
            message: format!(
                "the file ends inside <{}>, which is never closed",
                open.name
            ),
        });
    }
    root.ok_or(XmlError {
        offset: src.len(),
        message: "no element in the file".to_owned(),
    })
}

fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

fn element(start: &BytesStart<'_>, position: usize) -> Result<Element, XmlError> {
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let bad = |e: &dyn std::fmt::Display| XmlError {
            offset: position,
            message: e.to_string(),
        };
        let attribute = attribute.map_err(|e| bad(&e))?;
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| bad(&e))?;
        attributes.push((attribute.key.as_ref().to_owned(), value.into_owned()));
    }
    Ok(Element {
        name: start.name().as_ref().to_owned(),
        attributes,
        offset: position,
        ..Element::default()
    })
}

/// Adds a finished element to its parent, or makes it the root.
fn attach(
    stack: &mut [Element],
    root: &mut Option<Element>,
    done: Element,
    position: usize,
) -> Result<(), XmlError> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(done),
        None if root.is_none() => *root = Some(done),
        None => {
            return Err(XmlError {
                offset: position,
                message: format!("a second root element <{}>", done.name),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_entities_and_attributes() {
        let root = parse(
            "<?xml version=\"1.0\"?>\n<schedule a=\"x &amp; y\"><t>&lt;p&gt;Q&amp;A &#233;t&#xE9; &nbsp;<![CDATA[<b>]]></t><e/><u>left <x>out</x></u></schedule>",
            &["t", "e"],
        )
        .expect("well-formed");
        assert_eq!(root.name, "schedule");
        assert_eq!(root.attribute("a"), Some("x & y"));
        assert_eq!(root.child_text("t"), "<p>Q&A été &nbsp;<b>");
        assert_eq!(root.child("e").map(|e| e.text.as_str()), Some(""));
        assert_eq!(root.child_text("missing"), "");
        assert!(root.child("u").is_none());
        assert_eq!(root.children.len(), 2);
    }

    #[test]
    fn streamed_elements_leave_the_tree() {
        let src = "<s><d n=\"1\"><r><e>a</e><e>b</e></r></d><d n=\"2\"><r><e/></r></d></s>";
        let mut seen = Vec::new();
        let root = parse_streaming(src, &["d", "r", "e"], "e", &mut |stack, e| {
            let path: Vec<String> = stack
                .iter()
                .map(|a| format!("{}{}", a.name, a.attribute("n").unwrap_or("")))
                .collect();
            seen.push(format!("{}/{}", path.join("/"), e.text));
        })
        .expect("well-formed");
        assert_eq!(seen, ["s/d1/r/a", "s/d1/r/b", "s/d2/r/"]);
        let rooms: usize = root.children("d").map(|d| d.children("r").count()).sum();
        assert_eq!(rooms, 2);
        assert!(
            root.children("d")
                .all(|d| d.children("r").all(|r| r.children.is_empty()))
        );
    }

    #[test]
    fn errors_have_offsets() {
        let deep = "<a>".repeat(100_000);
        let cases = [
            ("<schedule><a></b></schedule>", 13),
            ("<schedule><a>", 13),
            ("<schedule/><other/>", 11),
            ("<schedule a=\"1\" a=\"2\"/>", 0),
            (deep.as_str(), 300),
            ("", 0),
        ];
        for (src, offset) in cases {
            let e = parse(src, &["a"]).expect_err(src);
            assert_eq!(e.offset, offset, "{src}: {}", e.message);
        }
    }
}
