//! Text as the speaker wrote it: a nested list and a code block in a schedule's HTML come out
//! of the import as kept lines, and the program file written from them loads back the same.

use lectern::import::{self, Options};
use lectern::program::Origin;

use super::round_trip;

const SCHEDULE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Code Day</title><acronym>codeday</acronym></conference>
  <day index="1" date="2021-02-06">
    <room name="A">
      <event id="1">
        <start>10:00</start>
        <duration>00:30</duration>
        <room>A</room>
        <title>Lists and code</title>
        <description>&lt;p&gt;You need:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;a laptop&lt;ul&gt;&lt;li&gt;with Rust&lt;ul&gt;&lt;li&gt;stable&lt;/li&gt;&lt;/ul&gt;&lt;/li&gt;&lt;/ul&gt;&lt;/li&gt;&lt;li&gt;patience&lt;/li&gt;&lt;/ul&gt;&lt;pre&gt;fn main() {
    println!("hi");
}&lt;/pre&gt;&lt;p&gt;That is all.&lt;/p&gt;</description>
      </event>
    </room>
  </day>
</schedule>
"#;

#[test]
fn lists_and_code_survive_the_program_file() {
    let imported = import::import_str(SCHEDULE, &Options::default(), Origin::BuiltIn)
        .unwrap_or_else(|e| panic!("{e}"));
    let talk = &imported.program.talks[0];
    assert_eq!(
        talk.abstract_text.as_deref(),
        Some(
            "You need:\n\n- a laptop\n  - with Rust\n    - stable\n- patience\n\n    \
             fn main() {\n        println!(\"hi\");\n    }\n\nThat is all."
        )
    );
    let written = round_trip(&imported.program);
    assert!(
        written.contains("\n  - with Rust\n    - stable\n"),
        "{written}"
    );
}
