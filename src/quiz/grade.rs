//! The German grade scale (IHK style) for quiz results.

/// `(minimum percent, grade)`, best first: the first row whose minimum the
/// percentage reaches gives the grade. Passing starts at 50 % (4,0); below
/// that the grade is 5,0. Steps of 5 percentage points, one third of a grade
/// each.
pub const GRADE_SCALE: [(f64, f64); 11] = [
    (95.0, 1.0),
    (90.0, 1.3),
    (85.0, 1.7),
    (80.0, 2.0),
    (75.0, 2.3),
    (70.0, 2.7),
    (65.0, 3.0),
    (60.0, 3.3),
    (55.0, 3.7),
    (50.0, 4.0),
    (0.0, 5.0),
];

/// The percentage needed to pass.
pub const PASS_PERCENT: f64 = 50.0;

/// The grade for a percentage 0..=100 (values outside are clamped; NaN is 5,0).
#[must_use]
pub fn grade_for_percent(percent: f64) -> f64 {
    // A tiny tolerance so 19/20 computed as 94.999... still reaches 95.
    let p = percent + 1e-9;
    GRADE_SCALE
        .iter()
        .find(|(min, _)| p >= *min)
        .map_or(5.0, |&(_, grade)| grade)
}

/// A grade written the German way with one decimal: `1.3` → `"1,3"`.
#[must_use]
pub fn format_grade(grade: f64) -> String {
    format!("{grade:.1}").replace('.', ",")
}
