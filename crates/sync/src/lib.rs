//! CareDesk sync: the protocol both sides speak (`protocol`), and the
//! counter's client that pushes its ops and pulls the branch's.

pub mod protocol;
