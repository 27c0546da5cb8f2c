//! iCalendar content lines (RFC 5545 §3.1): unfolding, decoding, and the components and
//! properties the importer reads.
//!
//! Written by hand rather than with a parser crate because of three needs no crate met:
//! unfolding happens on bytes, before decoding (simple generators fold in the middle of a
//! UTF-8 character); a file that is not UTF-8 is read as Windows-1252; and what is kept is
//! bounded while reading (only the properties and parameters the importer uses, one of each
//! single-valued property, a capped number of the others), so that a hostile file of millions
//! of lines costs no more memory than a small multiple of its size.

use std::borrow::Cow;

use crate::sanitize::visible;

/// The deepest nesting of components read (`VCALENDAR`, `VEVENT`, `VALARM` is three).
pub const MAX_DEPTH: usize = 32;

/// At most this many of one repeatable property (`ATTENDEE`, `CATEGORIES`...) per component;
/// the rest are counted and left out.
pub const MAX_REPEATS: usize = 1_000;

/// Properties read once per component: the first is kept.
const SINGLE: &[&str] = &[
    "UID",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "DTSTART",
    "DTEND",
    "DURATION",
    "STATUS",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
    "X-WR-TIMEZONE",
    "NAME",
];

/// Properties that may repeat.
const REPEATED: &[&str] = &["URL", "ATTENDEE", "CATEGORIES", "ATTACH"];

/// Parameters the importer reads; others are skipped.
const PARAMETERS: &[&str] = &["TZID", "VALUE", "CN", "X-LABEL", "FILENAME"];

/// One property: its name in upper case, the parameters the importer reads (names in upper
/// case, values unquoted) and its raw value.
#[derive(Debug, Clone, Default)]
pub struct Property {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
}

impl Property {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A `VCALENDAR` or `VEVENT` with the properties kept.
#[derive(Debug, Default)]
pub struct Component {
    pub properties: Vec<Property>,
    /// Which of [`SINGLE`] are kept, by index: one bit each.
    singles: u32,
    /// How many of each of [`REPEATED`] are kept.
    repeats: [usize; 4],
}

impl Component {
    /// The first property named `name`.
    pub fn find(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// Every property named `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }
}

/// The calendar read: its own properties, its events, and how many property lines were left
/// out for being over [`MAX_REPEATS`].
#[derive(Debug, Default)]
pub struct Calendar {
    pub info: Component,
    pub events: Vec<Component>,
    pub capped: usize,
}

/// A content-line error at a byte offset of the unfolded text.
#[derive(Debug)]
pub struct LineError {
    pub offset: usize,
    pub message: String,
}

/// The bytes with every fold (a line break followed by a space or a tab) removed; borrowed
/// when there is none.
pub fn unfold(bytes: &[u8]) -> Cow<'_, [u8]> {
    let is_fold = |i: usize| {
        let rest = &bytes[i..];
        rest.starts_with(b"\r\n ")
            || rest.starts_with(b"\r\n\t")
            || rest.starts_with(b"\n ")
            || rest.starts_with(b"\n\t")
    };
    let Some(first) = memchr::memchr_iter(b'\n', bytes)
        .map(|i| {
            if i > 0 && bytes[i - 1] == b'\r' {
                i - 1
            } else {
                i
            }
        })
        .find(|&i| is_fold(i))
    else {
        return Cow::Borrowed(bytes);
    };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..first]);
    let mut i = first;
    while i < bytes.len() {
        if is_fold(i) {
            i += if bytes[i] == b'\r' { 3 } else { 2 };
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Cow::Owned(out)
}

/// The byte offset in `original` of byte `at` of its unfolded text.
pub fn original_offset(original: &[u8], at: usize) -> usize {
    let mut unfolded = 0;
    let mut i = 0;
    while i < original.len() {
        let rest = &original[i..];
        let fold = [&b"\r\n "[..], b"\r\n\t", b"\n ", b"\n\t"]
            .into_iter()
            .find(|f| rest.starts_with(f));
        if let Some(fold) = fold {
            i += fold.len();
        } else if unfolded >= at {
            break;
        } else {
            i += 1;
            unfolded += 1;
        }
    }
    i
}

/// Unfolded bytes as text: UTF-8, else Windows-1252 (Latin-1 and its superset), with
/// whether the fallback was taken.
pub fn decode(unfolded: &[u8]) -> (Cow<'_, str>, bool) {
    if let Ok(text) = std::str::from_utf8(unfolded) {
        return (Cow::Borrowed(text), false);
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(unfolded);
    (text, true)
}

/// Reads the components of unfolded text: the first `VCALENDAR` and its `VEVENT`s.
pub fn read(text: &str) -> Result<Calendar, LineError> {
    if let Some(cr) = text.find('\r')
        && !text.contains('\n')
    {
        return Err(LineError {
            offset: cr,
            message: "the lines end in a carriage return alone: expected CRLF or LF line endings"
                .to_owned(),
        });
    }
    let mut reader = Reader::default();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let at = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() || (reader.found && reader.open.is_empty()) {
            continue;
        }
        let error = |message: String| LineError {
            offset: at,
            message,
        };
        let starts_calendar = line
            .get(..15)
            .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCALENDAR"));
        if reader.open.is_empty() && !starts_calendar {
            return Err(error("expected BEGIN:VCALENDAR".to_owned()));
        }
        let Some(property) = parse(line) else {
            return Err(error(format!(
                "{:?} is not a property: expected NAME:value",
                visible(&line.chars().take(60).collect::<String>())
            )));
        };
        match property.name.as_str() {
            "BEGIN" => reader.begin(&property.value, at).map_err(error)?,
            "END" => reader.end(&property.value).map_err(error)?,
            _ => reader.property(property),
        }
    }
    if let Some((name, at)) = reader.open.last() {
        return Err(LineError {
            offset: *at,
            message: format!(
                "the {} component that starts here is never closed with END:{}",
                visible(name),
                visible(name)
            ),
        });
    }
    if !reader.found {
        return Err(LineError {
            offset: 0,
            message: "no VCALENDAR component".to_owned(),
        });
    }
    Ok(reader.calendar)
}

/// The state of [`read`]: the components open, the event being read, what is kept.
#[derive(Default)]
struct Reader {
    /// Open components, innermost last: name and offset of the `BEGIN`.
    open: Vec<(String, usize)>,
    event: Option<Component>,
    calendar: Calendar,
    /// Whether the first `VCALENDAR` has ended: anything after it is not read.
    found: bool,
}

impl Reader {
    fn begin(&mut self, value: &str, at: usize) -> Result<(), String> {
        if self.open.len() >= MAX_DEPTH {
            return Err(format!("components nested deeper than {MAX_DEPTH} levels"));
        }
        let name = value.trim().to_ascii_uppercase();
        if name == "VEVENT" && self.open.len() == 1 {
            self.event = Some(Component::default());
        }
        self.open.push((name, at));
        Ok(())
    }

    fn end(&mut self, value: &str) -> Result<(), String> {
        let name = value.trim().to_ascii_uppercase();
        match self.open.pop() {
            Some((begun, _)) if begun == name => {}
            Some((begun, _)) => {
                return Err(format!(
                    "END:{} closes BEGIN:{}: expected END:{}",
                    visible(&name),
                    visible(&begun),
                    visible(&begun)
                ));
            }
            None => return Err(format!("END:{} without a BEGIN", visible(&name))),
        }
        if name == "VEVENT"
            && self.open.len() == 1
            && let Some(done) = self.event.take()
        {
            self.calendar.events.push(done);
        } else if name == "VCALENDAR" && self.open.is_empty() {
            self.found = true;
        }
        Ok(())
    }

    fn property(&mut self, property: Property) {
        let target = match (self.open.len(), &mut self.event) {
            (1, _) => &mut self.calendar.info,
            (2, Some(event)) => event,
            _ => return,
        };
        keep(target, property, &mut self.calendar.capped);
    }
}

/// Adds a property to a component if the importer reads it: the first of a single-valued
/// one, up to [`MAX_REPEATS`] of a repeated one; empty values are not kept.
fn keep(component: &mut Component, property: Property, capped: &mut usize) {
    let name = property.name.as_str();
    if property.value.trim().is_empty() {
        return;
    }
    if let Some(i) = SINGLE.iter().position(|s| *s == name) {
        if component.singles & (1 << i) == 0 {
            component.singles |= 1 << i;
            component.properties.push(property);
        }
    } else if let Some(i) = REPEATED.iter().position(|s| *s == name) {
        if component.repeats[i] < MAX_REPEATS {
            component.repeats[i] += 1;
            component.properties.push(property);
        } else {
            *capped += 1;
        }
    }
}

/// One content line: `NAME;PARAM=value;PARAM="quoted:value":value`. Parameters may hold
/// anything but an unquoted `:` (`CHARSET=UTF-8;ENCODING=8BIT` included); only the ones the
/// importer reads are kept. `None` when the line has no name or no `:`.
fn parse(line: &str) -> Option<Property> {
    let name_end = line.find([';', ':'])?;
    let name = line[..name_end].trim();
    if name.is_empty() {
        return None;
    }
    // Only the properties read get a name and a value: the others cost no allocation.
    let wanted = ["BEGIN", "END"]
        .iter()
        .chain(SINGLE)
        .chain(REPEATED)
        .find(|known| known.eq_ignore_ascii_case(name));
    let mut params = Vec::new();
    let mut rest = &line[name_end..];
    while let Some(after) = rest.strip_prefix(';') {
        // A parameter runs to the next unquoted `;` or `:`.
        let mut quoted = false;
        let end = after
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                !quoted && (c == ';' || c == ':')
            })
            .map_or(after.len(), |(i, _)| i);
        if wanted.is_some() {
            let (key, value) = after[..end].split_once('=').unwrap_or((&after[..end], ""));
            let key = key.trim();
            if let Some(known) = PARAMETERS.iter().find(|p| p.eq_ignore_ascii_case(key)) {
                params.push((
                    (*known).to_owned(),
                    value.trim().trim_matches('"').to_owned(),
                ));
            }
        }
        rest = &after[end..];
    }
    let value = rest.strip_prefix(':')?;
    Some(match wanted {
        Some(known) => Property {
            name: (*known).to_owned(),
            params,
            value: value.to_owned(),
        },
        None => Property::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn folds_are_removed_on_bytes() {
        // "Jürgen" folded between the two bytes of "ü".
        let folded = b"SUMMARY:J\xc3\r\n \xbcrgen\r\nA:1\n\tB\r\n";
        let unfolded = unfold(folded);
        assert_eq!(&*unfolded, "SUMMARY:Jürgen\r\nA:1B\r\n".as_bytes());
        assert!(matches!(unfold(b"A:1\r\nB:2\r\n"), Cow::Borrowed(_)));
        let (text, fallback) = decode(&unfolded);
        assert_eq!(
            (text.as_ref(), fallback),
            ("SUMMARY:Jürgen\r\nA:1B\r\n", false)
        );
        let (text, fallback) = decode(b"SUMMARY:Caf\xe9 \x80");
        assert_eq!((text.as_ref(), fallback), ("SUMMARY:Café €", true));
    }

    #[test]
    fn offsets_skip_folds() {
        let text = b"A:1\r\n B\r\nC:2\n\tD\nE";
        assert_eq!(&*unfold(text), b"A:1B\r\nC:2D\nE");
        for (at, original) in [(0, 0), (3, 6), (4, 7), (6, 9), (9, 14), (11, 16), (12, 17)] {
            assert_eq!(original_offset(text, at), original, "{at}");
        }
    }

    #[test]
    fn content_lines() {
        // (line, name, kept parameters, value)
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], &'a str);
        let cases: [Case; 5] = [
            ("SUMMARY:Hallo: Welt", "SUMMARY", &[], "Hallo: Welt"),
            (
                "summary;CHARSET=UTF-8;ENCODING=8BIT:Grüße",
                "SUMMARY",
                &[],
                "Grüße",
            ),
            (
                "ATTENDEE;CN=\"Groß, J.: Xen\";ROLE=CHAIR:mailto:j@x.org",
                "ATTENDEE",
                &[("CN", "Groß, J.: Xen")],
                "mailto:j@x.org",
            ),
            (
                "DTSTART;TZID=Europe/Berlin;VALUE=DATE-TIME:20200918T110000",
                "DTSTART",
                &[("TZID", "Europe/Berlin"), ("VALUE", "DATE-TIME")],
                "20200918T110000",
            ),
            ("X-UNUSED;A=B:long value", "", &[], ""),
        ];
        for (line, name, params, value) in cases {
            let property = parse(line).expect(line);
            assert_eq!(property.name, name, "{line}");
            let kept: Vec<(&str, &str)> = property
                .params
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            assert_eq!(kept, params, "{line}");
            assert_eq!(property.value, value, "{line}");
        }
        for bad in ["no colon", ":value", ";X=1:value", "NAME;P=\"open:value"] {
            assert!(parse(bad).is_none(), "{bad}");
        }
        let old_mac = read("BEGIN:VCALENDAR\rBEGIN:VEVENT\rEND:VEVENT\rEND:VCALENDAR\r")
            .expect_err("CR alone");
        assert_eq!(
            (old_mac.offset, old_mac.message.as_str()),
            (
                15,
                "the lines end in a carriage return alone: expected CRLF or LF line endings"
            )
        );
    }

    #[test]
    fn what_is_kept_is_bounded() {
        let mut text = String::from("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n");
        for i in 0..MAX_REPEATS + 5 {
            let _ = write!(
                text,
                "SUMMARY:title {i}\r\nATTENDEE:mailto:{i}@x.org\r\nX-EMPTY:\r\nDESCRIPTION:\r\n"
            );
        }
        text.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
        let calendar = read(&text).expect("reads");
        let event = &calendar.events[0];
        assert_eq!(event.all("SUMMARY").count(), 1);
        assert_eq!(
            event.find("SUMMARY").map(|p| p.value.as_str()),
            Some("title 0")
        );
        assert_eq!(event.all("ATTENDEE").count(), MAX_REPEATS);
        assert_eq!(event.properties.len(), MAX_REPEATS + 1);
        assert_eq!(calendar.capped, 5);
    }
}
