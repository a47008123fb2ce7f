//! Reader tests: every kind of bad input becomes an error record in place, never a panic.

use super::*;
use std::io::Write;

fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-io-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn summary(items: Vec<Item>) -> Vec<String> {
    items
        .into_iter()
        .map(|i| match i.resolve() {
            Item::Doc(d) => format!("doc {}", d.id),
            Item::Error { id, error } => format!("error {id}: {error}"),
            Item::Json { .. } => unreachable!("resolved above"),
        })
        .collect()
}

#[test]
fn json_lines_keep_order_and_turn_bad_lines_into_errors() {
    let dir = tmpdir("jsonl");
    let path = dir.join("in.jsonl");
    let mut f = File::create(&path).unwrap();
    writeln!(f, r#"{{"id": "a", "text": "One."}}"#).unwrap();
    writeln!(f, "not json").unwrap();
    writeln!(f).unwrap();
    writeln!(f, r#"{{"id": "c", "title": "no body"}}"#).unwrap();
    writeln!(f, r#"{{"id": "d", "text": "x", "html": "<p>x</p>"}}"#).unwrap();
    writeln!(f, r#"{{"text": "no id here"}}"#).unwrap();
    f.write_all(b"{\"id\": \"e\", \"text\": \"caf\xe9\"}\n")
        .unwrap();
    drop(f);
    let got = summary(Inputs::new(expand(&[path.display().to_string()]).unwrap()).collect());
    assert_eq!(got.len(), 6, "{got:?}");
    assert_eq!(got[0], "doc a");
    assert!(
        got[1].starts_with("error ") && got[1].contains(":2: not a JSON record"),
        "{}",
        got[1]
    );
    assert!(
        got[2].starts_with("error c: the record has neither"),
        "{}",
        got[2]
    );
    assert!(
        got[3].starts_with("error d: give exactly one"),
        "{}",
        got[3]
    );
    assert_eq!(got[4], format!("doc {}", stable_id("no id here")));
    assert!(got[5].contains("not valid UTF-8"), "{}", got[5]);
}

#[test]
fn directories_are_walked_in_name_order_and_junk_is_refused() {
    let dir = tmpdir("dir");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("b.txt"), "Second article.").unwrap();
    std::fs::write(dir.join("a.txt"), "First article.").unwrap();
    std::fs::write(
        dir.join("sub/c.html"),
        "<html><body><p>Third.</p></body></html>",
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("junk.bin"), [0u8, 1, 2, 3, 0, 0, 7, 8]).unwrap();
    std::fs::write(dir.join(".hidden.txt"), "skip me").unwrap();
    let got = summary(Inputs::new(expand(&[dir.display().to_string()]).unwrap()).collect());
    assert_eq!(got[0], "doc a");
    assert_eq!(got[1], "doc b");
    assert!(got[2].starts_with("error empty: "), "{}", got[2]);
    assert!(got[3].contains("binary data"), "{}", got[3]);
    assert_eq!(got[4], "doc c");
    assert_eq!(got.len(), 5);
}

#[test]
fn a_missing_path_stops_the_run_before_it_starts() {
    let err = expand(&["/no/such/newsgraph/file.jsonl".to_string()]).unwrap_err();
    assert!(err.to_string().contains("does not exist"));
}

#[test]
fn latin1_text_is_decoded_with_a_note() {
    let (text, note) = decode_text(b"Caf\xe9 \x93quoted\x94").unwrap();
    assert_eq!(text, "Café “quoted”");
    assert!(note.is_some());
}

#[test]
fn sniff_tells_kinds_apart() {
    assert_eq!(sniff(b"  {\"id\":1}"), InputKind::JsonLines);
    assert_eq!(sniff(b"<!DOCTYPE html><html>"), InputKind::Html);
    assert_eq!(sniff(b"Plain words."), InputKind::Text);
    assert_eq!(sniff(&[0, 0, 0, 1, 2]), InputKind::Binary);
}

/// Found by `cargo fuzz run jsonl`: invalid bytes decode to 3-byte replacement characters, and
/// the sniffer cut its look-ahead in the middle of one.
#[test]
fn issue_8_sniff_never_cuts_inside_a_character() {
    let mut junk = b"\x1c\"\xe9\x0e\"".to_vec();
    junk.extend(std::iter::repeat_n(0xfd, 600));
    let _ = sniff(&junk);
    for n in 0..700 {
        let mut bytes = vec![b' '; n % 7];
        bytes.extend(std::iter::repeat_n(0xe9, n));
        let _ = sniff(&bytes);
    }
}

#[test]
fn issue_20_mixed_encodings_keep_the_utf8_and_read_the_stray_bytes() {
    // UTF-8 with one stray Latin-1 byte: the UTF-8 stays UTF-8.
    let (text, note) = decode_text(b"Erdo\xc4\x9fan visited the caf\xe9 in Ankara.").unwrap();
    assert_eq!(text, "Erdoğan visited the café in Ankara.");
    assert!(note.is_some_and(|n| n.contains("1 bytes")));
    // Plain Latin-1 / Windows-1252 (no valid multi-byte sequence at all).
    let (text, note) = decode_text(b"Caf\xe9 \x93cr\xe8me\x94").unwrap();
    assert_eq!(text, "Café “crème”");
    assert!(note.is_some_and(|n| n.contains("Windows-1252")));
    // Valid UTF-8 is kept as it is, with no note.
    let (text, note) = decode_text("Erdoğan".as_bytes()).unwrap();
    assert_eq!((text.as_str(), note), ("Erdoğan", None));
}

#[test]
fn issue_20_unreadable_entries_and_fifos_in_a_directory_are_error_records() {
    let dir = tmpdir("edges");
    std::fs::write(dir.join("a.txt"), "Rebels attacked a convoy near Goma.").unwrap();
    // A FIFO would block the reader forever: it is refused, never opened.
    let fifo = dir.join("b.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    // A link to nothing cannot be read.
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("missing"), dir.join("c.txt")).unwrap();
    // A directory without read permission (root can still read it: then its file is read).
    let locked = dir.join("d");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("e.txt"), "Police arrested 3 men in Oslo.").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let got = summary(Inputs::new(expand(&[dir.display().to_string()]).unwrap()).collect());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(got[0], "doc a", "{got:?}");
    let mut rest = got[1..].iter();
    if made.is_ok_and(|s| s.success()) {
        let line = rest.next().unwrap();
        assert!(
            line.contains("b.fifo") && line.contains("not a regular file"),
            "{line}"
        );
    }
    #[cfg(unix)]
    {
        let line = rest.next().unwrap();
        assert!(
            line.starts_with("error ") && line.contains("c.txt"),
            "{line}"
        );
        let line = rest.next().unwrap();
        assert!(
            line == "doc e" || (line.contains("cannot read directory") && line.contains("d")),
            "{line}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
