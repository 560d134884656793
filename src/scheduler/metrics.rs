//! How well predicted recall probabilities match what happened: log loss,
//! RMSE over bins (as the open srs-benchmark computes it) and AUC.

use std::collections::HashMap;
use std::hash::Hash;

/// Mean binary cross-entropy; predictions are clamped to [1e-6, 1 - 1e-6].
/// `NaN` for no data.
#[must_use]
pub fn log_loss(predictions: &[f64], recalled: &[bool]) -> f64 {
    let n = predictions.len().min(recalled.len());
    if n == 0 {
        return f64::NAN;
    }
    let sum: f64 = predictions
        .iter()
        .zip(recalled)
        .map(|(&p, &y)| {
            let p = p.clamp(1e-6, 1.0 - 1e-6);
            if y { -p.ln() } else { -(1.0 - p).ln() }
        })
        .sum();
    sum / n as f64
}

/// RMSE between mean prediction and observed recall rate per bin, each bin
/// weighted by its size: `sqrt(sum(n_b * (mean_p_b - mean_y_b)^2) / sum(n_b))`.
/// `NaN` for no data.
#[must_use]
pub fn rmse_bins<K: Hash + Eq>(samples: impl IntoIterator<Item = (K, f64, bool)>) -> f64 {
    let mut bins: HashMap<K, (f64, f64, f64)> = HashMap::new();
    for (key, p, y) in samples {
        let b = bins.entry(key).or_default();
        b.0 += p;
        b.1 += f64::from(u8::from(y));
        b.2 += 1.0;
    }
    let total: f64 = bins.values().map(|b| b.2).sum();
    if total == 0.0 {
        return f64::NAN;
    }
    let sq: f64 = bins
        .values()
        .map(|&(p, y, n)| n * (p / n - y / n).powi(2))
        .sum();
    (sq / total).sqrt()
}

/// The bin of a review for [`rmse_bins`], as in the FSRS benchmark: elapsed
/// days, number of cross-day reviews so far (this one included) and earlier
/// cross-day lapses, each on a logarithmic scale.
#[must_use]
pub fn review_bin(delta_t: u32, cross_day_reviews: u32, lapses: u32) -> (u32, u32, u32) {
    let log_bin = |x: f64, base: f64, scale: f64| (scale * base.powf(x.log(base).floor())).round();
    let t = log_bin(f64::from(delta_t), 3.62, 2.48 * 100.0) as u32;
    let length = log_bin(f64::from(cross_day_reviews) + 1.0, 1.89, 1.99) as u32;
    let lapse = if lapses == 0 {
        0
    } else {
        log_bin(f64::from(lapses), 1.73, 1.65) as u32
    };
    (t, length, lapse)
}

/// Area under the ROC curve: the probability that a recalled review got a
/// higher prediction than a forgotten one (ties count half). `NaN` when
/// either class is missing.
#[must_use]
pub fn auc(predictions: &[f64], recalled: &[bool]) -> f64 {
    let n = predictions.len().min(recalled.len());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| predictions[a].total_cmp(&predictions[b]));
    // Average ranks (1-based) over ties, then Mann-Whitney U.
    let mut rank_sum_pos = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && predictions[order[j + 1]] == predictions[order[i]] {
            j += 1;
        }
        let avg_rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            if recalled[k] {
                rank_sum_pos += avg_rank;
            }
        }
        i = j + 1;
    }
    let pos = recalled[..n].iter().filter(|&&y| y).count() as f64;
    let neg = n as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return f64::NAN;
    }
    (rank_sum_pos - pos * (pos + 1.0) / 2.0) / (pos * neg)
}
