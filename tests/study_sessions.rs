//! The study layer over a real collection on disk: today's counts agree
//! between the TUI port, `kartei stats --json` and `kartei due --json`
//! across a scripted study day; sessions learn ahead instead of waiting and
//! their progress ends at 100 %; practice and mistakes leave the schedule
//! alone; marks (suspend, bury, flag, reset) are journal events that undo
//! takes back and `sync merge` carries.

use std::collections::HashMap;
use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use kartei::collection::{Collection, OpenOptions};
use kartei::deck::CardId;
use kartei::progress::{Grade, MarkAction};
use kartei::scheduler::CardState;
use kartei::study::{
    BrowseQuery, CardStatus, CollectionStudy, NextCard, Scope, SessionKind, StateFilter, Study,
};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn options(dir: &Path, read_only: bool) -> OpenOptions {
    OpenOptions {
        data_dir: dir.to_path_buf(),
        config_path: dir.join("config.toml"),
        bundled: true,
        user_decks: None,
        extra_decks: Vec::new(),
        offset: FixedOffset::east_opt(0).unwrap(),
        read_only,
        cache_dir: None,
    }
}

fn study(dir: &Path) -> CollectionStudy {
    CollectionStudy::new(Collection::open(options(dir, false)).unwrap())
}

fn kartei(data: &Path, now: DateTime<Utc>) -> Command {
    let mut cmd = Command::cargo_bin("kartei").unwrap();
    cmd.env("KARTEI_DATA_DIR", data)
        .env("KARTEI_NOW", now.to_rfc3339())
        .env("TZ", "UTC")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    cmd
}

fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

/// Overview rows, `kartei stats --json` and `kartei due --json` at `now`
/// all say the same.
fn assert_counts_agree(dir: &Path, s: &CollectionStudy, now: DateTime<Utc>) {
    let overview = s.overview(now);
    let stats = json(kartei(dir, now).args(["stats", "--json"]));
    let due = json(kartei(dir, now).args(["due", "--json"]));
    let cli: HashMap<String, &serde_json::Value> = stats["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap().to_owned(), d))
        .collect();
    assert_eq!(overview.decks.len(), cli.len());
    for row in &overview.decks {
        let d = cli[&row.id];
        assert_eq!(
            u64::from(row.new),
            d["new"].as_u64().unwrap(),
            "{} new",
            row.id
        );
        assert_eq!(
            u64::from(row.learning),
            d["learning"].as_u64().unwrap(),
            "{} learning",
            row.id
        );
        assert_eq!(
            u64::from(row.due),
            d["due"].as_u64().unwrap(),
            "{} due",
            row.id
        );
    }
    let total = &stats["total"];
    assert_eq!(
        due["due_today"].as_u64().unwrap(),
        total["learning"].as_u64().unwrap() + total["due"].as_u64().unwrap(),
        "kartei due lists today's learning and due cards: {due}"
    );
}

/// Answers every card the session shows at `now` with `grade` (learning
/// cards shown early count too); returns how many.
fn answer_all(s: &mut CollectionStudy, now: DateTime<Utc>, grade: Grade) -> usize {
    let mut n = 0;
    while let NextCard::Show(show) = s.next_card(now) {
        s.answer(&show.card.id, grade, 1000, now).unwrap();
        n += 1;
        assert!(n < 1000, "the session does not end");
    }
    n
}

#[test]
fn counts_agree_everywhere_across_a_study_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = study(dir.path());
    let morning = at("2026-11-27T09:00:00Z");
    assert_counts_agree(dir.path(), &s, morning);

    // The review header of a fresh session shows the overview row.
    let row = s.overview(morning).decks[1].clone();
    s.start_session(Scope::Deck(row.id.clone()), SessionKind::Review, morning)
        .unwrap();
    let NextCard::Show(first) = s.next_card(morning) else {
        panic!("a card");
    };
    assert_eq!(first.remaining.new, row.new);
    assert_eq!(first.remaining.learning, row.learning);
    assert_eq!(first.remaining.review, row.due);

    // Introduce five new cards (Good: into the second learning step) and
    // lapse one of them.
    for i in 0..5 {
        let NextCard::Show(c) = s.next_card(morning) else {
            panic!("a card");
        };
        let grade = if i == 0 { Grade::Again } else { Grade::Good };
        s.answer(&c.card.id, grade, 1000, morning).unwrap();
    }
    assert_counts_agree(dir.path(), &s, morning);
    assert_counts_agree(dir.path(), &s, morning + Duration::minutes(30));

    // The rest of the day: everything shown is answered Good.
    let later = morning + Duration::hours(3);
    s.start_session(Scope::All, SessionKind::Review, later)
        .unwrap();
    answer_all(&mut s, later, Grade::Good);
    assert_counts_agree(dir.path(), &s, later);

    // The day rolls over at 04:00: the graduated cards come due later, new
    // cards are offered again.
    let next_day = at("2026-11-28T04:30:00Z");
    assert_counts_agree(dir.path(), &s, next_day);
    let before = at("2026-11-28T03:30:00Z");
    let rows_before = s.overview(before).decks;
    let rows_after = s.overview(next_day).decks;
    let new_before: u32 = rows_before.iter().map(|r| r.new).sum();
    let new_after: u32 = rows_after.iter().map(|r| r.new).sum();
    assert!(new_after > new_before, "{new_before} -> {new_after}");
}

#[test]
fn sessions_learn_ahead_and_progress_ends_at_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = study(dir.path());
    let mut now = at("2026-11-27T09:00:00Z");
    s.start_session(Scope::Deck("kennzahlen".into()), SessionKind::Review, now)
        .unwrap();
    let mut last_total = None;
    let mut answers = 0;
    loop {
        match s.next_card(now) {
            NextCard::Show(show) => {
                // The goalposts stay put: repeats of learning cards do not
                // grow the total.
                if let Some(t) = last_total {
                    assert_eq!(show.progress.total, t, "after {answers} answers");
                }
                last_total = Some(show.progress.total);
                assert!(show.progress.done < show.progress.total);
                s.answer(&show.card.id, Grade::Good, 1000, now).unwrap();
                answers += 1;
                now += Duration::seconds(20);
            }
            NextCard::Wait { until } => {
                // Only beyond the learn-ahead limit (20 minutes).
                assert!(until - now > Duration::minutes(20), "waited for {until}");
                now = until;
            }
            NextCard::Done(summary) => {
                assert_eq!(summary.reviewed, answers);
                break;
            }
        }
        assert!(answers < 500);
    }
    // Every card of the session was finished: progress was full.
    let total = last_total.unwrap();
    assert!(total > 0);
    assert!(answers >= total, "{answers} answers for {total} cards");
}

fn states(dir: &Path) -> kartei::deck::CardMap<CardState> {
    Collection::open(options(dir, true))
        .unwrap()
        .states()
        .clone()
}

#[test]
fn practice_and_mistakes_leave_every_due_date_alone() {
    let dir = tempfile::tempdir().unwrap();
    let now = at("2026-11-27T09:00:00Z");
    {
        let mut s = study(dir.path());
        s.start_session(Scope::Deck("vertrieb".into()), SessionKind::Review, now)
            .unwrap();
        answer_all(&mut s, now, Grade::Good);
    }
    let before = states(dir.path());
    assert!(!before.is_empty());
    let later = now + Duration::hours(2);
    {
        let mut s = study(dir.path());
        s.start_session(Scope::Deck("vertrieb".into()), SessionKind::Practice, later)
            .unwrap();
        let NextCard::Show(first) = s.next_card(later) else {
            panic!("practice offers cards");
        };
        assert_eq!(first.kind, SessionKind::Practice);
        // A miss comes back at the end; the session still ends.
        s.answer(&first.card.id, Grade::Again, 1000, later).unwrap();
        let n = answer_all(&mut s, later, Grade::Hard);
        assert!(n > 1);
        let missed: Vec<CardId> = before.keys().take(3).cloned().collect();
        s.start_session(Scope::Cards(missed.clone()), SessionKind::Mistakes, later)
            .unwrap();
        let NextCard::Show(m) = s.next_card(later) else {
            panic!("the mistakes come at once, without waiting");
        };
        assert_eq!(m.card.id, missed[0]);
        // Missed again: it comes back after the other two.
        s.answer(&m.card.id, Grade::Again, 1000, later).unwrap();
        let NextCard::Show(second) = s.next_card(later) else {
            panic!("the next mistake");
        };
        assert_eq!(second.card.id, missed[1]);
        assert_eq!(second.progress.done, 0);
        assert_eq!(second.progress.total, 3);
        assert_eq!(answer_all(&mut s, later, Grade::Good), 3);
    }
    assert_eq!(states(dir.path()), before, "no due date moved");
}

#[test]
fn marks_are_journal_events_that_undo_takes_back_and_merge_carries() {
    let dir = tempfile::tempdir().unwrap();
    let now = at("2026-11-27T09:00:00Z");
    let card = CardId::from("mm-4p");
    let other = CardId::from("gl-marketing-definition");
    let mut s = study(dir.path());
    let status = |s: &CollectionStudy, id: &CardId| {
        s.browse(&BrowseQuery::default(), now)
            .into_iter()
            .find(|r| &r.id == id)
            .unwrap()
    };
    s.mark(&card, MarkAction::Suspend, now).unwrap();
    assert_eq!(status(&s, &card).status, CardStatus::Suspended);
    s.mark(&other, MarkAction::Flag, now).unwrap();
    assert!(status(&s, &other).flagged);
    // Suspended cards are in no session.
    s.start_session(
        Scope::Deck("marketing-mix".into()),
        SessionKind::Review,
        now,
    )
    .unwrap();
    let shown = std::iter::from_fn(|| match s.next_card(now) {
        NextCard::Show(c) => {
            s.answer(&c.card.id, Grade::Easy, 1000, now).unwrap();
            Some(c.card.id)
        }
        _ => None,
    })
    .collect::<Vec<_>>();
    assert!(!shown.is_empty());
    assert!(!shown.contains(&card));

    // The CLI filters by the same states.
    let list = json(kartei(dir.path(), now).args(["list", "--state", "suspended", "--json"]));
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["mm-4p"]);
    let flagged = json(kartei(dir.path(), now).args(["list", "--state", "flagged", "--json"]));
    assert_eq!(flagged[0]["id"], "gl-marketing-definition");

    // Bury keeps a card away until the next study day; reset makes it new.
    let answered = shown[0].clone();
    s.mark(&answered, MarkAction::Bury, now).unwrap();
    assert_eq!(status(&s, &answered).status, CardStatus::Buried);
    assert_eq!(
        kartei::study::browse::status(
            &Collection::open(options(dir.path(), true)).unwrap(),
            &answered,
            at("2026-11-28T05:00:00Z")
        ),
        CardStatus::Review,
        "back the next day"
    );
    s.mark(&answered, MarkAction::Reset, now).unwrap();
    let reset = status(&s, &answered);
    assert_eq!(reset.status, CardStatus::Buried, "reset does not unbury");
    assert_eq!((reset.due, reset.difficulty), (None, None), "new again");
    // Undo takes back the reset, then the bury.
    assert_eq!(s.undo(now).unwrap(), Some(answered.clone()));
    let back = status(&s, &answered);
    assert_eq!(back.status, CardStatus::Buried);
    assert!(back.due.is_some() && back.difficulty.is_some());
    assert_eq!(s.undo(now).unwrap(), Some(answered.clone()));
    assert_ne!(status(&s, &answered).status, CardStatus::Buried);
    assert_ne!(status(&s, &answered).status, CardStatus::New);
    drop(s);

    // Another computer merges this journal: the marks arrive.
    let other_dir = tempfile::tempdir().unwrap();
    kartei(other_dir.path(), now)
        .args(["sync", "merge"])
        .arg(dir.path().join("journal.jsonl"))
        .assert()
        .success();
    let merged =
        json(kartei(other_dir.path(), now).args(["list", "--state", "suspended", "--json"]));
    assert_eq!(merged[0]["id"], "mm-4p");
    let query = BrowseQuery {
        state: Some(StateFilter::Flagged),
        ..BrowseQuery::default()
    };
    let rows = study(other_dir.path()).browse(&query, now);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].id, other);
}

#[test]
fn a_bundled_deck_is_copied_to_edit_it_and_progress_stays() {
    let dir = tempfile::tempdir().unwrap();
    let decks = dir.path().join("decks");
    let mut opts = options(dir.path(), false);
    opts.user_decks = Some(decks.clone());
    let mut s = CollectionStudy::new(Collection::open(opts).unwrap());
    let now = at("2026-11-27T09:00:00Z");
    let card = CardId::from("mm-4p");
    s.start_session(Scope::Cards(vec![card.clone()]), SessionKind::Review, now)
        .unwrap();
    s.answer(&card, Grade::Good, 1000, now).unwrap();
    assert_eq!(s.edit_location(&card), None, "bundled: no file yet");
    s.copy_bundled_deck(&card).unwrap();
    let (path, line) = s.edit_location(&card).expect("now in a file");
    assert!(path.starts_with(&decks), "{}", path.display());
    assert!(line > 0);
    // The copy replaces the bundled deck; the card keeps its progress.
    let row = s
        .browse(&BrowseQuery::default(), now)
        .into_iter()
        .find(|r| r.id == card)
        .unwrap();
    assert_eq!(row.status, CardStatus::Learning);
    // A second copy never overwrites the first.
    assert!(s.copy_bundled_deck(&card).is_err());
}
