//! Two pieces of work at once: the one here, the other on a scoped thread.
//! The start-up splits its largest jobs this way (loading decks beside
//! reading the journal, the two halves of a large deck).

/// Lists at least this long are worth splitting over two threads; below,
/// starting a thread costs more than it saves.
pub const SPLIT_FROM_ITEMS: usize = 4_096;

/// Runs `here` on this thread and `there` on another at the same time, and
/// returns both results. A panic in either is raised again here.
pub fn join<A, B: Send>(here: impl FnOnce() -> A, there: impl FnOnce() -> B + Send) -> (A, B) {
    std::thread::scope(|scope| {
        let there = scope.spawn(there);
        let here = here();
        (
            here,
            there
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_results_in_order_and_a_panic_is_raised_here() {
        let data = [1, 2, 3, 4];
        let (a, b) = join(
            || data[..2].iter().sum::<i32>(),
            || data[2..].iter().sum::<i32>(),
        );
        assert_eq!((a, b), (3, 7));
        let caught = std::panic::catch_unwind(|| join(|| 1, || -> i32 { panic!("there") }));
        assert!(caught.is_err());
    }
}
