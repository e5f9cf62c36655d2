//! The desktop's notification service, through notify-rust: on Linux the
//! freedesktop `org.freedesktop.Notifications` service on the session bus
//! (`DBUS_SESSION_BUS_ADDRESS`), on macOS and Windows their own.
//!
//! On Linux notify-rust is built on libdbus (its `d` feature), not zbus: the
//! window (tao) already links libdbus, so this adds neither a system library
//! nor the few dozen crates of zbus's async stack.

use super::words::Words;

/// Where desktop notifications go. The app's is `System`; tests put one
/// that fails or records in its place.
pub trait Desktop {
    /// Shows `words`; the error says why the desktop could not, for the log.
    fn send(&mut self, words: &Words) -> Result<(), String>;
}

/// The operating system's notification service.
#[derive(Debug, Default)]
pub struct System;

/// The application name a notification server shows (and groups by).
pub const APP_NAME: &str = "CareDesk";

impl Desktop for System {
    fn send(&mut self, words: &Words) -> Result<(), String> {
        notify_rust::Notification::new()
            .appname(APP_NAME)
            .summary(&words.summary)
            .body(&words.body)
            .show()
            .map(drop)
            .map_err(|error| error.to_string())
    }
}
