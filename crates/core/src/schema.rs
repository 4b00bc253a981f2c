//! A JSON Schema of the users-and-groups file, for editors that check a
//! file as it is typed.
//!
//! [`SCHEMA`] is `schema/users-and-groups.schema.json` at the root of the
//! repository (draft 2020-12), built into the crate so the command line can
//! print it (`proget-users schema`) and the page can offer it. To have VS
//! Code check export files against it, save it beside them and add to the
//! workspace settings:
//!
//! ```json
//! "json.schemas": [
//!   { "fileMatch": ["*users*.json"], "url": "./users-and-groups.schema.json" }
//! ]
//! ```
//!
//! ```
//! use proget_users_core::schema;
//! let schema: serde_json::Value = serde_json::from_str(schema::SCHEMA).unwrap();
//! assert_eq!(schema["$schema"], schema::DIALECT);
//! assert_eq!(schema::FILE_NAME, "users-and-groups.schema.json");
//! ```
//!
//! # What the schema checks
//!
//! Every rule for which [`crate::parse`] or [`crate::validate`] refuses a
//! file (an error, not a warning) and that a schema can state:
//!
//! - the root is an object; `users` is an array of objects and `groups` an
//!   array of strings, when present (the shape checks of [`crate::parse`]);
//! - `userName` is there ([`Problem::MissingUserName`]), is a string, and
//!   holds more than white space ([`Problem::EmptyUserName`]: the same white
//!   space as Rust's [`str::trim`], spelled out in the pattern so that
//!   ECMAScript's `\s`, which differs for U+0085 and U+FEFF, plays no part);
//! - `displayName`, `emailAddress`, `password`, `passwordBytes` and
//!   `saltBytes` are strings or null, and a user's `groups` an array of
//!   strings;
//! - a `passwordBytes` string needs a `saltBytes` string and the reverse
//!   ([`Problem::PasswordBytesWithoutSalt`],
//!   [`Problem::SaltWithoutPasswordBytes`]; null counts as absent, as in the
//!   core);
//! - `passwordBytes` is canonical padded base64 of exactly 20 bytes
//!   ([`Problem::InvalidBase64`], [`Problem::PasswordBytesLength`]), and
//!   `saltBytes` canonical padded base64 of any length (unused bits zero, as
//!   the `base64` crate's standard engine demands);
//! - no group is declared twice ([`Problem::DuplicateGroup`]: exact case,
//!   like the core).
//!
//! Fields the schema does not name are allowed everywhere: the core keeps
//! them, and ProGet ignores them.
//!
//! # What a schema cannot say
//!
//! These the core refuses but the schema lets through; `proget-users check`
//! (or the page's problems list) finds them:
//!
//! - a user name used twice ([`Problem::DuplicateUserName`]): JSON Schema's
//!   `uniqueItems` compares whole items, not one field of each;
//! - the same key twice in one object ([`crate::parse::ErrorKind::DuplicateKey`]):
//!   a JSON parser keeps one of the two before any schema sees them;
//! - text that is not JSON, not UTF-8, UTF-16, nested deeper than 128
//!   levels, a lone surrogate in a `\u` escape, or a file over 64 MiB
//!   ([`crate::parse::ErrorKind`]): a schema checks values, not text.
//!
//! The warnings are left out on purpose, since a schema has no way to warn
//! rather than refuse: user names that differ only in letter case
//! ([`Problem::UserNamesDifferInCase`]; a schema cannot compare items
//! either), groups a user is in that are not declared
//! ([`Problem::UndeclaredGroup`]; a schema cannot look one value up in
//! another array), a plaintext password beside a hash, a user without a
//! password, a salt that is not 10 bytes, an implausible email address, and
//! plaintext passwords at all. (The descriptions in the schema mention them,
//! so a person editing by hand still learns of them.)
//!
//! The test `tests/schema.rs` pairs each rule with the schema's verdict, so
//! this list and the schema cannot drift apart unnoticed.
//!
//! [`Problem::MissingUserName`]: crate::validate::Problem::MissingUserName
//! [`Problem::EmptyUserName`]: crate::validate::Problem::EmptyUserName
//! [`Problem::PasswordBytesWithoutSalt`]: crate::validate::Problem::PasswordBytesWithoutSalt
//! [`Problem::SaltWithoutPasswordBytes`]: crate::validate::Problem::SaltWithoutPasswordBytes
//! [`Problem::InvalidBase64`]: crate::validate::Problem::InvalidBase64
//! [`Problem::PasswordBytesLength`]: crate::validate::Problem::PasswordBytesLength
//! [`Problem::DuplicateGroup`]: crate::validate::Problem::DuplicateGroup
//! [`Problem::DuplicateUserName`]: crate::validate::Problem::DuplicateUserName
//! [`Problem::UserNamesDifferInCase`]: crate::validate::Problem::UserNamesDifferInCase
//! [`Problem::UndeclaredGroup`]: crate::validate::Problem::UndeclaredGroup

/// The schema, as JSON text (pretty-printed, ending with a line end).
pub const SCHEMA: &str = include_str!("../../../schema/users-and-groups.schema.json");

/// The name to save [`SCHEMA`] under, as the repository does.
pub const FILE_NAME: &str = "users-and-groups.schema.json";

/// The JSON Schema dialect [`SCHEMA`] is written in (its `$schema`).
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The media type to serve or download [`SCHEMA`] as.
pub const MEDIA_TYPE: &str = "application/schema+json";
