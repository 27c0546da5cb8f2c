//! What an import did, for the line `lectern import` prints: counts, and every event that was
//! skipped with the reason.

use std::collections::HashMap;
use std::fmt;

use crate::numbers::thousands;

use super::Format;
pub use super::resources::LinkCounts;

/// The counts of an import. Every event of the schedule is either a talk or skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub format: Format,
    /// Events imported as talks.
    pub talks: usize,
    /// Distinct speakers of those talks (by the schedule's person id, else by name).
    pub speakers: usize,
    /// Talks that got slides.
    pub slides: usize,
    /// The first [`MAX_LISTED`] events not imported, in the schedule's order.
    pub skipped: Vec<Skipped>,
    /// Every event not imported.
    pub skipped_count: usize,
    /// What happened to the links and attachments.
    pub links: LinkCounts,
    /// Other things the user should know, such as a time zone that was assumed.
    pub notes: Vec<String>,
    /// The skipped events by reason, in the order each reason first appears.
    reasons: Vec<Group>,
    /// Where each reason is in `reasons`.
    reason_index: HashMap<String, usize>,
}

/// An event that was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// How the event is named in the schedule: `event 11795`, `event #3`.
    pub event: String,
    pub reason: String,
}

/// The most skipped events listed one by one; the others are only counted by reason, so a
/// file of a million broken events costs no more than a thousand.
pub const MAX_LISTED: usize = 1_000;

/// The most reasons the summary line names; the rest are counted.
const MAX_REASONS: usize = 5;

/// The skipped events of one reason: how many, and the first two.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Group {
    reason: String,
    count: usize,
    first: String,
    second: String,
}

impl Summary {
    /// An empty summary of an import in `format`.
    pub fn new(format: Format) -> Summary {
        Summary {
            format,
            talks: 0,
            speakers: 0,
            slides: 0,
            skipped: Vec::new(),
            skipped_count: 0,
            links: LinkCounts::default(),
            notes: Vec::new(),
            reasons: Vec::new(),
            reason_index: HashMap::new(),
        }
    }

    /// Every event of the schedule: imported or skipped.
    pub fn events(&self) -> usize {
        self.talks + self.skipped_count
    }

    /// Counts an event that is not imported.
    pub fn skip(&mut self, skipped: Skipped) {
        self.skipped_count += 1;
        if let Some(&i) = self.reason_index.get(&skipped.reason) {
            let group = &mut self.reasons[i];
            if group.count == 1 {
                group.second.clone_from(&skipped.event);
            }
            group.count += 1;
        } else {
            self.reason_index
                .insert(skipped.reason.clone(), self.reasons.len());
            self.reasons.push(Group {
                reason: skipped.reason.clone(),
                count: 1,
                first: skipped.event.clone(),
                second: String::new(),
            });
        }
        if self.skipped.len() < MAX_LISTED {
            self.skipped.push(skipped);
        }
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
            thousands(self.skipped_count)
        )?;
        let groups = &self.reasons;
        for (i, group) in groups.iter().enumerate() {
            let sep = if i == 0 { ": " } else { "; " };
            if i == MAX_REASONS {
                let rest: usize = groups[i..].iter().map(|g| g.count).sum();
                let word = if rest == 1 { "event" } else { "events" };
                return write!(f, "{sep}{} more {word}", thousands(rest));
            }
            match group.count {
                1 => write!(f, "{sep}{}: {}", group.first, group.reason)?,
                2 => write!(
                    f,
                    "{sep}{} and {}: {}",
                    group.first, group.second, group.reason
                )?,
                n => write!(
                    f,
                    "{sep}{}: {} (e.g. {}, {})",
                    plural(n, "event", "events"),
                    group.reason,
                    group.first,
                    group.second
                )?,
            }
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

    fn skipped(n: usize, name: &str, reason: &str) -> Vec<Skipped> {
        (0..n)
            .map(|i| Skipped {
                event: format!("{name}{}", i + 1),
                reason: reason.to_owned(),
            })
            .collect()
    }

    #[test]
    fn display() {
        let mut summary = Summary::new(Format::Pentabarf);
        (summary.talks, summary.speakers, summary.slides) = (773, 1_042, 340);
        assert_eq!(
            summary.to_string(),
            "773 talks, 1,042 speakers, 340 slides, 0 skipped"
        );
        summary.talks = 1;
        summary.speakers = 1;
        summary.skip(Skipped {
            event: "event 12".into(),
            reason: "no title".into(),
        });
        summary.skip(Skipped {
            event: "event #3".into(),
            reason: "invalid start time \"25:00\"".into(),
        });
        assert_eq!(
            summary.to_string(),
            "1 talk, 1 speaker, 340 slides, 2 skipped: event 12: no title; event #3: invalid start time \"25:00\""
        );
        assert_eq!(summary.events(), 3);
    }

    #[test]
    fn repeated_reasons_are_summarised() {
        let mut summary = Summary::new(Format::FrabJson);
        for skip in skipped(300_000, "event #", "no title") {
            summary.skip(skip);
        }
        for skip in skipped(2, "event #", "cancelled") {
            summary.skip(skip);
        }
        assert_eq!(
            summary.to_string(),
            "0 talks, 0 speakers, 0 slides, 300,002 skipped: 300,000 events: no title (e.g. event #1, event #2); event #1 and event #2: cancelled"
        );
        // Only the first events are listed one by one; all are counted.
        assert_eq!(summary.skipped.len(), MAX_LISTED);
        assert_eq!(summary.events(), 300_002);
        // Reasons that all differ: five named, the rest counted.
        let mut summary = Summary::new(Format::FrabJson);
        for i in 0..100_000 {
            summary.skip(Skipped {
                event: format!("event {i}"),
                reason: format!("invalid start time \"{i}\""),
            });
        }
        let line = summary.to_string();
        assert!(line.len() < 300, "{line}");
        assert!(
            line.ends_with("event 4: invalid start time \"4\"; 99,995 more events"),
            "{line}"
        );
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
        for (talks, speakers, slides, count, line) in cases {
            let mut summary = Summary::new(Format::Ical);
            (summary.talks, summary.speakers, summary.slides) = (talks, speakers, slides);
            for skip in skipped(count, "event ", "no title") {
                summary.skip(skip);
            }
            assert_eq!(summary.to_string(), line);
        }
    }
}
