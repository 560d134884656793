//! Numbers, percentages and dates the way the chosen language writes them:
//! `4.0` / `4,0`, `88%` / `88 %`, `2026-12-02` / `02.12.2026`.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::{Lang, Tr};

impl Tr {
    /// `s` (written with a decimal point) with the language's decimal mark.
    fn decimal_mark(self, s: &str) -> String {
        match self.0 {
            Lang::En => s.to_owned(),
            Lang::De => s.replace('.', ","),
        }
    }

    /// The number `n` with the language's percent sign: `88%` / `88 %`.
    fn percent_sign(self, n: &str) -> String {
        match self.0 {
            Lang::En => format!("{n}%"),
            Lang::De => format!("{n} %"),
        }
    }

    /// A number with `decimals` places: `4.0` / `4,0`.
    #[must_use]
    pub fn num(self, v: f64, decimals: usize) -> String {
        self.decimal_mark(&format!("{v:.decimals$}"))
    }

    /// A number with at most `max_decimals` places and no trailing zeros:
    /// `2`, `1.5`, `0.25` / `0,25` (quiz points).
    #[must_use]
    pub fn short_num(self, v: f64, max_decimals: usize) -> String {
        let s = format!("{v:.max_decimals$}");
        if s.contains('.') {
            self.decimal_mark(s.trim_end_matches('0').trim_end_matches('.'))
        } else {
            s
        }
    }

    /// A percentage like [`Tr::short_num`]: `90%`, `12.5%` / `12,5 %`.
    #[must_use]
    pub fn short_percent(self, v: f64, max_decimals: usize) -> String {
        self.percent_sign(&self.short_num(v, max_decimals))
    }

    /// A whole percentage: `88%` / `88 %`.
    #[must_use]
    pub fn percent(self, p: u32) -> String {
        self.percent_sign(&p.to_string())
    }

    /// A percentage with `decimals` places: `91.2%` / `91,2 %`.
    #[must_use]
    pub fn percent_of(self, v: f64, decimals: usize) -> String {
        self.percent_sign(&self.num(v, decimals))
    }

    /// A share (0–1, clamped) as a whole percentage.
    #[must_use]
    pub fn share(self, x: f64) -> String {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let p = (x.clamp(0.0, 1.0) * 100.0).round() as u32;
        self.percent(p)
    }

    /// A date: `2026-12-02` / `02.12.2026`.
    #[must_use]
    pub fn date(self, d: NaiveDate) -> String {
        match self.0 {
            Lang::En => d.format("%Y-%m-%d").to_string(),
            Lang::De => d.format("%d.%m.%Y").to_string(),
        }
    }

    /// A date without the year, for chart axes: `12-02` / `02.12.`.
    #[must_use]
    pub fn short_date(self, d: NaiveDate) -> String {
        match self.0 {
            Lang::En => d.format("%m-%d").to_string(),
            Lang::De => d.format("%d.%m.").to_string(),
        }
    }

    /// A local date and time: `2026-12-02 09:30` / `02.12.2026 09:30`.
    #[must_use]
    pub fn date_time(self, t: DateTime<Utc>, offset: FixedOffset) -> String {
        let local = t.with_timezone(&offset);
        match self.0 {
            Lang::En => local.format("%Y-%m-%d %H:%M").to_string(),
            Lang::De => local.format("%d.%m.%Y %H:%M").to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let (en, de) = (Tr(Lang::En), Tr(Lang::De));
        assert_eq!(en.date(d), "2026-12-02");
        assert_eq!(de.date(d), "02.12.2026");
        assert_eq!(en.short_date(d), "12-02");
        assert_eq!(de.short_date(d), "02.12.");
        assert_eq!(en.num(4.0, 1), "4.0");
        assert_eq!(de.num(4.25, 2), "4,25");
        assert_eq!(en.percent(88), "88%");
        assert_eq!(de.percent(88), "88 %");
        assert_eq!(en.share(0.876), "88%");
        assert_eq!(de.share(1.7), "100 %");
        assert_eq!(en.percent_of(91.25, 1), "91.2%");
        assert_eq!(en.short_num(2.0, 2), "2");
        assert_eq!(en.short_num(1.5, 2), "1.5");
        assert_eq!(de.short_num(0.25, 2), "0,25");
        assert_eq!(de.short_num(10.0, 1), "10");
        assert_eq!(de.short_percent(12.5, 1), "12,5 %");
        assert_eq!(en.short_percent(90.0, 1), "90%");
        assert_eq!(de.percent_of(91.25, 1), "91,2 %");
        let t = DateTime::parse_from_rfc3339("2026-12-02T08:30:00Z")
            .unwrap()
            .to_utc();
        let plus_one = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(en.date_time(t, plus_one), "2026-12-02 09:30");
        assert_eq!(de.date_time(t, plus_one), "02.12.2026 09:30");
    }
}
