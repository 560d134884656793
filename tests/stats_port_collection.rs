//! The real `StatsPort` over a collection in a temp folder: figures follow
//! the journal and the filter; `Study::card` returns the current wording.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use kartei::collection::{Collection, OpenOptions};
use kartei::deck::CardId;
use kartei::progress::{Grade, Mode};
use kartei::study::CollectionStudy;
use kartei::ui::{StatsFilter, StatsPort, Study};

const DECK: &str = r#"[deck]
id = "m"
name = "Marketing"
description = ""

[[cards]]
id = "a"
front = "Frage A"
back = "Antwort A"
tags = ["kpi"]

[[cards]]
id = "b"
front = "Frage B"
back = "Antwort B"
"#;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn open(dir: &std::path::Path) -> Collection {
    let decks = dir.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::fs::write(decks.join("m.toml"), DECK).unwrap();
    let c = Collection::open(OpenOptions {
        data_dir: dir.to_path_buf(),
        config_path: dir.join("config.toml"),
        bundled: false,
        user_decks: Some(decks),
        extra_decks: Vec::new(),
        offset: FixedOffset::east_opt(3600).unwrap(),
        read_only: false,
        cache_dir: None,
    })
    .unwrap();
    assert!(c.decks().errors.is_empty(), "{:?}", c.decks().errors);
    c
}

#[test]
fn figures_follow_the_journal_and_the_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = open(dir.path());
    let day1 = t("2026-11-20T09:00:00Z");
    for (id, grade) in [("a", Grade::Good), ("b", Grade::Good)] {
        c.record_answer(&CardId::from(id), grade, 1000, Mode::Review, None, day1)
            .unwrap();
    }
    let day2 = day1 + Duration::days(3);
    c.record_answer(
        &CardId::from("a"),
        Grade::Again,
        1000,
        Mode::Review,
        None,
        day2,
    )
    .unwrap();
    c.record_answer(
        &CardId::from("b"),
        Grade::Good,
        1000,
        Mode::Review,
        None,
        day2,
    )
    .unwrap();
    let study = CollectionStudy::new(c);
    let now = day2 + Duration::hours(1);
    let all = study.stats(StatsFilter::default(), now);
    assert_eq!(all.decks, vec![("m".to_owned(), "Marketing".to_owned())]);
    assert_eq!(all.tags, vec!["kpi".to_owned()]);
    assert_eq!(all.history.len(), kartei::study::stats_port::HISTORY_DAYS);
    assert_eq!(all.history.iter().map(|d| d.1).sum::<usize>(), 4);
    assert_eq!(all.forecast.len(), 30);
    assert_eq!(all.forecast.iter().map(|d| d.1).sum::<usize>(), 2);
    assert_eq!(all.retention, vec![("Marketing".to_owned(), Some(0.5))]);
    assert_eq!(all.stability.iter().sum::<usize>(), 2);
    assert_eq!(all.streak, (1, 1));
    assert!((all.desired_retention - 0.9).abs() < 1e-6);
    // Only the tagged card: its one later review was Again.
    let kpi = study.stats(
        StatsFilter {
            deck: None,
            tag: Some("kpi".into()),
        },
        now,
    );
    assert_eq!(kpi.history.iter().map(|d| d.1).sum::<usize>(), 2);
    assert_eq!(kpi.retention, vec![("Marketing".to_owned(), Some(0.0))]);
    // An unknown deck: empty figures, no error.
    let none = study.stats(
        StatsFilter {
            deck: Some("nope".into()),
            tag: None,
        },
        now,
    );
    assert!(none.retention.is_empty());
    assert_eq!(none.forecast.iter().map(|d| d.1).sum::<usize>(), 0);
    assert!(none.tags.is_empty(), "an unknown deck offers no tags");
}

const SECOND_DECK: &str = r#"[deck]
id = "g"
name = "Grundlagen"

[[cards]]
id = "s"
front = "Wofür steht SWOT?"
back = "Stärken, Schwächen, Chancen, Risiken"
tags = ["analyse", "grundlagen"]
"#;

#[test]
fn tags_offered_are_those_of_the_chosen_deck() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("decks")).unwrap();
    std::fs::write(dir.path().join("decks/g.toml"), SECOND_DECK).unwrap();
    let study = CollectionStudy::new(open(dir.path()));
    let now = t("2026-12-02T09:00:00Z");
    let tags = |deck: Option<&str>| {
        study
            .stats(
                StatsFilter {
                    deck: deck.map(str::to_owned),
                    tag: None,
                },
                now,
            )
            .tags
    };
    assert_eq!(tags(None), vec!["analyse", "grundlagen", "kpi"]);
    assert_eq!(tags(Some("m")), vec!["kpi"]);
    assert_eq!(tags(Some("g")), vec!["analyse", "grundlagen"]);
    // The deck list stays complete whatever the filter.
    let decks = study
        .stats(
            StatsFilter {
                deck: Some("g".into()),
                tag: Some("kpi".into()),
            },
            now,
        )
        .decks;
    assert_eq!(decks.len(), 2);
}

#[test]
fn card_returns_the_reloaded_wording() {
    let dir = tempfile::tempdir().unwrap();
    let mut study = CollectionStudy::new(open(dir.path()));
    let now = t("2026-11-20T09:00:00Z");
    let a = CardId::from("a");
    assert_eq!(study.card(&a, now).unwrap().card.question(), "Frage A");
    std::fs::write(
        dir.path().join("decks/m.toml"),
        DECK.replace("Frage A", "Neue Frage A"),
    )
    .unwrap();
    study.reload().unwrap();
    assert_eq!(study.card(&a, now).unwrap().card.question(), "Neue Frage A");
    // A broken edit keeps the last good version and names the place.
    std::fs::write(dir.path().join("decks/m.toml"), "[deck\nname = 1").unwrap();
    let err = study.reload().unwrap_err();
    assert!(
        err.iter()
            .any(|d| d.file.ends_with("m.toml") && d.line == 1 && d.is_error()),
        "{err:?}"
    );
    assert_eq!(study.card(&a, now).unwrap().card.question(), "Neue Frage A");
    assert!(study.card(&CardId::from("zz"), now).is_none());
}
