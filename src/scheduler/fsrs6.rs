//! The FSRS-6 memory model, evaluated directly.
//!
//! The `fsrs` crate's `next_states` costs about 0.4 µs per call; a journal
//! replay of a million answers needs better. This module evaluates the same
//! published FSRS-6 formulas for all four grades at once, sharing the common
//! terms, in `f32` with the crate's parameter limits, so results agree with
//! `fsrs::FSRS::next_states` (the reference, checked by the tests) to within
//! float rounding.

use super::{Memory, SchedulerError};

const S_MIN: f32 = 0.001;
const S_MAX: f32 = 36500.0;
const D_MIN: f32 = 1.0;
const D_MAX: f32 = 10.0;

/// Allowed range of each parameter (the crate clamps the same way when
/// building a model for scheduling).
const LIMITS: [(f32, f32); 21] = [
    (S_MIN, 100.0),
    (S_MIN, 100.0),
    (S_MIN, 100.0),
    (S_MIN, 100.0),
    (D_MIN, D_MAX),
    (0.001, 4.0),
    (0.001, 4.0),
    (0.001, 0.75),
    (0.0, 4.5),
    (0.0, 0.8),
    (0.001, 3.5),
    (0.001, 5.0),
    (0.001, 0.25),
    (0.001, 0.9),
    (0.0, 4.0),
    (0.0, 1.0),
    (1.0, 6.0),
    (0.0, 2.0),
    (0.0, 2.0),
    (0.0, 0.8),
    (0.1, 0.8),
];

/// An FSRS-6 model with fixed parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Fsrs6 {
    w: [f32; 21],
    /// `0.9^(1/-w20) - 1`, the forgetting-curve factor.
    factor: f32,
}

impl Fsrs6 {
    /// A model from 21 (or the older 17/19) parameters; empty = FSRS-6 defaults.
    ///
    /// # Errors
    /// [`SchedulerError::ParameterCount`] / [`SchedulerError::ParameterValue`].
    pub fn new(parameters: &[f32]) -> Result<Self, SchedulerError> {
        if let Some(i) = parameters.iter().position(|w| !w.is_finite()) {
            return Err(SchedulerError::ParameterValue(i));
        }
        let full = fsrs::check_and_fill_parameters(parameters)
            .map_err(|_| SchedulerError::ParameterCount(parameters.len()))?;
        let mut w = [0.0f32; 21];
        for (i, (dst, (lo, hi))) in w.iter_mut().zip(LIMITS).enumerate() {
            *dst = full[i].clamp(lo, hi);
        }
        let decay = -w[20];
        let factor = (0.9f32.ln() / decay).exp() - 1.0;
        Ok(Self { w, factor })
    }

    /// The parameters in use (after limits are applied).
    #[must_use]
    pub fn parameters(&self) -> &[f32; 21] {
        &self.w
    }

    /// Probability of recall `days` after the last answer.
    #[must_use]
    pub fn retrievability(&self, memory: Memory, days: f32) -> f32 {
        (days / memory.stability * self.factor + 1.0).powf(-self.w[20])
    }

    /// Days until recall probability falls to `retention` (unrounded).
    #[must_use]
    pub fn interval(&self, stability: f32, retention: f32) -> f32 {
        stability / self.factor * (retention.powf(1.0 / -self.w[20]) - 1.0)
    }

    /// The same as [`Self::interval`] with `retention_term` =
    /// `retention^(1/-decay) - 1` precomputed by [`Self::retention_term`].
    #[must_use]
    pub(crate) fn interval_with(&self, stability: f32, retention_term: f32) -> f32 {
        stability / self.factor * retention_term
    }

    pub(crate) fn retention_term(&self, retention: f32) -> f32 {
        retention.powf(1.0 / -self.w[20]) - 1.0
    }

    fn init_difficulty(&self, rating: f32) -> f32 {
        self.w[4] - (self.w[5] * (rating - 1.0)).exp() + 1.0
    }

    /// Memory after answering Again, Hard, Good, Easy: `days` whole days after
    /// the previous answer (0 = same day), or a first answer when `memory` is
    /// `None`.
    #[must_use]
    pub fn next_states(&self, memory: Option<Memory>, days: u32) -> [Memory; 4] {
        let w = &self.w;
        let Some(m) = memory else {
            return [1.0f32, 2.0, 3.0, 4.0].map(|g| Memory {
                stability: w[g as usize - 1].clamp(S_MIN, S_MAX),
                difficulty: self.init_difficulty(g).clamp(D_MIN, D_MAX),
            });
        };
        let s = m.stability.clamp(S_MIN, S_MAX);
        let d = m.difficulty.clamp(D_MIN, D_MAX);
        let t = days as f32;
        let r = (t / s * self.factor + 1.0).powf(-w[20]);

        let failure = {
            let long =
                w[11] * d.powf(-w[12]) * ((s + 1.0).powf(w[13]) - 1.0) * ((1.0 - r) * w[14]).exp();
            long.min(s / (w[17] * w[18]).exp())
        };
        let success_base =
            w[8].exp() * (11.0 - d) * s.powf(-w[9]) * (((1.0 - r) * w[10]).exp() - 1.0);
        let s_pow = s.powf(-w[19]);
        let easy_d = self.init_difficulty(4.0);

        [1.0f32, 2.0, 3.0, 4.0].map(|g| {
            let stability = if days == 0 {
                let sinc = (w[17] * (g - 3.0 + w[18])).exp() * s_pow;
                s * if g >= 2.0 { sinc.max(1.0) } else { sinc }
            } else if g == 1.0 {
                failure
            } else {
                let hard = if g == 2.0 { w[15] } else { 1.0 };
                let easy = if g == 4.0 { w[16] } else { 1.0 };
                s * (success_base * hard * easy + 1.0)
            };
            let delta = -w[6] * (g - 3.0);
            let damped = d + (10.0 - d) * delta / 9.0;
            let difficulty = (w[7] * (easy_d - damped) + damped).clamp(D_MIN, D_MAX);
            Memory {
                stability: stability.clamp(S_MIN, S_MAX),
                difficulty,
            }
        })
    }
}
