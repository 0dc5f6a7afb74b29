//! What a person watching a terminal sees while a site builds: a progress
//! bar of pages rendered on a terminal; in CI (no terminal) nothing, or a
//! line at each quarter with `--verbose`.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::sink::Progress;

/// Sites smaller than this build in well under a second: no bar.
const MIN_PAGES: usize = 500;

/// The progress to show: a bar on a terminal, lines in a log when
/// `verbose`, else none.
pub fn progress(verbose: bool) -> Option<Arc<dyn Progress>> {
    if std::io::stderr().is_terminal() {
        Some(Arc::new(Bar::hidden_until_started()))
    } else if verbose {
        Some(Arc::new(Quarters::default()))
    } else {
        None
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
#[derive(Debug)]
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    fn hidden_until_started() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        Self { bar }
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        if total < MIN_PAGES {
            return;
        }
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
        let style = ProgressStyle::with_template("{spinner} {pos}/{len} pages {wide_bar} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        self.bar.set_style(style);
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    fn advance(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
        self.bar.set_draw_target(ProgressDrawTarget::hidden());
    }
}

/// For logs: one line when a quarter of the pages is rendered.
#[derive(Debug, Default)]
struct Quarters {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Progress for Quarters {
    fn start(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
    }

    fn advance(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let total = self.total.load(Ordering::Relaxed);
        let quarter = total.div_ceil(4).max(1);
        if total >= MIN_PAGES && done.is_multiple_of(quarter) && done < total {
            eprintln!("  rendered {done} of {total} pages");
        }
    }

    fn finish(&self) {}
}
