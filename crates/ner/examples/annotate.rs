//! Print a text file with its entities marked and the entity list:
//! `cargo run --release -p newsgraph-ner --example annotate -- FILE [YYYY-MM-DD]`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: annotate FILE [PUBLISHED]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut doc = newsgraph_model::Document {
        text,
        published: args.get(1).cloned(),
        ..Default::default()
    };
    for stage in newsgraph_ner::stages() {
        if let Err(e) = stage.run(&mut doc) {
            eprintln!("{e}");
        }
    }
    println!("{}\n", newsgraph_ner::render(&doc));
    for e in &doc.entities {
        let mentions: Vec<&str> = e
            .mentions
            .iter()
            .map(|m| &doc.text[m.start..m.end])
            .collect();
        println!(
            "{} {:?} {:?} {:?} {:?} {:?}",
            e.name,
            e.kind_type,
            e.kind,
            e.codes,
            e.geo.as_ref().map(|g| (&g.country, g.lat, g.lon)),
            mentions
        );
    }
}
