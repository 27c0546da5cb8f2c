//! The program loader: any text; nothing panics, and every string kept and every message
//! shown is clean.
#![no_main]

use lectern::program::{Origin, parse_str};
use lectern::sanitize::is_clean;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match parse_str(text, Origin::File("fuzz.toml".into())) {
        Ok((program, warnings)) => {
            for talk in &program.talks {
                for s in [&talk.id, &talk.title] {
                    assert!(is_clean(s), "{s:?}");
                }
                for s in [&talk.abstract_text, &talk.slides, &talk.kind]
                    .into_iter()
                    .flatten()
                {
                    assert!(is_clean(s), "{s:?}");
                }
            }
            for w in warnings {
                assert!(w.render("p").lines().all(is_clean));
            }
        }
        Err(e) => assert!(e.to_string().lines().all(is_clean)),
    }
});
