//! Drawing: a program from the input's text, on a screen whose size comes from its first two
//! bytes; no drawn cell holds a character the sanitizer would not keep.
#![no_main]

use lectern::app::App;
use lectern::program::{Origin, parse_str};
use lectern::sanitize::is_clean;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|data: &[u8]| {
    let [w, h, rest @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok((program, _)) = parse_str(text, Origin::File("p.toml".into())) else {
        return;
    };
    let (width, height) = (u16::from(*w), u16::from(*h) / 2);
    let mut app = App::new(program);
    let mut ui = lectern::ui::Ui::default();
    let ctx = lectern::context::AppContext::default();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| lectern::ui::draw(&mut app, &mut ui, &ctx, f))
        .expect("draw");
    for cell in &terminal.backend().buffer().content {
        assert!(
            is_clean(cell.symbol()) && !cell.symbol().contains('\n'),
            "{:?}",
            cell.symbol()
        );
    }
});
