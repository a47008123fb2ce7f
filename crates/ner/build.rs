//! Embeds the knowledge files and the trained weights when they exist, and empty stand-ins
//! when they do not yet (a fresh checkout before `train-ner`, a branch without `data/`), so the
//! crate always builds; the stages then report what is missing as a diagnostic.

use std::path::PathBuf;

const FILES: [(&str, &str, bool); 14] = [
    ("WEIGHTS", "ner-weights.bin", true),
    ("COUNTRIES", "countries.tsv", false),
    ("PLACES", "places.tsv", false),
    ("SMALL_PLACES", "places-small.tsv", false),
    ("PEOPLE", "people.tsv", false),
    ("ORGANIZATIONS", "organizations.tsv", false),
    ("CLUSTERS", "ner-clusters.tsv", false),
    ("PLACE_WORDS", "place-words.tsv", false),
    ("NER_WORDS", "ner-words.tsv", false),
    ("LEADER_WORDS", "leader-words.tsv", false),
    ("KIND_NOUNS", "kind-nouns.tsv", false),
    ("STOPWORDS", "stopwords.tsv", false),
    ("CALENDAR", "calendar.tsv", false),
    ("DEFINITION_WORDS", "definition-words.tsv", false),
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data = manifest.join("../../data");
    let mut code = String::new();
    for (name, file, binary) in FILES {
        let path = data.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let value = match path.canonicalize() {
            Ok(p) if binary => format!("include_bytes!({:?})", p.display().to_string()),
            Ok(p) => format!("include_str!({:?})", p.display().to_string()),
            Err(_) if binary => "&[]".to_string(),
            Err(_) => "\"\"".to_string(),
        };
        let ty = if binary { "&[u8]" } else { "&str" };
        code.push_str(&format!("pub static {name}: {ty} = {value};\n"));
    }
    println!("cargo:rerun-if-changed={}", data.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("embedded.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
