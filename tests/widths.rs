//! Every character the sanitizer lets through is drawn by terminals at the width ratatui
//! measures, or wider by ratatui's measure only.
//!
//! ratatui lays text out with `unicode-width`; terminals advance the cursor by their own
//! table, glibc's `wcwidth` for most. A character ratatui measures narrower than the terminal
//! draws it shifts the rest of its row: a program could push its text into the next pane, or
//! move a border. (The other way round is harmless: after a cell ratatui thinks wide, it moves
//! the cursor to the next cell explicitly.) This test asks glibc, in the C.UTF-8 locale, about
//! every Unicode scalar value the sanitizer keeps.

use std::ffi::CStr;

use unicode_width::UnicodeWidthStr as _;

#[expect(unsafe_code, reason = "wcwidth is the C library's own interface")]
unsafe extern "C" {
    /// glibc's column width of a wide character: -1 for one it does not know as printable.
    fn wcwidth(c: libc::wchar_t) -> libc::c_int;
}

/// Sets the C library's character type to UTF-8, as in a terminal's UTF-8 locale.
#[expect(unsafe_code, reason = "setlocale is the C library's own interface")]
fn utf8_locale() {
    for name in [c"C.UTF-8", c"C.utf8", c"en_US.UTF-8"] {
        let name: &CStr = name;
        // SAFETY: a valid NUL-terminated name; no other thread of this test binary calls
        // into the C library's locale functions.
        if !unsafe { libc::setlocale(libc::LC_CTYPE, name.as_ptr()) }.is_null() {
            return;
        }
    }
    panic!("no UTF-8 locale (C.UTF-8) on this machine: the widths cannot be checked");
}

#[expect(unsafe_code, reason = "wcwidth is the C library's own interface")]
fn terminal_width(c: char) -> i32 {
    let c = libc::wchar_t::try_from(u32::from(c)).expect("a Unicode scalar fits a wchar_t");
    // SAFETY: wcwidth takes any value and only reads the locale's tables.
    unsafe { wcwidth(c) }
}

/// True when the sanitizer passes `c` through unchanged, inside a word.
fn kept(c: char) -> bool {
    let s = format!("a{c}b");
    lectern::sanitize::line(&s) == s && lectern::sanitize::text(&s) == s
}

#[test]
fn no_kept_character_is_drawn_wider_than_ratatui_measures_it() {
    utf8_locale();
    // The locale really is UTF-8: a wide CJK character and a combining accent.
    assert_eq!((terminal_width('東'), terminal_width('\u{301}')), (2, 0));
    let mut narrower = Vec::new();
    let mut wider = 0;
    let mut unknown = 0;
    let mut unknown_zero = 0;
    for c in (0..=0x10_FFFF)
        .filter_map(char::from_u32)
        .filter(|&c| kept(c))
    {
        let measured = c.to_string().width();
        let drawn = terminal_width(c);
        match usize::try_from(drawn) {
            // Not printable to glibc: unassigned in its Unicode version (glibc 2.36 knows
            // Unicode 14; marks added since are zero-width to newer ones), or private use.
            // Terminals differ on these, so they are counted, not judged.
            Err(_) if measured == 0 => unknown_zero += 1,
            Err(_) => unknown += 1,
            Ok(drawn) if measured < drawn => {
                narrower.push(format!("U+{:04X} {measured} < {drawn}", u32::from(c)));
            }
            Ok(drawn) if measured > drawn => wider += 1,
            Ok(_) => {}
        }
    }
    eprintln!(
        "kept characters measured wider than glibc draws them: {wider}; unknown to glibc: \
         {unknown}, of which ratatui measures {unknown_zero} as zero-width"
    );
    assert!(
        narrower.is_empty(),
        "{} kept characters are measured narrower than terminals draw them \
         (unicode-width < wcwidth): {narrower:?}",
        narrower.len()
    );
}
