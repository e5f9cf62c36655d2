use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};

use crate::id::{CustomerId, NoteId};
use crate::op::{OpBody, op_events};
use crate::phone::Phone;

/// A customer's file was opened at the counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRegistered {
    pub name: String,
    pub phone: Phone,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The business's code for the customer (`KH-A7Q-00042`).
    pub code: String,
    /// Business time of the registration (the counter's `now`).
    pub registered_at: Timestamp,
}

impl OpBody for CustomerRegistered {
    const KIND: &'static str = "customer.registered";
    const SCHEMA: u16 = 1;
}

/// Some fields of a customer's file were changed. Only the fields present
/// changed; each is last-writer-wins on its own, so two counters fixing two
/// different fields both keep their fix. `email: null` clears the email.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerEdited {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub email: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub address: Option<Option<String>>,
}

impl CustomerEdited {
    pub fn is_empty(&self) -> bool {
        self == &CustomerEdited::default()
    }
}

impl OpBody for CustomerEdited {
    const KIND: &'static str = "customer.edited";
    const SCHEMA: u16 = 1;
}

/// A field that is present, even as `null`, is `Some`: `Some(None)` clears.
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A note was written on the customer's file. Notes are never edited; the
/// author is the op's actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerNoteAdded {
    pub note_id: NoteId,
    pub text: String,
    pub written_at: Timestamp,
}

impl OpBody for CustomerNoteAdded {
    const KIND: &'static str = "customer.note_added";
    const SCHEMA: u16 = 1;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerTagged {
    pub tag: String,
}

impl OpBody for CustomerTagged {
    const KIND: &'static str = "customer.tagged";
    const SCHEMA: u16 = 1;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerUntagged {
    pub tag: String,
}

impl OpBody for CustomerUntagged {
    const KIND: &'static str = "customer.untagged";
    const SCHEMA: u16 = 1;
}

/// This file was merged into `into` (see `crate::merge`): it no longer
/// shows in search, and its id and code lead to `into`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerMerged {
    pub into: CustomerId,
    pub at: Timestamp,
}

impl OpBody for CustomerMerged {
    const KIND: &'static str = "customer.merged";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum CustomerEvent {
        Registered(CustomerRegistered),
        Edited(CustomerEdited),
        NoteAdded(CustomerNoteAdded),
        Tagged(CustomerTagged),
        Untagged(CustomerUntagged),
        Merged(CustomerMerged),
    }
}
