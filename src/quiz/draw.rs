//! Drawing questions: which cards, in which form, with which options.

use crate::deck::{Card, CardContent, CardId, CardKind};
use crate::matcher::{self, Outcome};

use rand::RngExt as _;
use rand::distr::Open01;
use rand::seq::SliceRandom as _;

use super::Rng;
use super::spec::{Form, QuizSpec};

/// How weak the student is on a card, computed by the integration from the
/// journal.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Weakness {
    /// FSRS retrievability now, 0.0..=1.0; `None` for a card never reviewed.
    pub retrievability: Option<f64>,
    /// Lapses (Again after a pass) in the recent past.
    pub recent_lapses: u32,
    /// Wrong answers in earlier quizzes.
    pub quiz_mistakes: u32,
}

/// Added to every weight so even well-known cards can be drawn.
pub const WEIGHT_EPSILON: f64 = 0.05;

impl Weakness {
    /// The sampling weight of a reviewed card:
    /// `(1 - R) + 0.5 * lapses + 0.7 * mistakes + WEIGHT_EPSILON`
    /// (R clamped to 0..=1; a card never studied counts as R = 0).
    #[must_use]
    pub fn weight(&self) -> f64 {
        let r = self
            .retrievability
            .filter(|r| r.is_finite())
            .map_or(0.0, |r| r.clamp(0.0, 1.0));
        (1.0 - r)
            + 0.5 * f64::from(self.recent_lapses)
            + 0.7 * f64::from(self.quiz_mistakes)
            + WEIGHT_EPSILON
    }
}

/// Answers longer than this many characters are not asked in typed form.
pub const TYPED_MAX_CHARS: usize = 40;
/// Answers with more words than this are not asked in typed form.
pub const TYPED_MAX_WORDS: usize = 5;

/// What the student has to produce for a typed question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedAnswer {
    /// One answer, compared with [`matcher::compare`].
    Single(String),
    /// Several items, compared with [`matcher::compare_list`].
    List { items: Vec<String>, ordered: bool },
}

/// The form a question is asked in, with what that form needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionForm {
    /// Options in display order; `correct` holds indices into `options`.
    Choice {
        options: Vec<String>,
        correct: Vec<usize>,
    },
    Typed(TypedAnswer),
    /// Self-graded: the answer is [`Question::expected`].
    Flip,
}

impl QuestionForm {
    /// Which [`Form`] this is.
    #[must_use]
    pub fn form(&self) -> Form {
        match self {
            QuestionForm::Choice { .. } => Form::Choice,
            QuestionForm::Typed(_) => Form::Typed,
            QuestionForm::Flip => Form::Flip,
        }
    }
}

/// One quiz question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub card: CardId,
    pub deck: String,
    pub tags: Vec<String>,
    pub kind: CardKind,
    /// The question text (a cloze shows its gap as `[…]` or `[hint]`).
    pub prompt: String,
    /// The right answer as plain text (for flip, results and mistakes).
    pub expected: String,
    pub hint: Option<String>,
    pub explain: Option<String>,
    pub form: QuestionForm,
}

/// The note a card belongs to: its id before the first `~`. Cards of one
/// note (a reversed side, the gaps of one cloze text) are siblings.
#[must_use]
pub fn note_key(id: &CardId) -> &str {
    id.note_key()
}

/// Draws up to `spec.count` questions from `cards` (restricted to
/// `spec.decks` / `spec.tags` when those are non-empty), without repetition.
///
/// Cards are drawn by weighted sampling without replacement
/// (Efraimidis–Spirakis: each card gets the key `ln(u) / weight`, highest keys
/// win), weight from [`Weakness::weight`]: cards never studied take part like
/// forgotten ones (a mock exam covers all the material), unless
/// `spec.studied_only` leaves them out. A card whose note
/// already has a card in the quiz is only used when nothing else is left.
/// Cards that fit no allowed form are skipped. The result is shuffled. The
/// same `cards`, weaknesses, spec and rng state give the same questions in the
/// same order.
///
/// Distractors for choice questions come from all of `cards`, not only the
/// filtered ones.
pub fn draw(
    cards: &[&Card],
    weakness: &dyn Fn(&CardId) -> Weakness,
    spec: &QuizSpec,
    rng: &mut Rng,
) -> Vec<Question> {
    let eligible: Vec<&Card> = cards
        .iter()
        .copied()
        .filter(|c| spec.decks.is_empty() || spec.decks.contains(&c.deck_id))
        .filter(|c| spec.tags.is_empty() || c.tags.iter().any(|t| spec.tags.contains(t)))
        .collect();

    let mut keyed: Vec<(f64, &Card)> = Vec::new();
    for &card in &eligible {
        let w = weakness(&card.id);
        let u: f64 = rng.sample(Open01);
        if w.retrievability.is_some() || !spec.studied_only {
            keyed.push((u.ln() / w.weight(), card));
        }
    }
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0));

    let count = spec.count as usize;
    let mut questions = Vec::new();
    let mut used_notes: Vec<&str> = Vec::new();
    let mut deferred: Vec<&Card> = Vec::new();
    for (_, card) in keyed {
        if questions.len() >= count {
            break;
        }
        let note = note_key(&card.id);
        if used_notes.contains(&note) {
            deferred.push(card);
            continue;
        }
        if let Some(q) = make_question(card, cards, spec, rng) {
            used_notes.push(note);
            questions.push(q);
        }
    }
    for card in deferred {
        if questions.len() >= count {
            break;
        }
        if let Some(q) = make_question(card, cards, spec, rng) {
            questions.push(q);
        }
    }
    questions.shuffle(rng);
    questions
}

/// True when the answer has something to compare.
fn has_content(answer: &str) -> bool {
    !matcher::normalize(answer).is_empty()
}

fn is_short(answer: &str) -> bool {
    let answer = answer.trim();
    has_content(answer)
        && answer.chars().count() <= TYPED_MAX_CHARS
        && answer.split_whitespace().count() <= TYPED_MAX_WORDS
}

fn fits_typed(card: &Card) -> bool {
    match &card.content {
        CardContent::Cloze { .. } => has_content(&card.answer()),
        CardContent::List { items, .. } => !items.is_empty(),
        CardContent::Basic {
            back,
            front,
            reversed,
        } => is_short(if *reversed { front } else { back }),
        CardContent::Choice { answer, .. } => answer.len() == 1 && is_short(&card.answer()),
    }
}

fn may_fit_choice(card: &Card) -> bool {
    match &card.content {
        CardContent::Choice {
            choices, answer, ..
        } => choices.len() >= 2 && !answer.is_empty(),
        CardContent::Basic { .. } | CardContent::Cloze { .. } => true,
        CardContent::List { .. } => false,
    }
}

/// Builds the question for `card` in a form the spec allows, or `None`.
fn make_question(card: &Card, pool: &[&Card], spec: &QuizSpec, rng: &mut Rng) -> Option<Question> {
    let preferred: Vec<Form> = [Form::Choice, Form::Typed]
        .into_iter()
        .filter(|&f| spec.allows(f))
        .filter(|&f| match f {
            Form::Choice => may_fit_choice(card),
            Form::Typed => fits_typed(card),
            Form::Flip => false,
        })
        .collect();
    let mut order: Vec<Form> = Vec::new();
    if !preferred.is_empty() {
        let first = preferred[rng.random_range(..preferred.len())];
        order.push(first);
        order.extend(preferred.iter().copied().filter(|&f| f != first));
    }
    if spec.allows(Form::Flip) {
        order.push(Form::Flip);
    }
    let form = order.into_iter().find_map(|f| match f {
        Form::Choice => choice_form(card, pool, rng),
        Form::Typed => Some(typed_form(card)),
        Form::Flip => Some(QuestionForm::Flip),
    })?;
    Some(Question {
        card: card.id.clone(),
        deck: card.deck_id.clone(),
        tags: card.tags.clone(),
        kind: card.kind(),
        prompt: match card.content {
            CardContent::Cloze { .. } => mask_answer(&card.question(), &card.answer()),
            _ => card.question(),
        },
        expected: card.answer(),
        hint: card.hint.clone(),
        explain: card.explain.clone(),
        form,
    })
}

/// The cloze text with every other occurrence of its answer hidden too
/// (case-insensitive, whole words): a gap whose answer also stands in the
/// text would answer itself.
#[must_use]
pub fn mask_answer(prompt: &str, answer: &str) -> String {
    let needle: Vec<char> = answer.trim().chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return prompt.to_owned();
    }
    let chars: Vec<char> = prompt.chars().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let end = i + needle.len();
        let boundary = |at: Option<&char>| at.is_none_or(|c| !c.is_alphanumeric());
        if end <= chars.len()
            && lower[i..end] == needle[..]
            && boundary(i.checked_sub(1).and_then(|j| chars.get(j)))
            && boundary(chars.get(end))
        {
            out.push_str("[…]");
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn typed_form(card: &Card) -> QuestionForm {
    match &card.content {
        CardContent::List { items, ordered, .. } => QuestionForm::Typed(TypedAnswer::List {
            items: items.clone(),
            ordered: *ordered,
        }),
        _ => QuestionForm::Typed(TypedAnswer::Single(card.typed_answer())),
    }
}

/// Options for a choice question; `None` when 3 good distractors (or, for a
/// choice card, 2 options) cannot be found.
fn choice_form(card: &Card, pool: &[&Card], rng: &mut Rng) -> Option<QuestionForm> {
    let mut options: Vec<(String, bool)> = match &card.content {
        CardContent::Choice {
            choices, answer, ..
        } => {
            let correct: Vec<(String, bool)> = answer
                .iter()
                .filter_map(|&i| choices.get(i))
                .map(|c| (c.clone(), true))
                .collect();
            let mut wrong: Vec<(String, bool)> = choices
                .iter()
                .enumerate()
                .filter(|(i, _)| !answer.contains(i))
                .map(|(_, c)| (c.clone(), false))
                .collect();
            wrong.shuffle(rng);
            let keep = 4usize.saturating_sub(correct.len()).max(1).min(wrong.len());
            wrong.truncate(keep);
            let mut all = correct;
            all.extend(wrong);
            if all.len() < 2 {
                return None;
            }
            all
        }
        CardContent::Basic { .. } | CardContent::Cloze { .. } => {
            let right = card.answer();
            if !has_content(&right) {
                return None;
            }
            let distractors = find_distractors(card, &right, pool, rng)?;
            let mut all = vec![(right, true)];
            all.extend(distractors.into_iter().map(|d| (d, false)));
            all
        }
        CardContent::List { .. } => return None,
    };
    options.shuffle(rng);
    let correct = options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.1)
        .map(|(i, _)| i)
        .collect();
    Some(QuestionForm::Choice {
        options: options.into_iter().map(|o| o.0).collect(),
        correct,
    })
}

/// The answer "shape" of a card: distractors must come from cards of the
/// same shape (basic backs for basic, fronts for reversed, gap answers for
/// cloze).
fn shape(card: &Card) -> Option<(CardKind, bool)> {
    match &card.content {
        CardContent::Basic { reversed, .. } => Some((CardKind::Basic, *reversed)),
        CardContent::Cloze { .. } => Some((CardKind::Cloze, false)),
        _ => None,
    }
}

/// True when two answers are clearly different: neither would be accepted
/// for the other, even as a typo.
fn clearly_different(a: &str, b: &str) -> bool {
    matcher::compare(a, b).outcome == Outcome::Wrong
        && matcher::compare(b, a).outcome == Outcome::Wrong
        && !same_gist(a, b)
}

/// True when most content words of the shorter text (4 letters or more,
/// normalised) also stand in the other: "Getrennte Abteilungen ohne
/// Abstimmung" and a longer sentence saying the same would otherwise both be
/// offered, and both be right.
fn same_gist(a: &str, b: &str) -> bool {
    let words = |s: &str| -> std::collections::HashSet<String> {
        matcher::normalize(s)
            .split_whitespace()
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_owned)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let shorter = wa.len().min(wb.len());
    if shorter < 2 {
        return false;
    }
    let shared = wa.intersection(&wb).count();
    shared * 2 >= shorter
}

/// True when `candidate` looks like an answer of the same form as `right`:
/// both start with a capital letter or both do not (a noun is not offered
/// among adjectives), about as many words, and a similar length.
fn same_form(right: &str, candidate: &str) -> bool {
    let upper = |s: &str| {
        s.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    };
    let words = |s: &str| s.split_whitespace().count();
    let (lr, lc) = (
        right.chars().count().max(1),
        candidate.chars().count().max(1),
    );
    let (wr, wc) = (words(right), words(candidate));
    upper(right) == upper(candidate)
        && wr.abs_diff(wc) <= (wr.max(wc) / 2).max(1)
        && lr.max(lc) <= 2 * lr.min(lc) + 4
}

/// Three distractors from similar cards of the same deck or sharing a tag
/// (same deck sharing a tag first, then same deck, then another deck
/// sharing a tag), of the same form and similar length as the right answer;
/// never the right answer, never empty, never a near-copy of the right
/// answer or of each other.
fn find_distractors(
    card: &Card,
    right: &str,
    pool: &[&Card],
    rng: &mut Rng,
) -> Option<Vec<String>> {
    let want = shape(card)?;
    let note = note_key(&card.id);
    let mut tiers: [Vec<&Card>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for &other in pool {
        if shape(other) != Some(want) || note_key(&other.id) == note {
            continue;
        }
        let shares_tag = other.tags.iter().any(|t| card.tags.contains(t));
        let tier = match (other.deck_id == card.deck_id, shares_tag) {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => 2,
            (false, false) => continue,
        };
        tiers[tier].push(other);
    }
    let mut chosen: Vec<String> = Vec::new();
    for tier in &mut tiers {
        tier.shuffle(rng);
        for other in tier.iter() {
            let candidate = other.answer();
            let candidate = candidate.trim();
            if matcher::normalize(candidate).is_empty()
                || !same_form(right.trim(), candidate)
                || !clearly_different(right, candidate)
                || chosen.iter().any(|c| !clearly_different(c, candidate))
            {
                continue;
            }
            chosen.push(candidate.to_owned());
            if chosen.len() == 3 {
                return Some(chosen);
            }
        }
    }
    None
}
