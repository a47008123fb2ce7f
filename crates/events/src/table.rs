//! The CAMEO code table (`data/cameo.tsv`): name, Goldstein score and quad class per code.

use std::collections::HashMap;

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
    /// Read the table; malformed rows are reported by line number.
    pub fn parse(text: &str) -> Result<CameoTable, String> {
        let mut codes = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [code, name, goldstein, quad] = cols[..] else {
                return Err(format!("cameo.tsv line {}: expected 4 columns", i + 1));
            };
            let goldstein = goldstein
                .parse()
                .map_err(|_| format!("cameo.tsv line {}: bad Goldstein", i + 1))?;
            let quad_class = quad
                .parse()
                .map_err(|_| format!("cameo.tsv line {}: bad quad class", i + 1))?;
            codes.insert(
                code.into(),
                CodeInfo {
                    name: name.into(),
                    goldstein,
                    quad_class,
                },
            );
        }
        Ok(CameoTable { codes })
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
