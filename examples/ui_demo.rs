//! Runs the terminal interface over the built-in test double (no decks or
//! progress are read or written): `cargo run --example ui_demo`.
//! Honours `--lang`, `KARTEI_NOW`, `NO_COLOR`, `$EDITOR` and config.toml's
//! `[keys]` like the real binary.

use clap::Parser;
use kartei::cli::{Cli, Context};
use kartei::ui::testing::FakeStudy;

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let ctx = Context::from_env(&cli.global)?;
    let options = kartei::cli::ui_options(&ctx)?;
    let mut study = FakeStudy::new();
    study.relearn = true;
    kartei::ui::run(options, &mut study)?;
    Ok(())
}
