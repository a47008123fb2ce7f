//! Link analyzed records in file order with the default linker and count the stories: the
//! quickest check of the linker's speed (`cargo run --release -p newsgraph-store --example
//! link_all -- RECORDS.jsonl`); `tune_stories` scores and describes them.

use newsgraph_model::Record;
use newsgraph_store::Linker;
fn main() {
    let path = std::env::args().nth(1).expect("records");
    let records: Vec<Record> = std::fs::read_to_string(path)
        .expect("read")
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let mut linker = Linker::new();
    let mut stories = std::collections::HashSet::new();
    for r in &records {
        stories.insert(linker.link(r).0.story);
    }
    println!("{} records, {} stories", records.len(), stories.len());
}
