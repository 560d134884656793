//! The statistics screen: snapshots of every panel at 80x24 and the grid at
//! 160x48 (FakeStudy's fixed figures), filters, paging and leaving.

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
    let mut h = stats(Lang::En, false);
    for panel in Panel::ALL {
        assert_eq!(state(&h).current(), panel);
        assert_snapshot!(format!("panel_{panel:?}").to_lowercase(), h.screen());
        h.keys("n");
    }
    // Paging wraps around.
    assert_eq!(state(&h).current(), Panel::Forecast);
}

#[test]
fn grid_at_160x48() {
    let mut h = stats(Lang::En, false);
    assert_snapshot!("grid", h.render(160, 48).backend());
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
