//! The talks a user picked in one program: starred or "maybe", by talk id, with what the talk
//! was when it was picked, and the three-way merge that lets two Lecterns share one picks file.

use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::program::Talk;

/// How a talk is picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// The user means to go.
    Star,
    /// A fallback: the user may go, if a starred talk is full or disappoints.
    Maybe,
}

impl Mark {
    /// The word in the picks file.
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Star => "star",
            Mark::Maybe => "maybe",
        }
    }
}

/// One picked talk, and what it was when it was picked: a talk that leaves the program is
/// still shown by its title, and one that moves is shown with its old time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    pub mark: Mark,
    pub title: String,
    pub start: Option<Timestamp>,
    pub room: Option<String>,
}

impl Picked {
    /// `talk` picked with `mark`, remembering its title, start and room as they are now.
    pub fn new(talk: &Talk, mark: Mark) -> Picked {
        Picked {
            mark,
            title: talk.title.clone(),
            start: talk.start.as_ref().map(jiff::ZonedDateTime::timestamp),
            room: talk.room.clone(),
        }
    }
}

/// The picks of one program, by talk id (sorted, so the file is written in a stable order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picks {
    talks: BTreeMap<String, Picked>,
}

impl Picks {
    pub fn get(&self, id: &str) -> Option<&Picked> {
        self.talks.get(id)
    }

    pub fn mark(&self, id: &str) -> Option<Mark> {
        self.talks.get(id).map(|p| p.mark)
    }

    /// Picks `talk` with `mark`, or drops its pick with `None`; returns the previous pick.
    pub fn set(&mut self, talk: &Talk, mark: Option<Mark>) -> Option<Picked> {
        match mark {
            Some(mark) => self.talks.insert(talk.id.clone(), Picked::new(talk, mark)),
            None => self.talks.remove(&talk.id),
        }
    }

    /// Puts a pick as it is (read from a file, or kept for a talk no longer in the program).
    pub fn insert(&mut self, id: String, picked: Picked) -> Option<Picked> {
        self.talks.insert(id, picked)
    }

    /// Drops the pick of talk `id`, in the program or not.
    pub fn remove(&mut self, id: &str) -> Option<Picked> {
        self.talks.remove(id)
    }

    /// Every pick, by talk id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Picked)> {
        self.talks.iter().map(|(id, p)| (id.as_str(), p))
    }

    pub fn len(&self) -> usize {
        self.talks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.talks.is_empty()
    }

    /// The picks after a three-way merge: `base` is what the file held when this process last
    /// read or wrote it, `ours` what this process holds now, `theirs` what the file holds now.
    /// A talk this process changed since `base` keeps our pick (the user just made it); every
    /// other talk takes the file's, so another process's picks and unpicks are kept.
    pub fn merge(base: &Picks, ours: &Picks, theirs: &Picks) -> Picks {
        let ids = base
            .talks
            .keys()
            .chain(ours.talks.keys())
            .chain(theirs.talks.keys());
        let mut merged = BTreeMap::new();
        for id in ids {
            if merged.contains_key(id) {
                continue;
            }
            let ours_now = ours.talks.get(id);
            let chosen = if ours_now == base.talks.get(id) {
                theirs.talks.get(id)
            } else {
                ours_now
            };
            if let Some(picked) = chosen {
                merged.insert(id.clone(), picked.clone());
            }
        }
        Picks { talks: merged }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picks(marks: &[(&str, Mark)]) -> Picks {
        let mut picks = Picks::default();
        for &(id, mark) in marks {
            let talk = Talk {
                id: id.to_owned(),
                title: format!("Title of {id}"),
                ..Talk::default()
            };
            picks.set(&talk, Some(mark));
        }
        picks
    }

    fn marks(picks: &Picks) -> Vec<(&str, Mark)> {
        picks.iter().map(|(id, p)| (id, p.mark)).collect()
    }

    #[test]
    fn three_way_merge_keeps_both_sides_changes() {
        use Mark::{Maybe, Star};
        // (base, ours, theirs, merged)
        #[expect(clippy::type_complexity, reason = "a table of cases")]
        let cases: &[(
            &[(&str, Mark)],
            &[(&str, Mark)],
            &[(&str, Mark)],
            &[(&str, Mark)],
        )] = &[
            // Each side starred a different talk.
            (
                &[],
                &[("a", Star)],
                &[("b", Star)],
                &[("a", Star), ("b", Star)],
            ),
            // The other side unstarred a talk we did not touch: it stays unstarred.
            (&[("a", Star)], &[("a", Star)], &[], &[]),
            // We unstarred a talk the other side did not touch: it stays unstarred.
            (&[("a", Star)], &[], &[("a", Star)], &[]),
            // Both changed the same talk: ours, made just now, wins.
            (&[("a", Star)], &[("a", Maybe)], &[], &[("a", Maybe)]),
            (&[], &[("a", Maybe)], &[("a", Star)], &[("a", Maybe)]),
            // Nothing changed here: the file is taken as it is.
            (
                &[("a", Star)],
                &[("a", Star)],
                &[("a", Maybe), ("c", Star)],
                &[("a", Maybe), ("c", Star)],
            ),
        ];
        for (base, ours, theirs, want) in cases {
            let merged = Picks::merge(&picks(base), &picks(ours), &picks(theirs));
            assert_eq!(marks(&merged), *want, "{base:?} {ours:?} {theirs:?}");
        }
    }

    #[test]
    fn a_pick_remembers_the_talk_as_it_was() {
        let talk = Talk {
            start: Some(
                crate::program::schedule::date_time("2021-02-06T10:00Z", None).expect("valid"),
            ),
            room: Some("H.2215".to_owned()),
            ..Talk::sample(3)
        };
        let mut picks = Picks::default();
        assert_eq!(picks.set(&talk, Some(Mark::Maybe)), None);
        let picked = picks.get("talk-3").expect("picked");
        assert_eq!(picked.title, "Talk number 3");
        assert_eq!(picked.room.as_deref(), Some("H.2215"));
        assert_eq!(
            picked.start.map(|t| t.to_string()).as_deref(),
            Some("2021-02-06T10:00:00Z")
        );
        assert_eq!(picks.set(&talk, None).map(|p| p.mark), Some(Mark::Maybe));
        assert!(picks.is_empty());
    }
}
