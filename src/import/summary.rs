//! What an import did, for the line `lectern import` prints: counts, and every event that was
//! skipped with the reason.

use crate::numbers::thousands;
use std::fmt;

use super::Format;
pub use super::resources::LinkCounts;

/// The counts of an import. Every event of the schedule is either a talk or in `skipped`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub format: Format,
    /// Events imported as talks.
    pub talks: usize,
    /// Distinct speakers of those talks (by the schedule's person id, else by name).
    pub speakers: usize,
    /// Talks that got slides.
    pub slides: usize,
    /// Events not imported, in the schedule's order.
    pub skipped: Vec<Skipped>,
    /// What happened to the links and attachments.
    pub links: LinkCounts,
    /// Other things the user should know, such as a time zone that was assumed.
    pub notes: Vec<String>,
}

/// An event that was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// How the event is named in the schedule: `event 11795`, `event #3`.
    pub event: String,
    pub reason: String,
}

impl Summary {
    /// Every event of the schedule: imported or skipped.
    pub fn events(&self) -> usize {
        self.talks + self.skipped.len()
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

impl fmt::Display for Summary {
    /// One line: `773 talks, 684 speakers, 325 slides, 1 skipped: event 7: no title`
    /// ("skipped" is the same for one and many).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {}, {}, {} skipped",
            plural(self.talks, "talk", "talks"),
            plural(self.speakers, "speaker", "speakers"),
            plural(self.slides, "slide", "slides"),
            thousands(self.skipped.len())
        )?;
        for (i, skipped) in self.skipped.iter().enumerate() {
            let sep = if i == 0 { ": " } else { "; " };
            write!(f, "{sep}{}: {}", skipped.event, skipped.reason)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_separators() {
        let cases = [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1_042, "1,042"),
            (123_456, "123,456"),
            (1_234_567, "1,234,567"),
        ];
        for (n, text) in cases {
            assert_eq!(thousands(n), text);
        }
    }

    #[test]
    fn display() {
        let mut summary = Summary {
            format: Format::Pentabarf,
            talks: 773,
            speakers: 1_042,
            slides: 340,
            skipped: Vec::new(),
            links: LinkCounts::default(),
            notes: Vec::new(),
        };
        assert_eq!(
            summary.to_string(),
            "773 talks, 1,042 speakers, 340 slides, 0 skipped"
        );
        summary.talks = 1;
        summary.speakers = 1;
        summary.skipped = vec![
            Skipped {
                event: "event 12".into(),
                reason: "no title".into(),
            },
            Skipped {
                event: "event #3".into(),
                reason: "invalid start time \"25:00\"".into(),
            },
        ];
        assert_eq!(
            summary.to_string(),
            "1 talk, 1 speaker, 340 slides, 2 skipped: event 12: no title; event #3: invalid start time \"25:00\""
        );
        assert_eq!(summary.events(), 3);
    }

    #[test]
    fn counts_of_one_are_singular() {
        // (talks, speakers, slides, skipped, the line)
        let cases = [
            (
                1,
                1,
                1,
                1,
                "1 talk, 1 speaker, 1 slide, 1 skipped: event 1: no title",
            ),
            (0, 0, 0, 0, "0 talks, 0 speakers, 0 slides, 0 skipped"),
            (2, 2, 2, 0, "2 talks, 2 speakers, 2 slides, 0 skipped"),
            (
                1_001,
                1_000,
                1,
                0,
                "1,001 talks, 1,000 speakers, 1 slide, 0 skipped",
            ),
        ];
        for (talks, speakers, slides, skipped, line) in cases {
            let summary = Summary {
                format: Format::Ical,
                talks,
                speakers,
                slides,
                skipped: (0..skipped)
                    .map(|i| Skipped {
                        event: format!("event {}", i + 1),
                        reason: "no title".into(),
                    })
                    .collect(),
                links: LinkCounts::default(),
                notes: Vec::new(),
            };
            assert_eq!(summary.to_string(), line);
        }
    }
}
