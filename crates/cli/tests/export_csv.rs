//! `proget-users export-csv FILE [-o OUT] [--user NAME... | --group NAME]`.

use crate::util::*;

const HEADER: &str = "Name,DisplayName,Email,Password,Groups\r\n";

#[test]
fn exports_every_user_with_the_editor_s_columns() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = run(dir.path(), &["export-csv", "team.json"], b"");
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        format!(
            "{HEADER}Admin,Administrator,,,Administrators\r\n\
             jDoe,\"Doe, John\",jdoe@example.com,,Developers\r\n\
             kim,,,,\"Developers;Testers\"\r\n\
             lee,,lee@example.com,,\r\n"
        )
    );
    assert_eq!(stderr(&out), "exported 4 users\n");
    // No password leaves the file, plaintext or hash.
    assert!(!stdout(&out).contains("OldPlaintext1"));
    assert!(!stdout(&out).contains("6R53UEz8"));
}

#[test]
fn exports_chosen_users_to_a_file() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = run(
        dir.path(),
        &[
            "export-csv",
            "team.json",
            "--group",
            "developers",
            "-o",
            "devs.csv",
        ],
        b"",
    );
    assert_ok(&out);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "exported 2 users\n");
    let csv = read(dir.path(), "devs.csv");
    assert!(csv.starts_with(HEADER), "{csv}");
    assert_eq!(csv.lines().count(), 3, "{csv}");
    let out = run(
        dir.path(),
        &[
            "export-csv",
            "team.json",
            "--user",
            "LEE",
            "--user",
            "admin",
        ],
        b"",
    );
    assert_eq!(
        stdout(&out),
        format!("{HEADER}Admin,Administrator,,,Administrators\r\nlee,,lee@example.com,,\r\n")
    );
    let out = run(
        dir.path(),
        &["export-csv", "team.json", "--user", "nobody"],
        b"",
    );
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: team.json has no user named \"nobody\"\n"
    );
}

#[test]
fn import_csv_reads_back_what_export_csv_wrote() {
    let dir = dir_with(&[("team.json", TEAM)]);
    let out = run(
        dir.path(),
        &["export-csv", "team.json", "-o", "team.csv"],
        b"",
    );
    assert_eq!(code(&out), 0);
    let out = run(
        dir.path(),
        &["import-csv", "team.json", "team.csv", "--dry-run"],
        b"",
    );
    assert_ok(&out);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "no changes\ndry run: nothing written\n");
}
