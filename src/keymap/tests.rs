//! The keymap's lookup, help sections, hints and changes, against written expectations.

use super::*;

fn event(key: Key) -> KeyEvent {
    KeyEvent::new(key.code, key.modifiers)
}

/// Every key of every binding resolves to that binding's command: no binding is shadowed.
#[test]
fn every_binding_is_reachable() {
    let keymap = Keymap::default();
    for binding in &keymap.bindings {
        for key in &binding.keys {
            assert_eq!(
                keymap.lookup(binding.context, &event(*key)),
                Some(binding.command),
                "{} in {:?}",
                key.label(),
                binding.context
            );
        }
    }
    assert_eq!(keymap.conflicts(), []);
}

/// The help's sections, and in two of them every key and what it does, written out; the
/// footer hints come from the help's rows.
#[test]
fn help_and_hints_match_the_bindings() {
    fn owned(rows: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        rows.iter().map(|(k, h)| ((*k).to_owned(), *h)).collect()
    }
    let keymap = Keymap::default();
    let sections = keymap.help_sections();
    let titles: Vec<&str> = sections.iter().map(|(title, _)| *title).collect();
    assert_eq!(
        titles,
        [
            "Talk list",
            "Talk detail",
            "Timetable",
            "Search prompt (other keys type)",
            "Filter panel",
            "Agenda",
            "Links of the talk",
            "This help and the program's details"
        ]
    );
    let rows = |i: usize| -> Vec<(String, &str)> {
        sections[i]
            .1
            .iter()
            .map(|b| (b.keys_label(), b.help))
            .collect()
    };
    assert_eq!(
        rows(4),
        owned(&[
            ("q Ctrl-c", "quit"),
            ("↓ j", "next value"),
            ("↑ k", "previous value"),
            ("PgDn Ctrl-d", "ten values down"),
            ("PgUp Ctrl-u", "ten values up"),
            ("Home g", "first value"),
            ("End G", "last value"),
            ("/", "type to narrow the values"),
            ("Space Enter", "pick or drop the value"),
            ("c F", "clear every filter"),
            ("Esc f", "close the filters"),
            ("Ctrl-z", "suspend (fg resumes)"),
        ])
    );
    let list = rows(0);
    for expected in [
        ("/", "search"),
        ("n", "next match in the text"),
        ("N", "previous match in the text"),
        ("[", "previous day"),
        ("]", "next day"),
        ("r", "results by relevance / by day"),
        ("w", "warnings and notes on the program"),
        ("R", "load again, keeping your place"),
        ("C", "what changed since you looked"),
        ("s", "star the talk, or unstar it"),
        ("m", "mark the talk maybe, or unmark it"),
        ("a", "my agenda: the picked talks by day"),
        ("u", "the talk's links: u 3 opens [3]"),
        ("y", "copy the talk's page (or first link)"),
        ("|", "pipe the talk as text to a command"),
        ("Esc", "clear the search"),
    ] {
        assert!(
            list.contains(&((expected.0).to_owned(), expected.1)),
            "{expected:?} in {list:?}"
        );
    }
    assert_eq!(list.len(), 37, "{list:?}");
    assert_eq!(
        rows(6),
        owned(&[
            ("↓ j", "next link"),
            ("↑ k", "previous link"),
            ("Home g", "first link"),
            ("End G", "last link"),
            ("Enter", "open the link"),
            ("1…9", "open the link of that number"),
            ("y", "copy the link"),
            ("Esc u", "close the links"),
            ("q Ctrl-c", "quit"),
            ("Ctrl-z", "suspend (fg resumes)"),
        ])
    );
    let in_order = [
        List, Detail, Timetable, Search, Filters, Agenda, Links, Help,
    ];
    for (index, context) in in_order.into_iter().enumerate() {
        for (key, hint) in keymap.hints(context) {
            let row = sections[index]
                .1
                .iter()
                .find(|b| b.hint == Some(hint))
                .unwrap_or_else(|| panic!("hint {} has no help row", hint.label()));
            assert_eq!(row.keys[0].label(), key);
        }
    }
}

#[test]
fn ctrl_c_quits_everywhere_and_shift_is_ignored_for_letters() {
    let keymap = Keymap::default();
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for context in [
        List, Detail, Help, Search, Filters, Agenda, Links, Timetable,
    ] {
        assert_eq!(keymap.lookup(context, &ctrl_c), Some(Command::Quit));
    }
    let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(keymap.lookup(List, &shift_g), Some(Command::Bottom));
    assert_eq!(
        keymap.lookup(List, &KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
        None
    );
}

#[test]
fn labels() {
    assert_eq!(ctrl('d').label(), "Ctrl-d");
    assert_eq!(plain(KeyCode::BackTab).label(), "Shift-Tab");
    let keymap = Keymap::default();
    assert_eq!(keymap.bindings[0].keys_label(), "↓ j");
    let keys = |keys: &[Key]| Binding {
        keys: keys.to_vec(),
        command: Command::OpenNumber,
        context: Links,
        help: "",
        hint: None,
    };
    let digits: Vec<Key> = ('1'..='9').map(ch).collect();
    assert_eq!(keys(&digits).keys_label(), "1…9");
    assert_eq!(keys(&[ch('1'), ch('2')]).keys_label(), "1 2");
    assert_eq!(
        keys(&[ch('x'), ch('a'), ch('b'), ch('c'), ctrl('d')]).keys_label(),
        "x a…c Ctrl-d"
    );
    assert_eq!(keys(&[ch('a'), ch('c'), ch('e')]).keys_label(), "a c e");
    assert_eq!(keymap.key_for(Help, Command::Back), "Esc");
    assert_eq!(keymap.key_for(Filters, Command::Toggle), "Space");
    assert_eq!(
        keymap.key_for(Search, Command::Toggle),
        "?",
        "not bound there"
    );
}

#[test]
fn bind_moves_a_key_in_one_context_only() {
    let mut keymap = Keymap::default();
    keymap.bind(List, ch('o'), Command::Quit);
    assert_eq!(keymap.lookup(List, &event(ch('o'))), Some(Command::Quit));
    assert_eq!(
        keymap.lookup(Detail, &event(ch('o'))),
        Some(Command::OpenSlides),
        "the detail keeps its binding"
    );
    // The list has no key for the slides now, and says so where it names one.
    assert_eq!(keymap.key_for(List, Command::OpenSlides), "?");
    assert_eq!(keymap.key_for(List, Command::Quit), "q");
    // A command new to a context gets its own binding, described as elsewhere.
    keymap.bind(Search, ctrl('o'), Command::OpenSlides);
    let row = keymap
        .in_context(Search)
        .find(|b| b.command == Command::OpenSlides)
        .expect("a new binding");
    assert_eq!(
        (row.keys_label(), row.help),
        ("Ctrl-o".into(), "open the slides")
    );
    assert_eq!(keymap.conflicts(), []);
}

#[test]
fn merge_refuses_a_key_bound_twice_in_one_context() {
    let mut keymap = Keymap::default();
    let changes = [
        (List, ch('x'), Command::OpenSlides),
        (Detail, ch('x'), Command::Quit),
        (List, ch('x'), Command::Search),
    ];
    let conflicts = keymap.merge(&changes).expect_err("x twice in the list");
    assert_eq!(
        conflicts,
        [Conflict {
            context: List,
            key: "x".into(),
            first: Command::OpenSlides,
            second: Command::Search,
        }]
    );
    assert_eq!(
        conflicts[0].to_string(),
        "x is bound twice in the talk list ([keys.list]): to open-slides and to search"
    );
    assert_eq!(keymap, Keymap::default(), "nothing applied");

    keymap.merge(&changes[..2]).expect("no conflict");
    assert_eq!(
        keymap.lookup(List, &event(ch('x'))),
        Some(Command::OpenSlides)
    );
    assert_eq!(keymap.lookup(Detail, &event(ch('x'))), Some(Command::Quit));
    assert_eq!(
        keymap.lookup(List, &event(ch('o'))),
        Some(Command::OpenSlides)
    );
}

#[test]
fn conflicts_are_found_in_a_keymap() {
    let mut keymap = Keymap::default();
    keymap.bindings.push(Binding {
        keys: vec![ch('j')],
        command: Command::Quit,
        context: List,
        help: "quit",
        hint: None,
    });
    let conflicts = keymap.conflicts();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(
        (conflicts[0].first, conflicts[0].second),
        (Command::Down, Command::Quit)
    );
}

/// The help asked for in a context starts with that context's keys; the rest keep their order.
#[test]
fn help_starts_with_the_section_it_was_asked_for_in() {
    let keymap = Keymap::default();
    let titles = |first| -> Vec<&str> {
        keymap
            .help_sections_from(first)
            .into_iter()
            .map(|(title, _)| title)
            .collect()
    };
    assert_eq!(
        titles(Timetable),
        [
            "Timetable",
            "Talk list",
            "Talk detail",
            "Search prompt (other keys type)",
            "Filter panel",
            "Agenda",
            "Links of the talk",
            "This help and the program's details"
        ]
    );
    assert_eq!(
        titles(Detail)[..3],
        ["Talk detail", "Talk list", "Timetable"]
    );
    let default: Vec<&str> = keymap.help_sections().into_iter().map(|(t, _)| t).collect();
    assert_eq!(default[0], "Talk list");
    assert_eq!(titles(List), default);
}
