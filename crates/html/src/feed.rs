//! placeholder
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedItem {}
pub fn read_feed(_b: &[u8]) -> Result<Vec<FeedItem>, String> {
    Ok(vec![])
}
