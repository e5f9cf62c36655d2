//! Customers: the ops that change a customer's file, the rules for what may be
//! written, and the fold that turns the ops into the customer.

mod events;
mod fold;
mod input;

pub use events::{
    CustomerEdited, CustomerEvent, CustomerMerged, CustomerNoteAdded, CustomerRegistered,
    CustomerTagged, CustomerUntagged,
};
pub use fold::{CustomerRecord, CustomerState, Note};
pub use input::{
    InputError, Limits, check_code, check_email, check_name, check_note, check_tag,
    check_text_field,
};

#[cfg(test)]
mod tests;
