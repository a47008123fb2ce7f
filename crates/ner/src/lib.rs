//! Entity recognition: gazetteer matching, the trained sequence tagger, one entity per
//! real-world thing (aliases, surnames, acronyms), CAMEO codes and geocoding.

use newsgraph_model::Stage;

/// This crate's stages, in the order the pipeline runs them. Knowledge is compiled here, once.
pub fn stages() -> Vec<Box<dyn Stage>> {
    Vec::new()
}
