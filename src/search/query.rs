//! The query language: words that must all match, `"quoted phrases"`, `-excluded` words, and
//! smart case (a query with an uppercase letter matches case-sensitively).

use super::fold::{fold, has_upper};

/// One word or phrase of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded and lowercased: what is looked up in the index.
    pub needle: String,
    /// Folded with case kept, for a case-sensitive query.
    pub cased: String,
    /// `-word`: talks that match are left out.
    pub negated: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
    /// Smart case: true when the query has an uppercase letter.
    pub case_sensitive: bool,
}

/// Fuzzy matching applies to terms at least this long: shorter ones would match nearly any title.
pub const FUZZY_MIN_CHARS: usize = 4;
/// Typo matching applies to terms at least this long.
pub const TYPO_MIN_CHARS: usize = 5;

impl Term {
    /// Whether the term may also match short fields fuzzily.
    pub fn fuzzy(&self) -> bool {
        !self.negated && self.needle.chars().count() >= FUZZY_MIN_CHARS
    }

    /// Whether the term may also match a word with a typo (a phrase never does).
    pub fn typo(&self) -> bool {
        !self.negated && !self.needle.contains(' ') && self.needle.chars().count() >= TYPO_MIN_CHARS
    }
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let case_sensitive = has_upper(text);
        let mut terms = Vec::new();
        let mut rest = text.trim_start();
        while !rest.is_empty() {
            let negated = rest
                .strip_prefix('-')
                .and_then(|r| r.chars().next())
                .is_some_and(|c| !c.is_whitespace());
            if negated {
                rest = &rest[1..];
            }
            let (raw, after) = if let Some(quoted) = rest.strip_prefix('"') {
                // A phrase runs to the closing quote, or to the end while it is being typed.
                match quoted.find('"') {
                    Some(end) => (&quoted[..end], &quoted[end + 1..]),
                    None => (quoted, ""),
                }
            } else {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            };
            let words: Vec<&str> = raw.split_whitespace().collect();
            let cased = fold(&words.join(" "), false);
            if !cased.is_empty() {
                terms.push(Term {
                    needle: fold(&cased, true),
                    cased,
                    negated,
                });
            }
            rest = after.trim_start();
        }
        Query {
            terms,
            case_sensitive,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The words to highlight: the positive terms.
    pub fn positive(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| !t.negated)
    }

    /// True when every talk matching `self` also matches `previous`, so the search can look only
    /// at `previous`'s results: each earlier term is kept or extended (with the same fuzzy
    /// eligibility), no earlier exclusion is dropped, and case sensitivity is not dropped.
    pub fn narrows(&self, previous: &Query) -> bool {
        if previous.case_sensitive && !self.case_sensitive {
            return false;
        }
        previous.terms.iter().all(|old| {
            self.terms.iter().any(|new| {
                if old.negated {
                    new.negated && new.needle == old.needle && new.cased == old.cased
                } else {
                    !new.negated
                        && new.needle.contains(&old.needle)
                        && (!previous.case_sensitive || new.cased.contains(&old.cased))
                        && new.fuzzy() == old.fuzzy()
                        // A typo match of the longer term need not contain the shorter one.
                        && (!new.typo() || new.needle == old.needle)
                }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &str) -> Vec<(String, bool)> {
        Query::parse(q)
            .terms
            .into_iter()
            .map(|t| (t.cased, t.negated))
            .collect()
    }

    #[test]
    fn parsing() {
        let cases: &[(&str, &[(&str, bool)])] = &[
            ("", &[]),
            ("   ", &[]),
            ("wafer scale", &[("wafer", false), ("scale", false)]),
            (
                "\"wafer  scale\" engine",
                &[("wafer scale", false), ("engine", false)],
            ),
            ("\"open phrase", &[("open phrase", false)]),
            ("-gpu training", &[("gpu", true), ("training", false)]),
            ("-\"moore's law\"", &[("moore's law", true)]),
            ("- alone", &[("-", false), ("alone", false)]),
            ("Zürich", &[("Zurich", false)]),
            ("\"\" x", &[("x", false)]),
        ];
        for (query, expected) in cases {
            let expected: Vec<(String, bool)> = expected
                .iter()
                .map(|(t, n)| ((*t).to_owned(), *n))
                .collect();
            assert_eq!(terms(query), expected, "{query:?}");
        }
    }

    #[test]
    fn smart_case() {
        assert!(!Query::parse("zurich").case_sensitive);
        assert!(Query::parse("Zurich").case_sensitive);
        assert_eq!(Query::parse("Zürich").terms[0].needle, "zurich");
    }

    #[test]
    fn narrowing() {
        let cases = [
            ("wafer", "wafer s", true),
            ("waf", "wafe", false), // fuzzy starts at four characters
            // From five letters a term may match a word with a typo: it no longer narrows.
            ("wafe", "wafer", false),
            ("wafer", "wafers", false),
            ("wafer", "wafer scale", true),
            ("wafer", "wafer -gpu", true),
            ("wafer -gpu", "wafer", false),
            ("wafer", "Wafer", true),
            ("Wafer", "wafer", false),
            ("wafer scale", "wafer", false),
            ("\"wafer sc", "\"wafer scale\"", true),
            ("wafer", "engine", false),
        ];
        for (old, new, expected) in cases {
            assert_eq!(
                Query::parse(new).narrows(&Query::parse(old)),
                expected,
                "{old:?} -> {new:?}"
            );
        }
    }
}
