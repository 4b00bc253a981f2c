//! The core of the ProGet users-and-groups editor.
//!
//! ProGet, BuildMaster and Otter export their built-in users and groups as a
//! JSON file (*Administration > Users & Tasks > Users*, Export below the
//! user table) and import such a file back. This crate reads that file without losing anything it
//! does not understand, checks it, edits it, hashes passwords exactly as
//! ProGet does, and predicts what an import would change.
//!
//! It has no web dependencies: the command-line tool `proget-users` and the
//! browser editor (compiled to wasm32) are thin layers over it.
//!
//! ```
//! use proget_users_core::{parse, validate, edit, write};
//!
//! let text = br#"{"users":[{"userName":"jDoe","displayName":"John Doe","password":"s3cret","groups":["Developers"]}],"groups":["Developers"]}"#;
//! let mut file = parse::parse(text).unwrap().file;
//! assert_eq!(validate::validate(&file).len(), 1); // one warning: a plaintext password
//! edit::hash_plaintext_passwords(&mut file).unwrap();
//! assert!(validate::validate(&file).is_empty());
//! let out = write::to_json(&file);
//! assert!(out.contains("\"passwordBytes\""));
//! ```
//!
//! The modules, in the order data flows through them:
//! - [`model`]: users, groups and every field we do not know, in file order;
//! - [`parse`]: bytes to a model, with line, column and JSON path on errors;
//! - [`write`](mod@write): a model back to JSON in the file's own layout;
//! - [`validate`]: errors and warnings, each with its place;
//! - [`edit`]: changes to the model, each reporting what it changed;
//! - [`password`]: ProGet's PBKDF2 password hashing and verification;
//! - [`plan`]: what importing one file over another would change (a dry run),
//!   and what the server then holds;
//! - [`history`]: undo and redo, keeping only what each edit changed;
//! - [`csv`]: users in from CSV (with a preview) and out to CSV;
//! - [`generate`]: strong random passwords, hashed at once, and their sheet;
//! - [`merge`]: comparing two files and taking users and groups across;
//! - [`slips`]: printable credential slips, one per user;
//! - [`schema`]: the JSON Schema of the file, for editors;
//! - `strength` (feature `strength`, on by default): weak-password warnings;
//! - [`owner`]: whose password it is (the details a weak password is made of);
//! - [`names`]: ProGet's case-insensitive user names, and one index of users by name;
//! - [`text`]: text from a file made safe to show in any message.

pub mod csv;
pub mod edit;
pub mod generate;
pub mod history;
pub mod merge;
pub mod model;
pub mod names;
pub mod owner;
pub mod parse;
pub mod password;
pub mod path;
pub mod plan;
mod report;
#[doc(hidden)]
pub mod sample;
pub mod schema;
pub mod slips;
#[cfg(feature = "strength")]
pub mod strength;
pub mod text;
pub mod validate;
pub mod write;

pub use model::{User, UsersFile};
pub use path::JsonPath;
