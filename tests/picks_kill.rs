//! Saving picks survives SIGKILL at any moment: a writer process saves picks in a loop and is
//! killed at random points, at least 150 times; after every kill the picks file must hold one
//! whole generation of picks (or not exist yet), never a torn or unreadable one.
//!
//! The writer is this test binary started again on its ignored `writer_child` test, with the
//! folder to write in given through the environment; nothing of it is in the `lectern` binary.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lectern::agenda::store::{Store, file_stem, parse};
use lectern::agenda::{Mark, Picked, Picks};
use lectern::program::{Program, ProgramInfo};

/// Set for the writer process: the folder to write in.
const CHILD_ENV: &str = "LECTERN_KILL_TEST_DIR";

const KILLS: usize = 160;

fn program() -> Program {
    Program {
        info: ProgramInfo {
            title: "Kill Test".to_owned(),
            id: Some("kill-test".to_owned()),
            ..ProgramInfo::default()
        },
        ..Program::sample(0)
    }
}

/// How many picks generation `g` has: it varies, so a file cut short shows.
fn size_of(generation: u64) -> usize {
    40 + (generation % 160) as usize
}

#[test]
#[ignore = "the writer process of killed_writers_never_leave_a_broken_file"]
fn writer_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let program = program();
    let mut store = Store::open(Path::new(&dir), &program)
        .expect("the store opens")
        .store;
    let mut generation = u64::from(std::process::id()) * 1_000_000;
    loop {
        generation += 1;
        let mut picks = Picks::default();
        for i in 0..size_of(generation) {
            let picked = Picked {
                mark: if i % 3 == 0 { Mark::Maybe } else { Mark::Star },
                title: format!("generation {generation} talk {i}, a title of some length"),
                start: None,
                room: Some(format!("Room {i}")),
            };
            picks.insert(format!("talk-{i}"), picked);
        }
        store.save(&picks).expect("saved");
    }
}

/// The generation of a file's picks, if they are all of one generation and complete.
fn whole_generation(picks: &Picks) -> Option<u64> {
    let generations: HashSet<u64> = picks
        .iter()
        .filter_map(|(_, p)| p.title.split(' ').nth(1)?.parse().ok())
        .collect();
    let &generation = generations.iter().next()?;
    (generations.len() == 1 && picks.len() == size_of(generation)).then_some(generation)
}

#[test]
fn killed_writers_never_leave_a_broken_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir
        .path()
        .join(format!("{}.toml", file_stem(program().key())));
    let exe = std::env::current_exe().expect("this test binary");
    // A small xorshift generator for the kill times: the seed is printed to replay a failure.
    let mut state = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    println!("seed {state}");
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut corrupt, mut killed_running) = (0, 0);
    let mut generations = HashSet::new();
    for _ in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["writer_child", "--exact", "--ignored", "--test-threads=1"])
            .env(CHILD_ENV, dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        std::thread::sleep(Duration::from_micros(3_000 + random() % 40_000));
        if child.try_wait().expect("poll the writer").is_none() {
            killed_running += 1;
        }
        child.kill().expect("SIGKILL the writer");
        child.wait().expect("reap the writer");
        match std::fs::read(&file) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("cannot read {}: {e}", file.display()),
            Ok(bytes) => {
                if let Some(generation) = parse(&bytes).ok().as_ref().and_then(whole_generation) {
                    generations.insert(generation);
                } else {
                    corrupt += 1;
                    eprintln!("corrupt file:\n{}", String::from_utf8_lossy(&bytes));
                }
            }
        }
    }
    assert_eq!(corrupt, 0, "corrupt files after {KILLS} kills");
    assert!(
        killed_running >= 150,
        "only {killed_running} writers were killed while running"
    );
    // The writers did write: the test saw many different whole files.
    assert!(
        generations.len() >= 50,
        "{} generations seen",
        generations.len()
    );
    assert!(
        !file.with_extension("toml.bak").exists(),
        "no read ever failed"
    );
    // The temporary files of cut-short writes are cleared by the next save: only the last
    // writer's may remain.
    let temporaries = std::fs::read_dir(dir.path())
        .expect("the folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        })
        .count();
    assert!(temporaries <= 1, "{temporaries} temporary files left");
}
