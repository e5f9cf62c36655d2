//! `caredesk serve-ui`: the desktop app's commands over HTTP, for the UI in
//! a plain browser (its Playwright tests, and working on screens with
//! `npm run dev`). Every command is answered by the same
//! `caredesk_counter::Counter::call` the app's window goes through, on a
//! real database, so a browser test exercises the real rules. Development
//! and tests only: it listens on loopback alone and the desktop app never
//! starts it.
//!
//! - `POST /api/{command}` with the arguments as a JSON object: `200` and
//!   the answer, or the error the screen shows (`{code, message, field,
//!   details}`) with `422` (`404` for a command that does not exist).
//! - `GET` anything else: a file of the built UI (`index.html` for `/`).

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use caredesk_counter::{Board, Clock, Counter, IpcError, database};
use caredesk_store::Store;
use serde_json::Value;

use crate::args::ServeUiArgs;
use crate::error::{CliError, CliResult};

/// The most a command's arguments take: a sale with many lines is a few
/// kilobytes.
const MAX_BODY: usize = 1 << 20;

#[derive(Debug)]
struct Served {
    counter: Counter,
    ui: Option<PathBuf>,
}

pub fn run(db: &Path, now: Option<&str>, args: ServeUiArgs) -> CliResult<()> {
    if !args.listen.ip().is_loopback() {
        return Err(CliError::usage(format!(
            "--listen {}: serve-ui is for tests and development and listens on loopback only \
             (127.0.0.1 or ::1)",
            args.listen
        )));
    }
    let counter = counter(db, now)?;
    let ui = args
        .ui
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/dist"));
    let ui = ui.join("index.html").is_file().then_some(ui);
    let served = Arc::new(Served { counter, ui });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen).await?;
        let addr: SocketAddr = listener.local_addr()?;
        // The first line is what a test waits for.
        println!("{addr}");
        let app = Router::new()
            .route("/api/{command}", post(command))
            .fallback(file)
            .with_state(served);
        axum::serve(listener, app).await
    })?;
    Ok(())
}

/// The counter of `db` (a new file gets the demo data, as the app's first
/// start gives it), on a clock that starts at `now` (local time) if given.
fn counter(db: &Path, now: Option<&str>) -> CliResult<Counter> {
    let fresh = !db.exists();
    let mut store = if fresh {
        database::create_with_demo_staff(db)?
    } else {
        Store::open(db)?
    };
    let clock = match now {
        Some(text) => Clock::starting_at(store.local_time(text)?),
        None => Clock::default(),
    };
    if fresh {
        database::add_demo_data(&mut store, clock.now())?;
    }
    let settings = caredesk_counter::counter_settings::path_for(db);
    Ok(Counter::new(store, settings, Arc::new(Board::default())).with_clock(clock))
}

async fn command(
    State(served): State<Arc<Served>>,
    UrlPath(name): UrlPath<String>,
    body: Bytes,
) -> Response {
    if body.len() > MAX_BODY {
        return refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            IpcError::new("invalid_argument", "the arguments are too large"),
        );
    }
    let args = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice::<Value>(&body) {
            Ok(args) => args,
            Err(error) => {
                return refused(
                    StatusCode::BAD_REQUEST,
                    IpcError::new(
                        "invalid_argument",
                        format!("{name}: the arguments are not JSON: {error}"),
                    ),
                );
            }
        }
    };
    if !Counter::has_command(&name) {
        return refused(
            StatusCode::NOT_FOUND,
            IpcError::new("unknown_command", format!("there is no command `{name}`")),
        );
    }
    let answered = tokio::task::spawn_blocking(move || served.counter.call(&name, args)).await;
    match answered {
        Ok(Ok(answer)) => axum::Json(answer).into_response(),
        Ok(Err(error)) => refused(StatusCode::UNPROCESSABLE_ENTITY, error),
        Err(error) => refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            IpcError::new("internal", format!("the command failed: {error}")),
        ),
    }
}

fn refused(status: StatusCode, error: IpcError) -> Response {
    (status, axum::Json(error)).into_response()
}

/// A file of the built UI; `/` and any path that is not a file is the
/// single page's `index.html`.
async fn file(State(served): State<Arc<Served>>, uri: Uri) -> Response {
    let Some(root) = served.ui.as_deref() else {
        return (StatusCode::NOT_FOUND, "no built UI (make ui)").into_response();
    };
    let wanted = Path::new(uri.path().trim_start_matches('/'));
    // Only plain names below the UI's folder: no `..`, no absolute path.
    if !wanted
        .components()
        .all(|part| matches!(part, Component::Normal(_)))
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let path = root.join(wanted);
    let path = if path.is_file() {
        path
    } else {
        root.join("index.html")
    };
    // A UI file is tens of kilobytes on a local disk, for a test's browser.
    match std::fs::read(&path) {
        Ok(bytes) => ([(header::CONTENT_TYPE, content_type(&path))], bytes).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|ext| ext.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}
