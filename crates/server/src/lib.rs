//! The CareDesk server: stores every op each paired counter pushes, once,
//! and hands each counter the ops of its branch it has not seen.
//!
//! `start` runs it on its own thread and runtime, which is how both
//! `caredesk-server serve` and the sync tests (a real server on
//! 127.0.0.1:0, stopped and restarted mid-push) use it.

pub mod error;
pub mod http;
pub mod pairing;
pub mod secret;
pub mod storage;

use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;

pub use error::{Result, ServerError};
pub use storage::{Device, DeviceRow, Storage};

use crate::storage::postgres::PostgresStorage;
use crate::storage::sqlite::SqliteStorage;

/// Opens the storage a command line names: PostgreSQL for a `postgres://`
/// URL, else SQLite in the data directory.
pub fn open_storage(data: &std::path::Path, database: Option<&str>) -> Result<Arc<dyn Storage>> {
    match database {
        Some(url) => Ok(Arc::new(PostgresStorage::connect(url)?)),
        None => Ok(Arc::new(SqliteStorage::open(data)?)),
    }
}

/// A server listening on its own thread. Dropping it stops it.
#[derive(Debug)]
pub struct RunningServer {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl RunningServer {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops at once, like a killed process: requests in flight get their
    /// connection closed, whether or not their transaction committed.
    pub fn stop(mut self) {
        self.halt();
    }

    /// Blocks until the server stops (it does only when stopped).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    fn halt(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.halt();
    }
}

/// Binds `addr` (port 0 picks a free one) and serves until stopped.
pub fn start(storage: Arc<dyn Storage>, addr: SocketAddr) -> anyhow::Result<RunningServer> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind(addr))?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name(format!("caredesk-server {addr}"))
        .spawn(move || {
            runtime.block_on(async move {
                let serve = axum::serve(listener, http::router(storage));
                tokio::select! {
                    _ = serve => {}
                    _ = stopped => {}
                }
            });
            // Connection tasks still running are dropped here, mid-request.
            runtime.shutdown_timeout(std::time::Duration::ZERO);
        })?;
    Ok(RunningServer {
        addr,
        stop: Some(stop),
        thread: Some(thread),
    })
}
