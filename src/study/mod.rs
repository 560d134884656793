//! The application layer between the core and the two front ends: study
//! sessions, today's counts, quiz journalling and the statistics figures,
//! each computed here once. The terminal interface (`ui`) and the CLI
//! (`cli`) only show what this layer computes and pass on what the student
//! does.

pub mod browse;
mod collection_study;
pub mod exam;
pub mod exam_port;
pub mod port;
pub mod quiz_port;
pub mod session;
pub mod stats_port;
pub mod today;

pub use browse::{BrowseQuery, BrowseRow, BrowseSort, CardDetail, CardStatus, StateFilter};
pub use collection_study::CollectionStudy;
pub use exam_port::{CramTarget, ExamGroup, ExamPort, ExamView};
pub use port::{Counts, DeckRow, NextCard, Overview, Scope, SessionSummary, ShowCard, Study};
pub use quiz_port::{QuizPort, QuizSetupView, QuizStarted};
pub use session::{Progress, ReviewSession, SessionKind};
pub use stats_port::{StatsFilter, StatsPort, StatsView};
