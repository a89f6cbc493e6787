//! The CAMEO codebook: names, Goldstein values, QuadClass and PLOVER types.

use crate::DictError;
use crate::tsv::{col, error, lines};
use dyad_types::{CameoCode, Goldstein, PloverType, QuadClass};
use std::collections::HashMap;

/// What the codebook says of one code.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeInfo {
    /// CAMEO name.
    pub name: String,
    /// GDELT Goldstein value.
    pub goldstein: Goldstein,
    /// GDELT QuadClass.
    pub quad_class: QuadClass,
    /// PLOVER type (none for 01 statements).
    pub plover: Option<PloverType>,
}

/// Every CAMEO code.
#[derive(Debug, Default)]
pub struct Codebook {
    codes: HashMap<CameoCode, CodeInfo>,
}

impl Codebook {
    pub(crate) fn parse(file: &str, text: &str) -> Result<Self, DictError> {
        let mut codes = HashMap::new();
        for (line, cols) in lines(text) {
            let code: CameoCode = col(&cols, 0)
                .parse()
                .map_err(|e| error(file, line, format!("{e}")))?;
            let goldstein: f32 = col(&cols, 3)
                .parse()
                .map_err(|_| error(file, line, "Goldstein value is not a number"))?;
            let quad: u8 = col(&cols, 4)
                .parse()
                .map_err(|_| error(file, line, "QuadClass is not 1-4"))?;
            let quad_class = QuadClass::try_from(quad).map_err(|e| error(file, line, e))?;
            let plover = match col(&cols, 5) {
                "" => None,
                p => Some(p.parse().map_err(|e| error(file, line, format!("{e}")))?),
            };
            let info = CodeInfo {
                name: col(&cols, 2).to_string(),
                goldstein: Goldstein(goldstein),
                quad_class,
                plover,
            };
            if codes.insert(code, info).is_some() {
                return Err(error(file, line, format!("code {code} is listed twice")));
            }
        }
        Ok(Codebook { codes })
    }

    /// The entry of a code.
    pub fn get(&self, code: CameoCode) -> Option<&CodeInfo> {
        self.codes.get(&code)
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Every code, sorted.
    pub fn codes(&self) -> Vec<CameoCode> {
        let mut v: Vec<_> = self.codes.keys().copied().collect();
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_with_line_numbers() {
        let cb = Codebook::parse(
            "c.tsv",
            "# x\n042\t04\tMake a visit\t1.9\t1\tCONSULT\n010\t01\tSay\t0\t1\t\n",
        )
        .unwrap();
        let info = cb.get("042".parse().unwrap()).unwrap();
        assert_eq!(info.plover, Some(PloverType::Consult));
        assert_eq!(cb.get("010".parse().unwrap()).unwrap().plover, None);
        let e = Codebook::parse("c.tsv", "042\t04\tVisit\tlots\t1\t\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("c.tsv", 1));
    }
}
