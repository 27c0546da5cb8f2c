//! Matching and ranking, case by case.

use super::*;
use crate::program::{Program, Speaker, Talk};

fn program() -> Program {
    let talk = |title: &str, name: &str, affiliation: &str, abstract_text: &str, bio: &str| Talk {
        title: title.into(),
        abstract_text: Some(abstract_text.into()),
        speakers: vec![Speaker {
            name: name.into(),
            affiliation: Some(affiliation.into()),
            bio: Some(bio.into()),
        }],
        tags: vec!["hardware".into()],
        kind: Some("keynote".into()),
        ..Talk::default()
    };
    Program {
        talks: vec![
            talk(
                "LLM Training at Wafer-Scale",
                "Valavan Manohararajah",
                "Cerebras Systems",
                "The Cerebras Wafer Scale Engine",
                "He studied in Toronto.",
            ),
            talk(
                "Faster Neural Network Training",
                "Jonathan Frankle",
                "MosaicML",
                "Changing the training algorithm",
                "Lottery Ticket Hypothesis at MIT.",
            ),
            talk(
                "Datacenters in Zürich",
                "Ada Lovelace",
                "ETH Zürich",
                "Cooling and wafer yields",
                "She likes Moore's law.",
            ),
            talk(
                "Moore's Law and ML",
                "Partha Ranganathan",
                "Google",
                "ML for Moore's Law",
                "Toronto born, Google based.",
            ),
        ],
        ..Program::sample(0)
    }
}

/// The talks that match, best first.
fn find(program: &Program, q: &str) -> Vec<usize> {
    let index = Index::new(program);
    let query = Query::parse(q);
    let mut matching = Matching::default();
    let mut hits: Vec<(u32, usize)> = (0..program.talks.len())
        .filter_map(|i| {
            index
                .score(program, i, &query, &mut matching)
                .map(|s| (s, i))
        })
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, i)| i).collect()
}

#[test]
fn query_language() {
    let p = program();
    let cases: &[(&str, &[usize])] = &[
        ("wafer", &[0, 2]),
        ("training", &[0, 1]),
        ("zurich", &[2]),
        ("ZURICH", &[]),
        ("Zürich", &[2]),
        ("Zurich", &[2]),
        ("toronto", &[0, 3]),
        ("toronto google", &[3]),
        ("toronto -google", &[0]),
        ("\"wafer scale\"", &[0]),
        ("\"scale wafer\"", &[]),
        ("\"moore's law\"", &[3, 2]),
        ("moore's law", &[3, 2]),
        ("keynote", &[0, 1, 2, 3]),
        ("hardware -keynote", &[]),
        ("mit", &[1]),
        ("MIT", &[1]),
        ("Mit", &[]),
        ("nothing-like-this", &[]),
    ];
    for (q, expected) in cases {
        assert_eq!(find(&p, q), *expected, "{q:?}");
    }
}

#[test]
fn ranking_puts_titles_and_names_before_long_text() {
    let p = program();
    // Title match (talk 3), then bio match (talk 2).
    assert_eq!(find(&p, "moore"), [3, 2]);
    // Speaker name (talk 3) before a bio (talk 0 mentions Toronto, talk 3 Google).
    assert_eq!(find(&p, "ranganathan"), [3]);
    // Affiliation (talk 2: ETH Zürich) before... only one.
    assert_eq!(find(&p, "eth"), [2]);
    // Title words beat abstract words: "training" is in both titles; "algorithm" only in 1's abstract.
    assert_eq!(find(&p, "training algorithm"), [1]);
}

#[test]
fn short_fields_match_fuzzily() {
    let p = program();
    // Dropped letters still find the name, typed in lowercase or capitalized.
    assert_eq!(find(&p, "manoharajah"), [0]);
    assert_eq!(find(&p, "Manoharajah"), [0]);
    assert_eq!(find(&p, "MANOHARAJAH"), Vec::<usize>::new());
    assert_eq!(find(&p, "frnkle"), [1]);
    // A fuzzy match ranks below an exact one.
    assert_eq!(find(&p, "lovlace"), [2]);
    // Short terms and long text are never fuzzy.
    assert_eq!(find(&p, "frn"), Vec::<usize>::new());
    assert_eq!(find(&p, "hypthesis"), Vec::<usize>::new());
    // A scattered subsequence is not a match.
    assert_eq!(find(&p, "lgte"), Vec::<usize>::new());
}

#[test]
fn a_word_that_starts_with_the_term_ranks_above_one_that_hides_it() {
    let titled = |title: &str| Talk {
        title: title.into(),
        ..Talk::default()
    };
    let program = Program {
        talks: vec![
            titled("Trusted computing bases"),
            titled("Rust in the kernel"),
            titled("Fuzzing frustrating parsers"),
            Talk {
                abstract_text: Some("Written in Rust.".into()),
                ..titled("A parser")
            },
        ],
        ..Program::sample(0)
    };
    // A whole word in a title (100), then titles that hide it inside a word (100 / 2), in
    // program order, then a whole word in an abstract (20).
    assert_eq!(find(&program, "rust"), [1, 0, 2, 3]);
}

#[test]
fn a_word_with_a_typo_still_matches_names_and_titles() {
    let p = program();
    let cases: &[(&str, &[usize])] = &[
        // Two letters swapped, one wrong, one missing, one extra.
        ("manohararajha", &[0]),
        ("frankel", &[1]),
        ("ranganathen", &[3]),
        ("lovelce", &[2]),
        ("datacentres", &[2]),
        // A typo in the first letter is not looked for; nor in long text.
        ("novelace", &[]),
        ("hypotesis", &[]),
        // Short words need to be right.
        ("mooer", &[3]),
        ("moor", &[3, 2]),
    ];
    for (q, expected) in cases {
        assert_eq!(find(&p, q), *expected, "{q:?}");
    }
}
