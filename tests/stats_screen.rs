//! The statistics screen: snapshots of every panel at 80x24 and the grid at
//! 160x48 in both languages (FakeStudy's fixed figures), filters, paging and
//! leaving, quizzes on one day, the heatmap's width and month labels.

mod ui_common;

use insta::assert_snapshot;
use kartei::i18n::Lang;
use kartei::ui::{Panel, Screen, StatsFilter};
use ratatui::crossterm::event::KeyCode;
use ui_common::Harness;
use ui_common::fake_study::FakeStudy;

fn stats(lang: Lang, no_color: bool) -> Harness {
    let mut h = Harness::with(lang, FakeStudy::new(), no_color);
    h.keys("s");
    assert!(
        matches!(h.app.screen, Screen::Stats(_)),
        "s opens statistics"
    );
    h
}

fn state(h: &Harness) -> &kartei::ui::StatsState {
    match &h.app.screen {
        Screen::Stats(st) => st,
        other => panic!("not on the statistics screen: {other:?}"),
    }
}

#[test]
fn each_panel_at_80x24() {
    for (lang, suffix) in [(Lang::En, ""), (Lang::De, "_de")] {
        let mut h = stats(lang, false);
        for panel in Panel::ALL {
            assert_eq!(state(&h).current(), panel);
            assert_snapshot!(
                format!("panel_{panel:?}{suffix}").to_lowercase(),
                h.screen()
            );
            h.keys("n");
        }
        // Paging wraps around.
        assert_eq!(state(&h).current(), Panel::Forecast);
    }
}

#[test]
fn grid_at_160x48() {
    let mut h = stats(Lang::En, false);
    assert_snapshot!("grid", h.render(160, 48).backend());
    let mut h = stats(Lang::De, false);
    assert_snapshot!("grid_de", h.render(160, 48).backend());
}

#[test]
fn no_label_is_cut_in_the_grid() {
    for lang in [Lang::En, Lang::De] {
        let mut h = stats(lang, false);
        let screen = h.render(160, 48).backend().to_string();
        assert!(!screen.contains('…'), "{screen}");
        for label in ["≤180", ">1"] {
            assert!(screen.contains(label), "{label} in\n{screen}");
        }
        let longest = if lang == Lang::En {
            "≤180d"
        } else {
            "≤180T"
        };
        assert!(screen.contains(longest), "{screen}");
        assert!(screen.contains("Marketing-Mix (4P)"), "{screen}");
    }
}

/// Quizzes all taken today, as a new user's are.
fn quizzes_today(h: &mut Harness) {
    let today = h.now.date_naive();
    if let Screen::Stats(st) = &mut h.app.screen {
        st.view.quizzes = vec![(today, 40.0, 4.0), (today, 65.0, 3.0), (today, 90.0, 1.3)];
    }
}

#[test]
fn quizzes_on_one_day_are_one_bar_each() {
    for (lang, suffix) in [(Lang::En, ""), (Lang::De, "_de")] {
        let mut h = stats(lang, false);
        h.keys("nnnn");
        assert_eq!(state(&h).current(), Panel::Quizzes);
        quizzes_today(&mut h);
        let screen = h.screen();
        // One bar per quiz with its score, the day written once under them.
        let (scores, day, grade) = if lang == Lang::En {
            (["40%", "65%", "90%"], "11-27", "1.3")
        } else {
            (["40 %", "65 %", "90 %"], "27.11.", "1,3")
        };
        for score in scores {
            assert!(screen.contains(score), "{score} in\n{screen}");
        }
        assert_eq!(screen.matches(&format!(" {day} ")).count(), 1, "{screen}");
        assert!(screen.contains(grade), "{screen}");
        assert_snapshot!(format!("quizzes_one_day{suffix}"), screen);
        assert_snapshot!(
            format!("quizzes_one_day_grid{suffix}"),
            h.render(160, 48).backend()
        );
    }
}

#[test]
fn many_quizzes_are_a_line_over_the_quiz_number() {
    let mut h = stats(Lang::De, false);
    h.keys("nnnn");
    let today = h.now.date_naive();
    if let Screen::Stats(st) = &mut h.app.screen {
        st.view.quizzes = (0..60)
            .map(|i| {
                let day = today - chrono::Duration::days(59 - i);
                (day, f64::from(i32::try_from(i).unwrap()) * 1.5, 2.0)
            })
            .collect();
    }
    let screen = h.screen();
    assert!(screen.contains("Nr. 1 (29.09.)"), "{screen}");
    assert!(screen.contains("60 (27.11.)"), "{screen}");
    assert!(screen.contains("100 %"), "{screen}");
    assert!(screen.contains("60 Probeprüfungen"), "{screen}");
}

#[test]
fn numbers_and_dates_follow_the_language() {
    let mut h = stats(Lang::De, false);
    let screen = h.render(160, 48).backend().to_string();
    for german in [
        "(Note 1,3)",
        "17.11.2026",
        "27.11.2026",
        "└04.12.",
        "Ziel 90 %",
    ] {
        assert!(screen.contains(german), "{german} in\n{screen}");
    }
    assert!(!screen.contains("1.3"), "{screen}");
    let mut h = stats(Lang::En, false);
    let screen = h.render(160, 48).backend().to_string();
    for english in [
        "(grade 1.3)",
        "2026-11-17",
        "2026-11-27",
        "└12-04",
        "target 90%",
    ] {
        assert!(
            english.len() > 1 && screen.contains(english),
            "{english} in\n{screen}"
        );
    }
}

#[test]
fn grid_with_filter_german() {
    let mut h = stats(Lang::De, false);
    h.keys("dg");
    assert_snapshot!("grid_filtered_de", h.render(160, 48).backend());
}

#[test]
fn filter_panel_at_80x24() {
    let mut h = stats(Lang::En, false);
    h.keys("d");
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    assert_eq!(state(&h).current(), Panel::Retention);
    assert_snapshot!("retention_filtered", h.screen());
}

#[test]
fn d_and_g_cycle_through_every_choice_and_0_clears() {
    let mut h = stats(Lang::En, false);
    let all_due: usize = state(&h).view.forecast.iter().map(|d| d.1).sum();
    h.keys("d");
    assert_eq!(state(&h).filter.deck.as_deref(), Some("marketing"));
    let deck_due: usize = state(&h).view.forecast.iter().map(|d| d.1).sum();
    assert!(deck_due < all_due, "the filter reaches the port");
    assert_eq!(state(&h).view.retention.len(), 1);
    h.keys("d");
    assert_eq!(state(&h).filter.deck.as_deref(), Some("grundlagen"));
    h.keys("d");
    assert_eq!(state(&h).filter.deck, None);
    h.keys("gg");
    assert_eq!(state(&h).filter.tag.as_deref(), Some("kpi"));
    h.keys("d0");
    assert_eq!(state(&h).filter, StatsFilter::default());
    assert_eq!(
        state(&h).view.forecast.iter().map(|d| d.1).sum::<usize>(),
        all_due
    );
}

#[test]
fn p_and_left_page_backwards() {
    let mut h = stats(Lang::En, false);
    h.keys("p");
    assert_eq!(state(&h).current(), Panel::Streak);
    h.key(KeyCode::Left);
    assert_eq!(state(&h).current(), Panel::Quizzes);
}

#[test]
fn back_returns_to_where_stats_was_opened() {
    let mut h = stats(Lang::En, false);
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Overview));
    // From a review the card stays open.
    h.enter();
    let before = h.app.screen.clone();
    assert!(matches!(before, Screen::Review(_)));
    h.keys(" s");
    assert!(matches!(h.app.screen, Screen::Stats(_)));
    h.keys("q");
    match (&h.app.screen, &before) {
        (Screen::Review(now), Screen::Review(was)) => {
            assert_eq!(now.show.card.id, was.show.card.id);
            assert_eq!(
                now.stage,
                kartei::ui::Stage::Answer,
                "the revealed answer stays"
            );
        }
        other => panic!("not back in the review: {other:?}"),
    }
}

#[test]
fn help_lists_the_filter_keys() {
    let mut h = stats(Lang::En, false);
    h.keys("?");
    let screen = h.screen();
    assert!(screen.contains("next deck filter"), "{screen}");
    assert!(screen.contains("clear the filter"), "{screen}");
}

/// The heatmap rows of a rendered screen (lines starting with a weekday).
fn heatmap_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| {
            let l = l.trim_matches('"').trim_start_matches('│');
            ["Mo ", "Tu ", "We ", "Th ", "Fr ", "Sa ", "Su "]
                .iter()
                .any(|d| l.starts_with(d))
                .then(|| l.to_owned())
        })
        .collect()
}

#[test]
fn heatmap_reads_without_colour() {
    let mut h = stats(Lang::En, true);
    h.keys("n");
    assert_eq!(state(&h).current(), Panel::Activity);
    let terminal = h.render(80, 24);
    // No cell carries a colour.
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
    let screen = terminal.backend().to_string();
    let rows = heatmap_rows(&screen);
    assert_eq!(rows.len(), 7, "{screen}");
    // Every shade appears, so different counts look different in plain text.
    for shade in kartei::ui::stats_view::SHADES {
        assert!(
            rows.iter().any(|r| r.contains(shade)),
            "{shade} missing in\n{screen}"
        );
    }
    assert!(
        screen.contains("· 0  ░ 1–5  ▒ 6–10  ▓ 11–15  █ 16–19"),
        "{screen}"
    );
    // The shade of a day follows its count: the busiest day is full.
    let view = &state(&h).view;
    let max = view.history.iter().map(|d| d.1).max().unwrap();
    assert_eq!(kartei::ui::stats_view::shade_level(max, max), 4);
    assert_eq!(kartei::ui::stats_view::shade_level(1, max), 1);
    assert_eq!(kartei::ui::stats_view::shade_level(0, max), 0);
}

#[test]
fn small_terminal_and_empty_figures_do_not_break() {
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(Vec::new()), false);
    h.keys("s");
    // A deck id the fake does not know: every figure is empty or zero.
    if let Screen::Stats(st) = &mut h.app.screen {
        st.filter.deck = Some("nope".into());
        st.view = kartei::ui::StatsPort::stats(&h.study, st.filter.clone(), h.now);
    }
    for _ in Panel::ALL {
        for (w, hh) in [(60, 16), (80, 24), (200, 60)] {
            let screen = h.render(w, hh).backend().to_string();
            assert!(screen.contains("Statistics"), "{screen}");
        }
        h.keys("n");
    }
    let screen = h.render(80, 24).backend().to_string();
    assert!(screen.contains("Deck: nope"), "{screen}");
}

#[test]
fn tag_filter_offers_only_the_chosen_decks_tags() {
    let mut h = stats(Lang::En, false);
    assert_eq!(state(&h).view.tags, vec!["4p", "kpi", "marketing"]);
    h.keys("dd");
    assert_eq!(state(&h).filter.deck.as_deref(), Some("grundlagen"));
    assert_eq!(state(&h).view.tags, vec!["kpi"]);
    // `g` cycles through that deck's tags only.
    h.keys("g");
    assert_eq!(state(&h).filter.tag.as_deref(), Some("kpi"));
    h.keys("g");
    assert_eq!(state(&h).filter.tag, None);
    // A tag the next deck lacks is dropped with the deck change.
    h.keys("0g");
    assert_eq!(state(&h).filter.tag.as_deref(), Some("4p"));
    h.keys("d");
    assert_eq!(
        state(&h).filter.tag.as_deref(),
        Some("4p"),
        "marketing has #4p"
    );
    h.keys("d");
    assert_eq!(state(&h).filter.deck.as_deref(), Some("grundlagen"));
    assert_eq!(state(&h).filter.tag, None, "grundlagen has no #4p");
    assert!(
        state(&h).view.forecast.iter().any(|d| d.1 > 0),
        "no empty panels"
    );
}

/// The harness on the statistics screen with the clock at `now`.
fn stats_at(lang: Lang, now: &str) -> Harness {
    let mut h = Harness::with(lang, FakeStudy::new(), false);
    h.now = chrono::DateTime::parse_from_rfc3339(now)
        .unwrap()
        .with_timezone(&chrono::Utc);
    h.keys("sn");
    assert_eq!(state(&h).current(), Panel::Activity);
    h
}

#[test]
fn heatmap_labels_the_current_month() {
    for (lang, month, suffix) in [(Lang::En, "Dec", ""), (Lang::De, "Dez", "_de")] {
        // Wednesday 2 December: the week's Monday is in November.
        let mut h = stats_at(lang, "2026-12-02T10:00:00+01:00");
        let screen = h.screen();
        let months = screen
            .lines()
            .find(|l| l.contains("Nov"))
            .expect("a month line");
        assert!(
            months.trim_end_matches(['"', ' ', '│']).ends_with(month),
            "{month} over the last week in\n{screen}"
        );
        assert_snapshot!(format!("activity_december{suffix}"), screen);
        let grid = h.render(160, 48).backend().to_string();
        assert!(grid.contains(&format!("{month}│")), "{grid}");
    }
}

#[test]
fn heatmap_uses_the_width() {
    let mut h = stats(Lang::En, true);
    h.keys("n");
    for (w, weeks) in [(80u16, 37), (120, 54), (200, 54)] {
        let screen = h.render(w, 24).backend().to_string();
        let rows = heatmap_rows(&screen);
        assert_eq!(rows.len(), 7, "{screen}");
        let used = rows
            .iter()
            .map(|r| r.trim_end_matches(['"', ' ', '│']).chars().count())
            .max()
            .unwrap();
        let inner = usize::from(w) - 2;
        // All 54 weeks of the history, or as many as the width holds.
        assert!(
            screen.contains(&format!("{weeks} weeks")),
            "{weeks} weeks at {w}:\n{screen}"
        );
        if weeks < 54 {
            assert!(used + 4 >= inner, "{used} of {inner}:\n{screen}");
        }
    }
}

#[test]
fn a_streak_of_one_day_is_singular() {
    for (lang, one, many) in [(Lang::En, "1 day", "1 days"), (Lang::De, "1 Tag", "1 Tage")] {
        let mut h = stats(lang, false);
        h.keys("p");
        assert_eq!(state(&h).current(), Panel::Streak);
        if let Screen::Stats(st) = &mut h.app.screen {
            st.view.streak = (1, 12);
        }
        let screen = h.screen();
        assert!(screen.contains(one), "{screen}");
        assert!(!screen.contains(many), "{screen}");
    }
}

#[test]
fn a_panel_number_opens_that_panel() {
    let mut h = stats(Lang::De, false);
    h.keys("5");
    assert_eq!(state(&h).panel, 4);
    assert!(h.screen().contains("┌ Probeprüfungen "));
    h.keys("2");
    assert_eq!(state(&h).panel, 1);
    // There is no panel 9: nothing changes, the key is not taken.
    h.keys("9");
    assert_eq!(state(&h).panel, 1);
    h.key(ratatui::crossterm::event::KeyCode::Char('?'));
    assert!(h.screen().contains("1–6"), "the help names the keys");
}
