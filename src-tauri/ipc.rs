//! The window's calls, answered by the counter's one command list
//! (caredesk_counter::commands::list). Tauri has already checked the call
//! against the window's capability (src-tauri/capabilities/counter.json,
//! generated from the same list) before it reaches this handler.

use std::sync::Arc;

use caredesk_counter::{Counter, IpcError};
use tauri::ipc::{Invoke, InvokeBody};

/// Tauri's handler: every command of the list, run on the blocking pool so
/// that a slow disk, a PIN hash or a printer never freezes the window.
pub fn handler(
    counter: Arc<Counter>,
) -> impl Fn(Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    move |invoke| {
        let Invoke {
            message, resolver, ..
        } = invoke;
        let name = message.command().to_owned();
        if !Counter::has_command(&name) {
            // Tauri answers that there is no such command.
            return false;
        }
        let args = match message.payload() {
            InvokeBody::Json(args) => args.clone(),
            InvokeBody::Raw(_) => {
                resolver.reject(IpcError::new(
                    "invalid_argument",
                    format!("{name}: the arguments are not JSON"),
                ));
                return true;
            }
        };
        let counter = counter.clone();
        tauri::async_runtime::spawn_blocking(move || match counter.call(&name, args) {
            Ok(answer) => resolver.resolve(answer),
            Err(error) => resolver.reject(error),
        });
        true
    }
}
