//! The importers (XML, JSON, iCalendar, with their HTML and Markdown conversion): any text;
//! nothing panics, strings are clean, and the program written loads back with its talks.
#![no_main]

use lectern::import::{Options, import_str};
use lectern::program::{Origin, parse_str, to_toml};
use lectern::sanitize::is_clean;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match import_str(text, &Options::default(), Origin::File("fuzz".into())) {
        Ok(imported) => {
            let program = &imported.program;
            for talk in &program.talks {
                assert!(is_clean(&talk.title) && is_clean(&talk.id));
                if let Some(a) = &talk.abstract_text {
                    assert!(is_clean(a), "{a:?}");
                }
            }
            assert!(imported.summary.to_string().lines().all(is_clean));
            let written = to_toml(program);
            let (loaded, _) = parse_str(&written, Origin::File("p.toml".into()))
                .unwrap_or_else(|e| panic!("the written program does not load: {e}\n{written}"));
            assert_eq!(loaded.talks.len(), program.talks.len());
        }
        Err(e) => assert!(e.to_string().lines().all(is_clean)),
    }
});
