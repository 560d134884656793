//! Fitting FSRS parameters to a student's own history, and measuring how well
//! a parameter set predicts it.
//!
//! Only answers given on a later study day than the previous answer to the
//! same card are scored (the FSRS convention); same-day answers still shape
//! the memory state that is scored.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use fsrs::{ComputeParametersInput, FSRS, FSRSItem, FSRSReview, MemoryState};

use super::metrics::{auc, log_loss, review_bin, rmse_bins};
use super::{SchedulerError, study_day};
use crate::progress::Grade;

/// Fewer scored reviews than this and [`fit`] refuses (the crate itself only
/// trains beyond 64 items and falls back to defaults below that).
pub const MIN_REVIEWS: usize = 64;

/// One card's answers, oldest first, each on its study day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardHistory {
    pub reviews: Vec<(NaiveDate, Grade)>,
}

impl CardHistory {
    /// From timestamped answers (oldest first) and the study-day settings.
    pub fn from_timestamps(
        reviews: impl IntoIterator<Item = (DateTime<Utc>, Grade)>,
        offset: FixedOffset,
        day_start_hour: u32,
    ) -> Self {
        Self {
            reviews: reviews
                .into_iter()
                .map(|(ts, g)| (study_day(ts, offset, day_start_hour), g))
                .collect(),
        }
    }

    /// Whole days between answer `i` and the one before (0 for the first).
    fn delta_t(&self, i: usize) -> u32 {
        if i == 0 {
            return 0;
        }
        let days = (self.reviews[i].0 - self.reviews[i - 1].0).num_days();
        u32::try_from(days.max(0)).unwrap_or(u32::MAX)
    }
}

/// The outcome of [`fit`].
#[derive(Debug, Clone, PartialEq)]
pub struct FitResult {
    /// 21 FSRS-6 parameters.
    pub parameters: Vec<f32>,
    /// Scored (cross-day) reviews the fit was based on.
    pub reviews: usize,
}

/// Prediction quality of a parameter set on some reviews.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub log_loss: f64,
    pub rmse_bins: f64,
    pub auc: f64,
    /// Reviews scored.
    pub count: usize,
}

/// The recall probability predicted for one scored review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// Index into the histories slice.
    pub card: usize,
    /// Index of the answer within that card's history.
    pub review: usize,
    /// Predicted probability of recall before the answer.
    pub p: f64,
    /// Whether the answer was a pass (Hard, Good or Easy).
    pub recalled: bool,
    /// The [`review_bin`] of the review.
    pub bin: (u32, u32, u32),
}

/// Number of scored (cross-day) reviews in `histories`.
#[must_use]
pub fn scored_reviews(histories: &[CardHistory]) -> usize {
    histories
        .iter()
        .map(|h| (1..h.reviews.len()).filter(|&i| h.delta_t(i) > 0).count())
        .sum()
}

/// Fits FSRS-6 parameters to the histories with the `fsrs` optimiser.
///
/// # Errors
/// [`SchedulerError::NotEnoughReviews`] below [`MIN_REVIEWS`] scored reviews,
/// [`SchedulerError::Fsrs`] if the optimiser fails.
pub fn fit(histories: &[CardHistory]) -> Result<FitResult, SchedulerError> {
    let mut items = Vec::new();
    let mut card_ids = Vec::new();
    for (card, h) in histories.iter().enumerate() {
        let reviews: Vec<FSRSReview> = (0..h.reviews.len())
            .map(|i| FSRSReview {
                rating: u32::from(h.reviews[i].1.as_u8()),
                delta_t: h.delta_t(i),
            })
            .collect();
        for i in 1..reviews.len() {
            if reviews[i].delta_t > 0 {
                items.push(FSRSItem {
                    reviews: reviews[..=i].to_vec(),
                });
                card_ids.push(card as i64);
            }
        }
    }
    if items.len() < MIN_REVIEWS {
        return Err(SchedulerError::NotEnoughReviews {
            have: items.len(),
            need: MIN_REVIEWS,
        });
    }
    let n = items.len();
    let parameters = fsrs::compute_parameters(ComputeParametersInput {
        train_set: items,
        card_ids: Some(card_ids),
        ..Default::default()
    })
    .map_err(|e| SchedulerError::Fsrs(format!("{e:?}")))?;
    Ok(FitResult {
        parameters,
        reviews: n,
    })
}

/// Predicts every scored review of `histories` with `parameters` (empty =
/// defaults), walking each card's answers once.
///
/// # Errors
/// [`SchedulerError::ParameterCount`] / [`SchedulerError::Fsrs`] for bad parameters.
pub fn predictions(
    parameters: &[f32],
    histories: &[CardHistory],
) -> Result<Vec<Prediction>, SchedulerError> {
    if !matches!(parameters.len(), 0 | 17 | 19 | 21) {
        return Err(SchedulerError::ParameterCount(parameters.len()));
    }
    let model = FSRS::new(parameters).map_err(|e| SchedulerError::Fsrs(format!("{e:?}")))?;
    let full = fsrs::check_and_fill_parameters(parameters)
        .map_err(|e| SchedulerError::Fsrs(format!("{e:?}")))?;
    let decay = full[20].clamp(0.1, 0.8);
    let mut out = Vec::new();
    for (card, h) in histories.iter().enumerate() {
        let mut memory: Option<MemoryState> = None;
        let mut cross_day = 0u32;
        let mut lapses = 0u32;
        for (i, &(_, grade)) in h.reviews.iter().enumerate() {
            let dt = h.delta_t(i);
            if let Some(m) = memory
                && dt > 0
            {
                cross_day += 1;
                let p = fsrs::current_retrievability(m, dt as f32, decay);
                out.push(Prediction {
                    card,
                    review: i,
                    p: f64::from(p),
                    recalled: grade.is_pass(),
                    bin: review_bin(dt, cross_day, lapses),
                });
                if grade == Grade::Again {
                    lapses += 1;
                }
            }
            let next = model
                .next_states(memory, 0.9, dt)
                .map_err(|e| SchedulerError::Fsrs(format!("{e:?}")))?;
            let s = match grade {
                Grade::Again => next.again,
                Grade::Hard => next.hard,
                Grade::Good => next.good,
                Grade::Easy => next.easy,
            };
            memory = Some(s.memory);
        }
    }
    Ok(out)
}

/// Summarises predictions into [`Metrics`].
#[must_use]
pub fn score(predictions: &[Prediction]) -> Metrics {
    let p: Vec<f64> = predictions.iter().map(|x| x.p).collect();
    let y: Vec<bool> = predictions.iter().map(|x| x.recalled).collect();
    Metrics {
        log_loss: log_loss(&p, &y),
        rmse_bins: rmse_bins(predictions.iter().map(|x| (x.bin, x.p, x.recalled))),
        auc: auc(&p, &y),
        count: predictions.len(),
    }
}

/// How well `parameters` predict the scored reviews of `histories`; run it
/// for the old and the new parameters on the same histories to compare.
///
/// # Errors
/// As [`predictions`].
pub fn evaluate(parameters: &[f32], histories: &[CardHistory]) -> Result<Metrics, SchedulerError> {
    Ok(score(&predictions(parameters, histories)?))
}
