//! Generated programs of realistic size, shared by the benchmarks: titles of about 60
//! characters, abstracts of about 1,200, one to three speakers with bios of about 600.

use std::fmt::Write as _;

use lectern::program::{Origin, Program, parse_str};

const WORDS: &[&str] = &[
    "memory",
    "compiler",
    "accelerator",
    "training",
    "inference",
    "sparse",
    "graph",
    "kernel",
    "latency",
    "throughput",
    "scheduling",
    "datacenter",
    "wafer",
    "network",
    "cache",
    "coherence",
    "model",
    "tensor",
    "pipeline",
    "quantization",
    "energy",
    "silicon",
    "design",
    "systems",
    "at",
    "scale",
    "for",
    "the",
    "of",
    "and",
    "with",
    "a",
    "in",
    "on",
    "Zürich",
    "München",
    "東京",
];

/// Syllables of made-up words: with them the vocabulary has thousands of words, most of them
/// rare, as in real abstracts, so a search for one word keeps a small share of the talks.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "tre", "sk", "vo", "ran", "pel", "di", "zu", "qua", "ber", "nox", "fi",
    "gra", "tel", "mu", "sha", "rik", "ven", "ol", "ja", "wen", "tor",
];

/// A deterministic stream of words (xorshift), so every run benchmarks the same program.
pub struct Words(pub u64);

impl Words {
    fn random(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A common word half of the time, else a made-up one of two to four syllables.
    pub fn next(&mut self) -> String {
        let r = self.random();
        if r.is_multiple_of(2) {
            return WORDS[((r >> 1) % WORDS.len() as u64) as usize].to_owned();
        }
        let syllables = 2 + (r >> 1) % 3;
        (0..syllables)
            .map(|_| SYLLABLES[(self.random() % SYLLABLES.len() as u64) as usize])
            .collect()
    }

    /// Words up to about `chars` characters, as sentences.
    fn text(&mut self, chars: usize) -> String {
        let mut out = String::with_capacity(chars + 16);
        let mut sentence = 0;
        while out.len() < chars {
            let word = self.next();
            let word = word.as_str();
            if sentence == 0 {
                let mut c = word.chars();
                out.extend(c.next().map(|f| f.to_ascii_uppercase()));
                out.push_str(c.as_str());
            } else {
                out.push_str(word);
            }
            sentence += 1;
            if sentence == 12 {
                out.push_str(". ");
                sentence = 0;
            } else {
                out.push(' ');
            }
        }
        out.trim_end().to_owned()
    }
}

/// The TOML text of a program of `n` talks.
pub fn program_text(n: usize) -> String {
    let mut words = Words(0x9e37_79b9_7f4a_7c15);
    let mut out = String::from("[program]\ntitle = \"Generated Conference\"\n");
    for i in 0..n {
        let title = words.text(60);
        let abstract_a = words.text(700);
        let abstract_b = words.text(500);
        let _ = write!(
            out,
            "\n[[talks]]\nid = \"t{i}\"\ntitle = \"{title}\"\nkind = \"talk\"\nslides = \"slides/t{i}.pdf\"\ntags = [\"{}\", \"{}\"]\nabstract = \"\"\"\n{abstract_a}\n\n{abstract_b}\"\"\"\n",
            words.next(),
            words.next()
        );
        for s in 0..=(i % 3) {
            let bio = words.text(600);
            let _ = write!(
                out,
                "\n[[talks.speakers]]\nname = \"Speaker {i}-{s} {}\"\naffiliation = \"University of {}\"\nbio = \"\"\"\n{bio}\"\"\"\n",
                words.next(),
                words.next()
            );
        }
    }
    out
}

pub fn load(text: &str) -> Program {
    parse_str(text, Origin::File("generated.toml".into()))
        .expect("the generated program loads")
        .0
}
