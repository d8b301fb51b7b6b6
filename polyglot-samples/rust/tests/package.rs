//! The crate as its users take it: a new crate depending on this one by `path`, built offline
//! (this crate's own build fetched the dependencies) with this crate's Cargo.lock, whose program
//! signs a vector. The expected signature is the vector's, read from fixtures/vectors.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const USER_PROGRAM: &str = r#"use issuetrak_sample::{ApiKey, RequestToSign, Signer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let signer = Signer::new(ApiKey::new(args[0].as_str()).expect("key"));
    let signed = signer
        .sign(&RequestToSign {
            method: &args[1],
            request_id: &args[2],
            timestamp: &args[3],
            path: &args[4],
            query: &args[5],
            body: args[6].as_bytes(),
        })
        .expect("signable");
    println!("{}", signed.signature);
}
"#;

fn run(command: &mut Command) -> String {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{:?}: {}", command, e));
    assert!(
        out.status.success(),
        "{:?} failed ({}):\n{}",
        command,
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn crate_used_by_path_from_a_new_crate_signs_a_vector() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"));
    let user = std::env::temp_dir().join(format!("itk-rust-user-{}", std::process::id()));
    fs::create_dir_all(user.join("src")).unwrap();
    fs::write(
        user.join("Cargo.toml"),
        format!(
            "[package]\nname = \"uses-issuetrak-sample\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nissuetrak-sample = {{ path = {:?} }}\n\n[workspace]\n",
            sample.display().to_string()
        ),
    )
    .unwrap();
    fs::write(user.join("src/main.rs"), USER_PROGRAM).unwrap();
    fs::copy(sample.join("Cargo.lock"), user.join("Cargo.lock")).unwrap();
    // This crate's own target folder: the dependencies `cargo test` just compiled are reused, so only
    // the new crate compiles (cargo no longer holds the folder's lock while tests run).
    let target: PathBuf = sample.join("build");
    run(Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(&user));

    let vectors: Value = serde_json::from_str(
        &fs::read_to_string(sample.join("../../fixtures/vectors/seed.json")).unwrap(),
    )
    .unwrap();
    let v = vectors["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "seed-001-get-issue-nested-site")
        .expect("seed-001 in seed.json");
    let input = &v["input"];
    let arg = |name: &str| input[name].as_str().unwrap().to_owned();
    let printed = run(
        Command::new(target.join("debug/uses-issuetrak-sample")).args([
            arg("key"),
            arg("method"),
            arg("requestId"),
            arg("timestamp"),
            arg("path"),
            arg("query"),
            arg("body"),
        ]),
    );
    fs::remove_dir_all(&user).ok();
    assert_eq!(
        printed.trim_end(),
        v["expected"]["signature"].as_str().unwrap()
    );
}
