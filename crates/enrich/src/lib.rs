//! Enrichment of events: when and where they happened, and the tone of their document.
//!
//! Design: news states dates and places in formulaic phrases ("on January 5", "two months ago",
//! "talks in Beijing", a dateline "SEOUL, Jan 5 —"), so small finders over the tokens of a sentence
//! read them, against the publication date and a gazetteer built into the binary; no model, no
//! network. Each stage keeps the words it read, so every date and place of an event can be shown
//! in its sentence.
//! - [`time`]: time expressions, their dates and precision ([`time_expressions`], [`assign`]);
//! - [`places`]: the GeoNames gazetteer; [`locate`]: location phrases and datelines;
//! - [`tone`]: document tone on GDELT's scale from the VADER lexicon.
//!
//! ```
//! use chrono::NaiveDate;
//! let text = "On January 5, Xi held talks with Lee.";
//! let tokens = dyad_text::tokens(text, dyad_types::Span::new(0, text.len()));
//! let published = NaiveDate::from_ymd_opt(2026, 1, 6);
//! let found = dyad_enrich::time_expressions(text, &tokens, published);
//! assert_eq!(found[0].date, NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
//! assert_eq!(found[0].span.of(text), "January 5");
//! ```

pub mod locate;
pub mod places;
pub mod time;
mod tone;
pub use locate::{PlaceFinder, PlaceHit};
pub use places::{Gazetteer, Place, PlaceKind, Point};
pub use time::{TimeExpr, assign, nearest, time_expressions};
pub use tone::tone;

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::NaiveDate;
    use dyad_types::Span;

    fn date(text: &str, published: &str) -> Option<String> {
        let tokens = dyad_text::tokens(text, Span::new(0, text.len()));
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        time_expressions(text, &tokens, p)
            .first()
            .map(|e| e.date.to_string())
    }

    #[test]
    fn absolute_and_partial_dates() {
        assert_eq!(
            date("On January 5, they met.", "2026-01-06").as_deref(),
            Some("2026-01-05")
        );
        assert_eq!(
            date("On Dec. 30 they met.", "2026-01-06").as_deref(),
            Some("2025-12-30")
        );
        assert_eq!(
            date("They met on 5 March 2019.", "2026-01-06").as_deref(),
            Some("2019-03-05")
        );
        assert_eq!(
            date("They met on March 5, 2019.", "").as_deref(),
            Some("2019-03-05")
        );
        assert_eq!(date("They may meet.", "2026-01-06"), None);
    }

    #[test]
    fn relative_dates() {
        // 2026-01-06 is a Tuesday.
        assert_eq!(
            date("Xi met Lee on Monday.", "2026-01-06").as_deref(),
            Some("2026-01-05")
        );
        assert_eq!(
            date("Xi met Lee on Tuesday.", "2026-01-06").as_deref(),
            Some("2026-01-06")
        );
        assert_eq!(
            date("Xi met Lee yesterday.", "2026-01-06").as_deref(),
            Some("2026-01-05")
        );
        assert_eq!(
            date("Just over two months ago, Xi visited.", "2026-01-06").as_deref(),
            Some("2025-11-06")
        );
        assert_eq!(
            date("Three days ago Xi visited.", "2026-01-06").as_deref(),
            Some("2026-01-03")
        );
        assert_eq!(date("Xi visited on Monday.", ""), None);
    }
}
