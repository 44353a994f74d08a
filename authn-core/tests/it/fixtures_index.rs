//! The fixture set is complete and self-describing: every file is in `index.json` with its HTTP status,
//! and the index names no missing file. Other crates (the CLI's `inspect` tests) rely on this.

use std::collections::BTreeSet;

use authn_core::{Link, Transaction};

use crate::common::*;

#[test]
fn index_and_directory_agree() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != "index.json")
        .collect();
    let indexed: BTreeSet<String> = index().into_iter().map(|f| f.file).collect();
    assert_eq!(files, indexed);
}

#[test]
fn entries_are_consistent_with_their_bodies() {
    for fixture in index() {
        let value: serde_json::Value = serde_json::from_str(&body(&fixture.file)).unwrap();
        match fixture.kind.as_str() {
            "transaction" => {
                assert_eq!(fixture.http_status, 200, "{}", fixture.file);
                assert_eq!(
                    value["status"].as_str(),
                    fixture.status.as_deref(),
                    "{}",
                    fixture.file
                );
            }
            "error" => {
                let code = fixture.error_code.as_deref().unwrap();
                assert_eq!(fixture.file, format!("error_{code}.json"));
                assert_eq!(value["errorCode"].as_str(), Some(code));
                assert!(fixture.http_status >= 400);
                assert!(
                    fixture
                        .headers
                        .iter()
                        .any(|(k, _)| k == "X-Okta-Request-Id")
                );
                if fixture.http_status == 429 {
                    assert!(
                        fixture
                            .headers
                            .iter()
                            .any(|(k, _)| k == "X-Rate-Limit-Reset")
                    );
                    assert!(fixture.headers.iter().any(|(k, _)| k == "Date"));
                }
            }
            "questions" => assert!(value.is_array()),
            "cancel" => assert!(value.is_object()),
            other => panic!("unknown kind {other}"),
        }
    }
}

#[test]
fn every_link_lives_under_the_configured_base_url_or_is_deliberately_external() {
    for fixture in fixtures_of("transaction") {
        let tx = transaction(&fixture.file);
        for href in wire_hrefs(&tx) {
            assert!(
                href.starts_with(BASE) || href.starts_with("https://password.example.com/"),
                "{}: {href}",
                fixture.file
            );
        }
    }
}

/// Every href of a response: top level, factors, activations (including QR codes and logos).
fn wire_hrefs(tx: &Transaction) -> Vec<String> {
    let mut links: Vec<&Link> = tx.links.all();
    let mut activations = Vec::new();
    for factor in tx.every_factor() {
        links.extend(factor.links.all());
        if let Some(activation) = &factor.embedded.activation {
            activations.push(authn_core::wire::WireActivation::from_value(activation));
        }
    }
    let mut hrefs: Vec<String> = links.into_iter().map(|l| l.href.clone()).collect();
    for activation in activations {
        hrefs.extend(activation.links.all().into_iter().map(|l| l.href.clone()));
    }
    hrefs
}
