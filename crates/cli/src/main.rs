//! The `newsgraph` binary (being built).
fn main() {}
