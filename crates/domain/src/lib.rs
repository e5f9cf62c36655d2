//! CareDesk's rules and types, free of I/O.
//!
//! Everything a counter decides (what a phone number is, how money is written,
//! what state a customer is in after a set of ops) is decided here, so that the
//! same code runs on every device and on the server, and can be tested without a
//! database.

pub mod booking;
pub mod business;
pub mod calendar;
pub mod catalog;
pub mod class;
pub mod clock;
pub mod country;
pub mod customer;
pub mod drawer;
pub mod emv;
pub mod event;
pub mod hours;
pub mod id;
mod lww;
pub mod merge;
pub mod money;
pub mod op;
pub mod package;
pub mod payroll;
pub mod permission;
pub mod phone;
pub mod sale;
pub mod slots;
pub mod staff;
pub mod text;
pub mod ticket;
pub mod treatment;
pub mod wallet;

pub use business::{BusinessConfigured, BusinessSettings};
pub use clock::{Hlc, HlcClock};
pub use country::Country;
pub use customer::{CustomerEvent, CustomerState};
pub use event::Event;
pub use id::{
    BookingId, ClassId, CustomerId, DeviceId, EntityId, NoteId, OpId, PackageId, RoomId, ServiceId,
    ShiftExceptionId, StaffId, TreatmentId,
};
pub use money::{Currency, Money};
pub use op::{Op, Stamp};
pub use permission::Action;
pub use phone::{Phone, PhoneError};
pub use staff::{Role, StaffJoined};
