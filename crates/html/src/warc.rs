//! placeholder
pub struct WarcArticle {}
pub struct WarcReader {}
pub fn read_warc() {}
