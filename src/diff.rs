//! `lectern diff OLD NEW`: what changed between two versions of a program (files or web
//! addresses, program files or schedules), one line per talk, or as JSON. The comparison is
//! [`crate::changes`]; this module loads the two sides and prints.
//!
//! Exit status, as diff(1): 0 when nothing changed, 1 when something did, 2 when a side cannot
//! be loaded.

use std::io::Write as _;
use std::process::ExitCode;

use crate::changes::{self, Change, ChangeKind, Counts, Field};
use crate::fetch::Limits;
use crate::program::Program;
use crate::source::Source;
use crate::source::remote::Mode;

/// The options of `lectern diff`.
#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    /// The older version: a program file, a schedule, or an http(s) address of one.
    pub old: String,
    /// The newer version.
    pub new: String,
    /// How to print the changes.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
}

/// The `--format` values of `lectern diff`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DiffFormat {
    /// One line per talk: `+` new, `-` cancelled, `~` changed, and a count at the end.
    Text,
    /// A JSON array of changes.
    Json,
}

/// Runs `lectern diff`.
pub fn run(args: &DiffArgs, mode: Mode) -> ExitCode {
    let limits = Limits::from_env();
    let load = |arg: &str| -> Result<Program, String> {
        let source = Source::from_arg(arg).map_err(|e| e.to_string())?;
        let opened = source.open(mode, &limits).map_err(|e| e.to_string())?;
        if let Some(note) = &opened.offline {
            let _ = writeln!(
                std::io::stderr(),
                "{}: {}",
                crate::sanitize::visible(arg),
                note.explained()
            );
        }
        Ok(opened.loaded.into_browsed().0)
    };
    let (old, new) = match (load(&args.old), load(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(std::io::stderr(), "{e}");
            return ExitCode::from(2);
        }
    };
    let found = changes::compare(&old, &new);
    let text = match args.format {
        DiffFormat::Text => text(&found),
        DiffFormat::Json => json(&found),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    if found.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn text(found: &[Change]) -> String {
    let mut out = String::new();
    for change in found {
        out.push_str(&change.line());
        out.push('\n');
    }
    if !found.is_empty() {
        out.push_str(&Counts::of(found).to_string());
        out.push('\n');
    }
    out
}

fn json(found: &[Change]) -> String {
    let items: Vec<serde_json::Value> = found
        .iter()
        .map(|change| {
            let (kind, fields) = match &change.kind {
                ChangeKind::New => ("new", Vec::new()),
                ChangeKind::Cancelled => ("cancelled", Vec::new()),
                ChangeKind::Changed(fields) => (
                    if change.moved() { "moved" } else { "changed" },
                    fields.iter().map(field_json).collect(),
                ),
            };
            serde_json::json!({
                "id": change.id,
                "title": change.title,
                "change": kind,
                "fields": fields,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_default();
    text.push('\n');
    text
}

fn field_json(field: &Field) -> serde_json::Value {
    match field {
        Field::Day { from, to } => serde_json::json!({"field": "day", "from": from, "to": to}),
        Field::Time { from, to } => serde_json::json!({"field": "time", "from": from, "to": to}),
        Field::Room { from, to } => serde_json::json!({"field": "room", "from": from, "to": to}),
        Field::Title => serde_json::json!({"field": "title"}),
        Field::Speakers => serde_json::json!({"field": "speakers"}),
        Field::Abstract => serde_json::json!({"field": "abstract"}),
    }
}
