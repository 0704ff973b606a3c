//! Body rules on real sentences of the seeds, the dev documents and French administrative usage.
use super::*;

/// (name, canonical, kind, anaphoric) of each body mention of `t`.
fn found(t: &str) -> Vec<(String, Option<String>, BodyKind, bool)> {
    bodies(t)
        .into_iter()
        .filter_map(|m| match m.value {
            Value::Body(b) => Some((b.name, b.canonical, b.kind, b.anaphoric)),
            _ => None,
        })
        .collect()
}

fn names(t: &str) -> Vec<String> {
    found(t).into_iter().map(|x| x.0).collect()
}

fn canon(t: &str) -> Vec<String> {
    found(t).into_iter().filter_map(|x| x.1).collect()
}

#[test]
fn smoke() {
    assert_eq!(
        names("la Région Rhône-Alpes , représentée par"),
        ["Région Rhône-Alpes"]
    );
}

#[test]
fn institutional_patterns() {
    assert_eq!(
        names("Le Conseil général de l’Isère soutient"),
        ["Conseil général de l’Isère"]
    );
    assert_eq!(
        canon("la Région Rhône-Alpes , représentée par"),
        ["Région Rhône-Alpes"]
    );
    assert_eq!(
        canon("en complément de la Région\nNormandie, chef de file"),
        ["Région Normandie"]
    );
    assert_eq!(canon("Conseil régional de La Réunion"), ["Région Réunion"]);
    assert_eq!(
        names("la Communauté de communes du Val de Drôme en 2012"),
        ["Communauté de communes du Val de Drôme"]
    );
    assert_eq!(
        names("Saint-Etienne Métropole, Roannais Agglomération"),
        ["Saint-Etienne Métropole", "Roannais Agglomération"]
    );
    assert_eq!(
        names("Pour Saint-Etienne Métropole :"),
        ["Saint-Etienne Métropole"]
    );
    assert_eq!(
        names("Pilote : Ville de Cayenne. Indicateur"),
        ["Ville de Cayenne"]
    );
    assert_eq!(
        found("la Communauté d'agglomération du Centre Littoral (CACL) et la CACL")[1]
            .1
            .as_deref(),
        Some("Communauté d'agglomération du Centre Littoral")
    );
    // A known body's acronym is its official name, defined in the document or not.
    assert_eq!(
        found("la Collectivité Territoriale de Martinique (CTM) et la CTM")[1]
            .1
            .as_deref(),
        Some("Collectivité territoriale de Martinique")
    );
    assert_eq!(
        found("Budget : 90 000 € par an (CTG).")[0].1.as_deref(),
        Some("Collectivité territoriale de Guyane")
    );
    assert_eq!(
        names("[les Conseils généraux de Drôme et d'Ardèche](#)"),
        ["Conseil général de Drôme", "Conseil général d'Ardèche"]
    );
}

#[test]
fn known_bodies_and_regions() {
    assert_eq!(
        canon("avec la CRESS RA et la CRESS"),
        ["CRESS Rhône-Alpes", "CRESS Rhône-Alpes"]
    );
    assert_eq!(
        canon("France Active Normandie et France Active"),
        ["France Active Normandie", "France Active"]
    );
    assert_eq!(
        canon("la Caisse des Dépôts (CDC) et la Banque des Territoires"),
        [
            "Caisse des Dépôts et Consignations",
            "Caisse des Dépôts et Consignations",
            "Banque des Territoires"
        ]
    );
    assert_eq!(found("la DREETS Normandie")[0].2, BodyKind::Etat);
    assert!(names("les CRESS en relais dans chaque région").is_empty());
}

#[test]
fn acronyms_and_head_nouns() {
    let t = "l'Association pour de Nouveaux Emplois Jeunes (ANEJ). Plus tard, l'ANEJ a";
    let c = canon(t);
    assert_eq!(c.len(), 3);
    assert!(c
        .iter()
        .all(|x| x == "Association pour de Nouveaux Emplois Jeunes"));
    assert_eq!(canon("la SCIC La Pousada"), ["La Pousada"]);
    assert_eq!(
        canon("le cabinet d'études « Extra-muros » a réalisé"),
        ["Extra-muros"]
    );
    assert_eq!(found("l'association GAIA")[0].2, BodyKind::Network);
    assert!(names("les acteurs du réseau ESS :").is_empty());
}

#[test]
fn anaphors_take_the_documents_body() {
    let t = "La Région Guadeloupe soutient. La Région attribue. Le Conseil régional vote.";
    let f = found(t);
    assert!(f
        .iter()
        .all(|x| x.1.as_deref() == Some("Région Guadeloupe")));
    assert!(f[1].3);
    // a municipal deliberation's `la Ville` is its commune
    let t = "VILLE DE VILLEURBANNE\nLe Pacte engage la Ville et la Métropole de Lyon. La Ville y consacrera 50 000 €.";
    let f = found(t);
    let towns: Vec<_> = f.iter().filter(|x| x.2 == BodyKind::Commune).collect();
    assert_eq!(towns.len(), 3);
    let canon: Vec<_> = towns
        .iter()
        .map(|x| x.1.clone().unwrap_or_default())
        .collect();
    assert!(canon.iter().all(|c| *c == canon[0]), "{canon:?}");
    assert_eq!(canon[0].to_lowercase(), "ville de villeurbanne");
    assert!(towns[1].3 && towns[2].3);
    assert!(names("la Ville de Lyon").iter().all(|n| n != "Ville"));
    // near misses: places, generic classes
    assert!(names("en région Rhône Alpes, sur Romans, à Lyon").is_empty());
    assert!(names("les collectivités et les associations").is_empty());
}

#[test]
fn the_state() {
    assert_eq!(
        canon("l'État et l’Etat, le Gouvernement"),
        ["État", "État", "État"]
    );
    assert!(
        names("un Secrétariat d'État à l'Économie Sociale et Solidaire confié")
            .iter()
            .all(|n| n.starts_with("Secrétariat"))
    );
    assert!(!canon("le contrat de plan État-Région").contains(&"État".to_string()));
}

#[test]
fn administrative_courts_in_either_case() {
    // Running text writes the court in lower case (`devant le tribunal administratif de …`).
    assert_eq!(
        names("un recours devant le tribunal administratif de la Guadeloupe dans un délai"),
        ["tribunal administratif de la Guadeloupe"]
    );
    assert_eq!(
        names("relèvent de la compétence du Tribunal administratif d'Orléans."),
        ["Tribunal administratif d'Orléans"]
    );
    assert_eq!(
        found("relève du tribunal \nadministratif de la Martinique.")[0].2,
        BodyKind::Etat
    );
}

#[test]
fn a_field_label_on_the_next_line_is_not_a_name() {
    assert!(names(
        "Soutenir l'agriculture vivrière sous forme coopérative\nPilote : CTG, avec la Chambre"
    )
    .iter()
    .all(|n| !n.contains("Pilote")));
    // a name wrapped to the next line is still a name
    assert!(names("avec l'association\nGAIA et la SCIC La Pousada")
        .iter()
        .any(|n| n.contains("GAIA")));
}
