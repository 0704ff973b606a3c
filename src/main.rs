use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use esscorpus::cli::{Args, Command, RunArgs};
use esscorpus::config::Config;
use esscorpus::messages::Messages;
use esscorpus::pipeline;

fn main() -> ExitCode {
    let args = Args::parse();
    let command = args.command.unwrap_or_else(|| {
        Command::Run(RunArgs {
            out: "output".into(),
            ..RunArgs::default()
        })
    });
    match command {
        Command::Run(a) => {
            let cfg = match Config::from_args(a) {
                Ok(c) => c,
                Err(e) => return fatal(&e),
            };
            if let Some(d) = cfg.data.as_ref().filter(|d| !d.is_dir()) {
                return fatal(&format!("--data {}: not a folder", d.display()));
            }
            esscorpus::data::set_user_dir(cfg.data.clone());
            let mut msg = Messages::new(cfg.quiet);
            match pipeline::run(&cfg, &mut msg) {
                Ok(s) => {
                    msg.say(&summary_line(&s, &cfg.out));
                    ExitCode::SUCCESS
                }
                Err(e) => fatal(&e.to_string()),
            }
        }
        Command::Merge(a) => {
            let threads = match esscorpus::config::threads(a.threads) {
                Ok(t) => t,
                Err(e) => return fatal(&e),
            };
            let mut msg = Messages::new(a.quiet);
            match pipeline::merge(&a.outputs, &a.out, threads, &mut msg) {
                Ok(s) => {
                    msg.say(&summary_line(&s, &a.out));
                    ExitCode::SUCCESS
                }
                Err(e) => fatal(&e.to_string()),
            }
        }
        Command::Eval(a) => match esscorpus::eval::evaluate(&a.output, &a.gold, a.doc.as_deref()) {
            Ok(r) => {
                if a.json {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&r.to_json()).unwrap_or_default()
                    );
                } else {
                    print!("{}", r.to_table(a.misses));
                }
                ExitCode::SUCCESS
            }
            Err(e) => fatal(&e),
        },
        Command::Diff(a) => match esscorpus::diff::diff_folders(&a.old, &a.new) {
            Ok(d) => {
                let text = if a.json {
                    serde_json::to_string_pretty(&d.to_json()).unwrap_or_default() + "\n"
                } else {
                    d.to_text()
                };
                // A reader that stops early (`| head`) is no error.
                let mut stdout = std::io::stdout().lock();
                if let Err(e) = stdout
                    .write_all(text.as_bytes())
                    .and_then(|_| stdout.flush())
                {
                    if e.kind() != std::io::ErrorKind::BrokenPipe {
                        return fatal(&format!("writing the diff: {e}"));
                    }
                }
                if d.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => fatal(&e),
        },
    }
}

/// The closing line of `run` and `merge`.
fn summary_line(s: &pipeline::Summary, out: &std::path::Path) -> String {
    let cached = if s.reused > 0 {
        format!(" ({} from the cache)", s.reused)
    } else {
        String::new()
    };
    format!(
        "esscorpus: {} documents read{cached}, {} skipped, {} entities, {:.1} MB/s → {}",
        s.documents,
        s.skipped,
        s.entities,
        s.mb_per_s(),
        out.display()
    )
}

fn fatal(e: &str) -> ExitCode {
    eprintln!("esscorpus: error: {e}");
    ExitCode::from(2)
}
