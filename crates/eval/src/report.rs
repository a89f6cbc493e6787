//! What an evaluation prints: counts, precision/recall/F1, confusion tables.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Precision, recall and F1 from counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Produced events that match a gold one.
    pub true_positives: usize,
    /// Events produced.
    pub produced: usize,
    /// Gold events.
    pub expected: usize,
}

impl Prf {
    /// tp / produced.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.produced)
    }
    /// tp / expected.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.expected)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Add another count.
    pub fn add(&mut self, o: Prf) {
        self.true_positives += o.true_positives;
        self.produced += o.produced;
        self.expected += o.expected;
    }
}

/// `a / b`, 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Gold label × predicted label counts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Confusion {
    /// `(gold, predicted) → count`; predicted `-` means no event.
    pub cells: BTreeMap<(String, String), usize>,
}

impl Confusion {
    /// Count one pair.
    pub fn add(&mut self, gold: &str, predicted: &str) {
        *self
            .cells
            .entry((gold.to_string(), predicted.to_string()))
            .or_default() += 1;
    }

    fn labels(&self) -> (Vec<String>, Vec<String>) {
        let mut g: Vec<String> = self.cells.keys().map(|k| k.0.clone()).collect();
        let mut p: Vec<String> = self.cells.keys().map(|k| k.1.clone()).collect();
        g.sort();
        g.dedup();
        p.sort();
        p.dedup();
        (g, p)
    }
}

impl fmt::Display for Confusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (gold, pred) = self.labels();
        write!(f, "{:>10} |", "gold\\pred")?;
        for p in &pred {
            write!(f, "{p:>5}")?;
        }
        writeln!(f, " | total  right")?;
        for g in &gold {
            write!(f, "{g:>10} |")?;
            let mut total = 0;
            for p in &pred {
                let n = self
                    .cells
                    .get(&(g.clone(), p.clone()))
                    .copied()
                    .unwrap_or(0);
                total += n;
                if n == 0 {
                    write!(f, "{:>5}", ".")?;
                } else {
                    write!(f, "{n:>5}")?;
                }
            }
            let right = self
                .cells
                .get(&(g.clone(), g.clone()))
                .copied()
                .unwrap_or(0);
            writeln!(f, " | {total:>5}  {right:>5}")?;
        }
        Ok(())
    }
}

/// The result of scoring one gold file.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The gold file's name.
    pub set: String,
    /// Its format.
    pub format: String,
    /// Rows (sentences, records, documents) scored.
    pub rows: usize,
    /// The one number a ratchet holds: higher is better, 0 to 1.
    pub headline: f64,
    /// What the headline measures.
    pub headline_name: String,
    /// Further named figures.
    pub figures: BTreeMap<String, f64>,
    /// Precision/recall/F1 by level, where the set has expected events.
    pub prf: BTreeMap<String, Prf>,
    /// Confusion table (by root, type or class).
    pub confusion: Confusion,
    /// Notes: what was found, what was missed.
    pub notes: Vec<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "== {} ({}, {} rows)", self.set, self.format, self.rows)?;
        writeln!(f, "{:<34} {:.3}", self.headline_name, self.headline)?;
        for (k, v) in &self.figures {
            writeln!(f, "{k:<34} {v:.3}")?;
        }
        if !self.prf.is_empty() {
            writeln!(
                f,
                "{:<10} {:>9} {:>9} {:>9} {:>6} {:>9} {:>9}",
                "level", "precision", "recall", "F1", "tp", "produced", "expected"
            )?;
            for (k, p) in &self.prf {
                writeln!(
                    f,
                    "{k:<10} {:>9.3} {:>9.3} {:>9.3} {:>6} {:>9} {:>9}",
                    p.precision(),
                    p.recall(),
                    p.f1(),
                    p.true_positives,
                    p.produced,
                    p.expected
                )?;
            }
        }
        if !self.confusion.cells.is_empty() {
            writeln!(f, "confusion:")?;
            write!(f, "{}", self.confusion)?;
        }
        for n in &self.notes {
            writeln!(f, "{n}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_arithmetic() {
        let p = Prf {
            true_positives: 2,
            produced: 4,
            expected: 2,
        };
        assert_eq!((p.precision(), p.recall()), (0.5, 1.0));
        assert!((p.f1() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(Prf::default().f1(), 0.0);
    }

    #[test]
    fn confusion_prints_rows_and_diagonal() {
        let mut c = Confusion::default();
        c.add("04", "04");
        c.add("04", "01");
        c.add("19", "-");
        let s = c.to_string();
        assert!(
            s.contains("        04 |    .    1    1 |     2      1"),
            "{s}"
        );
    }
}
