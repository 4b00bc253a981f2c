//! Whose password it is: the details of a user that an attacker would try
//! first, which the weak-password check looks for in a password.
//!
//! [`Owner`] borrows them (from a [`User`], or from a CSV row);
//! [`OwnerDetails`] owns them, for sending across a thread or to the
//! page's strength worker. This module is built without the `strength`
//! feature too, so the page (which scores in that worker) and the worker
//! share one type.
//!
//! ```
//! use proget_users_core::owner::{Owner, OwnerDetails};
//! let sent = OwnerDetails::named("jDoe");
//! assert_eq!(sent.owner(), Owner::named("jDoe"));
//! ```

use crate::model::User;

/// Whose password it is, borrowed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Owner<'a> {
    pub user_name: &'a str,
    pub display_name: Option<&'a str>,
    pub email_address: Option<&'a str>,
}

impl<'a> Owner<'a> {
    /// An owner known only by user name.
    pub fn named(user_name: &'a str) -> Self {
        Owner {
            user_name,
            ..Owner::default()
        }
    }
}

impl<'a> From<&'a User> for Owner<'a> {
    fn from(user: &'a User) -> Self {
        Owner {
            user_name: &user.user_name,
            display_name: user.display_name.as_deref(),
            email_address: user.email_address.as_deref(),
        }
    }
}

/// Whose password it is, owned: what the page sends its strength worker.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnerDetails {
    pub user_name: String,
    pub display_name: Option<String>,
    pub email_address: Option<String>,
}

impl OwnerDetails {
    /// An owner known only by user name.
    pub fn named(user_name: &str) -> Self {
        OwnerDetails {
            user_name: user_name.to_owned(),
            ..OwnerDetails::default()
        }
    }

    /// The details, borrowed.
    pub fn owner(&self) -> Owner<'_> {
        Owner {
            user_name: &self.user_name,
            display_name: self.display_name.as_deref(),
            email_address: self.email_address.as_deref(),
        }
    }
}

impl From<Owner<'_>> for OwnerDetails {
    fn from(owner: Owner<'_>) -> Self {
        OwnerDetails {
            user_name: owner.user_name.to_owned(),
            display_name: owner.display_name.map(str::to_owned),
            email_address: owner.email_address.map(str::to_owned),
        }
    }
}

impl From<&User> for OwnerDetails {
    fn from(user: &User) -> Self {
        OwnerDetails {
            user_name: user.user_name.clone(),
            display_name: user.display_name.clone(),
            email_address: user.email_address.clone(),
        }
    }
}
