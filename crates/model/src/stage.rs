//! Stages and the pipeline that runs them.
//!
//! A [`Stage`] is a small unit of work over one [`Document`]: it has a name, declares the
//! [`Layer`]s it requires and the ones it assigns, and does no I/O. A [`Pipeline`] is an
//! ordered list of stages, checked once when it is built: a stage whose required layer no
//! earlier stage assigns is refused, and so is a stage that assigns a layer an earlier stage
//! has already read and left alone (that reader would have seen it unfinished; a stage that
//! reads and writes a layer refines it, and more refiners may follow); both messages name the
//! stages.
//! The check is only as good as the declarations: `requires()` lists every layer a stage
//! reads, `assigns()` every layer it writes.
//!
//! Stages never panic on bad input and never abort a batch: what they cannot do for a record
//! becomes a [`StageError`] (the runner turns it into that record's `error`) or a diagnostic.
//! The runner, not each stage, counts documents, time and errors per stage.

use crate::Document;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// A layer of the document model that stages read and write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// The raw content and hints, as read. Always present at the start.
    Raw,
    /// `text` and `removed`: the clean body, fixed from now on.
    Text,
    /// `title`, `published`, `language`, `url`, `source`, `author`, `dateline`. Present from
    /// the start (empty until `html`, `clean` and `dates` fill it in).
    Metadata,
    Paragraphs,
    Sentences,
    Tokens,
    Entities,
    /// Entities with `geo` resolved.
    Geo,
    Quotes,
    Counts,
    Dates,
    Themes,
    Tone,
    Events,
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Why a stage could not process a record. The message says what was wrong with the input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{stage}: {message}")]
pub struct StageError {
    pub stage: &'static str,
    pub message: String,
}

impl StageError {
    pub fn new(stage: &'static str, message: impl Into<String>) -> Self {
        StageError {
            stage,
            message: message.into(),
        }
    }
}

/// One step of the pipeline. Implementations are stateless or hold read-only knowledge
/// (compiled gazetteers, weights), so one instance serves every thread.
pub trait Stage: Send + Sync {
    /// Short, stable name used in errors and per-stage timings.
    fn name(&self) -> &'static str;
    /// Every layer this stage reads: each must be present before it runs.
    fn requires(&self) -> &'static [Layer];
    /// Every layer this stage writes (fills in, or refines). None may have been read by an
    /// earlier stage that does not write it too.
    fn assigns(&self) -> &'static [Layer];
    /// Add this stage's layers to the document.
    fn run(&self, doc: &mut Document) -> Result<(), StageError>;
}

/// The pipeline could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PipelineError {
    #[error(
        "stage `{stage}` requires the {layer} layer, but no earlier stage assigns it; \
         add a stage that assigns {layer} before `{stage}`"
    )]
    MissingLayer { stage: &'static str, layer: Layer },
    #[error(
        "stage `{stage}` assigns the {layer} layer, which the earlier stage `{reader}` already \
         read; run `{stage}` before `{reader}`"
    )]
    AssignsReadLayer {
        stage: &'static str,
        layer: Layer,
        reader: &'static str,
    },
}

/// Time and count per stage, gathered by the pipeline as it runs (shared across threads).
#[derive(Debug, Default)]
pub struct StageStats {
    pub name: &'static str,
    pub docs: AtomicU64,
    pub errors: AtomicU64,
    pub nanos: AtomicU64,
}

/// An ordered, checked list of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    stats: Vec<StageStats>,
}

impl Pipeline {
    /// Build a pipeline, checking that each stage's required layers are assigned earlier and
    /// that no stage writes a layer an earlier stage has read without writing it (stages that
    /// read and write a layer refine it in turn: html, clean, dates for the metadata).
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Self, PipelineError> {
        let mut present = vec![Layer::Raw, Layer::Metadata];
        let mut read: Vec<(Layer, &'static str)> = Vec::new();
        for stage in &stages {
            for layer in stage.requires() {
                if !present.contains(layer) {
                    return Err(PipelineError::MissingLayer {
                        stage: stage.name(),
                        layer: *layer,
                    });
                }
            }
            for layer in stage.assigns() {
                if let Some(&(_, reader)) = read.iter().find(|(l, _)| l == layer) {
                    return Err(PipelineError::AssignsReadLayer {
                        stage: stage.name(),
                        layer: *layer,
                        reader,
                    });
                }
            }
            // A stage that writes a layer it reads is one of its producers (clean and dates
            // refine the metadata html found): only a reader that leaves it alone fixes it.
            read.extend(
                stage
                    .requires()
                    .iter()
                    .filter(|l| !stage.assigns().contains(l))
                    .map(|&l| (l, stage.name())),
            );
            present.extend_from_slice(stage.assigns());
        }
        let stats = stages
            .iter()
            .map(|s| StageStats {
                name: s.name(),
                ..Default::default()
            })
            .collect();
        Ok(Pipeline { stages, stats })
    }

    /// Stage names in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Run every stage on one document. The first stage error stops this document only.
    pub fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        for (stage, stats) in self.stages.iter().zip(&self.stats) {
            let started = Instant::now();
            let result = stage.run(doc);
            stats
                .nanos
                .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
            stats.docs.fetch_add(1, Ordering::Relaxed);
            if let Err(e) = result {
                stats.errors.fetch_add(1, Ordering::Relaxed);
                return Err(e);
            }
        }
        Ok(())
    }

    /// Per-stage statistics gathered so far.
    pub fn stats(&self) -> &[StageStats] {
        &self.stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [Layer], &'static [Layer]);
    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Layer] {
            self.1
        }
        fn assigns(&self) -> &'static [Layer] {
            self.2
        }
        fn run(&self, _: &mut Document) -> Result<(), StageError> {
            Ok(())
        }
    }

    #[test]
    fn pipeline_refuses_a_stage_whose_layer_is_missing() {
        let err = Pipeline::new(vec![Box::new(Fake(
            "ner",
            &[Layer::Tokens],
            &[Layer::Entities],
        ))])
        .err()
        .expect("must be refused");
        assert_eq!(
            err,
            PipelineError::MissingLayer {
                stage: "ner",
                layer: Layer::Tokens
            }
        );
        assert!(err.to_string().contains("add a stage that assigns Tokens"));
    }

    #[test]
    fn issue_15_a_stage_may_not_rewrite_a_layer_an_earlier_stage_read() {
        let err = Pipeline::new(vec![
            Box::new(Fake(
                "clean",
                &[Layer::Raw],
                &[Layer::Text, Layer::Metadata],
            )),
            Box::new(Fake(
                "ner",
                &[Layer::Text, Layer::Metadata],
                &[Layer::Entities],
            )),
            Box::new(Fake(
                "dates",
                &[Layer::Metadata],
                &[Layer::Dates, Layer::Metadata],
            )),
        ])
        .err()
        .expect("must be refused");
        assert_eq!(
            err,
            PipelineError::AssignsReadLayer {
                stage: "dates",
                layer: Layer::Metadata,
                reader: "ner"
            }
        );
        assert!(
            err.to_string().contains("run `dates` before `ner`"),
            "{err}"
        );
        // Stages that read and write a layer refine it in turn (`html` rewrites `Raw`; clean
        // and dates refine the metadata).
        Pipeline::new(vec![
            Box::new(Fake("html", &[Layer::Raw], &[Layer::Raw, Layer::Metadata])),
            Box::new(Fake(
                "clean",
                &[Layer::Raw, Layer::Metadata],
                &[Layer::Metadata],
            )),
            Box::new(Fake(
                "dates",
                &[Layer::Metadata],
                &[Layer::Dates, Layer::Metadata],
            )),
            Box::new(Fake("ner", &[Layer::Metadata], &[Layer::Entities])),
        ])
        .expect("refiners may follow each other");
    }

    #[test]
    fn pipeline_accepts_stages_in_dependency_order() {
        let p = Pipeline::new(vec![
            Box::new(Fake("clean", &[Layer::Raw], &[Layer::Text])),
            Box::new(Fake(
                "split",
                &[Layer::Text],
                &[Layer::Sentences, Layer::Tokens],
            )),
            Box::new(Fake("ner", &[Layer::Tokens], &[Layer::Entities])),
        ])
        .expect("valid order");
        assert_eq!(p.names(), ["clean", "split", "ner"]);
        let mut doc = Document::from_text("a", "x");
        p.run(&mut doc).unwrap();
        assert_eq!(p.stats()[2].docs.load(Ordering::Relaxed), 1);
    }
}
