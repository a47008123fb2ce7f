//! `export --format parquet` (cargo feature `parquet`): one row per stored article, for Spark,
//! DuckDB or pandas. Scalar fields are typed columns; the record's layers (entities, quotes,
//! counts, dates, themes, events) are JSON text columns, which every reader can parse, so the
//! file holds the whole output record.

use anyhow::Context;
use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use newsgraph_model::Record;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::sync::Arc;

/// Rows per record batch (and so per write to the Parquet writer).
const BATCH_ROWS: usize = 2048;

const TEXT_COLUMNS: [&str; 9] = [
    "id",
    "url",
    "title",
    "published",
    "language",
    "source",
    "story",
    "duplicate_of",
    "text",
];
const LAYER_COLUMNS: [&str; 6] = ["entities", "quotes", "counts", "dates", "themes", "events"];

fn schema() -> Arc<Schema> {
    let mut fields: Vec<Field> = TEXT_COLUMNS
        .iter()
        .map(|name| Field::new(*name, DataType::Utf8, *name != "id" && *name != "text"))
        .collect();
    fields.push(Field::new("tone", DataType::Float64, true));
    fields.push(Field::new("words", DataType::Int64, false));
    fields.extend(
        LAYER_COLUMNS
            .iter()
            .map(|name| Field::new(*name, DataType::Utf8, false)),
    );
    Arc::new(Schema::new(fields))
}

/// Builders for one batch of rows, in schema order.
struct Rows {
    text: Vec<StringBuilder>,
    tone: Float64Builder,
    words: Int64Builder,
    layers: Vec<StringBuilder>,
    len: usize,
}

impl Rows {
    fn new() -> Self {
        Rows {
            text: TEXT_COLUMNS.iter().map(|_| StringBuilder::new()).collect(),
            tone: Float64Builder::new(),
            words: Int64Builder::new(),
            layers: LAYER_COLUMNS.iter().map(|_| StringBuilder::new()).collect(),
            len: 0,
        }
    }

    fn push(&mut self, r: &Record) -> serde_json::Result<()> {
        let values = [
            Some(r.id.as_str()),
            r.url.as_deref(),
            r.title.as_deref(),
            r.published.as_deref(),
            r.language.as_deref(),
            r.source.as_deref(),
            r.story.as_deref(),
            r.duplicate_of.as_deref(),
            Some(r.text.as_str()),
        ];
        for (builder, value) in self.text.iter_mut().zip(values) {
            builder.append_option(value);
        }
        self.tone.append_option(r.tone.map(|t| t.tone));
        self.words
            .append_value(r.text.split_whitespace().count() as i64);
        let layers = [
            serde_json::to_string(&r.entities)?,
            serde_json::to_string(&r.quotes)?,
            serde_json::to_string(&r.counts)?,
            serde_json::to_string(&r.dates)?,
            serde_json::to_string(&r.themes)?,
            serde_json::to_string(&r.events)?,
        ];
        for (builder, value) in self.layers.iter_mut().zip(layers) {
            builder.append_value(value);
        }
        self.len += 1;
        Ok(())
    }

    fn finish(&mut self, schema: &Arc<Schema>) -> Result<RecordBatch, arrow_schema::ArrowError> {
        let mut columns: Vec<ArrayRef> = self
            .text
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef)
            .collect();
        columns.push(Arc::new(self.tone.finish()));
        columns.push(Arc::new(self.words.finish()));
        columns.extend(
            self.layers
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        self.len = 0;
        RecordBatch::try_new(schema.clone(), columns)
    }
}

pub fn write(
    store: &newsgraph_store::Store,
    window: &newsgraph_store::Window,
    to: &str,
) -> anyhow::Result<()> {
    if to == "-" {
        anyhow::bail!("Parquet needs a file: pass --to FILE.parquet");
    }
    let file = std::fs::File::create(to).with_context(|| format!("cannot create `{to}`"))?;
    let schema = schema();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(props))?;
    let mut rows = Rows::new();
    let n = store.each_record_in(window, &mut |record| {
        rows.push(&record).map_err(std::io::Error::other)?;
        if rows.len >= BATCH_ROWS {
            let batch = rows.finish(&schema).map_err(std::io::Error::other)?;
            writer.write(&batch).map_err(std::io::Error::other)?;
        }
        Ok(())
    })?;
    if rows.len > 0 {
        writer.write(&rows.finish(&schema)?)?;
    }
    writer.close()?;
    eprintln!("newsgraph export: {n} records written to `{to}` (Parquet)");
    Ok(())
}
