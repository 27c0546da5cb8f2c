//! Writing a [`Program`] as a program file: what `lectern import` produces.
//!
//! The text comes from the `toml` crate's serializer over a mirror of the file format, so
//! quoting, escaping and multi-line strings are the crate's. Times are RFC 3339 strings with
//! their offset when the program has a `timezone` (the reader converts them back into it), and
//! RFC 9557 strings with the zone in brackets when it has none. [`super::parse_str`] reads the
//! result back into an equal program, without warnings.

use jiff::{SignedDuration, ZonedDateTime};
use serde::Serialize;

use super::{Link, Program, Speaker, Talk};

/// The program as a program file.
pub fn to_toml(program: &Program) -> String {
    let with_zone = program.info.timezone.is_some();
    let info = &program.info;
    let document = Document {
        program: Info {
            title: &info.title,
            id: info.id.as_deref(),
            subtitle: info.subtitle.as_deref(),
            venue: info.venue.as_deref(),
            date: info.date.as_deref(),
            url: info.url.as_deref(),
            timezone: info
                .timezone
                .as_ref()
                .and_then(|tz| tz.iana_name().map(str::to_owned)),
            day_change: info.day_change.map(|t| {
                if t.second() == 0 && t.subsec_nanosecond() == 0 {
                    format!("{:02}:{:02}", t.hour(), t.minute())
                } else {
                    t.to_string()
                }
            }),
            description: info.description.as_deref(),
        },
        talks: program
            .talks
            .iter()
            .map(|talk| TalkOut::new(talk, with_zone))
            .collect(),
    };
    // The serializer fails only on shapes the mirror types never have (maps with non-string
    // keys, top-level scalars).
    toml::to_string(&document).unwrap_or_else(|e| format!("# cannot write the program: {e}\n"))
}

#[derive(Serialize)]
struct Document<'a> {
    program: Info<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    talks: Vec<TalkOut<'a>>,
}

#[derive(Serialize)]
struct Info<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    venue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timezone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day_change: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
}

/// One talk; the field order is the order in the file.
#[derive(Serialize)]
struct TalkOut<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    room: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    track: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    slides: Option<&'a str>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    abstract_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    speakers: Vec<SpeakerOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<LinkOut<'a>>,
}

impl<'a> TalkOut<'a> {
    fn new(talk: &'a Talk, with_zone: bool) -> TalkOut<'a> {
        TalkOut {
            id: &talk.id,
            title: &talk.title,
            subtitle: talk.subtitle.as_deref(),
            kind: talk.kind.as_deref(),
            start: talk.start.as_ref().map(|start| date_time(start, with_zone)),
            duration: talk.duration.map(duration),
            room: talk.room.as_deref(),
            track: talk.track.as_deref(),
            language: talk.language.as_deref(),
            tags: &talk.tags,
            slides: talk.slides.as_deref(),
            abstract_text: talk.abstract_text.as_deref(),
            speakers: talk.speakers.iter().map(SpeakerOut::from).collect(),
            links: talk.links.iter().map(LinkOut::from).collect(),
        }
    }
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bio: Option<&'a str>,
}

impl<'a> From<&'a Speaker> for SpeakerOut<'a> {
    fn from(speaker: &'a Speaker) -> Self {
        SpeakerOut {
            name: &speaker.name,
            affiliation: speaker.affiliation.as_deref(),
            bio: speaker.bio.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct LinkOut<'a> {
    label: &'a str,
    url: &'a str,
}

impl<'a> From<&'a Link> for LinkOut<'a> {
    fn from(link: &'a Link) -> Self {
        LinkOut {
            label: &link.label,
            url: &link.url,
        }
    }
}

/// `2021-02-06T09:00:00+01:00` when the program names the zone (the reader converts the
/// instant into it), else `2021-02-06T09:00:00+01:00[Europe/Brussels]` so the zone survives.
fn date_time(zoned: &ZonedDateTime, program_has_zone: bool) -> String {
    if program_has_zone {
        zoned
            .timestamp()
            .display_with_offset(zoned.offset())
            .to_string()
    } else {
        zoned.to_string()
    }
}

/// A duration in the friendly form the reader takes: `45m`, `1h 30m`.
fn duration(d: SignedDuration) -> String {
    if d.is_zero() {
        "0m".to_owned()
    } else {
        format!("{d:#}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{Origin, ProgramInfo, parse_str, schedule};

    /// Reads `text` back, failing on any warning.
    fn reread(text: &str) -> Program {
        let (program, warnings) =
            parse_str(text, Origin::BuiltIn).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(warnings.is_empty(), "{warnings:?}\n{text}");
        program
    }

    /// Talk by talk, with the zones of the times (`ZonedDateTime` equality compares instants).
    fn assert_same(a: &Program, b: &Program) {
        assert_eq!(a.info, b.info);
        assert_eq!(a.talks.len(), b.talks.len());
        for (x, y) in a.talks.iter().zip(&b.talks) {
            assert_eq!(x, y);
            assert_eq!(
                x.start.as_ref().map(ToString::to_string),
                y.start.as_ref().map(ToString::to_string)
            );
        }
    }

    #[test]
    fn built_in_program_round_trips() {
        let program = Program::built_in().expect("built-in loads");
        assert_same(&program, &reread(&to_toml(&program)));
    }

    #[test]
    fn times_and_durations_round_trip() {
        let brussels = schedule::time_zone("Europe/Brussels").expect("known");
        let new_york = schedule::time_zone("America/New_York").expect("known");
        let at = |text: &str, tz: &jiff::tz::TimeZone| {
            schedule::date_time(text, Some(tz)).expect("valid time")
        };
        // (program zone, start, duration in seconds, the start as written)
        let cases = [
            (
                Some(&brussels),
                at("2021-02-06T09:00", &brussels),
                25 * 60,
                "2021-02-06T09:00:00+01:00",
            ),
            // The second 02:30 of the autumn change, only an offset tells it apart.
            (
                Some(&brussels),
                at("2021-10-31T02:30+01:00", &brussels),
                90 * 60,
                "2021-10-31T02:30:00+01:00",
            ),
            (
                None,
                at("2023-06-18T09:00", &new_york),
                0,
                "2023-06-18T09:00:00-04:00[America/New_York]",
            ),
            (
                None,
                schedule::date_time("2023-06-18T09:00-04:00", None).expect("valid"),
                3600 + 1,
                "2023-06-18T09:00:00-04:00[-04:00]",
            ),
        ];
        for (zone, start, secs, written) in cases {
            let program = Program {
                info: ProgramInfo {
                    title: "Times".to_owned(),
                    id: Some("times-2021".to_owned()),
                    timezone: zone.cloned(),
                    day_change: Some(jiff::civil::time(4, 0, 0, 0)),
                    ..ProgramInfo::default()
                },
                talks: vec![Talk {
                    id: "t".to_owned(),
                    title: "T".to_owned(),
                    start: Some(start),
                    duration: Some(SignedDuration::from_secs(secs)),
                    ..Talk::default()
                }],
                origin: Origin::BuiltIn,
            };
            let text = to_toml(&program);
            assert!(text.contains(&format!("start = \"{written}\"")), "{text}");
            assert!(text.contains("day_change = \"04:00\""), "{text}");
            assert!(text.contains("id = \"times-2021\""), "{text}");
            assert_same(&program, &reread(&text));
        }
    }

    #[test]
    fn awkward_strings_round_trip() {
        let mut talk = Talk::sample(1);
        talk.title = "Quotes \" ' ''' \"\"\" and \\ backslash".to_owned();
        talk.abstract_text = Some("First \"\"\" paragraph \\n.\n\nSecond ''' one.".to_owned());
        talk.speakers[0].bio = Some("Zürich 東京\n\n«quoted»".to_owned());
        talk.links = vec![Link {
            label: "Video".to_owned(),
            url: "https://example.org/v?a=1&b=%22".to_owned(),
        }];
        let program = Program {
            talks: vec![talk],
            ..Program::sample(0)
        };
        assert_same(&program, &reread(&to_toml(&program)));
    }

    #[test]
    fn long_text_is_written_as_multi_line_strings() {
        let text = to_toml(&Program::sample(1));
        assert!(
            text.contains("abstract = \"\"\"\nThe abstract of talk 0."),
            "{text}"
        );
        assert!(
            text.contains("\n[[talks.speakers]]\nname = \"Speaker 0\""),
            "{text}"
        );
    }
}
