//! The CAMEO code table (`data/cameo.tsv`): name, Goldstein score and quad class per code.

use crate::fasthash::FastMap as HashMap;
use newsgraph_knowledge::CameoCode;

/// What the table says about one event code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeInfo {
    pub name: Box<str>,
    pub goldstein: f64,
    pub quad_class: u8,
}

/// Every CAMEO event code newsgraph knows.
#[derive(Debug, Default)]
pub struct CameoTable {
    codes: HashMap<Box<str>, CodeInfo>,
}

impl CameoTable {
    /// The table of `cameo.tsv`'s rows.
    pub fn new(rows: &[CameoCode]) -> CameoTable {
        let codes = rows
            .iter()
            .map(|r| {
                (
                    r.code.into(),
                    CodeInfo {
                        name: r.name.into(),
                        goldstein: r.goldstein,
                        quad_class: r.quad_class,
                    },
                )
            })
            .collect();
        CameoTable { codes }
    }

    pub fn get(&self, code: &str) -> Option<&CodeInfo> {
        self.codes.get(code)
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}
