use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::events::CustomerEvent;
use crate::id::{CustomerId, NoteId, StaffId};
use crate::lww::{Lww, write};
use crate::op::Stamp;
use crate::phone::Phone;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Registration {
    at: Timestamp,
    by: StaffId,
    stamp: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    pub text: String,
    pub written_at: Timestamp,
    pub by: StaffId,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    stamp: Option<Stamp>,
}

/// A customer folded from their ops. Kept (serialised) in the store's
/// projection so that a new op is applied without re-reading the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerState {
    pub id: CustomerId,
    registration: Option<Registration>,
    name: Option<Lww<String>>,
    phone: Option<Lww<Phone>>,
    email: Option<Lww<Option<String>>>,
    address: Option<Lww<Option<String>>>,
    code: Option<Lww<String>>,
    notes: BTreeMap<NoteId, Note>,
    tags: BTreeMap<String, Lww<bool>>,
    /// Set once the file is merged into another; the last merge written
    /// wins (merges go to the oldest file, so two agree).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    merged_into: Option<Lww<CustomerId>>,
}

/// What the counter sees of a registered customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerRecord {
    pub id: CustomerId,
    pub code: String,
    pub name: String,
    pub phone: Phone,
    pub email: Option<String>,
    pub address: Option<String>,
    /// Sorted, so every replica lists them alike.
    pub tags: Vec<String>,
    /// Oldest first, in canonical op order.
    pub notes: Vec<Note>,
    pub registered_at: Timestamp,
    pub registered_by: StaffId,
    /// The file this one was merged into, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<CustomerId>,
}

impl CustomerState {
    pub fn new(id: CustomerId) -> CustomerState {
        CustomerState {
            id,
            registration: None,
            name: None,
            phone: None,
            email: None,
            address: None,
            code: None,
            notes: BTreeMap::new(),
            tags: BTreeMap::new(),
            merged_into: None,
        }
    }

    /// Folds a set of ops, in any order, into a customer.
    pub fn fold<'a>(
        id: CustomerId,
        ops: impl IntoIterator<Item = (Stamp, StaffId, &'a CustomerEvent)>,
    ) -> CustomerState {
        let mut state = CustomerState::new(id);
        for (stamp, actor, event) in ops {
            state.apply(stamp, actor, event);
        }
        state
    }

    /// Applies one op. Order-independent: see `Lww`.
    pub fn apply(&mut self, stamp: Stamp, actor: StaffId, event: &CustomerEvent) {
        match event {
            CustomerEvent::Registered(registered) => {
                // Two registrations of one id only happen if an op is replayed
                // or a later build re-registers; the earliest one is the
                // customer's registration.
                if self.registration.as_ref().is_none_or(|r| stamp < r.stamp) {
                    self.registration = Some(Registration {
                        at: registered.registered_at,
                        by: actor,
                        stamp,
                    });
                }
                write(&mut self.name, registered.name.clone(), stamp);
                write(&mut self.phone, registered.phone.clone(), stamp);
                write(&mut self.email, registered.email.clone(), stamp);
                write(&mut self.address, registered.address.clone(), stamp);
                write(&mut self.code, registered.code.clone(), stamp);
            }
            CustomerEvent::Edited(edited) => {
                if let Some(name) = &edited.name {
                    write(&mut self.name, name.clone(), stamp);
                }
                if let Some(phone) = &edited.phone {
                    write(&mut self.phone, phone.clone(), stamp);
                }
                if let Some(email) = &edited.email {
                    write(&mut self.email, email.clone(), stamp);
                }
                if let Some(address) = &edited.address {
                    write(&mut self.address, address.clone(), stamp);
                }
            }
            CustomerEvent::NoteAdded(added) => {
                self.notes.entry(added.note_id).or_insert_with(|| Note {
                    id: added.note_id,
                    text: added.text.clone(),
                    written_at: added.written_at,
                    by: actor,
                    stamp: Some(stamp),
                });
            }
            CustomerEvent::Tagged(tagged) => {
                let mut slot = self.tags.remove(&tagged.tag);
                write(&mut slot, true, stamp);
                self.tags.extend(slot.map(|s| (tagged.tag.clone(), s)));
            }
            CustomerEvent::Untagged(untagged) => {
                let mut slot = self.tags.remove(&untagged.tag);
                write(&mut slot, false, stamp);
                self.tags.extend(slot.map(|s| (untagged.tag.clone(), s)));
            }
            CustomerEvent::Merged(merged) => write(&mut self.merged_into, merged.into, stamp),
        }
    }

    /// Whether the registration op has been seen. Edits can arrive first from
    /// another counter; the customer appears once the registration does.
    pub fn is_registered(&self) -> bool {
        self.registration.is_some()
    }

    pub fn name(&self) -> Option<&str> {
        self.name.as_ref().map(|n| n.value.as_str())
    }

    pub fn phone(&self) -> Option<&Phone> {
        self.phone.as_ref().map(|p| &p.value)
    }

    pub fn code(&self) -> Option<&str> {
        self.code.as_ref().map(|c| c.value.as_str())
    }

    pub fn merged_into(&self) -> Option<CustomerId> {
        self.merged_into.as_ref().map(|m| m.value)
    }

    /// The tags that stand, sorted.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.tags
            .iter()
            .filter(|(_, t)| t.value)
            .map(|(tag, _)| tag.as_str())
    }

    pub fn email(&self) -> Option<&str> {
        self.email.as_ref().and_then(|e| e.value.as_deref())
    }

    pub fn address(&self) -> Option<&str> {
        self.address.as_ref().and_then(|a| a.value.as_deref())
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.get(tag).is_some_and(|t| t.value)
    }

    pub fn record(&self) -> Option<CustomerRecord> {
        let registration = self.registration.as_ref()?;
        let mut notes: Vec<Note> = self.notes.values().cloned().collect();
        notes.sort_by_key(|n| (n.stamp, n.id));
        Some(CustomerRecord {
            id: self.id,
            code: self.code.as_ref()?.value.clone(),
            name: self.name.as_ref()?.value.clone(),
            phone: self.phone.as_ref()?.value.clone(),
            email: self.email.as_ref().and_then(|e| e.value.clone()),
            address: self.address.as_ref().and_then(|a| a.value.clone()),
            tags: self
                .tags
                .iter()
                .filter(|(_, t)| t.value)
                .map(|(tag, _)| tag.clone())
                .collect(),
            notes,
            registered_at: registration.at,
            registered_by: registration.by,
            merged_into: self.merged_into(),
        })
    }
}
