//! Timed quizzes: drawing questions, forms, the quiz state machine and grading.
