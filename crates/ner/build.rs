//! Embeds the knowledge files and the trained weights. A missing file is a build error: an
//! engine built without its weights or gazetteers would run and quietly find (almost) nothing.

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
        let path = match path.canonicalize() {
            Ok(p) => p.display().to_string(),
            Err(e) => panic!(
                "newsgraph-ner: the knowledge file `{}` is missing ({e}). The engine embeds \
                 every file of `data/` at build time; build from a complete checkout (the \
                 weights come with the repository, or retrain them with `newsgraph train-ner`, \
                 see CONTRIBUTING.md).",
                path.display()
            ),
        };
        let value = if binary {
            format!("include_bytes!({path:?})")
        } else {
            format!("include_str!({path:?})")
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
