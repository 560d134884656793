//! How well do kartei's schedulers predict recall on a real review log?
//!
//! `cargo run --release --example srs_eval -- FILE.csv [--json]`
//!
//! FILE.csv has the columns `card_id,review_rating,review_time,review_duration`
//! (any order, header required; times ISO 8601). Study days start at 00:00
//! UTC-9h (a 4 am rollover in US Central summer time). Like the open
//! srs-benchmark, every answer given on a later study day than the previous
//! answer to the same card is scored by the recall probability predicted
//! before it. Scored reviews are split in time order into 6 blocks; blocks 2..6
//! are test folds (`TimeSeriesSplit`, 5 splits) and each is predicted by
//! parameters fitted only on answers before it. Rows: FSRS-6 default
//! parameters, FSRS-6 fitted on the past, and Anki's classic SM-2 (p =
//! 0.9^(elapsed / interval)), all on the same test reviews.

use std::collections::HashMap;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, Utc};
use kartei::progress::Grade;
use kartei::scheduler::metrics::review_bin;
use kartei::scheduler::optimize::{self, CardHistory, Metrics, Prediction};

const SPLITS: usize = 5;

struct Card {
    reviews: Vec<(DateTime<Utc>, Grade)>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [file] = files.as_slice() else {
        eprintln!("usage: srs_eval FILE.csv [--json]");
        return ExitCode::from(2);
    };
    match run(file, json) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse(path: &str) -> Result<Vec<Card>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut lines = text.lines().enumerate();
    let Some((_, header)) = lines.next() else {
        return Err(format!(
            "{path}: the file is empty; expected a CSV header line"
        ));
    };
    let names: Vec<&str> = header.split(',').map(str::trim).collect();
    let col = |name: &str| {
        names.iter().position(|n| *n == name).ok_or_else(|| {
            format!("{path}:1: the header has no column \"{name}\" (found: {header})")
        })
    };
    let (c_card, c_rating, c_time) = (col("card_id")?, col("review_rating")?, col("review_time")?);
    let mut index: HashMap<i64, usize> = HashMap::new();
    let mut cards: Vec<Card> = Vec::new();
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        let field = |c: usize| -> Result<(&str, usize), String> {
            let column = fields[..c.min(fields.len())]
                .iter()
                .map(|f| f.len() + 1)
                .sum::<usize>()
                + 1;
            fields.get(c).map(|f| (f.trim(), column)).ok_or_else(|| {
                format!(
                    "{path}:{}: the line has {} fields, the header {}",
                    n + 1,
                    fields.len(),
                    names.len()
                )
            })
        };
        let bad = |column: usize, what: &str, v: &str| {
            format!("{path}:{}:{column}: {what}, got \"{v}\"", n + 1)
        };
        let (v, c) = field(c_card)?;
        let card: i64 = v
            .parse()
            .map_err(|_| bad(c, "card_id must be an integer", v))?;
        let (v, c) = field(c_rating)?;
        let grade = v
            .parse::<u8>()
            .ok()
            .and_then(|g| Grade::try_from(g).ok())
            .ok_or_else(|| bad(c, "review_rating must be 1, 2, 3 or 4", v))?;
        let (v, c) = field(c_time)?;
        let ts = DateTime::parse_from_rfc3339(v)
            .map_err(|e| bad(c, &format!("review_time must be ISO 8601 ({e})"), v))?
            .with_timezone(&Utc);
        let i = *index.entry(card).or_insert_with(|| {
            cards.push(Card {
                reviews: Vec::new(),
            });
            cards.len() - 1
        });
        cards[i].reviews.push((ts, grade));
    }
    for c in &mut cards {
        c.reviews.sort_by_key(|r| r.0);
    }
    Ok(cards)
}

fn run(path: &str, json: bool) -> Result<(), String> {
    let cards = parse(path)?;
    let offset = FixedOffset::west_opt(9 * 3600).expect("valid offset");
    let history = |c: &Card, before: Option<DateTime<Utc>>| {
        CardHistory::from_timestamps(
            c.reviews
                .iter()
                .copied()
                .filter(|(ts, _)| before.is_none_or(|b| *ts < b)),
            offset,
            0,
        )
    };
    let full: Vec<CardHistory> = cards.iter().map(|c| history(c, None)).collect();

    // Every scored review, in time order, then TimeSeriesSplit folds.
    let defaults = optimize::predictions(&[], &full).map_err(|e| e.to_string())?;
    let mut order: Vec<(DateTime<Utc>, usize, usize)> = defaults
        .iter()
        .map(|p| (cards[p.card].reviews[p.review].0, p.card, p.review))
        .collect();
    order.sort();
    let test_size = order.len() / (SPLITS + 1);
    if test_size == 0 {
        return Err(format!("{path}: too few cross-day reviews to evaluate"));
    }
    let mut fold_of: HashMap<(usize, usize), usize> = HashMap::new();
    let mut cuts = Vec::new();
    for k in 0..SPLITS {
        let start = order.len() - (SPLITS - k) * test_size;
        cuts.push(order[start].0);
        for &(_, card, review) in &order[start..start + test_size] {
            fold_of.insert((card, review), k);
        }
    }
    let in_test = |p: &&Prediction| fold_of.contains_key(&(p.card, p.review));

    let default_test: Vec<Prediction> = defaults.iter().filter(in_test).copied().collect();
    let mut optimized_test = Vec::new();
    for (k, &cut) in cuts.iter().enumerate() {
        let past: Vec<CardHistory> = cards.iter().map(|c| history(c, Some(cut))).collect();
        let fit = optimize::fit(&past).map_err(|e| format!("fold {}: {e}", k + 1))?;
        if !json {
            eprintln!(
                "fold {}: fitted on {} past reviews, testing {}",
                k + 1,
                fit.reviews,
                test_size
            );
        }
        let preds = optimize::predictions(&fit.parameters, &full).map_err(|e| e.to_string())?;
        optimized_test.extend(
            preds
                .into_iter()
                .filter(|p| fold_of.get(&(p.card, p.review)) == Some(&k)),
        );
    }
    let sm2_test: Vec<Prediction> = sm2_predictions(&full)
        .iter()
        .filter(in_test)
        .copied()
        .collect();

    let rows = [
        ("kartei_default", optimize::score(&default_test)),
        ("kartei_optimized", optimize::score(&optimized_test)),
        ("sm2", optimize::score(&sm2_test)),
    ];
    if json {
        let obj: serde_json::Map<String, serde_json::Value> = rows
            .iter()
            .map(|(name, m)| {
                (
                    (*name).to_owned(),
                    serde_json::json!({"log_loss": m.log_loss, "rmse_bins": m.rmse_bins, "auc": m.auc}),
                )
            })
            .collect();
        println!("{}", serde_json::Value::Object(obj));
    } else {
        let total: usize = cards.iter().map(|c| c.reviews.len()).sum();
        println!(
            "{path}: {total} reviews of {} cards; {} cross-day reviews, {} scored in {SPLITS} time-ordered test folds (day boundary 00:00 UTC-9h)",
            cards.len(),
            order.len(),
            default_test.len()
        );
        println!(
            "{:<18} {:>9} {:>10} {:>7}",
            "model", "log loss", "RMSE(bins)", "AUC"
        );
        for (
            name,
            Metrics {
                log_loss,
                rmse_bins,
                auc,
                ..
            },
        ) in rows
        {
            println!("{name:<18} {log_loss:>9.4} {rmse_bins:>10.4} {auc:>7.4}");
        }
    }
    Ok(())
}

/// Anki's classic SM-2 on study days: graduate to 1 day (4 after Easy);
/// Again: ease -0.20 (min 1.3) and 1 day; Hard: ×1.2, ease -0.15; Good:
/// ×ease with half the lateness credited; Easy: ×ease×1.3 with full lateness,
/// ease +0.15. Recall is predicted as 0.9^(elapsed / interval).
fn sm2_predictions(histories: &[CardHistory]) -> Vec<Prediction> {
    let mut out = Vec::new();
    for (card, h) in histories.iter().enumerate() {
        let mut ease = 2.5f64;
        let mut ivl = 0.0f64;
        let mut cross_day = 0u32;
        let mut lapses = 0u32;
        for (i, &(day, grade)) in h.reviews.iter().enumerate() {
            let dt = if i == 0 {
                0
            } else {
                (day - h.reviews[i - 1].0).num_days().max(0) as u32
            };
            if i == 0 || (dt == 0 && ivl <= 1.0) {
                // Learning steps today: graduating interval decided by the last answer.
                ivl = match grade {
                    Grade::Easy => 4.0,
                    _ => 1.0,
                };
                continue;
            }
            if dt == 0 {
                if grade == Grade::Again {
                    ivl = 1.0;
                }
                continue;
            }
            cross_day += 1;
            let t = f64::from(dt);
            out.push(Prediction {
                card,
                review: i,
                p: 0.9f64.powf(t / ivl),
                recalled: grade.is_pass(),
                bin: review_bin(dt, cross_day, lapses),
            });
            let late = (t - ivl).max(0.0);
            ivl = match grade {
                Grade::Again => {
                    lapses += 1;
                    ease = (ease - 0.2).max(1.3);
                    1.0
                }
                Grade::Hard => {
                    ease = (ease - 0.15).max(1.3);
                    (ivl * 1.2).max(ivl + 1.0)
                }
                Grade::Good => ((ivl + late / 2.0) * ease).max(ivl + 1.0),
                Grade::Easy => {
                    let next = ((ivl + late) * ease * 1.3).max(ivl + 1.0);
                    ease += 0.15;
                    next
                }
            }
            .min(36500.0);
        }
    }
    out
}
