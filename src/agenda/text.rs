//! The agenda as plain text, for a pipe or a printer: `lectern agenda` prints it. Times are in
//! the program's zone; every string has been sanitized when it was read.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use unicode_width::UnicodeWidthStr;

use super::plan::{Item, Plan, Row, free_time};
use super::{Mark, Picked};
use crate::program::{Program, Talk};

/// The whole agenda: a heading, each day with its talks, free time, clashes and fallbacks,
/// then the picked talks without a time and those no longer in the program.
pub fn render(program: &Program, plan: &Plan) -> String {
    let mut out = format!("My agenda · {}\n", program.info.title);
    if plan.is_empty() {
        out.push_str("\nNo talks picked yet.\n");
        return out;
    }
    let room_width = plan
        .days
        .iter()
        .flat_map(|d| &d.rows)
        .filter_map(|row| match row {
            Row::Talk(item) => program.talks[item.talk].room.as_deref(),
            Row::Free(_) => None,
        })
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    for day in &plan.days {
        let _ = write!(out, "\n{}\n", day.date.strftime("%A %Y-%m-%d"));
        for row in &day.rows {
            match row {
                Row::Free(free) => {
                    let _ = writeln!(out, "  {:11}  {} free", "", free_time(*free));
                }
                Row::Talk(item) => talk_lines(&mut out, program, item, room_width),
            }
        }
    }
    if !plan.unscheduled.is_empty() {
        out.push_str("\nNot scheduled\n");
        for item in &plan.unscheduled {
            let talk = &program.talks[item.talk];
            let _ = writeln!(out, "  {}", title_line(talk, item.mark));
        }
    }
    if !plan.gone.is_empty() {
        out.push_str("\nNo longer in the program\n");
        for (id, picked) in &plan.gone {
            gone_line(&mut out, program, id, picked);
        }
    }
    out
}

fn mark_sign(mark: Mark) -> &'static str {
    match mark {
        Mark::Star => "★",
        Mark::Maybe => "☆",
    }
}

/// `★ Title · Speaker, Speaker`, with `(maybe)` for a maybe.
fn title_line(talk: &Talk, mark: Mark) -> String {
    let mut line = format!("{} {}", mark_sign(mark), talk.title);
    if mark == Mark::Maybe {
        line.push_str(" (maybe)");
    }
    if !talk.speakers.is_empty() {
        let _ = write!(line, " · {}", talk.speaker_names());
    }
    line
}

/// The zone times are shown in for a talk of `program`.
fn zone(program: &Program, talk: Option<&Talk>) -> TimeZone {
    match talk.and_then(|t| t.start.as_ref()) {
        Some(start) => program.zone_for(start),
        None => program.info.timezone.clone().unwrap_or(TimeZone::UTC),
    }
}

/// `09:00–09:50` in the zone shown.
fn time_range(program: &Program, talk: &Talk) -> String {
    let Some(start) = &talk.start else {
        return String::new();
    };
    let tz = program.zone_for(start);
    let mut out = start
        .with_time_zone(tz.clone())
        .strftime("%H:%M")
        .to_string();
    if let Some(end) = talk.end() {
        let _ = write!(out, "–{}", end.with_time_zone(tz).strftime("%H:%M"));
    }
    out
}

fn when(t: Timestamp, tz: TimeZone) -> String {
    t.to_zoned_datetime(tz)
        .strftime("%A %Y-%m-%d %H:%M")
        .to_string()
}

fn talk_lines(out: &mut String, program: &Program, item: &Item, room_width: usize) {
    let talk = &program.talks[item.talk];
    let room = talk.room.as_deref().unwrap_or("");
    let pad = room_width.saturating_sub(room.width());
    let _ = writeln!(
        out,
        "  {:11}  {room}{:pad$}  {}",
        time_range(program, talk),
        "",
        title_line(talk, item.mark)
    );
    let indent = " ".repeat(2 + 11 + 2 + room_width + 2);
    if let Some(then) = item.moved_from {
        let _ = writeln!(
            out,
            "{indent}moved: was {}",
            when(then, zone(program, Some(talk)))
        );
    }
    for (what, others) in [
        ("clashes with", &item.clashes),
        ("fallback for", &item.fallback_for),
    ] {
        for &other in others {
            let other = &program.talks[other];
            let room = other
                .room
                .as_deref()
                .map(|r| format!(", {r}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{indent}{what}: {} ({}{room})",
                other.title,
                time_range(program, other)
            );
        }
    }
}

fn gone_line(out: &mut String, program: &Program, id: &str, picked: &Picked) {
    let title = if picked.title.is_empty() {
        crate::sanitize::visible(id)
    } else {
        picked.title.clone()
    };
    let mut line = format!("  {} {title}", mark_sign(picked.mark));
    let mut was = Vec::new();
    if let Some(start) = picked.start {
        was.push(when(start, zone(program, None)));
    }
    if let Some(room) = &picked.room {
        was.push(room.clone());
    }
    if !was.is_empty() {
        let _ = write!(line, " (was {})", was.join(", "));
    }
    let _ = writeln!(out, "{line}");
}
