//! Facet filters: the values a program has for kind, tag, track, room and day, with counts;
//! the ones the user picked combine as AND across facets and OR within a facet. The user's own
//! picks ("starred", "maybe") are a facet too, whose talks the app hands in ([`Filters::set_picked`]):
//! they live in the agenda, not in the program.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::program::Program;

/// A dimension talks can be filtered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Day,
    Track,
    Room,
    Kind,
    Tag,
    /// The user's picks: "starred" or "maybe". Not a field of the program: its talks are
    /// handed in by the app.
    Pick,
}

impl Facet {
    pub const ALL: [Facet; 6] = [
        Facet::Day,
        Facet::Track,
        Facet::Room,
        Facet::Kind,
        Facet::Tag,
        Facet::Pick,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Facet::Day => "day",
            Facet::Track => "track",
            Facet::Room => "room",
            Facet::Kind => "kind",
            Facet::Tag => "tag",
            Facet::Pick => "picks",
        }
    }
}

/// The values of `facet` for talk `i`.
pub fn values(program: &Program, i: usize, facet: Facet) -> Vec<String> {
    let talk = &program.talks[i];
    match facet {
        Facet::Day => program.day_label(i).into_iter().collect(),
        Facet::Track => talk.track.iter().cloned().collect(),
        Facet::Room => talk.room.iter().cloned().collect(),
        Facet::Kind => talk.kind.iter().cloned().collect(),
        Facet::Tag => talk.tags.clone(),
        Facet::Pick => Vec::new(),
    }
}

/// One choice in the filter panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub facet: Facet,
    pub value: String,
    /// How many talks of the program have this value.
    pub count: usize,
}

/// Every facet value present in the program, with its count, facet by facet; days in date
/// order, other values alphabetically.
pub fn choices(program: &Program) -> Vec<Choice> {
    let mut counts: BTreeMap<(Facet, String), usize> = BTreeMap::new();
    let mut day_order: BTreeMap<String, jiff::civil::Date> = BTreeMap::new();
    for i in 0..program.talks.len() {
        for facet in Facet::ALL {
            for value in values(program, i, facet) {
                if facet == Facet::Day
                    && let Some(date) = program.conference_day(i)
                {
                    day_order.insert(value.clone(), date);
                }
                *counts.entry((facet, value)).or_default() += 1;
            }
        }
    }
    let mut choices: Vec<Choice> = counts
        .into_iter()
        .map(|((facet, value), count)| Choice {
            facet,
            value,
            count,
        })
        .collect();
    choices.sort_by(|a, b| {
        a.facet.cmp(&b.facet).then_with(|| match a.facet {
            Facet::Day => day_order.get(&a.value).cmp(&day_order.get(&b.value)),
            _ => a.value.to_lowercase().cmp(&b.value.to_lowercase()),
        })
    });
    choices
}

/// For each of `choices`, how many talks have it among those the picks of the *other*
/// facets keep: what picking it too would leave (or add, within its own facet, where picks
/// combine with OR). Without picks, the program's counts.
pub fn live_counts(program: &Program, filters: &Filters, choices: &[Choice]) -> Vec<usize> {
    if filters.is_empty() {
        return choices.iter().map(|c| c.count).collect();
    }
    let mut counts: HashMap<(Facet, String), usize> = HashMap::new();
    for i in 0..program.talks.len() {
        for facet in Facet::ALL {
            if filters.keeps_except(program, i, Some(facet)) {
                for value in values(program, i, facet) {
                    *counts.entry((facet, value)).or_default() += 1;
                }
            }
        }
    }
    choices
        .iter()
        .map(|c| match c.facet {
            // The picks are the app's, not the program's: their counts stay as the app gave
            // them.
            Facet::Pick => c.count,
            _ => counts
                .get(&(c.facet, c.value.clone()))
                .copied()
                .unwrap_or(0),
        })
        .collect()
}

/// The values the user picked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    picked: BTreeSet<(Facet, String)>,
    /// The talks with the picked values of [`Facet::Pick`], sorted; shared with the search
    /// thread.
    pick_talks: Arc<[usize]>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.picked.is_empty()
    }

    pub fn is_picked(&self, facet: Facet, value: &str) -> bool {
        self.picked.contains(&(facet, value.to_owned()))
    }

    pub fn toggle(&mut self, facet: Facet, value: &str) {
        let key = (facet, value.to_owned());
        if !self.picked.remove(&key) {
            self.picked.insert(key);
        }
    }

    pub fn clear(&mut self) {
        self.picked.clear();
        self.pick_talks = Arc::from([]);
    }

    /// The picked values of `facet`.
    pub fn values_of(&self, facet: Facet) -> impl Iterator<Item = &str> {
        self.picked
            .iter()
            .filter(move |(f, _)| *f == facet)
            .map(|(_, v)| v.as_str())
    }

    /// Sets the talks that have one of the picked values of [`Facet::Pick`] (any order);
    /// returns whether they changed.
    pub fn set_picked(&mut self, mut talks: Vec<usize>) -> bool {
        talks.sort_unstable();
        talks.dedup();
        if *self.pick_talks == *talks {
            return false;
        }
        self.pick_talks = talks.into();
        true
    }

    /// `facet: a, b` for every facet with picked values, for the header.
    pub fn summary(&self) -> Vec<String> {
        Facet::ALL
            .into_iter()
            .filter_map(|facet| {
                let values: Vec<&str> = self
                    .picked
                    .iter()
                    .filter(|(f, _)| *f == facet)
                    .map(|(_, v)| v.as_str())
                    .collect();
                (!values.is_empty()).then(|| format!("{}: {}", facet.name(), values.join(" | ")))
            })
            .collect()
    }

    /// Whether talk `i` passes: for every facet with picked values, the talk has one of them.
    pub fn keeps(&self, program: &Program, i: usize) -> bool {
        self.keeps_except(program, i, None)
    }

    /// [`Filters::keeps`], leaving out the picks of facet `except`.
    fn keeps_except(&self, program: &Program, i: usize, except: Option<Facet>) -> bool {
        if self.picked.is_empty() {
            return true;
        }
        Facet::ALL.into_iter().all(|facet| {
            if Some(facet) == except {
                return true;
            }
            let mut wanted = self.picked.iter().filter(|(f, _)| *f == facet).peekable();
            if wanted.peek().is_none() {
                return true;
            }
            if facet == Facet::Pick {
                return self.pick_talks.binary_search(&i).is_ok();
            }
            let have = values(program, i, facet);
            wanted.any(|(_, v)| have.contains(v))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Talk;

    fn program() -> Program {
        let mut p = Program::sample(4);
        p.talks[0].kind = Some("keynote".into());
        p.talks[1].tags = vec!["ml".into(), "hw".into()];
        p.talks[2].tags = vec!["hw".into()];
        p.talks[3] = Talk {
            kind: None,
            tags: Vec::new(),
            ..Talk::sample(3)
        };
        p
    }

    #[test]
    fn choices_have_counts() {
        let got: Vec<(Facet, String, usize)> = choices(&program())
            .into_iter()
            .map(|c| (c.facet, c.value, c.count))
            .collect();
        assert_eq!(
            got,
            [
                (Facet::Kind, "keynote".to_owned(), 1),
                (Facet::Kind, "talk".to_owned(), 2),
                (Facet::Tag, "hw".to_owned(), 2),
                (Facet::Tag, "ml".to_owned(), 1),
                (Facet::Tag, "sample".to_owned(), 1),
            ]
        );
    }

    #[test]
    fn and_across_facets_or_within() {
        let p = program();
        let kept = |f: &Filters| -> Vec<usize> { (0..4).filter(|&i| f.keeps(&p, i)).collect() };
        let mut f = Filters::default();
        assert_eq!(kept(&f), [0, 1, 2, 3]);
        f.toggle(Facet::Tag, "hw");
        assert_eq!(kept(&f), [1, 2]);
        f.toggle(Facet::Tag, "sample");
        assert_eq!(kept(&f), [0, 1, 2]);
        f.toggle(Facet::Kind, "talk");
        assert_eq!(kept(&f), [1, 2]);
        assert_eq!(f.summary(), ["kind: talk", "tag: hw | sample"]);
        f.toggle(Facet::Tag, "hw");
        f.toggle(Facet::Tag, "sample");
        assert_eq!(kept(&f), [1, 2]);
        f.clear();
        assert!(f.is_empty());
    }

    #[test]
    fn picks_are_a_facet_anded_with_the_others() {
        let p = program();
        let kept = |f: &Filters| -> Vec<usize> { (0..4).filter(|&i| f.keeps(&p, i)).collect() };
        let mut f = Filters::default();
        f.toggle(Facet::Pick, "starred");
        assert!(f.set_picked(vec![3, 1]));
        assert!(!f.set_picked(vec![1, 3]), "the same talks are no change");
        assert_eq!(kept(&f), [1, 3]);
        f.toggle(Facet::Tag, "hw");
        assert_eq!(kept(&f), [1]);
        assert_eq!(f.summary(), ["tag: hw", "picks: starred"]);
        assert_eq!(f.values_of(Facet::Pick).collect::<Vec<_>>(), ["starred"]);
        f.clear();
        assert_eq!(kept(&f), [0, 1, 2, 3]);
        assert!(!f.set_picked(Vec::new()), "cleared already");
    }
}
