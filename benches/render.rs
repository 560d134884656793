//! One frame of the review screen at 200x60 with a long card.

use chrono::{DateTime, FixedOffset, Utc};
use kartei::deck::CardContent;
use kartei::i18n::Lang;
#[path = "../tests/ui_common/fake_study.rs"]
#[allow(dead_code)]
mod fake_study;

use fake_study::{FakeStudy, sample_cards};
use kartei::ui::{Action, App, KeyMap, Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

#[divan::bench]
fn review_long_card_200x60(bencher: divan::Bencher) {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-27T09:00:00+01:00")
        .unwrap()
        .with_timezone(&Utc);
    let mut card = sample_cards().remove(0);
    let sentence = "Die Produktpolitik umfasst Entwicklung, Gestaltung und Pflege des Sortiments – größere Märkte, 日本語, Emoji 🎯. ";
    card.content = CardContent::Basic {
        front: sentence.repeat(30),
        back: sentence.repeat(60),
        reversed: false,
    };
    let mut study = FakeStudy::with_cards(vec![card]);
    let offset = FixedOffset::east_opt(3600).unwrap();
    let mut app = App::new(
        Lang::En,
        KeyMap::default(),
        Theme::new(false),
        offset,
        now,
        &study,
    );
    app.update(Action::Select, now, &mut study);
    app.update(Action::Reveal, now, &mut study);
    app.size = (200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| render(&app, f)).unwrap();
    });
}
