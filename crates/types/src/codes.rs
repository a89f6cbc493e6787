//! Validated codes: CAMEO event codes, actor codes, QuadClass, Goldstein, PLOVER, modality.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A code that failed validation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// A CAMEO event code is two to four digits.
    #[error("`{0}` is not a CAMEO event code (two to four digits, root 01 to 20)")]
    Cameo(String),
    /// An actor code is upper-case ASCII letters, in groups of three.
    #[error("`{0}` is not an actor code (upper-case letters in groups of three, like CHNGOV)")]
    Actor(String),
    /// Not one of the PLOVER event types.
    #[error("`{0}` is not a PLOVER event type")]
    Plover(String),
}

/// A CAMEO event code: two to four digits, root 01–20 (`"04"`, `"042"`, `"0211"`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CameoCode {
    digits: [u8; 4],
    len: u8,
}

impl CameoCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.digits[..self.len as usize]).unwrap_or("")
    }

    /// The two-digit root code (`"04"` for `"042"`).
    pub fn root(&self) -> CameoCode {
        CameoCode {
            digits: [self.digits[0], self.digits[1], 0, 0],
            len: 2,
        }
    }

    /// The root as a number, 1 to 20.
    pub fn root_number(&self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }

    /// Number of digits (2, 3 or 4): a longer code is more specific.
    pub fn specificity(&self) -> usize {
        self.len as usize
    }

    /// The parent code (`"042"` → `"04"`, `"0211"` → `"021"`); a root is its own parent.
    pub fn parent(&self) -> CameoCode {
        if self.len <= 2 {
            return *self;
        }
        let mut p = *self;
        p.len -= 1;
        p.digits[p.len as usize] = 0;
        p
    }
}

impl FromStr for CameoCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        if !(2..=4).contains(&b.len()) || !b.iter().all(u8::is_ascii_digit) {
            return Err(CodeError::Cameo(s.to_string()));
        }
        let root = (b[0] - b'0') * 10 + (b[1] - b'0');
        if !(1..=20).contains(&root) {
            return Err(CodeError::Cameo(s.to_string()));
        }
        let mut digits = [0u8; 4];
        digits[..b.len()].copy_from_slice(b);
        Ok(CameoCode {
            digits,
            len: b.len() as u8,
        })
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({})", self.as_str())
    }
}

impl Serialize for CameoCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CameoCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// An actor code: an ISO 3166 alpha-3 country or a group code (`IGO`…), then role codes
/// (`CHNGOV`, `KORBUS`, `IGOUNO`). Upper-case letters, in groups of three.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ActorCode(String);

impl ActorCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first three letters: the country (or `IGO`, `NGO` for organisations).
    pub fn country(&self) -> &str {
        &self.0[..3]
    }

    /// The second group of three letters, if any: the primary role (`GOV`, `MIL`, `BUS`…).
    pub fn role(&self) -> Option<&str> {
        self.0.get(3..6)
    }

    /// This code with `role` appended where it has no role yet.
    pub fn with_role(&self, role: &str) -> ActorCode {
        if self.role().is_some() {
            self.clone()
        } else {
            ActorCode(format!("{}{}", self.0, role))
        }
    }
}

impl TryFrom<String> for ActorCode {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let ok =
            !s.is_empty() && s.len().is_multiple_of(3) && s.bytes().all(|b| b.is_ascii_uppercase());
        if ok {
            Ok(ActorCode(s))
        } else {
            Err(CodeError::Actor(s))
        }
    }
}

impl FromStr for ActorCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ActorCode::try_from(s.to_string())
    }
}

impl From<ActorCode> for String {
    fn from(c: ActorCode) -> Self {
        c.0
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ActorCode({})", self.0)
    }
}

/// GDELT's QuadClass: the four-way split of CAMEO roots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum QuadClass {
    /// 1: roots 01–05.
    VerbalCooperation = 1,
    /// 2: roots 06–09.
    MaterialCooperation = 2,
    /// 3: roots 10–14.
    VerbalConflict = 3,
    /// 4: roots 15–20.
    MaterialConflict = 4,
}

impl QuadClass {
    /// The QuadClass of a CAMEO root (1–20), by GDELT's rule.
    pub fn of_root(root: u8) -> QuadClass {
        match root {
            0..=5 => QuadClass::VerbalCooperation,
            6..=9 => QuadClass::MaterialCooperation,
            10..=14 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        }
    }

    /// The number, 1 to 4.
    pub fn number(self) -> u8 {
        self as u8
    }
}

impl From<QuadClass> for u8 {
    fn from(q: QuadClass) -> u8 {
        q as u8
    }
}

impl TryFrom<u8> for QuadClass {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        match n {
            1 => Ok(QuadClass::VerbalCooperation),
            2 => Ok(QuadClass::MaterialCooperation),
            3 => Ok(QuadClass::VerbalConflict),
            4 => Ok(QuadClass::MaterialConflict),
            _ => Err(format!("QuadClass {n} is not 1 to 4")),
        }
    }
}

/// The Goldstein conflict–cooperation value of an event code, −10 to +10.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Goldstein(pub f32);

/// The PLOVER event types (PLOVER 2021), the successor ontology to CAMEO.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum PloverType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl PloverType {
    /// The type's name as PLOVER writes it (`"CONSULT"`).
    pub fn as_str(self) -> &'static str {
        use PloverType::*;
        match self {
            Agree => "AGREE",
            Consult => "CONSULT",
            Support => "SUPPORT",
            Concede => "CONCEDE",
            Cooperate => "COOPERATE",
            Aid => "AID",
            Retreat => "RETREAT",
            Request => "REQUEST",
            Accuse => "ACCUSE",
            Reject => "REJECT",
            Threaten => "THREATEN",
            Protest => "PROTEST",
            Sanction => "SANCTION",
            Mobilize => "MOBILIZE",
            Coerce => "COERCE",
            Assault => "ASSAULT",
        }
    }
}

impl FromStr for PloverType {
    type Err = CodeError;
    /// Reads PLOVER 2021 names and the older draft names of the PLOVER gold records
    /// (`DEMAND` = REQUEST, `DISAPPROVE` and `INVESTIGATE` = ACCUSE, `FIGHT` = ASSAULT).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        use PloverType::*;
        Ok(match s.trim().to_ascii_uppercase().as_str() {
            "AGREE" => Agree,
            "CONSULT" => Consult,
            "SUPPORT" => Support,
            "CONCEDE" => Concede,
            "COOPERATE" => Cooperate,
            "AID" => Aid,
            "RETREAT" => Retreat,
            "REQUEST" | "DEMAND" => Request,
            "ACCUSE" | "DISAPPROVE" | "INVESTIGATE" => Accuse,
            "REJECT" => Reject,
            "THREATEN" => Threaten,
            "PROTEST" => Protest,
            "SANCTION" => Sanction,
            "MOBILIZE" => Mobilize,
            "COERCE" => Coerce,
            "ASSAULT" | "FIGHT" => Assault,
            _ => return Err(CodeError::Plover(s.to_string())),
        })
    }
}

/// Whether the text asserts that an event happened.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Reported as having happened or happening.
    #[default]
    Asserted,
    /// Reported as not having happened ("did not sign").
    Negated,
    /// Announced or intended ("will visit", "plans to").
    Future,
    /// Possible, demanded or conditional ("could", "should", "if").
    Hypothetical,
    /// A memory of the past, not news ("once fought", "during World War II").
    Historical,
}

impl Modality {
    /// The name used in the event record.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Future => "future",
            Modality::Hypothetical => "hypothetical",
            Modality::Historical => "historical",
        }
    }
}

impl FromStr for Modality {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "asserted" => Modality::Asserted,
            "negated" => Modality::Negated,
            "future" => Modality::Future,
            "hypothetical" => Modality::Hypothetical,
            "historical" => Modality::Historical,
            _ => {
                return Err(format!(
                    "`{s}` is not a modality (asserted, negated, future, hypothetical, historical)"
                ));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_codes_validate_and_expose_their_root() {
        let c: CameoCode = "0211".parse().unwrap();
        assert_eq!(c.as_str(), "0211");
        assert_eq!(c.root().as_str(), "02");
        assert_eq!(c.parent().as_str(), "021");
        assert_eq!(c.specificity(), 4);
        assert!("21".parse::<CameoCode>().is_err());
        assert!("00".parse::<CameoCode>().is_err());
        assert!("4".parse::<CameoCode>().is_err());
        assert!("04a".parse::<CameoCode>().is_err());
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"0211\"");
    }

    #[test]
    fn actor_codes_split_into_country_and_role() {
        let a: ActorCode = "KORBUS".parse().unwrap();
        assert_eq!(a.country(), "KOR");
        assert_eq!(a.role(), Some("BUS"));
        let c: ActorCode = "CHN".parse().unwrap();
        assert_eq!(c.role(), None);
        assert_eq!(c.with_role("GOV").as_str(), "CHNGOV");
        assert!("chn".parse::<ActorCode>().is_err());
        assert!("CHNG".parse::<ActorCode>().is_err());
    }

    #[test]
    fn quad_class_follows_gdelt_roots() {
        assert_eq!(QuadClass::of_root(5).number(), 1);
        assert_eq!(QuadClass::of_root(6).number(), 2);
        assert_eq!(QuadClass::of_root(9).number(), 2);
        assert_eq!(QuadClass::of_root(14).number(), 3);
        assert_eq!(QuadClass::of_root(15).number(), 4);
        assert_eq!(QuadClass::of_root(20).number(), 4);
    }

    #[test]
    fn plover_reads_old_draft_names() {
        assert_eq!("FIGHT".parse::<PloverType>().unwrap(), PloverType::Assault);
        assert_eq!("demand".parse::<PloverType>().unwrap(), PloverType::Request);
        assert!("PARTY".parse::<PloverType>().is_err());
    }
}
