//! Searching, filtering and schedules through `App::update`, driven by actions.
//!
//! The app does no search itself: `update` returns `Effect::Search(job)`, which
//! `test_support::settle` runs with `run_now` on this thread, feeding every report back as
//! `Action::SearchProgress`, as the event loop does with the search thread's reports. The
//! frame is an 80×24 screen's (see `test_support`): the list rows are at y = 2..22,
//! x = 1..31.

use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::TimeZone;

use super::test_support::{
    SCHEDULE, act, app_with, cmd, run as cmds, search_for, settle, type_text,
};
use super::{App, Effect, Focus, Marker, Overlay, Row};
use crate::action::{Action, Command};
use crate::keymap::Context;
use crate::program::{Origin, Program, Speaker, Talk, TalkIx};
use crate::search::worker::{Job, Progress, run_now};
use crate::search::{Facet, Hit, Index, Matching, Query};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The talks the list shows, in order.
fn shown(app: &App) -> Vec<u32> {
    app.view.talks().map(|t| t.0).collect()
}

/// The open filter panel.
fn filter_panel(app: &App) -> &super::FilterPanel {
    match &app.overlay {
        Some(Overlay::Filters(panel)) => panel,
        other => panic!("the filter panel is not open: {other:?}"),
    }
}

fn status(app: &App) -> Option<&str> {
    app.status.as_ref().map(|s| s.text.as_str())
}

fn selected(app: &App) -> Option<usize> {
    app.selected_index().map(TalkIx::index)
}

fn talk(title: &str, name: &str, affiliation: &str, abstract_text: &str) -> Talk {
    Talk {
        id: crate::program::slug(title),
        title: title.into(),
        abstract_text: Some(abstract_text.into()),
        speakers: vec![Speaker {
            name: name.into(),
            affiliation: Some(affiliation.into()),
            bio: None,
        }],
        slides: None,
        ..Talk::default()
    }
}

/// Five talks whose words are placed so that each search below has one right answer.
fn talks() -> Program {
    let with = |mut t: Talk, kind: &str, tags: &[&str]| {
        t.kind = Some(kind.into());
        t.tags = tags.iter().map(|s| (*s).to_owned()).collect();
        t
    };
    Program {
        talks: vec![
            with(
                talk(
                    "Cooling Datacenters in Zürich",
                    "Ada Lovelace",
                    "ETH Zürich",
                    "Liquid cooling for wafer-scale systems.",
                ),
                "talk",
                &["hardware"],
            ),
            with(
                talk(
                    "Faster Neural Network Training",
                    "Jonathan Frankle",
                    "MosaicML",
                    "Changing the training algorithm, as Grace Hopper would.",
                ),
                "talk",
                &["ml"],
            ),
            with(
                talk(
                    "LLM Training at Wafer-Scale",
                    "Valavan Manohararajah",
                    "Cerebras Systems",
                    "The Cerebras Wafer Scale Engine trains large models.",
                ),
                "keynote",
                &["hardware", "ml"],
            ),
            with(
                talk(
                    "Moore's Law and ML",
                    "Partha Ranganathan",
                    "Google",
                    "Machine learning for Moore's law, with Cerebras.",
                ),
                "keynote",
                &["ml"],
            ),
            with(
                talk(
                    "Compilers for Accelerators",
                    "Grace Hopper",
                    "Navy",
                    "Compiling for wafer accelerators.",
                ),
                "workshop",
                &[],
            ),
        ],
        ..Program::sample(0)
    }
}

/// The talks app, its results by relevance (`r`): most tests here are about ranking. The
/// default order, by the program, is tested with [`App::new`]'s own setting.
fn talks_app() -> App {
    let mut app = app_with(talks());
    app.search.by_rank = true;
    app
}

/// The talks matching `q`, best first, straight from the index (not through the app).
fn ranked(program: &Program, q: &str) -> Vec<u32> {
    let index = Index::new(program);
    let query = Query::parse(q);
    let mut matching = Matching::default();
    let mut hits: Vec<(u32, u32)> = (0..program.talks.len() as u32)
        .filter_map(|i| {
            index
                .score(program, i as usize, &query, &mut matching)
                .map(|s| (s, i))
        })
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, i)| i).collect()
}

// ---------------------------------------------------------------------------------------------
// The prompt
// ---------------------------------------------------------------------------------------------

#[test]
fn text_outside_the_prompt_is_ignored() {
    let mut app = talks_app();
    assert_eq!(app.update(Action::Insert('w')), None);
    assert_eq!(app.update(Action::Paste("wafer".into())), None);
    assert_eq!(app.search.input.text(), "");
    assert!(app.search.query.is_empty());
    assert_eq!(shown(&app), [0, 1, 2, 3, 4]);
    assert_eq!(app.search.generation, 0, "no search was started");
}

/// Every edit of the prompt, step by step: the text, the cursor (a byte offset), and the
/// talks the list then shows.
#[test]
fn prompt_editing_narrows_the_list_at_every_step() {
    let mut app = talks_app();
    cmd(&mut app, Command::Search);
    let steps: Vec<(Action, &str, usize, &[u32])> = vec![
        (Action::Paste("wafr".into()), "wafr", 4, &[2]),
        (Command::CursorLeft.into(), "wafr", 3, &[2]),
        (Action::Insert('e'), "wafer", 4, &[2, 0, 4]),
        (Command::LineStart.into(), "wafer", 0, &[2, 0, 4]),
        (Command::DeleteForward.into(), "afer", 0, &[2, 0, 4]),
        (Action::Insert('w'), "wafer", 1, &[2, 0, 4]),
        (Command::CursorRight.into(), "wafer", 2, &[2, 0, 4]),
        (Command::LineEnd.into(), "wafer", 5, &[2, 0, 4]),
        (Command::CursorRight.into(), "wafer", 5, &[2, 0, 4]),
        (
            Action::Paste(" scale\nengine".into()),
            "wafer scale engine",
            18,
            &[2],
        ),
        (Command::DeleteWord.into(), "wafer scale ", 12, &[2, 0]),
        (Command::DeleteBack.into(), "wafer scale", 11, &[2, 0]),
        (Command::DeleteBack.into(), "wafer scal", 10, &[2, 0]),
        (Command::CursorLeft.into(), "wafer scal", 9, &[2, 0]),
        (Command::CursorLeft.into(), "wafer scal", 8, &[2, 0]),
        (Command::CursorLeft.into(), "wafer scal", 7, &[2, 0]),
        (Command::CursorLeft.into(), "wafer scal", 6, &[2, 0]),
        (Command::DeleteLine.into(), "scal", 0, &[2, 0]),
        (Command::DeleteLine.into(), "scal", 0, &[2, 0]),
        (Command::LineEnd.into(), "scal", 4, &[2, 0]),
        (Command::DeleteLine.into(), "", 0, &[0, 1, 2, 3, 4]),
        (Command::DeleteBack.into(), "", 0, &[0, 1, 2, 3, 4]),
    ];
    for (i, (action, text, cursor, expected)) in steps.into_iter().enumerate() {
        let what = format!("step {i}: {action:?}");
        act(&mut app, action);
        assert_eq!(app.search.input.text(), text, "{what}");
        assert_eq!(app.search.input.cursor(), cursor, "{what}");
        assert_eq!(shown(&app), expected, "{what}");
        assert_eq!(app.view.talk_count(), expected.len(), "{what}");
        assert!(matches!(app.overlay, Some(Overlay::Search)), "{what}");
        assert_eq!(app.search.progress, None, "{what}: the search finished");
    }
}

#[test]
fn the_list_narrows_with_every_keystroke() {
    let mut app = talks_app();
    cmd(&mut app, Command::Search);
    // (typed so far, the talks shown, best first): matches that start a word count fully, by
    // field (title, speaker, affiliation...), matches inside a word half: for "m", Moore's
    // (title), Manohararajah (speaker), MosaicML (affiliation), then "compilers" (inside a
    // title word) and "systems" (inside an abstract word).
    let steps: [(&str, &[u32]); 6] = [
        ("m", &[3, 2, 1, 4, 0]),
        ("mo", &[3, 1, 2]),
        ("moo", &[3]),
        ("moor", &[3]),
        ("moore", &[3]),
        // One letter more than a title word: a typo, still found.
        ("moorez", &[3]),
    ];
    let mut typed = String::new();
    for (text, expected) in steps {
        let c = text.chars().last().expect("one more character");
        typed.push(c);
        assert_eq!(typed, text);
        act(&mut app, Action::Insert(c));
        assert_eq!(shown(&app), expected, "{text:?}");
        assert_eq!(
            shown(&app),
            ranked(&app.program, text),
            "{text:?}: as a fresh search"
        );
        assert_eq!(app.view.talk_count(), expected.len(), "{text:?}");
        assert_eq!(app.list.selected, 0, "{text:?}: the best match is selected");
    }
}

#[test]
fn enter_keeps_the_search_and_returns_to_the_list() {
    let mut app = talks_app();
    cmds(&mut app, &[Command::FocusDetail, Command::Search]);
    assert_eq!(app.context(), Context::Search);
    type_text(&mut app, "training");
    assert_eq!(cmd(&mut app, Command::Submit), None);
    assert!(app.overlay.is_none());
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.context(), Context::List);
    assert_eq!(app.search.input.text(), "training");
    assert_eq!(shown(&app), [1, 2]);
    assert_eq!(app.view.talk_count(), 2);
    assert_eq!(app.search.history.entries(), ["training"]);
    // The list moves among the results only.
    cmds(&mut app, &[Command::Down, Command::Down]);
    assert_eq!((app.list.selected, selected(&app)), (1, Some(2)));
    // Reopening the prompt starts a new query, as less and vim do, and keeps the selection;
    // the query before is an `↑` away.
    cmd(&mut app, Command::Search);
    assert_eq!(app.search.input.text(), "");
    assert_eq!(shown(&app), [0, 1, 2, 3, 4]);
    assert_eq!(selected(&app), Some(2), "reopening keeps the selection");
    cmd(&mut app, Command::HistoryPrev);
    assert_eq!(
        (app.search.input.text(), app.search.input.cursor()),
        ("training", 8)
    );
    assert_eq!(shown(&app), [1, 2]);
}

/// `/ rust Enter / go` searches "go", not "rustgo"; the first query is in the history.
#[test]
fn slash_always_starts_a_new_query() {
    let mut app = talks_app();
    search_for(&mut app, "wafer");
    cmd(&mut app, Command::Search);
    type_text(&mut app, "training");
    assert_eq!(app.search.input.text(), "training");
    assert_eq!(app.search.query, Query::parse("training"));
    assert_eq!(shown(&app), [1, 2]);
    cmd(&mut app, Command::Submit);
    assert_eq!(app.search.history.entries(), ["wafer", "training"]);
}

#[test]
fn esc_clears_a_search_without_results_and_the_selection_comes_back() {
    let mut app = talks_app();
    cmds(&mut app, &[Command::Down, Command::Down, Command::Down]);
    assert_eq!(selected(&app), Some(3));
    cmd(&mut app, Command::Search);
    type_text(&mut app, "zzz");
    assert!(app.view.is_empty());
    assert_eq!(
        cmd(&mut app, Command::Back),
        None,
        "an empty query needs no search"
    );
    assert!(app.overlay.is_none());
    assert_eq!(app.search.input.text(), "");
    assert!(app.search.query.is_empty());
    assert_eq!(shown(&app), [0, 1, 2, 3, 4]);
    assert_eq!(selected(&app), Some(3));
    assert_eq!(
        app.search.history.entries(),
        ["zzz"],
        "Esc remembers the query too"
    );
}

/// Esc right after typing a query cancels it: the talk selected before the prompt opened is
/// selected again, not the best match the query selected meanwhile.
#[test]
fn esc_right_after_typing_goes_back_to_the_talk_selected_before() {
    let mut app = talks_app();
    cmds(&mut app, &[Command::Down, Command::Down, Command::Down]);
    cmd(&mut app, Command::Search);
    type_text(&mut app, "wafer");
    assert_eq!(
        selected(&app),
        Some(2),
        "the best match is selected while typing"
    );
    cmd(&mut app, Command::Back);
    assert_eq!(shown(&app), [0, 1, 2, 3, 4]);
    assert_eq!(
        selected(&app),
        Some(3),
        "the talk selected before the search"
    );
}

#[test]
fn esc_after_choosing_a_result_keeps_that_talk() {
    let mut app = talks_app();
    search_for(&mut app, "wafer");
    cmd(&mut app, Command::Down);
    assert_eq!(selected(&app), Some(0));
    cmds(&mut app, &[Command::Search, Command::Back]);
    assert_eq!(shown(&app), [0, 1, 2, 3, 4]);
    assert_eq!((app.list.selected, selected(&app)), (0, Some(0)));
    // Esc on an empty prompt changes nothing.
    cmd(&mut app, Command::Down);
    assert_eq!(
        cmds_effect(&mut app, &[Command::Search, Command::Back]),
        None
    );
    assert_eq!(selected(&app), Some(1));
}

/// The effect of the last of `commands`.
fn cmds_effect(app: &mut App, commands: &[Command]) -> Option<Effect> {
    let mut effect = None;
    for &command in commands {
        effect = app.update(Action::Command(command));
    }
    effect
}

#[test]
fn history_walks_back_through_this_sessions_queries() {
    let mut app = talks_app();
    search_for(&mut app, "wafer");
    cmds(&mut app, &[Command::Search, Command::DeleteLine]);
    type_text(&mut app, "zurich");
    cmd(&mut app, Command::Submit);
    // The same query twice in a row is remembered once; blank queries never.
    cmds(&mut app, &[Command::Search, Command::Submit]);
    cmds(&mut app, &[Command::Search, Command::DeleteLine]);
    type_text(&mut app, "  ");
    cmd(&mut app, Command::Submit);
    assert_eq!(app.search.history.entries(), ["wafer", "zurich"]);

    cmd(&mut app, Command::Search);
    let steps: [(Command, &str, &[u32]); 7] = [
        (Command::HistoryPrev, "zurich", &[0]),
        (Command::HistoryPrev, "wafer", &[2, 0, 4]),
        (Command::HistoryPrev, "wafer", &[2, 0, 4]),
        (Command::HistoryNext, "zurich", &[0]),
        (Command::HistoryNext, "", &[0, 1, 2, 3, 4]),
        (Command::HistoryNext, "", &[0, 1, 2, 3, 4]),
        (Command::HistoryPrev, "zurich", &[0]),
    ];
    for (i, (command, text, expected)) in steps.into_iter().enumerate() {
        cmd(&mut app, command);
        assert_eq!(app.search.input.text(), text, "step {i}: {command:?}");
        assert_eq!(
            app.search.input.cursor(),
            text.len(),
            "step {i}: {command:?}"
        );
        assert_eq!(shown(&app), expected, "step {i}: {command:?}");
    }
    // Typing leaves the history: ↑ starts again from the newest query.
    type_text(&mut app, " eth");
    cmd(&mut app, Command::HistoryPrev);
    assert_eq!(app.search.input.text(), "zurich");
}

// ---------------------------------------------------------------------------------------------
// Jobs: narrowing, stale and partial results
// ---------------------------------------------------------------------------------------------

/// The `near` set a job's final report carries.
/// The candidates a job was given, as numbers.
fn candidates(job: &Job) -> Option<Vec<u32>> {
    job.candidates
        .as_ref()
        .map(|c| c.iter().map(|t| t.0).collect())
}

fn near_of(reports: &[Progress]) -> Vec<u32> {
    match reports.last() {
        Some(Progress::Done { near, .. }) => near.iter().map(|t| t.0).collect(),
        other => panic!("the last report is not Done: {other:?}"),
    }
}

#[test]
fn a_longer_query_searches_only_the_previous_candidates() {
    let mut app = talks_app();
    cmd(&mut app, Command::Search);
    type_text(&mut app, "waf");
    let (job, _) = act(&mut app, Action::Insert('e')).expect("a search");
    assert_eq!(job.query, Query::parse("wafe"));
    assert_eq!(
        job.candidates, None,
        "\"waf\" is too short to be fuzzy: no narrowing"
    );
    let (job, reports) = act(&mut app, Action::Insert('r')).expect("a search");
    assert_eq!(
        job.candidates, None,
        "\"wafer\" may match a word with a typo, which \"wafe\" need not: no narrowing"
    );
    let near = near_of(&reports);
    assert!(!near.is_empty());

    // Another word narrows: only the talks "wafer" could not rule out are searched.
    let (job, reports) = act(&mut app, Action::Paste(" scale".into())).expect("a search");
    assert_eq!(job.generation, app.search.generation);
    assert_eq!(
        candidates(&job),
        Some(near.clone()),
        "narrowed to the previous near-set"
    );
    assert_eq!(app.search.progress, None);
    let narrowed = shown(&app);
    assert_eq!(narrowed, [2, 0]);
    assert!(near_of(&reports).iter().all(|t| near.contains(t)));

    // Extending further keeps narrowing, from the last result.
    let near = near_of(&reports);
    let (job, _) = act(&mut app, Action::Paste(" -keynote".into())).expect("a search");
    assert_eq!(candidates(&job), Some(near));
    assert_eq!(shown(&app), [0]);

    // The same result as a fresh search.
    let mut fresh = talks_app();
    let effect = fresh.start_search("wafer scale");
    let (job, _) = settle(&mut fresh, effect).expect("a search");
    assert_eq!(job.candidates, None);
    assert_eq!(shown(&fresh), narrowed);
    let mut fresh = talks_app();
    let effect = fresh.start_search("wafer scale -keynote");
    settle(&mut fresh, effect);
    assert_eq!(shown(&fresh), [0]);
}

#[test]
fn a_broader_query_searches_everything() {
    let mut app = talks_app();
    cmd(&mut app, Command::Search);
    type_text(&mut app, "wafer -keynote");
    assert_eq!(shown(&app), [0, 4]);
    let cases: [(Command, &str, &[u32]); 3] = [
        // Dropping an exclusion, a character, or the case: none of them narrow.
        (Command::DeleteWord, "wafer ", &[2, 0, 4]),
        (Command::DeleteBack, "wafer", &[2, 0, 4]),
        (Command::DeleteBack, "wafe", &[2, 0, 4]),
    ];
    for (command, text, expected) in cases {
        let effect = app.update(Action::Command(command));
        if text == "wafer" {
            // "wafer " and "wafer" are the same query: no new search.
            assert_eq!(effect, None);
            continue;
        }
        let (job, _) = settle(&mut app, effect).expect("a search");
        assert_eq!(app.search.input.text(), text);
        assert_eq!(job.candidates, None, "{text:?} searches every talk");
        assert_eq!(shown(&app), expected, "{text:?}");
    }
    // A query that drops its capital letter looks at everything again: "ml" from the history
    // after "ML".
    cmds(&mut app, &[Command::DeleteLine, Command::Submit]);
    search_for(&mut app, "ml");
    cmds(&mut app, &[Command::Search, Command::DeleteLine]);
    type_text(&mut app, "ML");
    assert_eq!(shown(&app), [3, 1]);
    let (job, _) = cmd(&mut app, Command::HistoryPrev).expect("a search");
    assert_eq!(app.search.input.text(), "ml");
    assert_eq!(job.candidates, None);
    assert_eq!(shown(&app), [3, 1, 2]);
    // Gaining a capital narrows.
    let (job, _) = act(&mut app, Action::Paste(" ML".into())).expect("a search");
    assert!(job.candidates.is_some());
    assert_eq!(shown(&app), [3, 1]);
}

#[test]
fn reports_of_an_older_query_are_ignored() {
    let mut app = talks_app();
    cmd(&mut app, Command::Search);
    let Some(Effect::Search(old)) = app.update(Action::Paste("cerebras".into())) else {
        panic!("a search");
    };
    let Some(Effect::Search(new)) = app.update(Action::Paste(" -google".into())) else {
        panic!("a search");
    };
    assert_eq!(new.generation, old.generation + 1);
    assert_eq!(new.candidates, None, "the older search never finished");
    assert_eq!(app.search.progress, Some((0, 5)));
    for progress in run_now(&app.program, &old) {
        app.update(Action::SearchProgress(progress));
    }
    assert_eq!(shown(&app), [0, 1, 2, 3, 4], "the old result is dropped");
    assert_eq!(app.search.progress, Some((0, 5)), "still searching");
    for progress in run_now(&app.program, &new) {
        app.update(Action::SearchProgress(progress));
    }
    assert_eq!(shown(&app), [2]);
    assert_eq!(app.search.progress, None);
    // A late report of the old search after the new one is done changes nothing either.
    for progress in run_now(&app.program, &old) {
        app.update(Action::SearchProgress(progress));
    }
    assert_eq!(shown(&app), [2]);
}

/// While a search runs: (talks looked at, talks to look at).
type Scanned = Option<(usize, usize)>;

#[test]
fn partial_results_show_in_program_order_until_the_ranked_result() {
    let mut app = talks_app();
    cmd(&mut app, Command::Search);
    let Some(Effect::Search(job)) = app.update(Action::Paste("wafer".into())) else {
        panic!("a search");
    };
    let generation = job.generation;
    assert_eq!(app.search.progress, Some((0, 5)));
    let hit = |talk, score| Hit {
        talk: TalkIx(talk),
        score,
    };
    // (a report, the talks shown after it, the progress after it)
    let steps: Vec<(Progress, &[u32], Scanned)> = vec![
        (
            Progress::Partial {
                generation,
                hits: vec![hit(0, 20)],
                scanned: 2,
                total: 5,
            },
            &[0],
            Some((2, 5)),
        ),
        (
            // A stale report in between.
            Progress::Partial {
                generation: generation - 1,
                hits: vec![hit(1, 100)],
                scanned: 4,
                total: 5,
            },
            &[0],
            Some((2, 5)),
        ),
        (
            Progress::Partial {
                generation,
                hits: vec![hit(2, 100)],
                scanned: 4,
                total: 5,
            },
            &[0, 2],
            Some((4, 5)),
        ),
        (
            Progress::Done {
                generation,
                hits: vec![hit(2, 100), hit(0, 20), hit(4, 20)],
                near: vec![TalkIx(0), TalkIx(2), TalkIx(4)],
            },
            &[2, 0, 4],
            None,
        ),
    ];
    for (i, (progress, expected, state)) in steps.into_iter().enumerate() {
        app.update(Action::SearchProgress(progress));
        assert_eq!(shown(&app), expected, "step {i}");
        assert_eq!(app.search.progress, state, "step {i}");
        assert_eq!(app.list.selected, 0, "step {i}");
    }
    // What a real run reports for this job agrees with the hand-made reports above.
    assert_eq!(
        run_now(&app.program, &job).last(),
        Some(&Progress::Done {
            generation,
            hits: vec![hit(2, 100), hit(0, 20), hit(4, 20)],
            near: vec![TalkIx(0), TalkIx(2), TalkIx(4)],
        })
    );
}

#[test]
fn no_results_leave_an_empty_list_and_the_query() {
    let mut app = talks_app();
    cmd(&mut app, Command::Search);
    type_text(&mut app, "quantum");
    assert!(app.view.is_empty());
    assert_eq!(app.view.talk_count(), 0);
    assert_eq!(app.selected_talk().map(|t| t.title.as_str()), None);
    assert_eq!(app.search.input.text(), "quantum");
    assert_eq!(app.search.query, Query::parse("quantum"));
    cmd(&mut app, Command::Submit);
    assert_eq!(
        app.search.input.text(),
        "quantum",
        "Enter keeps the query shown"
    );
    // Moving in an empty list does nothing, and nothing breaks.
    cmds(
        &mut app,
        &[
            Command::Down,
            Command::Bottom,
            Command::PageUp,
            Command::Select,
            Command::OpenSlides,
        ],
    );
    assert_eq!(app.list.selected, 0);
    assert!(app.view.is_empty());
    assert_eq!(app.detail_key().talk, None, "no talk to show");
}

/// The query language through the app: each query typed into the prompt, the list it leaves.
#[test]
fn the_query_language_through_the_app() {
    let cases: &[(&str, &[u32], &str)] = &[
        // Ranking: a title match before abstract matches, which keep program order.
        ("wafer", &[2, 0, 4], "title first"),
        ("hopper", &[4, 1], "a speaker's name before an abstract"),
        ("cerebras", &[2, 3], "an affiliation before an abstract"),
        // Smart case.
        ("ml", &[3, 1, 2], "lowercase ignores case"),
        (
            "ML",
            &[3, 1],
            "a capital matches case: the tag `ml` no longer does",
        ),
        ("Ml", &[], "nothing is written Ml"),
        // Accents fold, both ways.
        ("zurich", &[0], "zurich finds Zürich"),
        ("Zürich", &[0], "Zürich finds Zürich"),
        ("ZURICH", &[], "all capitals is case-sensitive"),
        // Phrases and words.
        (
            "\"wafer scale\"",
            &[2],
            "a phrase: words next to each other",
        ),
        ("wafer scale", &[2, 0], "words anywhere"),
        ("\"scale wafer\"", &[], "a phrase keeps its order"),
        // Exclusion.
        ("wafer -keynote", &[0, 4], "the keynote is left out"),
        ("-keynote", &[0, 1, 4], "only an exclusion"),
        ("training", &[1, 2], "two titles"),
        ("training -\"grace hopper\"", &[2], "a phrase excluded"),
        // Fuzzy names.
        ("manoharajah", &[2], "a dropped letter in a name"),
        ("frnkle", &[1], "a dropped vowel"),
    ];
    for (query, expected, why) in cases {
        let mut app = talks_app();
        cmd(&mut app, Command::Search);
        type_text(&mut app, query);
        assert_eq!(shown(&app), *expected, "{query:?}: {why}");
        assert_eq!(app.view.talk_count(), expected.len(), "{query:?}");
        assert_eq!(
            selected(&app),
            expected.first().map(|&t| t as usize),
            "{query:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// n and N
// ---------------------------------------------------------------------------------------------

/// Two talks, the first with a detail text of 64 lines whose lines `matches` hold a match of
/// "wafer" (as the drawing side would measure it), with "wafer" searched for.
fn long_app(matches: &[usize]) -> App {
    let program = Program {
        talks: vec![
            talk("Wafers", "Ada", "ETH", "wafers"),
            talk("Other", "Bob", "EPFL", "other"),
        ],
        ..Program::sample(0)
    };
    let mut app = app_with(program);
    search_for(&mut app, "wafer");
    assert_eq!(shown(&app), [0]);
    super::test_support::measure_with(&mut app, 64, matches.to_vec());
    app
}

/// `n`/`N` move a current match through every match in order, wrapping at the ends; the
/// text scrolls only when that match is not on screen (20 rows here).
#[test]
fn n_and_shift_n_walk_through_the_matches_and_wrap_around() {
    // Matches on lines 9, 25 and 41; the last scroll position is 44.
    let mut app = long_app(&[9, 25, 41]);
    let steps = [
        (Command::NextMatch, 0, "match 1 of 3"),
        (Command::NextMatch, 25, "match 2 of 3"),
        (Command::NextMatch, 25, "match 3 of 3"),
        (Command::NextMatch, 9, "match 1 of 3"),
        (Command::PrevMatch, 41, "match 3 of 3"),
        (Command::PrevMatch, 25, "match 2 of 3"),
        (Command::PrevMatch, 9, "match 1 of 3"),
        (Command::PrevMatch, 41, "match 3 of 3"),
    ];
    for (i, (command, scroll, message)) in steps.into_iter().enumerate() {
        cmd(&mut app, command);
        assert_eq!(app.focus, Focus::List, "step {i}: the focus stays");
        assert_eq!(app.detail.scroll, scroll, "step {i}: {command:?}");
        assert_eq!(status(&app), Some(message), "step {i}: {command:?}");
    }
    let expected = [Some(1), Some(0)];
    for (i, want) in expected.into_iter().enumerate() {
        cmd(&mut app, Command::PrevMatch);
        assert_eq!(app.current_match(), want, "step {i}");
    }
}

/// Matches already on screen, two on one line: `n` still moves through each, in order.
#[test]
fn n_moves_through_matches_that_need_no_scroll() {
    let mut app = long_app(&[3, 3, 7, 12, 15]);
    for (k, expected) in [0, 1, 2, 3, 4, 0, 1].into_iter().enumerate() {
        cmd(&mut app, Command::NextMatch);
        assert_eq!(app.current_match(), Some(expected), "press {k}");
        let text = format!("match {} of 5", expected + 1);
        assert_eq!(status(&app), Some(text.as_str()));
        assert_eq!(app.detail.scroll, 0, "all on screen");
    }
    cmd(&mut app, Command::PrevMatch);
    assert_eq!(
        (app.current_match(), status(&app)),
        (Some(0), Some("match 1 of 5"))
    );
}

/// The last match is on the last page: the text cannot scroll it to the top, and `n` from there
/// must still wrap around to the first match.
#[test]
fn n_wraps_around_from_a_match_on_the_last_page() {
    // Matches on lines 9, 25 and 63; the last scroll position is 44.
    let mut app = long_app(&[9, 25, 63]);
    let steps = [
        (Command::NextMatch, 0, "match 1 of 3"),
        (Command::NextMatch, 25, "match 2 of 3"),
        (Command::NextMatch, 44, "match 3 of 3"),
        (Command::NextMatch, 9, "match 1 of 3"),
        (Command::PrevMatch, 44, "match 3 of 3"),
        (Command::PrevMatch, 25, "match 2 of 3"),
    ];
    for (i, (command, scroll, message)) in steps.into_iter().enumerate() {
        cmd(&mut app, command);
        assert_eq!(app.detail.scroll, scroll, "step {i}: {command:?}");
        assert_eq!(status(&app), Some(message), "step {i}: {command:?}");
    }
}

/// After `n`, whatever the status line says, one Esc clears the search.
#[test]
fn one_esc_after_n_clears_the_search() {
    let mut app = long_app(&[3, 30]);
    cmds(&mut app, &[Command::NextMatch, Command::NextMatch]);
    assert_eq!(status(&app), Some("match 2 of 2"));
    cmd(&mut app, Command::Back);
    assert!(app.search.query.is_empty());
    assert_eq!(shown(&app), [0, 1]);
}

#[test]
fn n_without_a_search_or_a_match_says_so() {
    let mut app = talks_app();
    cmd(&mut app, Command::NextMatch);
    assert_eq!(status(&app), Some("no search: press {} to search"));
    assert_eq!(
        app.status.as_ref().and_then(|s| s.key),
        Some(Command::Search),
        "the footer names the key"
    );
    assert_eq!(app.focus, Focus::List, "nothing to show in the detail");
    cmd(&mut app, Command::PrevMatch);
    assert_eq!(status(&app), Some("no search: press {} to search"));
    assert!(!app.status.as_ref().expect("a status").is_error);

    // No match in the text measured: said so.
    search_for(&mut app, "manoharajah");
    super::test_support::measure_with(&mut app, 10, Vec::new());
    cmd(&mut app, Command::NextMatch);
    assert_eq!(status(&app), Some("no match in this talk's text"));

    // Before the text is measured, the jump waits for it.
    app.detail.text = None;
    app.update(Command::NextMatch.into());
    assert_eq!((app.detail.scroll, status(&app)), (0, None));
    super::test_support::measure_with(&mut app, 30, vec![24]);
    assert_eq!(
        (app.detail.scroll, status(&app)),
        (10, Some("match 1 of 1"))
    );

    // Filters alone are not a search.
    let mut app = talks_app();
    cmds(
        &mut app,
        &[Command::Filters, Command::Toggle, Command::Back],
    );
    cmd(&mut app, Command::NextMatch);
    assert_eq!(status(&app), Some("no search: press {} to search"));
}

// ---------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------

/// The filter panel's values for [`talks`]: kinds, then tags.
const CHOICES: [(Facet, &str, usize); 5] = [
    (Facet::Kind, "keynote", 2),
    (Facet::Kind, "talk", 2),
    (Facet::Kind, "workshop", 1),
    (Facet::Tag, "hardware", 2),
    (Facet::Tag, "ml", 3),
];

#[test]
fn the_filter_panel_opens_and_its_cursor_moves() {
    let mut app = talks_app();
    cmd(&mut app, Command::Filters);
    let choices: Vec<(Facet, String, usize)> = filter_panel(&app)
        .choices
        .iter()
        .map(|c| (c.facet, c.value.clone(), c.count))
        .collect();
    let expected: Vec<(Facet, String, usize)> = CHOICES
        .iter()
        .map(|(f, v, n)| (*f, (*v).to_owned(), *n))
        .collect();
    assert_eq!(choices, expected);

    assert_eq!(filter_panel(&app).cursor, 0);
    assert_eq!(app.context(), Context::Filters);
    let steps = [
        (Command::Down, 1),
        (Command::Down, 2),
        (Command::Up, 1),
        (Command::Up, 0),
        (Command::Up, 0),
        (Command::Bottom, 4),
        (Command::Down, 4),
        (Command::PageUp, 0),
        (Command::PageDown, 4),
        (Command::Top, 0),
    ];
    for (command, cursor) in steps {
        assert_eq!(cmd(&mut app, command), None);
        assert_eq!(filter_panel(&app).cursor, cursor, "{command:?}");
    }
    assert_eq!(shown(&app), [0, 1, 2, 3, 4], "moving picks nothing");
    assert!(app.search.filters.is_empty());
    // `f` and Esc close it; opened again, it shares the values counted the first time.
    let first = std::sync::Arc::clone(&filter_panel(&app).choices);
    cmd(&mut app, Command::Filters);
    assert!(app.overlay.is_none());
    cmd(&mut app, Command::Filters);
    assert!(std::sync::Arc::ptr_eq(&first, &filter_panel(&app).choices));
    assert_eq!(
        filter_panel(&app).cursor,
        0,
        "a new panel starts at the top"
    );
    cmd(&mut app, Command::Back);
    assert!(app.overlay.is_none());
}

#[test]
fn filters_combine_as_and_across_facets_and_or_within_one() {
    let mut app = talks_app();
    cmd(&mut app, Command::Filters);
    // (cursor moves, then Toggle: the talks shown, and the picked values)
    let steps: [(&[Command], &[u32], &[&str]); 5] = [
        (&[], &[2, 3], &["kind: keynote"]),
        (&[Command::Down], &[0, 1, 2, 3], &["kind: keynote | talk"]),
        (
            &[Command::Bottom],
            &[1, 2, 3],
            &["kind: keynote | talk", "tag: ml"],
        ),
        (&[Command::Top], &[1], &["kind: talk", "tag: ml"]),
        (&[Command::Down], &[1, 2, 3], &["tag: ml"]),
    ];
    for (i, (moves, expected, summary)) in steps.into_iter().enumerate() {
        cmds(&mut app, moves);
        let (job, _) = cmd(&mut app, Command::Toggle).expect("a search");
        assert!(job.query.is_empty(), "step {i}");
        assert_eq!(job.filters, app.search.filters, "step {i}");
        assert_eq!(shown(&app), expected, "step {i}");
        assert_eq!(app.view.talk_count(), expected.len(), "step {i}");
        assert_eq!(app.search.filters.summary(), summary, "step {i}");
        assert!(
            matches!(app.overlay, Some(Overlay::Filters { .. })),
            "step {i}: the panel stays open"
        );
    }
    // Dropping the last filter shows every talk again, with no search.
    cmd(&mut app, Command::Bottom);
    assert_eq!(cmd(&mut app, Command::Toggle), None);
    assert!(app.search.filters.is_empty());
    assert_eq!(shown(&app), [0, 1, 2, 3, 4]);
    assert_eq!(app.search.progress, None);
}

#[test]
fn clearing_filters() {
    let mut app = talks_app();
    cmd(&mut app, Command::ClearFilters);
    assert_eq!(status(&app), Some("no filters to clear"));
    // From the panel (`c`), and from the list (`F`).
    cmds(&mut app, &[Command::Filters, Command::Down, Command::Down]);
    cmd(&mut app, Command::Toggle);
    assert_eq!(shown(&app), [4]);
    assert_eq!(
        cmd(&mut app, Command::ClearFilters),
        None,
        "no query: no search needed"
    );
    assert_eq!(status(&app), Some("filters cleared"));
    assert!(app.search.filters.is_empty());
    assert_eq!(shown(&app), [0, 1, 2, 3, 4]);
    assert_eq!(selected(&app), Some(4), "the talk selected stays selected");
    assert_eq!(filter_panel(&app).cursor, 2);
    cmd(&mut app, Command::ClearFilters);
    assert_eq!(status(&app), Some("no filters to clear"));

    cmds(&mut app, &[Command::Toggle, Command::Back]);
    assert_eq!(shown(&app), [4]);
    cmd(&mut app, Command::ClearFilters);
    assert_eq!(status(&app), Some("filters cleared"));
    assert_eq!(shown(&app), [0, 1, 2, 3, 4]);
    cmd(&mut app, Command::ClearFilters);
    assert_eq!(status(&app), Some("no filters to clear"));
}

#[test]
fn filters_combine_with_a_query() {
    let mut app = talks_app();
    search_for(&mut app, "wafer");
    assert_eq!(shown(&app), [2, 0, 4]);
    // tag: hardware
    cmds(&mut app, &[Command::Filters, Command::Bottom, Command::Up]);
    let (job, _) = cmd(&mut app, Command::Toggle).expect("a search");
    assert_eq!(job.query, Query::parse("wafer"));
    assert_eq!(
        job.candidates, None,
        "other filters: the old candidates do not apply"
    );
    assert_eq!(shown(&app), [2, 0], "ranked, and only the hardware talks");
    cmd(&mut app, Command::Back);
    // A longer query with the same filters narrows.
    cmds(&mut app, &[Command::Search, Command::HistoryPrev]);
    let (job, _) = act(&mut app, Action::Paste(" -keynote".into())).expect("a search");
    assert!(job.candidates.is_some());
    assert_eq!(shown(&app), [0]);
    cmds(&mut app, &[Command::Submit]);
    // Clearing the filters keeps the query.
    let (job, _) = cmd(&mut app, Command::ClearFilters).expect("a search");
    assert_eq!(job.query, Query::parse("wafer -keynote"));
    assert_eq!(shown(&app), [0, 4]);
    // Clearing the query keeps the filters.
    cmd(&mut app, Command::Filters);
    cmd(&mut app, Command::Toggle);
    cmd(&mut app, Command::Back);
    assert_eq!(app.search.filters.summary(), ["kind: keynote"]);
    assert!(shown(&app).is_empty());
    cmds(&mut app, &[Command::Search, Command::Back]);
    assert_eq!(shown(&app), [2, 3], "the keynotes, in program order");
}

// ---------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------

fn sat() -> jiff::civil::Date {
    date(2021, 2, 6)
}

fn sun() -> jiff::civil::Date {
    date(2021, 2, 7)
}

fn schedule_app() -> App {
    let (program, warnings) = crate::program::parse_str(SCHEDULE, Origin::File("days.toml".into()))
        .expect("the schedule loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    app_with(program)
}

fn rows(app: &App) -> Vec<Row> {
    (0..app.view.len())
        .filter_map(|p| app.view.row(p))
        .collect()
}

/// An instant given as a wall-clock time in Brussels.
fn brussels(text: &str) -> Timestamp {
    let tz = TimeZone::get("Europe/Brussels").expect("zone");
    crate::program::schedule::date_time(text, Some(&tz))
        .expect("a date-time")
        .timestamp()
}

#[test]
fn a_schedule_is_grouped_by_day_and_sorted_by_time_then_room() {
    let app = schedule_app();
    assert!(app.is_schedule());
    assert_eq!(
        rows(&app),
        [
            Row::Day(sat()),
            Row::Talk(TalkIx(3)),
            Row::Talk(TalkIx(5)),
            Row::Talk(TalkIx(0)),
            Row::Talk(TalkIx(4)),
            Row::Day(sun()),
            Row::Talk(TalkIx(2)),
            Row::Talk(TalkIx(6)),
            Row::Unscheduled,
            Row::Talk(TalkIx(1)),
        ]
    );
    assert_eq!(app.view.talk_count(), 7);
    assert_eq!(
        (app.list.selected, selected(&app)),
        (1, Some(3)),
        "the first talk, not a header"
    );
    // The talk at 01:30 on Sunday belongs to Saturday.
    assert_eq!(app.program.conference_day(4), Some(sat()));
    assert_eq!(
        app.program.day_label(4).as_deref(),
        Some("Saturday 2021-02-06")
    );
    assert_eq!(app.zone_label().as_deref(), Some("Europe/Brussels"));
}

#[test]
fn without_a_day_change_a_talk_after_midnight_starts_the_next_day() {
    let toml = SCHEDULE.replace("day_change = \"04:00\"\n", "");
    let (program, _) =
        crate::program::parse_str(&toml, Origin::File("days.toml".into())).expect("loads");
    let app = app_with(program);
    assert_eq!(
        rows(&app)[..7],
        [
            Row::Day(sat()),
            Row::Talk(TalkIx(3)),
            Row::Talk(TalkIx(5)),
            Row::Talk(TalkIx(0)),
            Row::Day(sun()),
            Row::Talk(TalkIx(4)),
            Row::Talk(TalkIx(2)),
        ]
    );
}

#[test]
fn list_navigation_never_selects_a_header() {
    let mut app = schedule_app();
    // Rows: 0 Saturday, 1..=4 talks, 5 Sunday, 6 and 7 talks, 8 Not scheduled, 9 a talk.
    let steps = [
        (Command::Down, 2),
        (Command::Down, 3),
        (Command::Down, 4),
        (Command::Down, 6),
        (Command::Down, 7),
        (Command::Down, 9),
        (Command::Down, 9),
        (Command::Up, 7),
        (Command::Up, 6),
        (Command::Up, 4),
        (Command::Top, 1),
        (Command::Up, 1),
        (Command::Bottom, 9),
        (Command::PageUp, 1),
        (Command::PageDown, 9),
        (Command::Top, 1),
    ];
    for (i, (command, position)) in steps.into_iter().enumerate() {
        cmd(&mut app, command);
        assert_eq!(app.list.selected, position, "step {i}: {command:?}");
        assert!(selected(&app).is_some(), "step {i}");
    }
    // A page is 19 rows: in a 6-row list it is 5, and it lands on talks only.
    super::test_support::set_panes(
        &mut app,
        Some(super::test_support::list_of(6)),
        Some(super::test_support::DETAIL),
    );
    let pages = [
        (Command::PageDown, 6),
        (Command::PageDown, 9),
        (Command::PageUp, 4),
    ];
    for (command, position) in pages {
        cmd(&mut app, command);
        assert_eq!(app.list.selected, position, "{command:?} at 80x10");
    }
}

#[test]
fn clicks_on_headers_select_nothing() {
    let mut app = schedule_app();
    // List rows start at y = 2: row y holds view position y - 2.
    let clicks = [(4, 2), (2, 2), (7, 2), (8, 6), (10, 6), (11, 9), (12, 9)];
    for (y, position) in clicks {
        app.update(Action::Click { column: 5, row: y });
        assert_eq!(app.list.selected, position, "click on y = {y}");
        assert!(selected(&app).is_some());
    }
}

#[test]
fn the_clock_marks_the_talks_running_now_and_next() {
    use Marker::{Next, None as No, Now};
    let mut app = schedule_app();
    let markers =
        |app: &App| -> Vec<Marker> { app.program.talks.iter().map(|t| app.marker(t)).collect() };
    assert_eq!(markers(&app), [No; 7], "no clock yet");
    // (time in Brussels, the marker of talks 0..=6)
    let cases: [(&str, [Marker; 7]); 6] = [
        ("2021-02-06T09:00", [No, No, No, Next, No, No, No]),
        ("2021-02-06T09:30", [Next, No, No, Now, No, Next, No]),
        ("2021-02-06T09:55", [Next, No, No, No, No, Next, No]),
        ("2021-02-06T10:15", [Now, No, No, No, Next, Now, No]),
        ("2021-02-07T02:00", [No, No, Next, No, Now, No, No]),
        ("2021-02-07T18:00", [No; 7]),
    ];
    for (time, expected) in cases {
        app.update(Action::Tick(brussels(time)));
        assert_eq!(app.clock.now, Some(brussels(time)));
        assert_eq!(markers(&app), expected, "{time}");
    }
}

#[test]
fn jumping_to_the_talk_running_now() {
    let mut app = schedule_app();
    cmd(&mut app, Command::JumpNow);
    assert_eq!(status(&app), Some("the time is not known yet"));
    // (time in Brussels, the row selected, the status)
    let cases = [
        ("2021-02-06T10:15", 2, "running now"),
        (
            "2021-02-06T11:00",
            4,
            "nothing is running now; this comes next",
        ),
        ("2021-02-07T02:00", 4, "running now"),
        (
            "2021-02-07T05:00",
            6,
            "nothing is running now; this comes next",
        ),
        ("2021-02-07T17:05", 7, "running now"),
        (
            "2021-02-08T12:00",
            7,
            "nothing is running now, and nothing comes next",
        ),
    ];
    for (time, position, message) in cases {
        app.update(Action::Tick(brussels(time)));
        cmds(&mut app, &[Command::Top, Command::FocusDetail]);
        cmd(&mut app, Command::JumpNow);
        let moved = message != "nothing is running now, and nothing comes next";
        let position = if moved { position } else { 1 };
        assert_eq!(app.list.selected, position, "{time}");
        assert_eq!(status(&app), Some(message), "{time}");
        assert_eq!(
            app.focus,
            if moved { Focus::List } else { Focus::Detail },
            "{time}"
        );
    }
    // Without times there is nothing to jump to.
    let mut app = talks_app();
    app.update(Action::Tick(brussels("2021-02-06T10:15")));
    cmd(&mut app, Command::JumpNow);
    assert_eq!(status(&app), Some("this program has no times"));
}

#[test]
fn schedule_facets_filter_and_keep_the_day_headers() {
    let mut app = schedule_app();
    cmd(&mut app, Command::Filters);
    let choices: Vec<(Facet, String, usize)> = filter_panel(&app)
        .choices
        .iter()
        .map(|c| (c.facet, c.value.clone(), c.count))
        .collect();
    let expected = [
        (Facet::Day, "Saturday 2021-02-06", 4),
        (Facet::Day, "Sunday 2021-02-07", 2),
        (Facet::Track, "Go", 1),
        (Facet::Track, "Keynotes", 3),
        (Facet::Track, "Lightning", 1),
        (Facet::Track, "Rust", 1),
        (Facet::Track, "Social", 1),
        (Facet::Room, "Bar", 1),
        (Facet::Room, "H.2215", 1),
        (Facet::Room, "Janson", 3),
        (Facet::Room, "K.1.105", 1),
    ];
    let expected: Vec<(Facet, String, usize)> = expected
        .iter()
        .map(|(f, v, n)| (*f, (*v).to_owned(), *n))
        .collect();
    assert_eq!(choices, expected);

    let keynotes = vec![
        Row::Day(sat()),
        Row::Talk(TalkIx(3)),
        Row::Day(sun()),
        Row::Talk(TalkIx(2)),
        Row::Talk(TalkIx(6)),
    ];
    let mut with_lightning = keynotes.clone();
    with_lightning.extend([Row::Unscheduled, Row::Talk(TalkIx(1))]);
    // (cursor moves, then Toggle: the rows)
    let steps: [(&[Command], Vec<Row>); 5] = [
        // track: Keynotes
        (
            &[Command::Down, Command::Down, Command::Down],
            keynotes.clone(),
        ),
        // or track: Lightning, which has no time
        (&[Command::Down], with_lightning),
        // and day: Sunday
        (
            &[Command::Top, Command::Down],
            vec![Row::Day(sun()), Row::Talk(TalkIx(2)), Row::Talk(TalkIx(6))],
        ),
        // or day: Saturday
        (&[Command::Up], keynotes.clone()),
        // and room: Janson
        (&[Command::Bottom, Command::Up], keynotes),
    ];
    for (i, (moves, expected)) in steps.into_iter().enumerate() {
        cmds(&mut app, moves);
        let before = selected(&app);
        cmd(&mut app, Command::Toggle).expect("a search");
        assert_eq!(rows(&app), expected, "step {i}");
        let first = expected.iter().find_map(|r| match r {
            Row::Talk(t) => Some(t.index()),
            Row::Day(_) | Row::Unscheduled => None,
        });
        let kept = before.filter(|&t| expected.contains(&Row::Talk(TalkIx::from_index(t))));
        assert_eq!(
            selected(&app),
            kept.or(first),
            "step {i}: the selected talk stays selected while the filter keeps it"
        );
    }
    assert_eq!(
        app.search.filters.summary(),
        [
            "day: Saturday 2021-02-06 | Sunday 2021-02-07",
            "track: Keynotes | Lightning",
            "room: Janson"
        ]
    );
    // A search over a schedule keeps its shape: the results under their day headers in
    // time order, the best match selected; `r` lists them by rank without headers, and back.
    cmds(&mut app, &[Command::ClearFilters, Command::Back]);
    search_for(&mut app, "keynote");
    let by_day = [
        Row::Day(sat()),
        Row::Talk(TalkIx(3)),
        Row::Day(sun()),
        Row::Talk(TalkIx(2)),
        Row::Talk(TalkIx(6)),
    ];
    assert_eq!(rows(&app), by_day);
    assert_eq!(selected(&app), Some(2), "the best match");
    cmd(&mut app, Command::ToggleRank);
    assert_eq!(
        rows(&app),
        [
            Row::Talk(TalkIx(2)),
            Row::Talk(TalkIx(3)),
            Row::Talk(TalkIx(6))
        ]
    );
    assert_eq!(selected(&app), Some(2), "the selection stays");
    assert_eq!(status(&app), Some("results by relevance"));
    cmd(&mut app, Command::ToggleRank);
    assert_eq!(rows(&app), by_day);
    // The order chosen holds for the next search.
    cmd(&mut app, Command::ToggleRank);
    search_for(&mut app, "janson");
    assert_eq!(shown(&app), [2, 3, 6]);
}

#[test]
fn a_search_matches_days_rooms_and_tracks() {
    let cases: &[(&str, &[u32])] = &[
        ("janson", &[2, 3, 6]),
        ("saturday", &[0, 3, 4, 5]),
        ("sunday", &[2, 6]),
        ("rust", &[0]),
        ("k.1.105", &[0]),
        ("social", &[4]),
    ];
    for (query, expected) in cases {
        let mut app = schedule_app();
        app.search.by_rank = true;
        search_for(&mut app, query);
        assert_eq!(shown(&app), *expected, "{query:?}");
        assert!(
            rows(&app).iter().all(|r| matches!(r, Row::Talk(_))),
            "no headers"
        );
    }
}

#[test]
fn a_new_filter_searches_everything_then_narrowing_starts_again() {
    let mut app = talks_app();
    cmd(&mut app, Command::Search);
    type_text(&mut app, "waf");
    cmd(&mut app, Command::Submit);
    // kind: talk
    cmds(&mut app, &[Command::Filters, Command::Down]);
    let (job, _) = cmd(&mut app, Command::Toggle).expect("a search");
    assert_eq!(job.query, Query::parse("waf"));
    assert_eq!(job.candidates, None);
    assert_eq!(shown(&app), [0]);
    cmds(
        &mut app,
        &[Command::Back, Command::Search, Command::HistoryPrev],
    );
    let (job, reports) = act(&mut app, Action::Insert('e')).expect("a search");
    assert_eq!(job.candidates, None, "\"waf\" to \"wafe\" does not narrow");
    assert_eq!(
        app.update(Action::Insert(' ')),
        None,
        "a space alone changes nothing"
    );
    let (job, _) = act(&mut app, Action::Insert('c')).expect("a search");
    assert_eq!(
        candidates(&job),
        Some(near_of(&reports)),
        "narrowed under the filter"
    );
    assert_eq!(shown(&app), [0]);
    // A narrowed search under the filter finds what a fresh one does.
    let mut fresh = talks_app();
    fresh.search.filters = app.search.filters.clone();
    let effect = fresh.start_search("wafer");
    let (job, _) = settle(&mut fresh, effect).expect("a search");
    assert_eq!(job.candidates, None);
    assert_eq!(shown(&fresh), [0]);
}

#[test]
fn esc_in_the_list_drops_the_search_and_keeps_the_talk() {
    let mut app = talks_app();
    search_for(&mut app, "wafer");
    cmd(&mut app, Command::Down);
    let chosen = selected(&app);
    assert!(app.overlay.is_none());
    // From the detail, Esc first goes back to the list; the search stays.
    cmds(&mut app, &[Command::Select, Command::Back]);
    assert_eq!(
        (app.focus, app.search.query.is_empty()),
        (Focus::List, false)
    );
    cmd(&mut app, Command::Back);
    assert_eq!(shown(&app), [0, 1, 2, 3, 4]);
    assert_eq!(selected(&app), chosen);
    assert_eq!(app.search.input.text(), "");
    // Without a search, Esc in the list changes nothing.
    cmd(&mut app, Command::Back);
    assert_eq!((shown(&app), selected(&app)), (vec![0, 1, 2, 3, 4], chosen));
}

/// With a filter on, cancelling a search still comes back to the talk selected before it,
/// and picking a filter value keeps the selected talk when the filter keeps it.
#[test]
fn filters_keep_the_selected_talk() {
    let mut app = talks_app();
    // tag: ml (the fifth value).
    cmds(
        &mut app,
        &[
            Command::Filters,
            Command::Bottom,
            Command::Toggle,
            Command::Filters,
        ],
    );
    let ml = shown(&app);
    assert_eq!(ml.len(), 3);
    cmd(&mut app, Command::Down);
    let chosen = selected(&app);
    assert_eq!(chosen, Some(ml[1] as usize));
    cmd(&mut app, Command::Search);
    type_text(&mut app, "a");
    cmd(&mut app, Command::Back);
    assert_eq!((shown(&app), selected(&app)), (ml.clone(), chosen));
    // kind: keynote or talk or workshop: every kind, so the view keeps the talk.
    cmds(&mut app, &[Command::Filters, Command::Top, Command::Toggle]);
    cmds(
        &mut app,
        &[
            Command::Down,
            Command::Toggle,
            Command::Down,
            Command::Toggle,
        ],
    );
    assert_eq!((shown(&app), selected(&app)), (ml, chosen));
}

/// In a list narrowed to one track, `.` finds that track's next talk, not the program's.
#[test]
fn jumping_to_now_in_a_narrowed_list() {
    let mut app = schedule_app();
    search_for(&mut app, "keynote");
    // Saturday 11:00: the program's next talks (Late night hacking, 01:30) are not in the list;
    // the keynotes' next one is Sunday's at 09:00.
    app.update(Action::Tick(brussels("2021-02-06T11:00")));
    cmd(&mut app, Command::JumpNow);
    assert_eq!(
        status(&app),
        Some("nothing is running now; this comes next")
    );
    assert_eq!(
        app.selected_talk().map(|t| t.title.as_str()),
        Some("Sunday keynote")
    );
}

/// Without a program time zone, talks written with different offsets each keep theirs, and
/// the header says so instead of naming one zone.
#[test]
fn mixed_offsets_without_a_program_zone() {
    let src = concat!(
        "[program]\ntitle = \"P\"\n",
        "[[talks]]\ntitle = \"A\"\nstart = \"2021-02-06T10:00+02:00\"\n",
        "[[talks]]\ntitle = \"B\"\nstart = \"2021-02-06T10:00-04:00\"\n",
    );
    let (program, _) =
        crate::program::parse_str(src, crate::program::Origin::BuiltIn).expect("loads");
    let app = App::new(program);
    assert_eq!(
        app.zone_label().as_deref(),
        Some("as written for each talk")
    );
    let same = concat!(
        "[program]\ntitle = \"P\"\n",
        "[[talks]]\ntitle = \"A\"\nstart = \"2021-02-06T10:00+02:00\"\n",
    );
    let (program, _) =
        crate::program::parse_str(same, crate::program::Origin::BuiltIn).expect("loads");
    assert_eq!(App::new(program).zone_label().as_deref(), Some("UTC+02"));
}

/// `]` and `[` go to the first talk of the next and previous day, in the list by day and in
/// results by relevance; at the ends they say there is no other day.
#[test]
fn brackets_jump_between_days() {
    let mut app = schedule_app();
    // Sat: 3 5 0 4, Sun: 2 6, no time: 1.
    let steps = [
        (Command::NextDay, Some(2), None),
        (Command::NextDay, Some(1), None),
        (Command::NextDay, Some(1), Some("no later day")),
        (Command::PrevDay, Some(2), None),
        (Command::PrevDay, Some(3), None),
        (Command::PrevDay, Some(3), Some("no earlier day")),
    ];
    for (i, (command, talk, message)) in steps.into_iter().enumerate() {
        cmd(&mut app, command);
        assert_eq!((selected(&app), status(&app)), (talk, message), "step {i}");
    }
    // From the middle of a day, `[` goes to the start of the day before, not of this day.
    cmds(&mut app, &[Command::NextDay, Command::Down]);
    assert_eq!(selected(&app), Some(6));
    cmd(&mut app, Command::PrevDay);
    assert_eq!(selected(&app), Some(3));
    // The day's header shows above its first talk.
    cmd(&mut app, Command::NextDay);
    assert_eq!(app.list.offset + 1, app.list.selected);
    // In results by relevance, days follow the list's order.
    app.search.by_rank = true;
    search_for(&mut app, "keynote");
    assert_eq!(shown(&app), [2, 3, 6]);
    cmds(&mut app, &[Command::Top, Command::NextDay]);
    assert_eq!(selected(&app), Some(3));
    cmd(&mut app, Command::NextDay);
    assert_eq!(selected(&app), Some(6));
    cmd(&mut app, Command::PrevDay);
    assert_eq!(selected(&app), Some(3));
    // A program without times has no days.
    let mut app = talks_app();
    cmd(&mut app, Command::NextDay);
    assert_eq!(status(&app), Some("this program has no days"));
}

/// The panel's counts follow the other facets' picks; `/` narrows the values by text, and
/// keys typed then are text, not moves.
#[test]
fn filter_counts_follow_the_other_facets_and_typing_narrows_the_values() {
    let mut app = schedule_app();
    cmd(&mut app, Command::Filters);
    let counts = |app: &App| -> Vec<(String, usize)> {
        let panel = filter_panel(app);
        panel
            .shown
            .iter()
            .map(|&i| (panel.choices[i].value.clone(), panel.counts[i]))
            .collect()
    };
    let pairs = |list: &[(&str, usize)]| -> Vec<(String, usize)> {
        list.iter().map(|(v, n)| ((*v).to_owned(), *n)).collect()
    };
    // track: Keynotes (the fourth value).
    cmds(&mut app, &[Command::Down, Command::Down, Command::Down]);
    assert_eq!(
        filter_panel(&app).current().map(|c| c.value.as_str()),
        Some("Keynotes")
    );
    cmd(&mut app, Command::Toggle);
    assert_eq!(
        counts(&app),
        pairs(&[
            ("Saturday 2021-02-06", 1),
            ("Sunday 2021-02-07", 2),
            // The track's own values still count every talk: picks within a facet add up.
            ("Go", 1),
            ("Keynotes", 3),
            ("Lightning", 1),
            ("Rust", 1),
            ("Social", 1),
            ("Bar", 0),
            ("H.2215", 0),
            ("Janson", 3),
            ("K.1.105", 0),
        ])
    );
    // Narrowing: `/`, then typed text (`j` is text here, not a move).
    cmd(&mut app, Command::Search);
    assert_eq!(app.context(), Context::Search);
    type_text(&mut app, "j");
    assert_eq!(counts(&app), pairs(&[("Janson", 3)]));
    cmd(&mut app, Command::DeleteBack);
    type_text(&mut app, "ROOM");
    assert_eq!(
        counts(&app),
        pairs(&[("Bar", 0), ("H.2215", 0), ("Janson", 3), ("K.1.105", 0)]),
        "a facet's name shows all its values"
    );
    // The highlighted value stays highlighted while it shows. Enter gives the keys back to
    // the panel: `j` moves, Space picks.
    assert_eq!(
        filter_panel(&app).current().map(|c| c.value.as_str()),
        Some("Janson")
    );
    cmd(&mut app, Command::Submit);
    assert_eq!(app.context(), Context::Filters);
    cmds(&mut app, &[Command::Up, Command::Down, Command::Toggle]);
    assert_eq!(
        app.search.filters.summary(),
        ["track: Keynotes", "room: Janson"]
    );
    // Esc while typing drops the text: every value again.
    cmds(&mut app, &[Command::Search, Command::Back]);
    assert_eq!(filter_panel(&app).shown.len(), 11);
    assert_eq!(app.context(), Context::Filters);
}
