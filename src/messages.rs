//! Everything said to people goes to stderr, through here: per-file warnings, the progress
//! bar and the closing summary. Stages never print.
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The stderr side of a run.
pub struct Messages {
    quiet: bool,
    bar: Option<ProgressBar>,
}

impl Messages {
    pub fn new(quiet: bool) -> Messages {
        Messages { quiet, bar: None }
    }

    /// Shows a progress bar over `total` files, only when stderr is a terminal.
    pub fn start_progress(&mut self, total: u64) {
        if self.quiet || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos}/{len} files [{bar:30}] {elapsed} {msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        self.bar = Some(bar);
    }

    pub fn advance(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    pub fn finish_progress(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }

    /// `esscorpus: <source>: <reason>` for a file that was skipped.
    pub fn warn(&self, source: &str, reason: &str) {
        self.say(&format!("esscorpus: {source}: {reason}"));
    }

    pub fn say(&self, line: &str) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}
