//! `lectern show [PROGRAM] QUERY`: the talks a search finds, printed for a reader or another
//! tool instead of browsed. The query is an exact talk id, or words as typed after `/` in the
//! browser, matched and ranked by the same [`crate::search`] code, run on this thread.
//!
//! Exit status: 0 when something matched, 1 when nothing did or the program does not load,
//! 2 for a usage error.

use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::program::{Program, Talk, TalkIx};
use crate::search::{self, Filters, Found, Index, Matching, Prepared, Query};

/// The options of `lectern show`.
#[derive(Debug, Clone, clap::Args)]
pub struct ShowArgs {
    /// The program (optional, as when browsing) and the query: a talk id, or words as after `/`.
    #[arg(required = true, num_args = 1..=2, value_names = ["PROGRAM", "QUERY"])]
    pub words: Vec<String>,
    /// Wrap text to this many columns. Default: the terminal's width, else 80.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    /// How to print the talks.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// The `--format` values of `lectern show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// Plain text, wrapped
    Text,
    /// Markdown
    Markdown,
    /// A JSON array of talks
    Json,
}

/// A program as the browser loads it, with its first status line; the error is the message.
pub type Loader<'a> = &'a dyn Fn(Option<&Path>) -> Result<(Program, Option<String>), String>;

/// Runs `lectern show`, loading the program with `load`.
pub fn run(args: &ShowArgs, load: Loader<'_>) -> ExitCode {
    let (path, query) = match args.words.as_slice() {
        [query] => (None, query.as_str()),
        [path, query] => (Some(PathBuf::from(path)), query.as_str()),
        _ => return ExitCode::from(2),
    };
    let program = match load(path.as_deref()) {
        Ok((program, _)) => program,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{e}");
            return ExitCode::from(1);
        }
    };
    let found = find(&program, query);
    if found.is_empty() {
        let _ = writeln!(
            std::io::stderr(),
            "lectern: no talk matches {:?}",
            crate::sanitize::visible(query)
        );
        return ExitCode::from(1);
    }
    let width = args.width.map_or_else(terminal_width, usize::from);
    let out = match args.format {
        ShowFormat::Text => text(&program, &found, width),
        ShowFormat::Markdown => markdown(&program, &found),
        ShowFormat::Json => json(&program, &found),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "lectern: cannot write: {e}");
            ExitCode::from(1)
        }
    }
}

/// The terminal's width when stdout is one, else 80.
fn terminal_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((columns, _)) = crossterm::terminal::size()
        && columns > 0
    {
        return usize::from(columns);
    }
    80
}

/// The talks `query` names: the one whose id it is, else those its words match, best first.
pub fn find(program: &Program, query: &str) -> Vec<usize> {
    if let Some(i) = program.talks.iter().position(|t| t.id == query) {
        return vec![i];
    }
    let query = Query::parse(query);
    if query.is_empty() {
        return Vec::new();
    }
    let index = Index::new(program);
    let prepared = Prepared::new(&query);
    let all: Vec<TalkIx> = (0..program.talks.len()).map(TalkIx::from_index).collect();
    let mut found = Found::default();
    search::search(
        &index,
        program,
        &prepared,
        &Filters::default(),
        &all,
        &mut Matching::default(),
        &mut found,
    );
    search::rank(&mut found.hits);
    found.hits.iter().map(|h| h.talk.index()).collect()
}

/// Start and end of talk `i` in the program's zone, formatted with `format`.
fn times(program: &Program, talk: &Talk, format: &str) -> (Option<String>, Option<String>) {
    let Some(start) = &talk.start else {
        return (None, None);
    };
    let zone = program.zone_for(start);
    let show =
        |t: &jiff::ZonedDateTime| t.with_time_zone(zone.clone()).strftime(format).to_string();
    (Some(show(start)), talk.end().as_ref().map(show))
}

/// The speakers as `Name (Affiliation), Name`.
fn speakers(talk: &Talk) -> String {
    let each: Vec<String> = talk
        .speakers
        .iter()
        .map(|s| match &s.affiliation {
            Some(a) => format!("{} ({a})", s.name),
            None => s.name.clone(),
        })
        .collect();
    each.join(", ")
}

/// When and where, on one line: `Saturday 2021-02-06 10:00–10:30 · Room · Track`.
fn when_where(program: &Program, i: usize) -> String {
    let talk = &program.talks[i];
    let mut parts = Vec::new();
    let (start, end) = times(program, talk, "%H:%M");
    if let (Some(day), Some(start)) = (program.day_label(i), start) {
        parts.push(match end {
            Some(end) => format!("{day} {start}–{end}"),
            None => format!("{day} {start}"),
        });
    }
    parts.extend(talk.room.clone());
    parts.extend(talk.track.clone().map(|t| format!("track {t}")));
    parts.join(" · ")
}

/// Plain text, each paragraph wrapped to `width` columns, talks apart by a blank line.
pub fn text(program: &Program, found: &[usize], width: usize) -> String {
    let mut out = String::new();
    let wrap = |out: &mut String, text: &str| {
        for line in textwrap::wrap(text, width) {
            let _ = writeln!(out, "{line}");
        }
    };
    for (n, &i) in found.iter().enumerate() {
        let talk = &program.talks[i];
        if n > 0 {
            out.push('\n');
        }
        wrap(&mut out, &talk.title);
        if let Some(sub) = &talk.subtitle {
            wrap(&mut out, sub);
        }
        if !talk.speakers.is_empty() {
            wrap(&mut out, &speakers(talk));
        }
        let place = when_where(program, i);
        if !place.is_empty() {
            wrap(&mut out, &place);
        }
        wrap(&mut out, &format!("id: {}", talk.id));
        if let Some(slides) = &talk.slides {
            wrap(&mut out, &format!("slides: {slides}"));
        }
        for link in &talk.links {
            wrap(&mut out, &format!("{}: {}", link.label, link.url));
        }
        if let Some(abstract_text) = &talk.abstract_text {
            for paragraph in abstract_text.split("\n\n") {
                out.push('\n');
                wrap(&mut out, paragraph.trim());
            }
        }
    }
    out
}

/// Markdown: a `##` heading per talk, its facts as a list, the abstract as paragraphs.
pub fn markdown(program: &Program, found: &[usize]) -> String {
    let mut out = String::new();
    for (n, &i) in found.iter().enumerate() {
        let talk = &program.talks[i];
        if n > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "## {}", talk.title);
        if let Some(sub) = &talk.subtitle {
            let _ = writeln!(out, "\n*{sub}*");
        }
        out.push('\n');
        let _ = writeln!(out, "- **Id:** `{}`", talk.id);
        if !talk.speakers.is_empty() {
            let _ = writeln!(out, "- **Speakers:** {}", speakers(talk));
        }
        let place = when_where(program, i);
        if !place.is_empty() {
            let _ = writeln!(out, "- **When:** {place}");
        }
        if let Some(slides) = &talk.slides {
            let _ = writeln!(out, "- **Slides:** <{slides}>");
        }
        for link in &talk.links {
            let _ = writeln!(out, "- [{}](<{}>)", link.label, link.url);
        }
        if let Some(abstract_text) = &talk.abstract_text {
            let _ = writeln!(out, "\n{}", abstract_text.trim());
        }
    }
    out
}

/// A JSON array of talks; times are ISO 8601 in the program's zone.
pub fn json(program: &Program, found: &[usize]) -> String {
    let talks: Vec<serde_json::Value> = found
        .iter()
        .map(|&i| {
            let talk = &program.talks[i];
            let (start, end) = times(program, talk, "%Y-%m-%dT%H:%M:%S%:z");
            let speakers: Vec<serde_json::Value> = talk
                .speakers
                .iter()
                .map(|s| serde_json::json!({"name": s.name, "affiliation": s.affiliation}))
                .collect();
            let links: Vec<serde_json::Value> = talk
                .links
                .iter()
                .map(|l| serde_json::json!({"label": l.label, "url": l.url}))
                .collect();
            serde_json::json!({
                "id": talk.id,
                "title": talk.title,
                "subtitle": talk.subtitle,
                "speakers": speakers,
                "day": program.conference_day(i).map(|d| d.to_string()),
                "start": start,
                "end": end,
                "room": talk.room,
                "track": talk.track,
                "slides": talk.slides,
                "links": links,
                "abstract": talk.abstract_text,
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&talks).unwrap_or_default();
    out.push('\n');
    out
}
