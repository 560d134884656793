//! Tolerant comparison of typed answers with the expected answer.
//!
//! Used by the review screen for `input = true` cards and by the quiz's typed
//! form. Pure: no I/O, no clock.
//!
//! # Rules
//!
//! * **Normalisation** ([`normalize`]): Unicode NFC (compose-key input often
//!   arrives decomposed), lowercase, `ä→ae`, `ö→oe`, `ü→ue`, `ß→ss`, final
//!   sigma `ς→σ`; hyphens, dashes, slashes and underscores become spaces; other
//!   punctuation and symbols are dropped (letters, digits and combining marks
//!   of every script are kept); a `.` or `,` between two digits is kept as a
//!   decimal separator `.` (so `3,5` and `3.5` are equal but differ from `35`);
//!   whitespace is collapsed and trimmed.
//! * **Separators do not matter**: answers are compared with all spaces
//!   removed, so "Cross Selling", "Cross-Selling" and "crossselling" are the
//!   same answer.
//! * **Typos** ([`allowed_typos`]): the Levenshtein distance on the compared
//!   (normalised, space-free) text may be at most 0 for ≤ 4 characters, 1 for
//!   ≤ 8, 2 for ≤ 16 and 12 % (rounded down) above that. A typo is only
//!   accepted when the first character is right (people rarely mistype the
//!   first letter, and it keeps "Kosten" from passing for "Posten").
//!   Known limit: two real words one letter apart ("Marke"/"Markt") pass as a
//!   typo; the diff shows the difference.
//! * **Numbers** must match exactly: the sequences of digit runs of expected
//!   and given must be equal, otherwise the answer is [`Outcome::Wrong`].
//! * **Empty answers** (nothing left after normalisation) are always wrong.
//! * **Alternatives**: an expected answer like `"Kaltakquise / Warm Calls"`
//!   or `"A; B"` is accepted as a whole or as any single alternative (split on
//!   `" / "` — with the spaces, so `km/h` stays whole — and on `;`). For every
//!   candidate, a version without parenthesised parts is accepted too
//!   (`"Customer Lifetime Value (CLV)"` accepts `"Customer Lifetime Value"`).
//!   The best verdict over all candidates wins.
//! * **Lists** ([`compare_list`]): see there.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// How well a typed answer matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// Equal after normalisation.
    Exact,
    /// Within the allowed number of typos.
    Close,
    /// Not accepted.
    Wrong,
}

impl Outcome {
    /// True for [`Outcome::Exact`] and [`Outcome::Close`].
    #[must_use]
    pub fn is_accepted(self) -> bool {
        self != Outcome::Wrong
    }
}

/// The role of a piece of the diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiffKind {
    /// Given text that is right (ignored punctuation and spaces count as right).
    Same,
    /// Expected text the answer lacks; `text` is the expected text.
    Missing,
    /// Given text that does not belong there.
    Extra,
    /// Given text that should have been `expected`.
    Changed,
}

/// One run of the char-level diff.
///
/// Concatenating `text` of all spans except [`DiffKind::Missing`] gives the
/// given answer (in NFC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffSpan {
    pub kind: DiffKind,
    /// The given text for Same/Extra/Changed, the expected text for Missing.
    pub text: String,
    /// For Changed: what was expected instead. Empty otherwise.
    pub expected: String,
}

/// The result of [`compare`].
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// Levenshtein distance between the normalised, space-free texts.
    pub distance: usize,
    /// The expected text (the whole answer or one alternative) the verdict
    /// was made against.
    pub expected: String,
    /// Char-level diff over the given text.
    pub diff: Vec<DiffSpan>,
}

/// Normalises an answer for comparison (see the module docs).
#[must_use]
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if is_nfc(s) {
        normalized_chars(s.chars(), |c, _| out.push(c));
    } else {
        normalized_chars(s.nfc(), |c, _| out.push(c));
    }
    out
}

/// The number of typos allowed for an expected answer of `len` compared
/// characters (normalised, without spaces).
#[must_use]
pub fn allowed_typos(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        9..=16 => 2,
        _ => len * 12 / 100,
    }
}

/// Compares a typed answer with the expected one.
#[must_use]
pub fn compare(expected: &str, given: &str) -> Verdict {
    let given_m = Mapped::new(given);
    let mut best: Option<Verdict> = None;
    for candidate in candidates(expected) {
        let verdict = compare_one(&candidate, &given_m);
        let better = match &best {
            None => true,
            Some(b) => (verdict.outcome, verdict.distance) < (b.outcome, b.distance),
        };
        if better {
            best = Some(verdict);
        }
    }
    best.unwrap_or_else(|| compare_one(expected, &given_m))
}

/// How one list item fared in [`compare_list`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    /// Matched by the given part with this index.
    Matched { part: usize, outcome: Outcome },
    /// Named, but out of order in an ordered list (no credit).
    OutOfOrder { part: usize },
    /// Not named.
    Missed,
}

/// The result of [`compare_list`].
#[derive(Debug, Clone, PartialEq)]
pub struct ListVerdict {
    /// Matched items / all items, 0.0..=1.0.
    pub score: f64,
    /// One entry per expected item, in item order.
    pub items: Vec<ItemStatus>,
    /// The given answer split into parts.
    pub parts: Vec<String>,
    /// Indices into `parts` of given parts that matched no item.
    pub extra: Vec<usize>,
}

impl ListVerdict {
    /// The number of items that earned credit.
    #[must_use]
    pub fn matched(&self) -> usize {
        self.items
            .iter()
            .filter(|s| matches!(s, ItemStatus::Matched { .. }))
            .count()
    }
}

/// Compares a typed list answer with the expected items.
///
/// The answer is split on commas, semicolons, newlines and the words " und "
/// / " and " (a part containing "und"/"and" is kept whole if it matches an
/// item as a whole, e.g. "Forschung und Entwicklung"). Every part matches at
/// most one item and every item at most one part, tolerantly as in
/// [`compare`], greedily best match first (exact before close, smaller
/// distance first). When `ordered`, only the items matched in order count (the
/// longest common subsequence of items and parts); other named items are
/// [`ItemStatus::OutOfOrder`] and earn nothing. The score is matched / items;
/// extra parts cost nothing (guessing extra items is not penalised). An empty
/// item list scores 1.0.
#[must_use]
pub fn compare_list(items: &[String], given: &str, ordered: bool) -> ListVerdict {
    let parts = split_list_answer(items, given);
    let verdicts: Vec<Vec<Verdict>> = items
        .iter()
        .map(|item| parts.iter().map(|p| compare(item, p)).collect())
        .collect();
    let mut status = vec![ItemStatus::Missed; items.len()];
    let mut part_used = vec![false; parts.len()];

    if ordered {
        for (i, j) in ordered_matches(&verdicts, items.len(), parts.len()) {
            status[i] = ItemStatus::Matched {
                part: j,
                outcome: verdicts[i][j].outcome,
            };
            part_used[j] = true;
        }
    }
    // Greedy best match over what is left (everything when unordered).
    let mut pairs: Vec<(Outcome, usize, usize, usize)> = Vec::new();
    for (i, row) in verdicts.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            if v.outcome.is_accepted() && status[i] == ItemStatus::Missed && !part_used[j] {
                pairs.push((v.outcome, v.distance, i, j));
            }
        }
    }
    pairs.sort_unstable();
    for (outcome, _, i, j) in pairs {
        if status[i] != ItemStatus::Missed || part_used[j] {
            continue;
        }
        status[i] = if ordered {
            ItemStatus::OutOfOrder { part: j }
        } else {
            ItemStatus::Matched { part: j, outcome }
        };
        part_used[j] = true;
    }

    let matched = status
        .iter()
        .filter(|s| matches!(s, ItemStatus::Matched { .. }))
        .count();
    let score = if items.is_empty() {
        1.0
    } else {
        matched as f64 / items.len() as f64
    };
    let extra = (0..parts.len()).filter(|&j| !part_used[j]).collect();
    ListVerdict {
        score,
        items: status,
        parts,
        extra,
    }
}

/// Longest common subsequence of items and parts where a pair "matches" when
/// accepted; ties broken by the smaller total distance. Returns (item, part).
fn ordered_matches(verdicts: &[Vec<Verdict>], n: usize, m: usize) -> Vec<(usize, usize)> {
    // dp[i][j] = best (count, -distance) for items[i..] and parts[j..].
    let mut dp = vec![vec![(0usize, 0i64); m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut best = dp[i + 1][j].max(dp[i][j + 1]);
            let v = &verdicts[i][j];
            if v.outcome.is_accepted() {
                let (c, d) = dp[i + 1][j + 1];
                best = best.max((c + 1, d - v.distance as i64));
            }
            dp[i][j] = best;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let v = &verdicts[i][j];
        if v.outcome.is_accepted() {
            let (c, d) = dp[i + 1][j + 1];
            if (c + 1, d - v.distance as i64) == dp[i][j] {
                out.push((i, j));
                i += 1;
                j += 1;
                continue;
            }
        }
        if dp[i + 1][j] == dp[i][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn split_list_answer(items: &[String], given: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for chunk in given.split([',', ';', '\n']) {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        let keep_whole = items
            .iter()
            .any(|item| compare(item, chunk).outcome.is_accepted());
        if keep_whole {
            parts.push(chunk.to_owned());
            continue;
        }
        for piece in split_on_conjunction(chunk) {
            let piece = piece.trim();
            if !piece.is_empty() {
                parts.push(piece.to_owned());
            }
        }
    }
    parts
}

/// Splits on the whole words "und" / "and" (any case), surrounded by whitespace.
fn split_on_conjunction(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let words: Vec<(usize, &str)> = s
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .collect();
    for (offset, word) in words {
        if word.eq_ignore_ascii_case("und") || word.eq_ignore_ascii_case("and") {
            out.push(&s[start..offset]);
            start = offset + word.len();
        }
    }
    out.push(&s[start..]);
    out
}

/// The whole expected answer, its alternatives, and each without parentheses.
fn candidates(expected: &str) -> Vec<String> {
    let mut base = vec![expected.to_owned()];
    let alternatives: Vec<&str> = expected
        .split(" / ")
        .flat_map(|p| p.split(';'))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if alternatives.len() > 1 {
        base.extend(alternatives.iter().map(|s| (*s).to_owned()));
    }
    let mut out = Vec::new();
    for c in base {
        let stripped = strip_parentheses(&c);
        out.push(c);
        if let Some(s) = stripped {
            out.push(s);
        }
    }
    out
}

/// The text without `(...)` parts, if it had any and something remains.
fn strip_parentheses(s: &str) -> Option<String> {
    if !s.contains('(') {
        return None;
    }
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in s.chars() {
        match ch {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!Mapped::new(&out).norm.is_empty()).then_some(out)
}

fn compare_one(expected: &str, given: &Mapped) -> Verdict {
    let exp = Mapped::new(expected);
    let e = exp.compact();
    let g = given.compact();

    if g.is_empty() {
        let diff = if exp.orig.is_empty() {
            Vec::new()
        } else {
            vec![DiffSpan {
                kind: DiffKind::Missing,
                text: exp.orig.iter().collect(),
                expected: String::new(),
            }]
        };
        let mut diff = diff;
        // Keep what was typed (only punctuation/space) visible as neutral text.
        if !given.orig.is_empty() {
            diff.insert(
                0,
                DiffSpan {
                    kind: DiffKind::Same,
                    text: given.orig.iter().collect(),
                    expected: String::new(),
                },
            );
        }
        return Verdict {
            outcome: Outcome::Wrong,
            distance: e.len(),
            expected: expected.to_owned(),
            diff,
        };
    }

    let ec: Vec<char> = e.iter().map(|&(c, _)| c).collect();
    let gc: Vec<char> = g.iter().map(|&(c, _)| c).collect();
    let (distance, ops) = align(&ec, &gc);
    let outcome = if distance == 0 {
        Outcome::Exact
    } else if digit_runs(&ec) == digit_runs(&gc)
        && ec.first() == gc.first()
        && distance <= allowed_typos(ec.len())
    {
        Outcome::Close
    } else {
        Outcome::Wrong
    };
    let diff = match ops {
        Some(ops) => build_diff(&exp, &e, given, &g, &ops),
        None => coarse_diff(&exp, given),
    };
    Verdict {
        outcome,
        distance,
        expected: expected.to_owned(),
        diff,
    }
}

fn digit_runs(chars: &[char]) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for &c in chars {
        if c.is_ascii_digit() || (c == '.' && !cur.is_empty()) {
            cur.push(c);
        } else if !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

/// Whether `s` is in NFC already (ASCII always is), so that composing it
/// can be skipped.
fn is_nfc(s: &str) -> bool {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// The chars of `s` in NFC.
fn nfc_chars(s: &str) -> Vec<char> {
    if is_nfc(s) {
        s.chars().collect()
    } else {
        s.nfc().collect()
    }
}

/// The normalisation itself (see the module docs): calls `emit` with each
/// normalised char (single spaces between words) and the index (in chars)
/// of the char of `chars` it came from.
fn normalized_chars(chars: impl Iterator<Item = char>, mut emit: impl FnMut(char, usize)) {
    let mut pending_space = false;
    let mut any = false;
    let mut push = |c: char, i: usize, pending: &mut bool| {
        if *pending && any {
            emit(' ', i);
        }
        *pending = false;
        any = true;
        emit(c, i);
    };
    let mut prev: Option<char> = None;
    let mut chars = chars.enumerate().peekable();
    while let Some((i, ch)) = chars.next() {
        if ch.is_ascii_alphanumeric() {
            // The common case, without the Unicode tables.
            push(ch.to_ascii_lowercase(), i, &mut pending_space);
        } else if !ch.is_ascii() && (ch.is_alphanumeric() || is_combining_mark(ch)) {
            for lc in ch.to_lowercase() {
                match lc {
                    'ä' => {
                        push('a', i, &mut pending_space);
                        push('e', i, &mut pending_space);
                    }
                    'ö' => {
                        push('o', i, &mut pending_space);
                        push('e', i, &mut pending_space);
                    }
                    'ü' => {
                        push('u', i, &mut pending_space);
                        push('e', i, &mut pending_space);
                    }
                    'ß' => {
                        push('s', i, &mut pending_space);
                        push('s', i, &mut pending_space);
                    }
                    'ς' => push('σ', i, &mut pending_space),
                    other => push(other, i, &mut pending_space),
                }
            }
        } else if (ch == '.' || ch == ',')
            && prev.is_some_and(|p| p.is_ascii_digit())
            && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit())
        {
            push('.', i, &mut pending_space);
        } else if ch.is_whitespace() || is_separator(ch) {
            pending_space = true;
        }
        // Any other punctuation or symbol is dropped.
        prev = Some(ch);
    }
}

/// A string in NFC with its normalised form; every normalised char remembers
/// the index of the original char it came from.
struct Mapped {
    orig: Vec<char>,
    /// Normalised chars (with single spaces between words).
    norm: Vec<char>,
    /// `origin[k]` = index into `orig` of `norm[k]`.
    origin: Vec<usize>,
}

impl Mapped {
    fn new(s: &str) -> Self {
        let orig = nfc_chars(s);
        let mut norm = Vec::new();
        let mut origin = Vec::new();
        normalized_chars(orig.iter().copied(), |c, i| {
            norm.push(c);
            origin.push(i);
        });
        Self { orig, norm, origin }
    }

    /// The normalised chars without spaces, each with its original index.
    fn compact(&self) -> Vec<(char, usize)> {
        self.norm
            .iter()
            .zip(&self.origin)
            .filter(|(c, _)| **c != ' ')
            .map(|(&c, &i)| (c, i))
            .collect()
    }
}

fn is_separator(ch: char) -> bool {
    matches!(
        ch,
        '-' | '_' | '/' | '\\' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−'
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Match(usize, usize),
    Sub(usize, usize),
    /// A given char not in expected.
    Ins(usize),
    /// An expected char missing from given.
    Del(usize),
}

/// Above this many matrix cells the diff is coarse (distance still exact).
const MAX_CELLS: usize = 4_000_000;

/// Levenshtein distance and, when small enough, an optimal alignment.
///
/// The table holds the distances of suffixes so the alignment can be read
/// front to back, preferring matches, then substitutions, then missing and
/// extra chars: extra chars end up after the right ones ("Kreiss" for
/// "Preis" shows the last `s` as extra).
fn align(e: &[char], g: &[char]) -> (usize, Option<Vec<Op>>) {
    let (n, m) = (e.len(), g.len());
    if (n + 1).saturating_mul(m + 1) > MAX_CELLS {
        return (distance_only(e, g), None);
    }
    let w = m + 1;
    // d[i * w + j] = distance of e[i..] and g[j..].
    let mut d = vec![0u32; (n + 1) * w];
    for j in 0..=m {
        d[n * w + j] = (m - j) as u32;
    }
    for i in (0..n).rev() {
        d[i * w + m] = (n - i) as u32;
        for j in (0..m).rev() {
            let cost = u32::from(e[i] != g[j]);
            d[i * w + j] = (d[(i + 1) * w + j + 1] + cost)
                .min(d[(i + 1) * w + j] + 1)
                .min(d[i * w + j + 1] + 1);
        }
    }
    let mut ops = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        let here = d[i * w + j];
        if i < n && j < m {
            let same = e[i] == g[j];
            if d[(i + 1) * w + j + 1] + u32::from(!same) == here {
                ops.push(if same { Op::Match(i, j) } else { Op::Sub(i, j) });
                i += 1;
                j += 1;
                continue;
            }
        }
        if i < n && d[(i + 1) * w + j] + 1 == here {
            ops.push(Op::Del(i));
            i += 1;
        } else {
            ops.push(Op::Ins(j));
            j += 1;
        }
    }
    (d[0] as usize, Some(ops))
}

fn distance_only(e: &[char], g: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=g.len()).collect();
    let mut cur = vec![0; g.len() + 1];
    for (i, &ec) in e.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &gc) in g.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ec != gc))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[g.len()]
}

/// Per original given char: its kind and, for Changed, the expected text.
struct CharTag {
    kind: DiffKind,
    expected: String,
}

fn build_diff(
    exp: &Mapped,
    e: &[(char, usize)],
    given: &Mapped,
    g: &[(char, usize)],
    ops: &[Op],
) -> Vec<DiffSpan> {
    // Items in display order: given chars (by original index) and missing text.
    enum Item {
        Given(usize),
        Missing(String),
    }
    let mut tags: Vec<CharTag> = given
        .orig
        .iter()
        .map(|_| CharTag {
            kind: DiffKind::Same,
            expected: String::new(),
        })
        .collect();
    let mut items: Vec<Item> = Vec::new();
    let mut next_orig = 0usize;
    // Expected original chars already shown (as Missing or Changed-expected).
    let mut last_exp_shown: Option<usize> = None;
    let exp_text = |ei: usize, last: &mut Option<usize>| -> String {
        let o = e[ei].1;
        if *last == Some(o) {
            String::new()
        } else {
            *last = Some(o);
            exp.orig[o].to_string()
        }
    };
    let touch = |gi: usize, items: &mut Vec<Item>, next: &mut usize| -> usize {
        let o = g[gi].1;
        while *next <= o {
            items.push(Item::Given(*next));
            *next += 1;
        }
        o
    };
    for &op in ops {
        match op {
            Op::Match(_, gi) => {
                touch(gi, &mut items, &mut next_orig);
            }
            Op::Sub(ei, gi) => {
                let o = touch(gi, &mut items, &mut next_orig);
                let t = exp_text(ei, &mut last_exp_shown);
                let tag = &mut tags[o];
                tag.kind = DiffKind::Changed;
                tag.expected.push_str(&t);
            }
            Op::Ins(gi) => {
                let o = touch(gi, &mut items, &mut next_orig);
                let tag = &mut tags[o];
                if tag.kind == DiffKind::Same {
                    tag.kind = DiffKind::Extra;
                }
            }
            Op::Del(ei) => {
                let t = exp_text(ei, &mut last_exp_shown);
                if !t.is_empty() {
                    items.push(Item::Missing(t));
                }
            }
        }
    }
    while next_orig < given.orig.len() {
        items.push(Item::Given(next_orig));
        next_orig += 1;
    }

    let mut spans: Vec<DiffSpan> = Vec::new();
    for item in items {
        let (kind, text, expected) = match item {
            Item::Given(o) => (
                tags[o].kind,
                given.orig[o].to_string(),
                tags[o].expected.clone(),
            ),
            Item::Missing(t) => (DiffKind::Missing, t, String::new()),
        };
        match spans.last_mut() {
            Some(last) if last.kind == kind => {
                last.text.push_str(&text);
                last.expected.push_str(&expected);
            }
            _ => spans.push(DiffSpan {
                kind,
                text,
                expected,
            }),
        }
    }
    spans
}

fn coarse_diff(exp: &Mapped, given: &Mapped) -> Vec<DiffSpan> {
    vec![DiffSpan {
        kind: DiffKind::Changed,
        text: given.orig.iter().collect(),
        expected: exp.orig.iter().collect(),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_on_conjunction_splits_whole_words_only() {
        assert_eq!(
            split_on_conjunction("Preis und Produkt and Place"),
            vec!["Preis ", " Produkt ", " Place"]
        );
        assert_eq!(split_on_conjunction("Kundenbindung"), vec!["Kundenbindung"]);
        assert_eq!(split_on_conjunction("Grund"), vec!["Grund"]);
    }

    #[test]
    fn candidates_include_alternatives_and_unparenthesised() {
        let c = candidates("Kaltakquise / Warm Calls (Telefon)");
        assert!(c.contains(&"Kaltakquise".to_owned()));
        assert!(c.contains(&"Warm Calls".to_owned()));
        assert!(c.contains(&"Kaltakquise / Warm Calls".to_owned()));
    }
}
