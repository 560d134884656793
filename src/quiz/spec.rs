//! What a quiz asks for: decks, tags, size, time limits, forms and seed.

use std::fmt;
use std::time::Duration;

/// The per-question limit used when neither a total nor a per-question
/// limit is given.
pub const DEFAULT_PER_QUESTION: Duration = Duration::from_secs(60);

/// The default number of questions.
pub const DEFAULT_COUNT: u32 = 20;

/// How a question is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// Pick from (usually) four options.
    Choice,
    /// Type the answer; compared tolerantly.
    Typed,
    /// Show the answer, the student says whether they knew it.
    Flip,
}

impl Form {
    /// Every form, in preference order.
    pub const ALL: [Form; 3] = [Form::Choice, Form::Typed, Form::Flip];

    /// The name used on the command line and in the journal.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Choice => "choice",
            Form::Typed => "typed",
            Form::Flip => "flip",
        }
    }
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a `--forms` value was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseFormsError {
    #[error("no quiz form given; use a comma-separated list of choice, typed, flip")]
    Empty,
    #[error("unknown quiz form {0:?}; use a comma-separated list of choice, typed, flip")]
    Unknown(String),
}

/// Parses a comma-separated list like `"choice,typed,flip"` (any case,
/// spaces allowed, duplicates ignored, order kept).
///
/// # Errors
/// [`ParseFormsError::Unknown`] names the first unknown form;
/// [`ParseFormsError::Empty`] when no form is given.
pub fn parse_forms(s: &str) -> Result<Vec<Form>, ParseFormsError> {
    let mut forms = Vec::new();
    for token in s.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let form = match token.to_ascii_lowercase().as_str() {
            "choice" => Form::Choice,
            "typed" => Form::Typed,
            "flip" => Form::Flip,
            _ => return Err(ParseFormsError::Unknown(token.to_owned())),
        };
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    if forms.is_empty() {
        return Err(ParseFormsError::Empty);
    }
    Ok(forms)
}

/// The settings of one quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizSpec {
    /// Deck ids to draw from; empty means every deck.
    pub decks: Vec<String>,
    /// Only cards with at least one of these tags; empty means any card.
    pub tags: Vec<String>,
    /// Number of questions (fewer when not enough cards exist).
    pub count: u32,
    /// Limit for the whole quiz (pauses excluded).
    pub time_limit: Option<Duration>,
    /// Limit for each question (pauses excluded). When neither limit is set,
    /// [`DEFAULT_PER_QUESTION`] applies; see [`QuizSpec::per_question_limit`].
    pub per_question: Option<Duration>,
    /// Allowed forms; empty means all.
    pub forms: Vec<Form>,
    pub seed: u64,
    /// Draw only cards studied before; by default every card in scope can
    /// be asked, studied or not (a mock exam covers all the material).
    pub studied_only: bool,
    /// Answers move the schedule: a wrong answer is a lapse (a timeout is
    /// only a timeout). Without it the quiz leaves every due date alone.
    pub reschedule: bool,
}

impl Default for QuizSpec {
    fn default() -> Self {
        Self {
            decks: Vec::new(),
            tags: Vec::new(),
            count: DEFAULT_COUNT,
            time_limit: None,
            per_question: None,
            forms: Form::ALL.to_vec(),
            seed: 0,
            studied_only: false,
            reschedule: true,
        }
    }
}

impl QuizSpec {
    /// The per-question limit in effect: the given one, or
    /// [`DEFAULT_PER_QUESTION`] when neither limit is set.
    #[must_use]
    pub fn per_question_limit(&self) -> Option<Duration> {
        match (self.per_question, self.time_limit) {
            (Some(d), _) => Some(d),
            (None, None) => Some(DEFAULT_PER_QUESTION),
            (None, Some(_)) => None,
        }
    }

    /// Whether `form` may be used (an empty list allows every form).
    #[must_use]
    pub fn allows(&self, form: Form) -> bool {
        self.forms.is_empty() || self.forms.contains(&form)
    }
}
