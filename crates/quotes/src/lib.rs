//! Direct quotations (straight, curly, nested, running over paragraphs) and their speakers.

use newsgraph_model::Stage;

/// This crate's stages, in the order the pipeline runs them.
pub fn stages() -> Vec<Box<dyn Stage>> {
    Vec::new()
}
