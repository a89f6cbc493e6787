//! `dyad query`: timelines of a dyad, events, and the busiest actors, from the event store.

use crate::EXIT_OK;
use crate::code::parse_date;
use crate::export::{FilterArgs, parse_actor};
use crate::store::DbArg;
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use dyad_store::{ActorFilter, Period, Store, TimelineQuery};
use dyad_types::Modality;
use std::io::Write;

#[derive(Args)]
pub struct QueryArgs {
    #[command(subcommand)]
    what: Query,
}

#[derive(Subcommand)]
enum Query {
    /// Events between two actors per period: counts per QuadClass, mentions, mean Goldstein and the relations index.
    #[command(
        long_about = "Events between two actors per period (day, week, month, quarter, \
        year), both directions together or, with --directed, each direction on its own row: \
        events per QuadClass (verbal and material cooperation, verbal and material conflict), \
        mentions, mean Goldstein value, and the relations index, the mention-weighted mean \
        Goldstein value (sum of goldstein x mentions over sum of mentions; -10 to +10). Periods \
        without events appear as zeros. Asserted events only unless --modality says otherwise.\n\n\
        Examples:\n  dyad query timeline CHN KOR --from 2024-01-01 --by month\n  \
        dyad query timeline CHN KOR --by week --directed --format csv"
    )]
    Timeline(TimelineArgs),
    /// Stored events under filters, newest last (as `dyad export`, with a readable table by default).
    Events(EventsArgs),
    /// The actors in most events, as source or target.
    Actors(ActorsArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Output {
    /// Aligned columns for a terminal.
    Table,
    /// Comma-separated, with a header.
    Csv,
    /// One JSON object per line.
    Json,
}

#[derive(Args)]
struct TimelineArgs {
    /// One actor: a country or group (`CHN`) or a code (`CHNGOV`).
    a: String,
    /// The other actor.
    b: String,
    #[command(flatten)]
    db: DbArg,
    /// First day (default: the first event's).
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Last day (default: the last event's).
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// Period length: day, week, month, quarter, year.
    #[arg(long, default_value = "month")]
    by: Period,
    /// A row for each direction (A->B, B->A) instead of both together.
    #[arg(long)]
    directed: bool,
    /// Modalities to count (default: asserted only).
    #[arg(long, value_delimiter = ',', value_parser = parse_modality)]
    modality: Vec<Modality>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Output::Table)]
    format: Output,
}

#[derive(Args)]
struct EventsArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// Show each event's mentions: the sentence with its source, trigger and target marked.
    #[arg(long)]
    with_evidence: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Output::Table)]
    format: Output,
}

#[derive(Args)]
struct ActorsArgs {
    #[command(flatten)]
    db: DbArg,
    /// How many.
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// Events on or after this date.
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Events on or before this date.
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Output::Table)]
    format: Output,
}

fn parse_modality(s: &str) -> Result<Modality, String> {
    s.parse()
}

fn check_actor(code: &str) -> anyhow::Result<ActorFilter> {
    parse_actor(code)
        .map(ActorFilter)
        .map_err(anyhow::Error::msg)
}

pub fn run(args: QueryArgs) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    match args.what {
        Query::Timeline(a) => timeline(a, &mut out)?,
        Query::Events(a) => events(a, &mut out)?,
        Query::Actors(a) => actors(a, &mut out)?,
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn timeline(args: TimelineArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let store = Store::open_read_only(&args.db.db)?;
    let q = TimelineQuery {
        a: check_actor(&args.a)?,
        b: check_actor(&args.b)?,
        from: args.from,
        to: args.to,
        by: args.by,
        directed: args.directed,
        modalities: args.modality,
    };
    let rows = store.timeline(&q)?;
    if rows.is_empty() {
        eprintln!(
            "dyad: no {} event between {} and {} in this range",
            if q.modalities.is_empty() {
                "asserted"
            } else {
                "matching"
            },
            q.a.0,
            q.b.0
        );
        return Ok(());
    }
    match args.format {
        Output::Json => {
            for r in &rows {
                writeln!(out, "{}", serde_json::to_string(r)?)?;
            }
        }
        Output::Csv => {
            writeln!(
                out,
                "period,direction,events,verbal_coop,material_coop,verbal_conflict,material_conflict,mentions,goldstein,index,tone"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{}",
                    r.period,
                    r.direction,
                    r.events,
                    r.quad[0],
                    r.quad[1],
                    r.quad[2],
                    r.quad[3],
                    r.mentions,
                    r.goldstein,
                    r.index,
                    r.tone
                )?;
            }
        }
        Output::Table => {
            writeln!(
                out,
                "{:<10}  {:<9} {:>6}  {:>6} {:>6} {:>6} {:>6}  {:>8}  {:>9}  {:>6}  {:>6}  relations",
                "period",
                "direction",
                "events",
                "v.coop",
                "m.coop",
                "v.conf",
                "m.conf",
                "mentions",
                "goldstein",
                "index",
                "tone"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{:<10}  {:<9} {:>6}  {:>6} {:>6} {:>6} {:>6}  {:>8}  {:>9.2}  {:>6.2}  {:>6.2}  {}",
                    r.period.to_string(),
                    r.direction,
                    r.events,
                    r.quad[0],
                    r.quad[1],
                    r.quad[2],
                    r.quad[3],
                    r.mentions,
                    r.goldstein,
                    r.index,
                    r.tone,
                    bar(r.index)
                )?;
            }
        }
    }
    Ok(())
}

/// The index as a bar around a centre line: conflict to the left, cooperation to the right.
fn bar(index: f64) -> String {
    let n = (index.abs() / 10.0 * 10.0).round() as usize;
    if index < 0.0 {
        format!("{:>10}|", "-".repeat(n))
    } else {
        format!("{:>10}|{}", "", "+".repeat(n))
    }
}

fn events(args: EventsArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let store = Store::open_read_only(&args.db.db)?;
    let mut filter = args.filter.filter();
    if filter.limit.is_none() {
        filter.limit = Some(50);
    }
    let side = |a: &Option<dyad_types::ActorRef>| {
        a.as_ref()
            .map_or("-".to_string(), |a| a.code.as_str().to_string())
    };
    if args.format == Output::Csv {
        writeln!(
            out,
            "id,date,source,target,cameo,quad_class,goldstein,modality,num_mentions,num_articles,num_sources"
        )?;
    }
    let n = store.for_each_event::<anyhow::Error>(&filter, args.with_evidence, |e| {
        let date = e.date.map_or("-".to_string(), |d| d.to_string());
        match args.format {
            Output::Json => writeln!(out, "{}", serde_json::to_string(&e)?)?,
            Output::Csv => writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{}",
                e.id,
                date,
                side(&e.source),
                side(&e.target),
                e.cameo.as_str(),
                e.quad_class.number(),
                e.goldstein.0,
                e.modality.as_str(),
                e.num_mentions,
                e.num_articles,
                e.num_sources
            )?,
            Output::Table => {
                writeln!(
                    out,
                    "{:<10}  {:<12} {:<6} {:<12} {:>5}  {:<12} {} mentions, {} articles",
                    date,
                    side(&e.source),
                    e.cameo.as_str(),
                    side(&e.target),
                    format!("{:+.1}", e.goldstein.0),
                    e.modality.as_str(),
                    e.num_mentions,
                    e.num_articles
                )?;
                for m in &e.mentions {
                    writeln!(out, "    {}: {}", m.event.doc_id, marked(&m.event))?;
                }
            }
        }
        Ok(())
    })?;
    if n == 0 {
        eprintln!("dyad: no stored event matches");
    }
    Ok(())
}

/// The sentence with source, trigger and target in brackets: `[Xi Jinping] {held talks} with <Lee>`.
fn marked(e: &dyad_types::Event) -> String {
    let x = &e.evidence;
    let base = x.sentence_span.start;
    let mut marks: Vec<(usize, usize, char, char)> = Vec::new();
    let mut add = |s: dyad_types::Span, open, close| {
        if s.start >= base && s.end <= x.sentence_span.end && s.start < s.end {
            marks.push((s.start - base, s.end - base, open, close));
        }
    };
    if let Some(a) = &e.source {
        add(a.span, '[', ']');
    }
    add(x.trigger, '{', '}');
    if let Some(a) = &e.target {
        add(a.span, '<', '>');
    }
    marks.sort();
    marks.dedup_by(|b, a| b.0 < a.1);
    let text = x.text.as_str();
    let mut s = String::new();
    let mut at = 0;
    for (start, end, open, close) in marks {
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) || start < at {
            continue;
        }
        s.push_str(&text[at..start]);
        s.push(open);
        s.push_str(&text[start..end]);
        s.push(close);
        at = end;
    }
    s.push_str(&text[at.min(text.len())..]);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn actors(args: ActorsArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let store = Store::open_read_only(&args.db.db)?;
    let rows = store.top_actors(args.from, args.to, args.top)?;
    match args.format {
        Output::Json => {
            for r in &rows {
                writeln!(out, "{}", serde_json::to_string(r)?)?;
            }
        }
        Output::Csv => {
            writeln!(out, "code,events,mentions,as_source,as_target")?;
            for r in &rows {
                writeln!(
                    out,
                    "{},{},{},{},{}",
                    r.code, r.events, r.mentions, r.as_source, r.as_target
                )?;
            }
        }
        Output::Table => {
            writeln!(
                out,
                "{:<14} {:>8} {:>9} {:>9} {:>9}",
                "actor", "events", "mentions", "as source", "as target"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{:<14} {:>8} {:>9} {:>9} {:>9}",
                    r.code, r.events, r.mentions, r.as_source, r.as_target
                )?;
            }
        }
    }
    Ok(())
}
