//! Screens drawn with each theme, with and without colour: every screen state draws, and
//! without colour no cell has a colour while the selection is still reversed and search
//! matches are still marked.

mod common;

use common::{Screen, built_in, run, type_text};
use lectern::action::Command;
use lectern::app::App;
use lectern::config::Config;
use lectern::theme::ThemeName;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// The screens to look at: the list, a search with matches, the help, the filter panel.
fn screens(config: &Config, colour: bool) -> Vec<(&'static str, Buffer)> {
    // The context from the first frame on: the detail's wrapped text keeps its styles.
    let mut screen = Screen {
        app: App::new(built_in()),
        ui: lectern::ui::Ui::default(),
        ctx: config.app_context(colour),
        size: (100, 30),
    };
    let mut out = vec![("list", screen.frame().backend().buffer().clone())];
    run(&mut screen, &[Command::Search]);
    type_text(&mut screen, "training");
    run(&mut screen, &[Command::Submit]);
    out.push(("search", screen.frame().backend().buffer().clone()));
    run(&mut screen, &[Command::ToggleHelp]);
    out.push(("help", screen.frame().backend().buffer().clone()));
    run(&mut screen, &[Command::ToggleHelp, Command::Filters]);
    out.push(("filters", screen.frame().backend().buffer().clone()));
    out
}

#[test]
fn without_colour_no_cell_has_one_and_the_marks_stay() {
    for theme in ThemeName::all() {
        let config =
            Config::parse(&format!("theme = \"{}\"", theme.name()), "c.toml").expect("a theme");
        for (name, buffer) in screens(&config, false) {
            for cell in buffer.content() {
                assert_eq!(
                    (cell.fg, cell.bg, cell.underline_color),
                    (Color::Reset, Color::Reset, Color::Reset),
                    "{theme:?} {name}: {cell:?}"
                );
            }
            let reversed = buffer
                .content()
                .iter()
                .filter(|c| c.modifier.contains(Modifier::REVERSED))
                .count();
            assert!(reversed > 0, "{theme:?} {name}: nothing reversed");
            if name == "search" {
                let marked = buffer
                    .content()
                    .iter()
                    .filter(|c| c.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD));
                assert!(
                    marked.count() >= "training".len(),
                    "{theme:?}: matches unmarked"
                );
            }
        }
        // In colour the same screens have colours (mono excepted: it has none).
        let coloured = screens(&config, true).iter().any(|(_, b)| {
            b.content()
                .iter()
                .any(|c| c.fg != Color::Reset || c.bg != Color::Reset)
        });
        assert_eq!(coloured, theme != ThemeName::Mono, "{theme:?}");
    }
}

#[test]
fn a_colour_role_reaches_the_screen() {
    let pink = Color::Rgb(0xff, 0x00, 0x99);
    let config = Config::parse(
        "[colors]\nmatch = \"#ff0099\"\nbar = \"#ff0099\"\n",
        "c.toml",
    )
    .expect("colours");
    let shown = screens(&config, true);
    let (_, search) = &shown[1];
    // The header and footer bars, and the matches between them.
    assert_eq!((search[(0, 0)].bg, search[(99, 29)].bg), (pink, pink));
    let matches = (1..29)
        .flat_map(|y| (0..100).map(move |x| (x, y)))
        .filter(|&xy| search[xy].bg == pink)
        .count();
    assert!(matches >= "training".len(), "{matches}");
    let (_, list) = &shown[0];
    assert!(
        (1..29).all(|y| (0..100).all(|x| list[(x, y)].bg != pink)),
        "no search, no match"
    );
}
