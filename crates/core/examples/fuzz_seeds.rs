//! Writes the seed corpora of the fuzz targets (`crates/core/fuzz`) from the
//! project's test fixtures and `sample`'s generated directories, one folder
//! per target. `scripts/fuzz` runs it before each run, so the seeds follow
//! the fixtures.
//!
//! Usage: `cargo run -p proget-users-core --example fuzz_seeds -- DIR [TARGET...]`
//! (writes `DIR/parse`, `DIR/csv` and `DIR/plan`, or those of the targets
//! named, replacing what they held).

use proget_users_core::{csv, parse, sample};
use std::fs;
use std::path::{Path, PathBuf};

/// The folders of JSON and CSV fixtures, from the repository root.
const FIXTURES: [&str; 3] = [
    "crates/core/tests/fixtures",
    "crates/cli/tests/fixtures",
    "e2e/fixtures",
];

/// Files that are fixtures but not users-and-groups files.
const NOT_USERS: [&str; 1] = ["password-vectors.json"];

/// Small hand-made files for what the fixtures lack: names alike but for
/// letter case, null and empty fields, fields we do not know, escapes.
const HAND_MADE: [&str; 6] = [
    r#"{"users":[],"groups":[]}"#,
    r#"{"users":[{"userName":"jDoe","displayName":null,"emailAddress":"","groups":["Dev","dev"]},{"userName":"JDOE","password":"x"}],"groups":["Dev"]}"#,
    "{\"users\": [{\"userName\": \"Jos\\u00e9\", \"x\": {\"k\": [1.50, -0, 1e3, true, null]}, \"groups\": []}], \"n\": 1E+2}\r\n",
    "\u{feff}{\n\t\"groups\": [\"\u{130}\", \"i\"],\n\t\"users\": [{\"userName\": \"\u{212a}im\", \"passwordBytes\": \"aGFzaA==\"}, {\"userName\": \"kim\", \"saltBytes\": \"c2FsdA==\"}]\n}",
    r#"{"users":[{"userName":" a ","groups":["=1+2",";x"],"emailAddress":"a@b"}],"groups":["@g"],"$schema":"./s.json"}"#,
    "{\r  \"users\" : [ { \"userName\" : \"a\" , \"groups\" : [ ] } ]\r}\r",
];

/// Edit scripts for the `parse` target (see `fuzz/src/edits.rs`): every
/// operation once, then a few mixed runs.
fn scripts() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = (0u8..20)
        .map(|op| vec![op, 1, 0x23, b'n', b'e', b'w', 2, 1])
        .collect();
    out.push((0u8..=255).collect());
    out.push(b"\x00\x25kim\x06\x02\x01\x10\x03\x01\x01\x22Jo\x12\x07\x10\x13".to_vec());
    out
}

fn main() {
    let mut args = std::env::args_os().skip(1);
    let out = args
        .next()
        .map(PathBuf::from)
        .expect("usage: fuzz_seeds DIR [TARGET...]");
    // Only the targets named (all without any): two fuzzers started side by
    // side must not rewrite each other's seeds while they read them.
    let only: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut json: Vec<(String, Vec<u8>)> = Vec::new();
    let mut csvs: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in FIXTURES {
        let mut entries: Vec<PathBuf> = fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let label = format!("{}-{name}", dir.replace('/', "-"));
            if name.ends_with(".json") && !NOT_USERS.contains(&name.as_str()) {
                json.push((label, bytes));
            } else if name.ends_with(".csv") {
                csvs.push((label, bytes));
            }
        }
    }
    json.push((
        "example-export.json".into(),
        sample::EXAMPLE_EXPORT.as_bytes().to_vec(),
    ));
    let directory = sample::directory(20);
    json.push((
        "sample-directory-20.json".into(),
        directory.clone().into_bytes(),
    ));
    json.push((
        "sample-one-line.json".into(),
        sample::one_line(&sample::directory(4)).into_bytes(),
    ));
    json.push((
        "sample-crlf.json".into(),
        sample::with_line_ends(&sample::directory(2), "\r\n").into_bytes(),
    ));
    json.push((
        "sample-cr.json".into(),
        sample::with_line_ends(&sample::directory(1), "\r").into_bytes(),
    ));
    for (i, text) in HAND_MADE.iter().enumerate() {
        json.push((format!("hand-made-{i}.json"), text.as_bytes().to_vec()));
    }

    // parse: every file, then the small ones with each edit script.
    let mut parse_seeds = json.clone();
    let small: Vec<&(String, Vec<u8>)> = json.iter().filter(|(_, b)| b.len() < 2048).collect();
    for (i, script) in scripts().iter().enumerate() {
        let (label, bytes) = small[i % small.len()];
        let mut seed = bytes.clone();
        seed.push(0);
        seed.extend_from_slice(script);
        parse_seeds.push((format!("edits-{i}-{label}"), seed));
    }

    // csv: the CSV fixtures, each file's export, and the same in other
    // encodings and separators.
    let mut csv_seeds = csvs.clone();
    for (label, bytes) in &json {
        if let Ok(parsed) = parse::parse(bytes) {
            csv_seeds.push((
                format!("export-{label}.csv"),
                csv::to_csv(&parsed.file, None).into_bytes(),
            ));
        }
    }
    for (label, bytes) in &csvs {
        let text = String::from_utf8_lossy(bytes);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        csv_seeds.push((format!("utf16-{label}"), utf16));
        let plain = text.trim_start_matches('\u{feff}');
        csv_seeds.push((
            format!("sep-{label}"),
            format!("sep=;\n{plain}").into_bytes(),
        ));
        csv_seeds.push((
            format!("tabs-{label}"),
            plain.replace(';', "\t").into_bytes(),
        ));
    }

    // plan: pairs of files, split by a NUL; a file alone is compared with
    // itself.
    let mut plan_seeds = Vec::new();
    for (i, (a_label, a)) in small.iter().map(|x| (&x.0, &x.1)).enumerate() {
        plan_seeds.push((format!("alone-{a_label}"), a.clone()));
        for (b_label, b) in small.iter().skip(i + 1).map(|x| (&x.0, &x.1)) {
            for (first, second, label) in [
                (a, b, format!("{a_label}+{b_label}")),
                (b, a, format!("{b_label}+{a_label}")),
            ] {
                let mut seed = first.clone();
                seed.push(0);
                seed.extend_from_slice(second);
                plan_seeds.push((label, seed));
            }
        }
    }

    for (target, seeds) in [
        ("parse", parse_seeds),
        ("csv", csv_seeds),
        ("plan", plan_seeds),
    ] {
        if !only.is_empty() && !only.iter().any(|t| t == target) {
            continue;
        }
        let dir = out.join(target);
        if dir.exists() {
            fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for (label, bytes) in &seeds {
            let name: String = label
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            fs::write(dir.join(name), bytes).expect("a seed is written");
        }
        println!("{}: {} seeds", dir.display(), seeds.len());
    }
}
