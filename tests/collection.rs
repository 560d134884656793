//! The collection and review sessions over real files: answers survive a
//! reopen, undo is repeatable, a broken edit keeps the last good deck,
//! progress of removed cards is kept, a second writer is refused.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset, Utc};
use kartei::collection::{Collection, CollectionError, OpenOptions, Scope};
use kartei::deck::CardId;
use kartei::progress::{Grade, JournalError};
use kartei::scheduler::{Next, Phase};
use kartei::study::session::ReviewSession;

const DECK: &str = r#"
[deck]
id = "t"
name = "Test"
description = ""

[[cards]]
id = "t-a"
front = "Frage A"
back = "Antwort A"

[[cards]]
id = "t-b"
front = "Frage B"
back = "Antwort B"

[[cards]]
id = "t-c"
front = "Frage C"
back = "Antwort C"
"#;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn setup(dir: &Path) -> (OpenOptions, PathBuf) {
    let decks = dir.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    let file = decks.join("t.toml");
    std::fs::write(&file, DECK).unwrap();
    let options = OpenOptions {
        data_dir: dir.join("data"),
        config_path: dir.join("data").join("config.toml"),
        bundled: false,
        user_decks: Some(decks),
        extra_decks: Vec::new(),
        offset: FixedOffset::east_opt(0).unwrap(),
        read_only: false,
        cache_dir: None,
    };
    (options, file)
}

fn id(s: &str) -> CardId {
    CardId::from(s)
}

#[test]
fn answers_survive_reopening_and_match_the_scheduler() {
    let dir = tempfile::tempdir().unwrap();
    let (options, _) = setup(dir.path());
    let state_after;
    {
        let mut c = Collection::open(options.clone()).unwrap();
        let mut session = ReviewSession::start(&c, Scope::All, now());
        assert_eq!(session.next(now()), Next::Card(id("t-a")), "deck order");
        session
            .answer(&mut c, &id("t-a"), Grade::Easy, 1500, now())
            .unwrap();
        state_after = c.state(&id("t-a")).clone();
        assert_eq!(state_after.phase, Phase::Review);
        assert!(state_after.due.unwrap() > now() + Duration::days(1));
    }
    let c = Collection::open(options).unwrap();
    assert_eq!(
        c.state(&id("t-a")),
        &state_after,
        "replay gives the same state"
    );
    assert_eq!(c.state(&id("t-b")).phase, Phase::New);
}

#[test]
fn undo_is_repeatable_and_brings_the_card_back_first() {
    let dir = tempfile::tempdir().unwrap();
    let (options, _) = setup(dir.path());
    let mut c = Collection::open(options.clone()).unwrap();
    let mut s = ReviewSession::start(&c, Scope::All, now());
    let t = now();
    s.answer(&mut c, &id("t-a"), Grade::Easy, 1000, t).unwrap();
    s.answer(
        &mut c,
        &id("t-b"),
        Grade::Easy,
        1000,
        t + Duration::seconds(5),
    )
    .unwrap();
    assert_eq!(s.done(), 2);
    assert_eq!(
        s.undo(&mut c, t + Duration::seconds(9)).unwrap(),
        Some(id("t-b"))
    );
    assert_eq!(s.next(t + Duration::seconds(9)), Next::Card(id("t-b")));
    assert_eq!(
        s.undo(&mut c, t + Duration::seconds(10)).unwrap(),
        Some(id("t-a"))
    );
    assert_eq!(s.undo(&mut c, t + Duration::seconds(11)).unwrap(), None);
    assert_eq!(c.state(&id("t-a")).phase, Phase::New);
    drop(c);
    // The undos are in the journal: a fresh open sees both cards as new.
    let c = Collection::open(options).unwrap();
    assert_eq!(c.state(&id("t-a")).phase, Phase::New);
    assert_eq!(c.state(&id("t-b")).phase, Phase::New);
    assert_eq!(c.journal().events().len(), 4);
}

#[test]
fn a_second_writer_is_refused_but_may_read() {
    let dir = tempfile::tempdir().unwrap();
    let (options, _) = setup(dir.path());
    let _first = Collection::open(options.clone()).unwrap();
    let err = Collection::open(options.clone()).unwrap_err();
    assert!(
        matches!(err, CollectionError::Journal(JournalError::Locked { .. })),
        "{err}"
    );
    let reader = Collection::open(OpenOptions {
        read_only: true,
        cache_dir: None,
        ..options
    })
    .unwrap();
    assert_eq!(reader.decks().card_count(), 3);
}

#[test]
fn broken_edit_keeps_the_last_good_deck_and_fixed_edit_applies() {
    let dir = tempfile::tempdir().unwrap();
    let (options, file) = setup(dir.path());
    let mut c = Collection::open(options).unwrap();
    let mut s = ReviewSession::start(&c, Scope::All, now());
    s.answer(&mut c, &id("t-a"), Grade::Good, 1000, now())
        .unwrap();

    std::fs::write(&file, DECK.replace("back = \"Antwort B\"", "back = ")).unwrap();
    let errors = c.reload_decks();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].file.ends_with("t.toml"), "{:?}", errors[0]);
    assert_eq!(errors[0].line, 15);
    assert_eq!(c.decks().card_count(), 3, "the old deck stays");

    // Fixed edit: new wording, card C removed, card D added.
    let edited = DECK
        .replace("Antwort A", "Antwort A, neu formuliert")
        .replace(
            "[[cards]]\nid = \"t-c\"\nfront = \"Frage C\"\nback = \"Antwort C\"\n",
            "[[cards]]\nid = \"t-d\"\nfront = \"Frage D\"\nback = \"Antwort D\"\n",
        );
    std::fs::write(&file, edited).unwrap();
    assert!(c.reload_decks().is_empty());
    let (_, a) = c.card(&id("t-a")).unwrap();
    assert_eq!(a.answer(), "Antwort A, neu formuliert");
    assert!(c.card(&id("t-c")).is_none());
    assert_ne!(
        c.state(&id("t-a")).phase,
        Phase::New,
        "progress stays with the id"
    );
    s.refresh(&c, now());
    let mut seen = Vec::new();
    let mut t = now();
    while let Next::Card(card) = s.next(t) {
        seen.push(card.clone());
        s.answer(&mut c, &card, Grade::Easy, 500, t).unwrap();
        t += Duration::seconds(10);
    }
    assert!(seen.contains(&id("t-d")), "{seen:?}");
    assert!(!seen.contains(&id("t-c")), "{seen:?}");
}

#[test]
fn progress_of_removed_cards_is_kept_as_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let (options, file) = setup(dir.path());
    {
        let mut c = Collection::open(options.clone()).unwrap();
        let mut s = ReviewSession::start(&c, Scope::All, now());
        s.answer(&mut c, &id("t-a"), Grade::Good, 1000, now())
            .unwrap();
    }
    std::fs::write(&file, DECK.replace("id = \"t-a\"", "id = \"t-x\"")).unwrap();
    let c = Collection::open(options.clone()).unwrap();
    assert_eq!(c.orphans(), vec![id("t-a")]);
    drop(c);
    // Putting the id back restores the progress.
    std::fs::write(&file, DECK).unwrap();
    let c = Collection::open(options).unwrap();
    assert!(c.orphans().is_empty());
    assert_ne!(c.state(&id("t-a")).phase, Phase::New);
}

#[test]
fn many_cards_replay_in_parallel_to_the_same_states() {
    use kartei::progress::{Event, EventBody, FORMAT_VERSION, Mode, encode_line, new_event_id};
    let dir = tempfile::tempdir().unwrap();
    let (options, _) = setup(dir.path());
    std::fs::create_dir_all(&options.data_dir).unwrap();
    let mut bytes = Vec::new();
    let cards = 25_000;
    for round in 0..2i64 {
        for i in 0..cards {
            let ts = now() - Duration::days(10 - round * 5) + Duration::seconds(i as i64);
            let event = Event {
                v: FORMAT_VERSION,
                id: new_event_id(ts),
                ts,
                body: EventBody::Review {
                    card: CardId(format!("weg-{i}")),
                    deck: "weg".into(),
                    grade: Grade::ALL[(i + round as usize) % 4],
                    ms: 1000,
                    mode: Mode::Review,
                    quiz: None,
                },
            };
            encode_line(&event, &mut bytes).unwrap();
        }
    }
    std::fs::write(options.data_dir.join("journal.jsonl"), bytes).unwrap();
    let c = Collection::open(options).unwrap();
    assert_eq!(c.states().len(), cards);
    for i in [0, 1, 12_345, cards - 1] {
        let id = CardId(format!("weg-{i}"));
        let expected = c
            .scheduler()
            .replay(&id, c.reviews_of(&id).iter().map(|r| (r.ts, r.grade)));
        assert_eq!(c.state(&id), &expected, "{id}");
        assert_eq!(c.reviews_of(&id).len(), 2);
    }
    assert_eq!(c.orphans().len(), cards);
}

/// The overview's counts (`queue_counts`, without building a queue) are
/// the counts of the queue itself, for every scope and over several days
/// of answers (learning, review, lapsed, new and sibling cards).
#[test]
fn queue_counts_are_the_counts_of_the_queue() {
    use kartei::progress::Mode;
    let dir = tempfile::tempdir().unwrap();
    let (mut options, _) = setup(dir.path());
    options.bundled = true;
    let mut c = Collection::open(options).unwrap();
    let ids: Vec<(CardId, String)> = c
        .cards()
        .map(|x| (x.id.clone(), x.deck_id.clone()))
        .collect();
    let decks: Vec<String> = c.decks().decks.iter().map(|d| d.id.clone()).collect();
    let tag = c.cards().find_map(|x| x.tags.first().cloned()).unwrap();
    let check = |c: &Collection, at: DateTime<Utc>| {
        let mut scopes = vec![Scope::All, Scope::Tag(tag.clone())];
        for d in &decks {
            scopes.push(Scope::Deck(d.clone()));
            scopes.push(Scope::And(
                Box::new(Scope::Deck(d.clone())),
                Box::new(Scope::Tag(tag.clone())),
            ));
        }
        scopes.push(Scope::Cards(
            ids.iter().take(9).map(|x| x.0.clone()).collect(),
        ));
        let basis = c.today_basis(at);
        for scope in &scopes {
            assert_eq!(
                c.queue_counts(scope, &basis),
                c.queue(scope, at).counts(),
                "{scope:?} at {at}"
            );
        }
    };
    for day in 0..4i64 {
        let at = now() + Duration::days(day);
        for (k, (card, _)) in ids.iter().enumerate().skip(day as usize * 7).take(45) {
            let grade = Grade::ALL[(k + day as usize) % 4];
            c.record_answer(
                card,
                grade,
                900,
                Mode::Review,
                None,
                at + Duration::minutes(k as i64),
            )
            .unwrap();
        }
        for later in [0, 1, 30, 60 * 30] {
            check(&c, at + Duration::minutes(later));
        }
    }
    assert!(
        ids.iter()
            .map(|x| &x.1)
            .collect::<std::collections::HashSet<_>>()
            .len()
            > 1
    );
}
