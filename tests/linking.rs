//! Bodies resolved across the seeds' documents: one record per real body, listing every
//! document that names it; bodies that must stay apart do.
mod util;

use std::collections::BTreeSet;

use serde_json::Value;
use util::{esscorpus, stderr};

fn fold(s: &str) -> String {
    esscorpus::eval::fold(s)
}

fn seeds_bodies() -> Vec<Value> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = esscorpus(&["run", "seeds", "--out", out.to_str().unwrap(), "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read_to_string(out.join("bodies.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The records that name a body by any of `names`.
fn records<'a>(bodies: &'a [Value], names: &[&str]) -> Vec<&'a Value> {
    let want: BTreeSet<String> = names.iter().map(|n| fold(n)).collect();
    bodies
        .iter()
        .filter(|b| {
            std::iter::once(&b["name"])
                .chain(b["aliases"].as_array().unwrap())
                .any(|n| want.contains(&fold(n.as_str().unwrap())))
        })
        .collect()
}

fn docs(b: &Value) -> BTreeSet<String> {
    b["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap()[..3].to_string())
        .collect()
}

#[test]
fn one_record_per_body_across_the_seeds() {
    let bodies = seeds_bodies();
    let cases: [(&[&str], &[&str]); 6] = [
        (&["Région Rhône-Alpes"], &["000", "001", "003", "004"]),
        (
            &["CRESS Rhône-Alpes", "CRESS RA"],
            &["000", "001", "003", "004"],
        ),
        (
            &["Caisse des Dépôts et Consignations", "Caisse des Dépôts"],
            &["001", "003"],
        ),
        (&["Grenoble-Alpes Métropole"], &["000", "002", "003", "004"]),
        (
            &["Conseil général de l'Isère", "Département de l'Isère"],
            &["003", "004"],
        ),
        (&["État", "Etat"], &["000", "001", "003"]),
    ];
    for (names, want_docs) in cases {
        let found = records(&bodies, names);
        assert_eq!(found.len(), 1, "{names:?}: {found:#?}");
        let want: BTreeSet<String> = want_docs.iter().map(|d| d.to_string()).collect();
        assert!(
            docs(found[0]).is_superset(&want),
            "{names:?} lists {:?}, want {want:?}",
            docs(found[0])
        );
    }
}

#[test]
fn bodies_that_must_stay_apart_do() {
    let bodies = seeds_bodies();
    let id = |names: &[&str]| -> Vec<String> {
        records(&bodies, names)
            .iter()
            .map(|b| b["id"].as_str().unwrap().to_string())
            .collect()
    };
    for (a, b) in [
        (
            &["Région Rhône-Alpes"][..],
            &["Région Auvergne-Rhône-Alpes"][..],
        ),
        (&["Caisse des Dépôts"][..], &["Banque des Territoires"][..]),
        (
            &["Ville de Grenoble"][..],
            &["Grenoble-Alpes Métropole"][..],
        ),
        (
            &["État"][..],
            &["Ministres délégués chargé de l’ESS et de la politique de la ville"][..],
        ),
    ] {
        let (ia, ib) = (id(a), id(b));
        assert_eq!(ia.len(), 1, "{a:?}");
        assert_eq!(ib.len(), 1, "{b:?}");
        assert_ne!(ia, ib, "{a:?} and {b:?} were merged");
    }
}
