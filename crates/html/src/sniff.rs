//! placeholder
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Html,
    Warc,
    Feed,
    JsonLines,
    Text,
}
pub fn sniff(_b: &[u8]) -> InputKind {
    InputKind::Text
}
