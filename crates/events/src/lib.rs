//! CAMEO event coding: source, action and target from the entity and sentence layers.

use newsgraph_model::Stage;

/// This crate's stages, in the order the pipeline runs them. Knowledge is compiled here, once.
pub fn stages() -> Vec<Box<dyn Stage>> {
    Vec::new()
}
