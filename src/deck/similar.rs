//! Questions asked twice: the same question in two notes (often in two
//! decks) or two questions that differ only by a typo. Reported as warnings
//! by `kartei check`, since such cards split one fact's progress in two.

use std::borrow::Cow;

use super::diagnostic::{Diagnostic, Severity};
use super::model::{Card, CardContent, Deck, cloze_text};
use super::problem::Problem;
use super::set::DeckSet;

/// The question of a note as an author wrote it (a cloze text with every gap
/// filled), or `None` for generated sides such as the reversed card.
fn note_question(card: &Card) -> Option<Cow<'_, str>> {
    match &card.content {
        CardContent::Basic { reversed: true, .. } => None,
        CardContent::Cloze { segments, .. } => Some(Cow::Owned(cloze_text(segments, None))),
        CardContent::Basic { front, .. }
        | CardContent::Choice { front, .. }
        | CardContent::List { front, .. } => Some(Cow::Borrowed(front)),
    }
}

/// Questions longer than this (in characters) are compared on their
/// normalised start plus a hash of the rest: time and memory stay bounded
/// for any length, and two texts that differ far out are still different.
const MAX_KEY_CHARS: usize = 64 * 1024;

/// The most differing characters (after the common start and end are cut
/// off) compared with an edit distance; questions that differ over a
/// longer stretch are not "almost the same".
const MAX_COMPARED: usize = 1_000;

/// The largest number of edits compared (the band of the edit distance).
const MAX_EDITS: usize = 100;

/// The text the comparison works on: the normalised question (see
/// [`crate::matcher::normalize`]), bounded as described at
/// [`MAX_KEY_CHARS`].
fn key(question: &str) -> String {
    match question.char_indices().nth(MAX_KEY_CHARS) {
        None => crate::matcher::normalize(question),
        Some((cut, _)) => {
            let mut key = crate::matcher::normalize(&question[..cut]);
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in &question.as_bytes()[cut..] {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            key.push_str(&format!(" \u{1}{h:016x}"));
            key
        }
    }
}

/// True when `a` and `b` (normalised, `len_a`/`len_b` characters) differ
/// only by a typo: at most one edit in ten characters (at least 12
/// characters), at most one in four of the words the difference falls in
/// — two short words one letter apart ("MQL"/"SQL") are different terms,
/// not a typo — and no number differs.
fn almost_same(a: &str, len_a: usize, b: &str, len_b: usize) -> bool {
    let len = len_a.max(len_b);
    let k = (len / 10).clamp(1, MAX_EDITS);
    if len < 12 || len_a.abs_diff(len_b) > k {
        return false;
    }
    // Cut the common start and end off: the distance of what is left is
    // the distance of the whole.
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .take_while({
            let mut total = 0;
            move |n| {
                total += n;
                total <= max_suffix
            }
        })
        .sum();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    if mid_a.len().max(mid_b.len()) > 4 * MAX_COMPARED {
        return false;
    }
    // The words the difference falls in, whole.
    let start = a[..prefix]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word_end = |s: &str, from: usize| {
        s[from..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(s.len(), |(i, _)| from + i)
    };
    let region_a = &a[start..word_end(a, a.len() - suffix)];
    let region_b = &b[start..word_end(b, b.len() - suffix)];
    // Numbers are never typos: "Nummer 12" and "Nummer 13" are two
    // questions. Checked before the (dearer) distance.
    if !region_a
        .chars()
        .filter(char::is_ascii_digit)
        .eq(region_b.chars().filter(char::is_ascii_digit))
    {
        return false;
    }
    let (ma, mb): (Vec<char>, Vec<char>) = (mid_a.chars().collect(), mid_b.chars().collect());
    if ma.len().max(mb.len()) > MAX_COMPARED {
        return false;
    }
    let Some(d) = bounded_distance(&ma, &mb, k) else {
        return false;
    };
    d <= region_a.chars().count().max(region_b.chars().count()) / 4
}

/// The edit distance (insertions, deletions, substitutions, swaps of
/// neighbours) of `a` and `b` if it is at most `k`, computed in a band of
/// width `2k + 1` with an early exit: O(len · k) time, O(len) memory.
fn bounded_distance(a: &[char], b: &[char], k: usize) -> Option<usize> {
    const INF: usize = usize::MAX / 4;
    let (m, n) = (a.len(), b.len());
    if m.abs_diff(n) > k {
        return None;
    }
    let mut prev2 = vec![INF; n + 2];
    let mut prev = vec![INF; n + 2];
    let mut cur = vec![INF; n + 2];
    for (j, cell) in prev.iter_mut().enumerate().take(n.min(k) + 1) {
        *cell = j;
    }
    for i in 1..=m {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(n);
        cur[lo - 1] = if lo == 1 && i <= k { i } else { INF };
        let mut row_min = cur[lo - 1];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(prev2[j - 2] + 1);
            }
            cur[j] = best;
            row_min = row_min.min(best);
        }
        cur[hi + 1] = INF;
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[n];
    (d <= k).then_some(d)
}

/// Warnings for duplicate and near-identical questions over all decks.
///
/// Exact duplicates are found by sorting; near-identical ones by comparing
/// each question with its neighbour in sorted order (see [`almost_same`]),
/// which finds typo-level copies in O(n log n) without comparing every
/// pair. Every comparison is bounded in time and memory, whatever the
/// length of the questions.
#[must_use]
pub fn similar_questions(set: &DeckSet) -> Vec<Diagnostic> {
    let mut notes: Vec<(String, usize, &Deck, &Card)> = Vec::new();
    let mut last_note: Option<&str> = None;
    for (deck, card) in set.cards() {
        let note = card.id.note_key();
        if last_note == Some(note) {
            continue;
        }
        last_note = Some(note);
        if let Some(q) = note_question(card) {
            let normalised = key(&q);
            if !normalised.is_empty() {
                let chars = normalised.chars().count();
                notes.push((normalised, chars, deck, card));
            }
        }
    }
    notes.sort_by(|a, b| a.0.cmp(&b.0));
    let mut warnings = Vec::new();
    for pair in notes.windows(2) {
        let ((qa, la, deck_a, a), (qb, lb, deck_b, b)) = (&pair[0], &pair[1]);
        let same = if qa == qb {
            true
        } else if almost_same(qa, *la, qb, *lb) {
            false
        } else {
            continue;
        };
        // Report at the card that comes later in load order.
        let (first, later) =
            if (deck_a.origin.display_name(), a.line) <= (deck_b.origin.display_name(), b.line) {
                ((deck_a, a), (deck_b, b))
            } else {
                ((deck_b, b), (deck_a, a))
            };
        warnings.push(Diagnostic {
            severity: Severity::Warning,
            file: later.0.origin.display_name(),
            line: later.1.line,
            column: 1,
            problem: Box::new(Problem::SimilarQuestion {
                card: later.1.id.to_string(),
                other: first.1.id.to_string(),
                other_file: first.0.origin.display_name(),
                other_line: first.1.line,
                same,
            }),
            source_line: None,
            width: 1,
        });
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::edit_distance;

    fn near(a: &str, b: &str) -> bool {
        let (a, b) = (key(a), key(b));
        almost_same(&a, a.chars().count(), &b, b.chars().count())
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "kitten",
            "sitting",
            "marketing",
            "marketnig",
            "vertrieb",
            "vertreib",
            "xyz",
            "abcdefghij",
            "abcdefghji",
            "bacdefghij",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = edit_distance(a, b);
                for k in 0..6 {
                    let expected = (full <= k).then_some(full);
                    assert_eq!(bounded_distance(&ca, &cb, k), expected, "{a} {b} {k}");
                }
            }
        }
    }

    #[test]
    fn typos_are_near_but_different_short_terms_are_not() {
        assert!(near("Was ist Marktforschung?", "Was ist Marktforschnug?"));
        assert!(near(
            "Was ist das Ziel des Marketings?",
            "Was ist das Ziel des Marketing?"
        ));
        assert!(!near("Wofür steht MQL?", "Wofür steht SQL?"));
        assert!(!near("Wofür steht SEO genau?", "Wofür steht SEA genau?"));
        assert!(!near("Was ist ein Lead?", "Was ist ein Deal?"));
        assert!(!near(
            "Die Preispolitik 10005 und Oekonomie",
            "Die Preispolitik 10001 und Oekonomie"
        ));
    }

    #[test]
    fn long_questions_are_compared_in_bounded_time() {
        let base: String = (0..4000).map(|i| format!("wort{i} ")).collect();
        let other = base.replacen("wort3000 ", "wrot3000 ", 1);
        let started = std::time::Instant::now();
        assert!(near(&base, &other));
        let huge = "a".repeat(10 << 20);
        let mut huge2 = huge.clone();
        huge2.push('b');
        assert!(!near(&huge, &format!("b{huge}")));
        // Far out in a huge text only the hash of the rest is compared.
        assert!(!near(&huge, &huge2));
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
}
