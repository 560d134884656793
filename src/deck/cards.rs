//! The cards of a deck: a `Vec<Card>`, or their compiled form from the deck
//! cache, decoded when first used.
//!
//! A warm start must not build 100,000 cards with a dozen strings each when
//! the overview only counts them: a deck read from the cache keeps its
//! cards encoded (one postcard record per card in the cache entry, which
//! stays in memory) and has in memory only each card's [`CardKey`]: id,
//! deck id, tags (shared per distinct tag set) and line. [`Cards::keys`]
//! gives those without decoding anything; [`Cards::get_one`] decodes one
//! card (showing it); anything that wants the slice (`Deref<Target =
//! [Card]>`) decodes them all once. Either way the cards are exactly the
//! ones the parse gave.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::model::{Card, CardId};
use crate::cache::Tail;

/// What identifies a card and places it in a scope, without its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardKey<'a> {
    pub id: &'a CardId,
    pub deck_id: &'a str,
    /// As [`Card::tags`].
    pub tags: &'a [String],
    /// As [`Card::line`].
    pub line: u32,
}

impl Card {
    /// The card's [`CardKey`].
    #[must_use]
    pub fn key(&self) -> CardKey<'_> {
        CardKey {
            id: &self.id,
            deck_id: &self.deck_id,
            tags: &self.tags,
            line: self.line,
        }
    }
}

/// A deck's cards in file order. Dereferences to `[Card]`; see the module
/// documentation for the compiled form.
pub struct Cards {
    /// Shared with a cache entry being written in the background (and with
    /// clones) until changed.
    decoded: OnceLock<Arc<Vec<Card>>>,
    /// The distinct deck ids of decoded cards, found when first asked
    /// ([`Cards::may_hold_deck`], once per deck of the overview).
    deck_ids: OnceLock<Vec<String>>,
    /// Set only for cards from the cache; the source of `decoded`.
    encoded: Option<Arc<Encoded>>,
}

/// A card's key as stored in a cache entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Head {
    id: CardId,
    /// Index into [`Heads::deck_ids`].
    deck: u32,
    /// Index into [`Heads::tag_sets`].
    tags: u32,
    line: u32,
    /// End of the card's record in the card bytes (its start is the
    /// previous card's end).
    end: u64,
}

/// The keys of a deck's cards as stored in a cache entry; the card
/// records follow the entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Heads {
    heads: Vec<Head>,
    deck_ids: Vec<String>,
    tag_sets: Vec<Vec<String>>,
}

struct Encoded {
    heads: Heads,
    /// The card records, in memory or in the entry's open file.
    tail: Tail,
    /// The deck file, parsed again should a record not read back.
    origin: Option<PathBuf>,
    /// Cards decoded one at a time ([`Cards::get_one`]); the table is
    /// made when the first one is.
    single: OnceLock<Box<[OnceLock<Box<Card>>]>>,
    /// The deck file's cards, parsed again (see [`Encoded::fallback`]).
    reparsed: OnceLock<Vec<Card>>,
}

impl Encoded {
    /// Where card `i`'s record lies in the tail.
    fn range(&self, i: usize) -> std::ops::Range<u64> {
        let from = if i == 0 {
            0
        } else {
            self.heads.heads[i - 1].end
        };
        from..self.heads.heads[i].end
    }

    fn decode(&self, i: usize) -> Card {
        // The entry was written by this very build and its checksum
        // verified when it was read; a record read later from its file can
        // still fail if another program changed the file in place.
        self.card(i, self.tail.get(self.range(i)).as_deref())
    }

    /// Card `i` from its record, or (none, or one that does not decode)
    /// from [`Encoded::fallback`].
    fn card(&self, i: usize, record: Option<&[u8]>) -> Card {
        record
            .and_then(|r| postcard::from_bytes(r).ok())
            .unwrap_or_else(|| self.fallback(i))
    }

    /// Every card, the records read in one go.
    fn decode_all(&self) -> Vec<Card> {
        let all = self.tail.get(0..self.tail.len());
        (0..self.heads.heads.len())
            .map(|i| {
                if let Some(card) = self.single.get().and_then(|t| t[i].get()) {
                    return Card::clone(card);
                }
                let range = self.range(i);
                let record = all.as_ref().and_then(|all| {
                    all.get(usize::try_from(range.start).ok()?..usize::try_from(range.end).ok()?)
                });
                self.card(i, record)
            })
            .collect()
    }

    /// Card `i` when its record does not read back: from the deck file
    /// parsed again if it still has that card there, else a card that
    /// only names its id (the file watcher reloads a changed deck).
    fn fallback(&self, i: usize) -> Card {
        let head = &self.heads.heads[i];
        let cards = self.reparsed.get_or_init(|| {
            self.origin
                .as_deref()
                .and_then(|path| super::load_file(path).ok())
                .map(|parsed| parsed.deck.cards.into_vec())
                .unwrap_or_default()
        });
        if let Some(card) = cards.get(i).filter(|c| c.id == head.id) {
            return card.clone();
        }
        Card {
            id: head.id.clone(),
            id_explicit: true,
            deck_id: self.heads.deck_ids[head.deck as usize].clone(),
            tags: self.heads.tag_sets[head.tags as usize].clone(),
            hint: None,
            explain: None,
            source: None,
            input: false,
            accept: Vec::new(),
            line: head.line,
            content: super::model::CardContent::Basic {
                front: head.id.0.clone(),
                back: String::new(),
                reversed: false,
            },
        }
    }

    fn key(&self, i: usize) -> Option<CardKey<'_>> {
        let h = self.heads.heads.get(i)?;
        Some(CardKey {
            id: &h.id,
            deck_id: &self.heads.deck_ids[h.deck as usize],
            tags: &self.heads.tag_sets[h.tags as usize],
            line: h.line,
        })
    }
}

impl Cards {
    /// Cards already in memory.
    #[must_use]
    pub fn new(cards: Vec<Card>) -> Self {
        Self {
            decoded: OnceLock::from(Arc::new(cards)),
            deck_ids: OnceLock::new(),
            encoded: None,
        }
    }

    /// Whether the cards are decoded (always, except for cards from the
    /// deck cache nothing has asked for yet).
    #[must_use]
    pub fn is_decoded(&self) -> bool {
        self.decoded.get().is_some()
    }

    /// The number of cards (without decoding them).
    #[must_use]
    pub fn count(&self) -> usize {
        match (self.decoded.get(), &self.encoded) {
            (Some(cards), _) => cards.len(),
            (None, Some(e)) => e.heads.heads.len(),
            (None, None) => 0,
        }
    }

    /// The key of card `i` (without decoding it).
    #[must_use]
    pub fn key(&self, i: usize) -> Option<CardKey<'_>> {
        match (self.decoded.get(), &self.encoded) {
            (Some(cards), _) => cards.get(i).map(Card::key),
            (None, Some(e)) => e.key(i),
            (None, None) => None,
        }
    }

    /// Every card's key in file order (without decoding the cards).
    pub fn keys(&self) -> impl Iterator<Item = CardKey<'_>> {
        (0..self.count()).filter_map(|i| self.key(i))
    }

    /// Whether any card may be of deck `deck_id` (false: none is). Looks
    /// at the distinct deck ids only while the cards are encoded.
    #[must_use]
    pub fn may_hold_deck(&self, deck_id: &str) -> bool {
        let ids = match (self.decoded.get(), &self.encoded) {
            (None, Some(e)) => &e.heads.deck_ids,
            _ => self.deck_ids.get_or_init(|| {
                let mut ids: Vec<String> = Vec::new();
                for card in self.iter() {
                    if ids.last() != Some(&card.deck_id) && !ids.contains(&card.deck_id) {
                        ids.push(card.deck_id.clone());
                    }
                }
                ids
            }),
        };
        ids.iter().any(|d| d == deck_id)
    }

    /// Card `i`, decoding only that one if the cards are not decoded yet.
    #[must_use]
    pub fn get_one(&self, i: usize) -> Option<&Card> {
        match (self.decoded.get(), &self.encoded) {
            (Some(cards), _) => cards.get(i),
            (None, Some(e)) => {
                let table = e
                    .single
                    .get_or_init(|| (0..e.heads.heads.len()).map(|_| OnceLock::new()).collect());
                let slot = table.get(i)?;
                Some(slot.get_or_init(|| Box::new(e.decode(i))))
            }
            (None, None) => None,
        }
    }

    /// The cards as a `Vec` (decoding them if needed).
    #[must_use]
    pub fn into_vec(mut self) -> Vec<Card> {
        self.force();
        self.decoded
            .take()
            .map(|cards| Arc::try_unwrap(cards).unwrap_or_else(|shared| (*shared).clone()))
            .unwrap_or_default()
    }

    fn force(&self) -> &Vec<Card> {
        self.decoded.get_or_init(|| {
            Arc::new(match &self.encoded {
                Some(e) => e.decode_all(),
                None => Vec::new(),
            })
        })
    }

    /// The decoded cards, shared (for writing them to the cache while
    /// they are in use); `None` before they are decoded.
    pub(crate) fn shared(&self) -> Option<Arc<Vec<Card>>> {
        self.decoded.get().cloned()
    }

    /// The cache form: the keys and the concatenated card records. One
    /// thread: it runs beside the start (see `load_file_cached`).
    pub(crate) fn encode(cards: &[Card]) -> Option<(Heads, Vec<u8>)> {
        let mut bytes = Vec::new();
        let mut ends = Vec::with_capacity(cards.len());
        for card in cards {
            bytes = postcard::to_extend(card, bytes).ok()?;
            ends.push(bytes.len() as u64);
        }
        let mut heads = Heads::default();
        heads.heads.reserve(cards.len());
        let (mut deck_ids, mut tag_sets) = (HashMap::new(), HashMap::new());
        for (card, end) in cards.iter().zip(ends) {
            let deck = intern(&mut heads.deck_ids, &mut deck_ids, &card.deck_id);
            let tags = intern(&mut heads.tag_sets, &mut tag_sets, &card.tags);
            heads.heads.push(Head {
                id: card.id.clone(),
                deck,
                tags,
                line: card.line,
                end,
            });
        }
        Some((heads, bytes))
    }

    /// Cards from a cache entry: `heads`, with the card records in
    /// `tail`; `origin` is the deck file (see [`Encoded::fallback`]).
    /// `None` when heads and records do not fit together.
    pub(crate) fn from_encoded(heads: Heads, tail: Tail, origin: Option<PathBuf>) -> Option<Self> {
        let len = tail.len();
        let mut previous = 0;
        for h in &heads.heads {
            if h.end < previous
                || h.deck as usize >= heads.deck_ids.len()
                || h.tags as usize >= heads.tag_sets.len()
            {
                return None;
            }
            previous = h.end;
        }
        if previous != len {
            return None;
        }
        Some(Self {
            decoded: OnceLock::new(),
            deck_ids: OnceLock::new(),
            encoded: Some(Arc::new(Encoded {
                heads,
                tail,
                origin,
                single: OnceLock::new(),
                reparsed: OnceLock::new(),
            })),
        })
    }
}

/// The index of `value` in `table` (`seen` maps the values to their
/// indices), added if new.
fn intern<T: Clone + Eq + std::hash::Hash>(
    table: &mut Vec<T>,
    seen: &mut HashMap<T, u32>,
    value: &T,
) -> u32 {
    if let Some(&i) = seen.get(value) {
        return i;
    }
    let i = u32::try_from(table.len()).unwrap_or(u32::MAX);
    table.push(value.clone());
    seen.insert(value.clone(), i);
    i
}

impl Deref for Cards {
    type Target = [Card];

    fn deref(&self) -> &[Card] {
        self.force()
    }
}

impl DerefMut for Cards {
    fn deref_mut(&mut self) -> &mut [Card] {
        self.force();
        // Changed cards no longer match their encoded form.
        self.encoded = None;
        self.deck_ids = OnceLock::new();
        self.decoded
            .get_mut()
            .map_or(&mut [], |cards| Arc::make_mut(cards).as_mut_slice())
    }
}

impl Default for Cards {
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl Clone for Cards {
    fn clone(&self) -> Self {
        Self {
            decoded: self.decoded.clone(),
            deck_ids: self.deck_ids.clone(),
            encoded: self.encoded.clone(),
        }
    }
}

impl std::fmt::Debug for Cards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Cards {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl From<Vec<Card>> for Cards {
    fn from(cards: Vec<Card>) -> Self {
        Self::new(cards)
    }
}

impl FromIterator<Card> for Cards {
    fn from_iter<I: IntoIterator<Item = Card>>(iter: I) -> Self {
        Self::new(iter.into_iter().collect())
    }
}

impl IntoIterator for Cards {
    type Item = Card;
    type IntoIter = std::vec::IntoIter<Card>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a> IntoIterator for &'a Cards {
    type Item = &'a Card;
    type IntoIter = std::slice::Iter<'a, Card>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Cards {
    type Item = &'a mut Card;
    type IntoIter = std::slice::IterMut<'a, Card>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl Serialize for Cards {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Cards {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Card>::deserialize(d).map(Self::new)
    }
}
