//! The quality bars of the seeds, measured with the same rules as score.py: a rule change
//! that loses them fails here, with the figures.
mod util;

use std::path::Path;

use esscorpus::eval::evaluate;
use util::{esscorpus, shared, stderr};

fn scores(drop: &str, gold: &Path) -> esscorpus::eval::Report {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = esscorpus(&["run", drop, "--out", out.to_str().unwrap(), "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    evaluate(&out, gold, None).unwrap()
}

fn f1([tp, gold, out]: [usize; 3]) -> f64 {
    let p = if out > 0 { tp as f64 / out as f64 } else { 0.0 };
    let r = if gold > 0 {
        tp as f64 / gold as f64
    } else {
        0.0
    };
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn accuracy([ok, n]: [usize; 2]) -> f64 {
    if n > 0 {
        ok as f64 / n as f64
    } else {
        1.0
    }
}

#[test]
fn seeds_meet_the_quality_bars() {
    let Some(shared) = shared() else {
        eprintln!("../shared is absent: skipped");
        return;
    };
    let r = scores("seeds", &shared.join("gold"));
    let table = r.to_table(false);
    for (t, bar) in [
        ("amounts", 0.95),
        ("dates", 0.95),
        ("periods", 0.95),
        ("persons", 0.95),
        ("actions", 0.95),
        ("metrics", 0.90),
        ("bodies", 0.90),
        ("axes", 0.90),
        ("programmes", 0.80),
    ] {
        assert!(f1(r.types[t]) >= bar, "{t} F1 below {bar}:\n{table}");
    }
    for (l, bar) in [
        ("amount.funder", 0.90),
        ("amount.when", 0.90),
        ("person.body", 0.90),
        ("person.role", 0.80),
    ] {
        assert!(accuracy(r.links[l]) >= bar, "{l} below {bar}:\n{table}");
    }
}

#[test]
fn dev_set_stays_above_its_floor() {
    let Some(shared) = shared() else {
        return;
    };
    let dev = shared.join("dev/docs");
    let r = scores(dev.to_str().unwrap(), &shared.join("dev/gold"));
    // A floor under today's figures (micro-F1 0.96): it catches a rule that breaks the
    // genre, not a small trade-off.
    assert!(r.micro_f1() >= 0.93, "{}", r.to_table(false));
    // Links: funder 0.96, the others 0.98 to 1.00 today.
    for (l, bar) in [
        ("amount.funder", 0.93),
        ("amount.when", 0.95),
        ("person.body", 0.95),
        ("person.role", 0.95),
    ] {
        assert!(
            accuracy(r.links[l]) >= bar,
            "{l} below {bar}:\n{}",
            r.to_table(false)
        );
    }
}
