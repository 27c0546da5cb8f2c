//! Copying text to the clipboard through the terminal: the [`Clipboard`] setting and the OSC 52
//! sequence ([`osc52`]) that asks the terminal to put text there. The effect runner writes the
//! sequence, and only when the setting says so; nothing here writes anything.
//!
//! OSC 52 works over SSH and inside tmux (with `set-clipboard on`), where no clipboard program
//! can be reached. It is off by default: a terminal that takes it lets a program replace what
//! the user copied, so the user opts in.

use base64::Engine as _;

/// How text is copied to the clipboard. A configuration file writes it by [`Clipboard::name`]
/// (`clipboard = "osc52"`), which is also how it deserializes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Clipboard {
    /// Never: `y` says how to turn copying on.
    #[default]
    Off,
    /// With the terminal's OSC 52 sequence.
    Osc52,
}

impl Clipboard {
    /// Every setting, for messages that list the choices.
    pub const ALL: [Clipboard; 2] = [Clipboard::Off, Clipboard::Osc52];

    /// The setting as the configuration file writes it: `off`, `osc52`.
    pub fn name(self) -> &'static str {
        match self {
            Clipboard::Off => "off",
            Clipboard::Osc52 => "osc52",
        }
    }
}

/// How to turn copying on, said when `y` is pressed while it is off.
pub const HOW_TO_TURN_ON: &str =
    "copying is off: set clipboard = \"osc52\" in the config file to copy links";

/// The longest text copied, in bytes. Links are far shorter; terminals drop longer OSC 52
/// payloads (xterm, tmux and kitty cap them between 74 KiB and 1 MiB), and a clipboard is
/// not a way to move megabytes.
pub const MAX_BYTES: usize = 8 * 1024;

/// Why text is not copied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CopyError {
    #[error("nothing to copy")]
    Empty,
    #[error("not copied: the text is {0} bytes long, more than {MAX_BYTES}")]
    TooLong(usize),
}

/// The text as it goes to the clipboard: every character a terminal would interpret (C0, DEL,
/// C1, line breaks) or that hides or reorders text is left out, and the ends are trimmed, so
/// pasting it runs nothing and shows what it is. Refused when nothing is left or it is
/// longer than [`MAX_BYTES`].
pub fn clean(text: &str) -> Result<String, CopyError> {
    let kept: String = text
        .chars()
        .filter(|&c| crate::sanitize::is_clean(c.encode_utf8(&mut [0; 4])) && c != '\n')
        .collect();
    let kept = kept.trim();
    if kept.is_empty() {
        return Err(CopyError::Empty);
    }
    if kept.len() > MAX_BYTES {
        return Err(CopyError::TooLong(kept.len()));
    }
    Ok(kept.to_owned())
}

/// The OSC 52 sequence that puts `text` on the clipboard: `ESC ] 52 ; c ; BASE64 BEL`. The
/// text is [`clean`]ed first; base64 leaves nothing in the payload a terminal interprets.
pub fn osc52(text: &str) -> Result<Vec<u8>, CopyError> {
    let text = clean(text)?;
    let mut out = b"\x1b]52;c;".to_vec();
    out.extend_from_slice(
        base64::engine::general_purpose::STANDARD
            .encode(text)
            .as_bytes(),
    );
    out.push(0x07);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_is_written_out_byte_for_byte() {
        // "https://example.org/a?b=1" in base64, worked out by hand from its bytes.
        assert_eq!(
            osc52("https://example.org/a?b=1").expect("copies"),
            b"\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy9hP2I9MQ==\x07"
        );
        // Two bytes of padding, and UTF-8 text as its bytes.
        assert_eq!(osc52("ab").expect("copies"), b"\x1b]52;c;YWI=\x07");
        assert_eq!(osc52("é").expect("copies"), b"\x1b]52;c;w6k=\x07");
    }

    #[test]
    fn control_and_hidden_characters_never_reach_the_clipboard() {
        let cases = [
            ("https://e.org/\x1b]52;c;x\x07", "https://e.org/]52;c;x"),
            ("rm -rf ~\n", "rm -rf ~"),
            ("a\rb\u{85}c\u{7f}d", "abcd"),
            ("https://e.org/\u{202e}fdp.exe", "https://e.org/fdp.exe"),
            ("zero\u{200b}width", "zerowidth"),
            ("  https://e.org/  ", "https://e.org/"),
        ];
        for (text, kept) in cases {
            assert_eq!(clean(text).as_deref(), Ok(kept), "{text:?}");
        }
        let sequence = osc52("a\x1b\x07b\u{9b}c").expect("copies");
        assert_eq!(sequence, b"\x1b]52;c;YWJj\x07");
    }

    #[test]
    fn empty_and_overlong_text_is_refused() {
        assert_eq!(clean(""), Err(CopyError::Empty));
        assert_eq!(clean("\x1b\x07 \n"), Err(CopyError::Empty));
        let long = "x".repeat(MAX_BYTES + 1);
        assert_eq!(clean(&long), Err(CopyError::TooLong(MAX_BYTES + 1)));
        assert_eq!(osc52(&long), Err(CopyError::TooLong(MAX_BYTES + 1)));
        let longest = "x".repeat(MAX_BYTES);
        assert_eq!(clean(&longest).map(|t| t.len()), Ok(MAX_BYTES));
    }

    #[test]
    fn off_by_default_and_read_by_name() {
        #[derive(serde::Deserialize)]
        struct Settings {
            clipboard: Clipboard,
        }
        assert_eq!(Clipboard::default(), Clipboard::Off);
        for setting in Clipboard::ALL {
            let text = format!("clipboard = \"{}\"", setting.name());
            let read: Settings = toml::from_str(&text).expect("a known setting");
            assert_eq!(read.clipboard, setting, "{text}");
        }
        assert_eq!(Clipboard::Osc52.name(), "osc52");
        assert!(toml::from_str::<Settings>("clipboard = \"xclip\"").is_err());
    }
}
