//! `[scheduler]` settings, their validation and the step-duration syntax.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::SchedulerError;

/// The `[scheduler]` table of `config.toml`. Every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SchedulerConfig {
    /// Target probability of recall when a review card comes due (0.7..=0.99).
    pub desired_retention: f32,
    /// Longest interval the scheduler will give, in days (1..=36500).
    pub maximum_interval_days: u32,
    /// Steps for new cards, e.g. `["1m", "10m"]` (see [`parse_duration`]).
    pub learning_steps: Vec<String>,
    /// Steps after a lapse, e.g. `["10m"]`.
    pub relearning_steps: Vec<String>,
    /// New cards introduced per study day.
    pub new_per_day: u32,
    /// Review cards shown per study day.
    pub reviews_per_day: u32,
    /// Local hour (0..=23) at which a new study day begins.
    pub day_start_hour: u32,
    /// When nothing else is left, a learning card due within this time is
    /// shown at once instead of waiting for it (like Anki's learn-ahead
    /// limit), e.g. `"20m"`.
    pub learn_ahead: String,
    /// Spread intervals of 3 days and more a little, like Anki.
    pub fuzz: bool,
    /// FSRS parameters (21, or the older 17/19); empty means the FSRS-6 defaults.
    pub parameters: Vec<f32>,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        Self {
            desired_retention: 0.9,
            maximum_interval_days: 36500,
            learning_steps: vec!["1m".into(), "10m".into()],
            relearning_steps: vec!["10m".into()],
            new_per_day: 20,
            reviews_per_day: 200,
            day_start_hour: 4,
            learn_ahead: "20m".into(),
            fuzz: true,
            parameters: Vec::new(),
        }
    }
}

/// The parsed learning and relearning steps of a valid configuration.
#[derive(Debug, Clone)]
pub(crate) struct Steps {
    pub learning: Vec<Duration>,
    pub relearning: Vec<Duration>,
    pub learn_ahead: Duration,
}

impl SchedulerConfig {
    /// Checks every setting; the first problem found is returned.
    ///
    /// # Errors
    /// A [`SchedulerError`] naming the setting and the allowed range.
    pub fn validate(&self) -> Result<(), SchedulerError> {
        self.validated_steps().map(|_| ())
    }

    pub(crate) fn validated_steps(&self) -> Result<Steps, SchedulerError> {
        let r = self.desired_retention;
        if !(0.7..=0.99).contains(&r) {
            return Err(SchedulerError::Retention(r));
        }
        if !(1..=36500).contains(&self.maximum_interval_days) {
            return Err(SchedulerError::MaximumInterval(self.maximum_interval_days));
        }
        if self.day_start_hour > 23 {
            return Err(SchedulerError::DayStartHour(self.day_start_hour));
        }
        if !matches!(self.parameters.len(), 0 | 17 | 19 | 21) {
            return Err(SchedulerError::ParameterCount(self.parameters.len()));
        }
        if let Some(i) = self.parameters.iter().position(|w| !w.is_finite()) {
            return Err(SchedulerError::ParameterValue(i));
        }
        let max = Duration::days(i64::from(self.maximum_interval_days));
        let parse = |field: &'static str, list: &[String]| {
            list.iter()
                .map(|s| {
                    let d = parse_duration(s).map_err(|source| SchedulerError::Step {
                        field,
                        value: s.clone(),
                        source,
                    })?;
                    if d > max {
                        return Err(SchedulerError::StepTooLong {
                            field,
                            value: s.clone(),
                        });
                    }
                    Ok(d)
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let learn_ahead = parse("learn_ahead", std::slice::from_ref(&self.learn_ahead))?
            .pop()
            .unwrap_or_default();
        Ok(Steps {
            learning: parse("learning_steps", &self.learning_steps)?,
            relearning: parse("relearning_steps", &self.relearning_steps)?,
            learn_ahead,
        })
    }
}

/// Why a duration like `"10m"` could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("the duration is empty; write e.g. \"10m\", \"1h30m\" or \"1d\"")]
    Empty,
    #[error("expected a number at position {pos} in \"{input}\"; write e.g. \"10m\", \"1h30m\"")]
    MissingNumber { input: String, pos: usize },
    #[error("the number in \"{input}\" needs a unit: s, m, h or d (e.g. \"{input}m\")")]
    MissingUnit { input: String },
    #[error(
        "unknown unit '{unit}' in \"{input}\"; use s (seconds), m (minutes), h (hours) or d (days)"
    )]
    UnknownUnit { input: String, unit: char },
    #[error("the duration \"{input}\" is too long")]
    TooLong { input: String },
    #[error("the duration \"{input}\" is zero; it must be longer than that")]
    Zero { input: String },
}

/// Reads `"90s"`, `"10m"`, `"1h"`, `"1h30m"`, `"2d"` (units s, m, h, d,
/// combinable, largest first or not; spaces ignored).
///
/// # Errors
/// [`DurationError`] for an empty string, a missing number or unit, an unknown
/// unit, a zero or an absurdly long total.
pub fn parse_duration(input: &str) -> Result<Duration, DurationError> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err(DurationError::Empty);
    }
    let mut total: i64 = 0;
    let mut chars = compact.char_indices().peekable();
    while let Some(&(start, _)) = chars.peek() {
        let mut number: i64 = 0;
        let mut digits = 0;
        while let Some(&(_, c)) = chars.peek() {
            let Some(d) = c.to_digit(10) else { break };
            number = number
                .checked_mul(10)
                .and_then(|n| n.checked_add(i64::from(d)))
                .ok_or_else(|| DurationError::TooLong {
                    input: input.to_owned(),
                })?;
            digits += 1;
            chars.next();
        }
        if digits == 0 {
            return Err(DurationError::MissingNumber {
                input: input.to_owned(),
                pos: start + 1,
            });
        }
        let Some((_, unit)) = chars.next() else {
            return Err(DurationError::MissingUnit {
                input: input.to_owned(),
            });
        };
        let seconds = match unit {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            other => {
                return Err(DurationError::UnknownUnit {
                    input: input.to_owned(),
                    unit: other,
                });
            }
        };
        total = number
            .checked_mul(seconds)
            .and_then(|s| total.checked_add(s))
            .filter(|&t| t <= 1_000_000 * 86_400)
            .ok_or_else(|| DurationError::TooLong {
                input: input.to_owned(),
            })?;
    }
    if total == 0 {
        return Err(DurationError::Zero {
            input: input.to_owned(),
        });
    }
    Ok(Duration::seconds(total))
}

/// A short label for an interval: `"45 s"`, `"10 min"`, `"3 h"`, `"4 d"`,
/// `"3 mo"`, `"1.2 y"`.
#[must_use]
pub fn format_interval(d: Duration) -> String {
    let secs = d.num_seconds().max(0) as f64;
    let days = secs / 86_400.0;
    if secs < 60.0 {
        format!("{} s", secs.round() as i64)
    } else if secs < 3600.0 {
        format!("{} min", (secs / 60.0).round() as i64)
    } else if secs < 86_400.0 {
        let h = secs / 3600.0;
        if h < 10.0 && (h - h.round()).abs() > 0.05 {
            format!("{h:.1} h")
        } else {
            format!("{} h", h.round() as i64)
        }
    } else if days < 30.0 {
        format!("{} d", days.round() as i64)
    } else if days < 365.0 {
        let months = days / 30.4375;
        if months < 10.0 && (months - months.round()).abs() > 0.05 {
            format!("{months:.1} mo")
        } else {
            format!("{} mo", months.round() as i64)
        }
    } else {
        let years = days / 365.25;
        if (years - years.round()).abs() > 0.05 {
            format!("{years:.1} y")
        } else {
            format!("{} y", years.round() as i64)
        }
    }
}
