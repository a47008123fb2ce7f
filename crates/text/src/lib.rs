//! Plain-text cleaning (site furniture out, title, language, paragraphs) and news-aware
//! sentence and token segmentation. Stages: [`clean`], [`segment`].

use newsgraph_model::Stage;

/// This crate's stages, in the order the pipeline runs them. Knowledge is compiled here, once.
pub fn stages() -> Vec<Box<dyn Stage>> {
    Vec::new()
}
