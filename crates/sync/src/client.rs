//! The counter's sync client: push what this counter made, then pull and
//! fold what the others made, until both sides are level.
//!
//! Blocking on purpose: the store is a synchronous SQLite connection, and the
//! desktop app runs sync on its own thread (like its jobs), so the counter
//! needs no async runtime. The network sits behind `Transport`, so the sync
//! tests can drop, duplicate and cut requests to a real server.

use std::time::Duration;

use caredesk_store::{Store, StoreError, SyncLink};
use jiff::Timestamp;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::protocol::{
    ErrorBody, MAX_PULL_PAGE, MAX_PUSH_OPS, PAIR_PATH, PROTOCOL, PROTOCOL_HEADER, PULL_PATH,
    PUSH_PATH, PairRequest, Paired, Pulled, PushRequest, Pushed, codes,
};

/// One HTTP exchange: status and body, or no answer at all.
pub trait Transport {
    fn exchange(&mut self, request: &Request<'_>) -> Result<Reply, Unreachable>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub method: Method,
    /// Path and query, after the server's base URL.
    pub path: String,
    pub token: Option<&'a str>,
    pub body: Option<Vec<u8>>,
}

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

/// The server could not be reached, or the connection broke before an
/// answer: the request may or may not have been carried out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unreachable(pub String);

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the server cannot be reached: {0}")]
    Offline(#[from] Unreachable),
    /// The server answered and said no.
    #[error("the server refused ({status} {code}): {message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
        expected: Option<u64>,
    },
    #[error("the server's answer makes no sense: {0}")]
    BadReply(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    pub fn code(&self) -> &str {
        match self {
            SyncError::Offline(_) => "offline",
            SyncError::Refused { code, .. } => code,
            SyncError::BadReply(_) => "bad_reply",
            SyncError::Store(e) => e.code(),
        }
    }
}

/// HTTP over ureq: a connection pool and a timeout per request.
#[derive(Debug)]
pub struct Http {
    agent: ureq::Agent,
    base: String,
}

impl Http {
    pub fn new(base: &str) -> Http {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(120)))
            .build();
        Http {
            agent: config.into(),
            base: base.trim_end_matches('/').to_owned(),
        }
    }
}

impl Transport for Http {
    fn exchange(&mut self, request: &Request<'_>) -> Result<Reply, Unreachable> {
        let url = format!("{}{}", self.base, request.path);
        let protocol = PROTOCOL.to_string();
        let bearer = request.token.map(|t| format!("Bearer {t}"));
        let result = match request.method {
            Method::Get => {
                let mut builder = self.agent.get(&url).header(PROTOCOL_HEADER, &protocol);
                if let Some(bearer) = &bearer {
                    builder = builder.header("authorization", bearer);
                }
                builder.call()
            }
            Method::Post => {
                let mut builder = self
                    .agent
                    .post(&url)
                    .header(PROTOCOL_HEADER, &protocol)
                    .header("content-type", "application/json");
                if let Some(bearer) = &bearer {
                    builder = builder.header("authorization", bearer);
                }
                builder.send(request.body.as_deref().unwrap_or_default())
            }
        };
        let response = result.map_err(|e| Unreachable(e.to_string()))?;
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .map_err(|e| Unreachable(format!("the answer broke off: {e}")))?;
        Ok(Reply { status, body })
    }
}

/// What one `sync` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// Ops of this counter the server stored.
    pub pushed: u64,
    /// Ops of other counters this counter stored.
    pub pulled: u64,
    /// Open conflicts after folding.
    pub conflicts: u64,
}

/// Exchanges a one-time pairing code for a device token and records it.
pub fn pair(
    store: &mut Store,
    transport: &mut impl Transport,
    server: &str,
    code: &str,
) -> Result<Paired, SyncError> {
    if let Some(link) = store.sync_link()? {
        return Err(StoreError::AlreadyPaired(link.server).into());
    }
    let request = PairRequest {
        code: code.to_owned(),
        device_id: store.device_id(),
        register_code: store.register_code().to_owned(),
        ops: store.log_size()?,
    };
    let paired: Paired = call(
        transport,
        Method::Post,
        PAIR_PATH.to_owned(),
        None,
        Some(&request),
    )?;
    let link = SyncLink {
        server: server.trim_end_matches('/').to_owned(),
        token: paired.token.clone(),
        device: paired.device.clone(),
        tenant: paired.tenant.clone(),
        branch: paired.branch.clone(),
    };
    store.record_pairing(&link, &paired.register_code, Timestamp::now())?;
    Ok(paired)
}

/// Pushes everything unacknowledged, then pulls until level, and records
/// the outcome for the sync indicator.
pub fn sync(
    store: &mut Store,
    transport: &mut (impl Transport + Send),
) -> Result<SyncReport, SyncError> {
    let link = store.sync_link()?.ok_or(StoreError::NotPaired)?;
    let result = exchange(store, transport, &link.token);
    let error = result.as_ref().err().map(ToString::to_string);
    store.record_sync(Timestamp::now(), error.as_deref())?;
    result
}

fn exchange(
    store: &mut Store,
    transport: &mut (impl Transport + Send),
    token: &str,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    // A gap is answered by starting again where the server stands; twice
    // in a row means something else is wrong.
    let mut gaps = 0;
    loop {
        let ops = store.unpushed(MAX_PUSH_OPS)?;
        if ops.is_empty() {
            break;
        }
        let body = PushRequest { ops };
        match call::<Pushed>(
            transport,
            Method::Post,
            PUSH_PATH.to_owned(),
            Some(token),
            Some(&body),
        ) {
            Ok(pushed) => {
                store.acknowledge(pushed.through)?;
                report.pushed += pushed.stored;
                gaps = 0;
            }
            Err(SyncError::Refused {
                code,
                expected: Some(expected),
                ..
            }) if code == codes::GAP && gaps == 0 => {
                store.rewind_pushed(expected.saturating_sub(1))?;
                gaps += 1;
            }
            Err(e) => return Err(e),
        }
    }
    report.pulled = pull(store, transport, token)?;
    report.conflicts = store.conflicts()?.len() as u64;
    Ok(report)
}

/// Pulls and folds pages until level; returns how many ops were new. The
/// next page is fetched on a second thread while this one folds: the fold
/// is this counter's work, the fetch mostly the server's and the wire's,
/// so only the first page waits for the wire. Pages are still folded one
/// at a time, in order, each in its own transaction with its cursor.
fn pull(
    store: &mut Store,
    transport: &mut (impl Transport + Send),
    token: &str,
) -> Result<u64, SyncError> {
    let (_, from) = store.positions()?;
    std::thread::scope(|scope| {
        // One page waits while one folds, so at most three are in memory.
        let (pages, fetched) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            let mut cursor = from;
            loop {
                let page = fetch(transport, token, cursor);
                let next = page.as_ref().ok().filter(|p| p.more).map(|p| p.next);
                // A closed channel: the fold stopped at an error.
                if pages.send(page).is_err() {
                    break;
                }
                match next {
                    Some(next) => cursor = next,
                    None => break,
                }
            }
        });
        let mut pulled = 0;
        for page in fetched {
            let page = page?;
            pulled += store.receive_pulled(&page.ops, page.next)?.stored as u64;
        }
        Ok(pulled)
    })
}

/// The page after `cursor`.
fn fetch(transport: &mut impl Transport, token: &str, cursor: u64) -> Result<Pulled, SyncError> {
    // The largest page the server gives: a page is folded in one
    // transaction, whose commit and search-index flush cost the same for
    // 5,000 ops as for 1,000.
    let path = format!("{PULL_PATH}?after={cursor}&limit={MAX_PULL_PAGE}");
    let page: Pulled = call(transport, Method::Get, path, Some(token), None::<&()>)?;
    if page.next < cursor {
        return Err(SyncError::BadReply(format!(
            "the cursor went back from {cursor} to {}",
            page.next
        )));
    }
    Ok(page)
}

fn call<T: DeserializeOwned>(
    transport: &mut impl Transport,
    method: Method,
    path: String,
    token: Option<&str>,
    body: Option<&impl Serialize>,
) -> Result<T, SyncError> {
    let body = body
        .map(serde_json::to_vec)
        .transpose()
        .map_err(|e| SyncError::BadReply(format!("cannot encode the request: {e}")))?;
    let reply = transport.exchange(&Request {
        method,
        path,
        token,
        body,
    })?;
    if (200..300).contains(&reply.status) {
        return serde_json::from_slice(&reply.body)
            .map_err(|e| SyncError::BadReply(format!("status {}: {e}", reply.status)));
    }
    match serde_json::from_slice::<ErrorBody>(&reply.body) {
        Ok(ErrorBody { error }) => Err(SyncError::Refused {
            status: reply.status,
            code: error.code,
            message: error.message,
            expected: error.expected,
        }),
        Err(_) => Err(SyncError::BadReply(format!(
            "status {} with a body that is not a CareDesk error: {}",
            reply.status,
            String::from_utf8_lossy(&reply.body)
                .chars()
                .take(200)
                .collect::<String>()
        ))),
    }
}

/// When to try again after a failure: exponential from `base` up to `max`,
/// with "equal jitter" (half the delay fixed, half random) so that counters
/// that lost the network together do not come back in step.
#[derive(Debug, Clone)]
pub struct Backoff {
    pub base: Duration,
    pub max: Duration,
    failures: u32,
}

impl Backoff {
    pub fn new(base: Duration, max: Duration) -> Backoff {
        Backoff {
            base,
            max,
            failures: 0,
        }
    }

    pub fn succeeded(&mut self) {
        self.failures = 0;
    }

    /// Records a failure and returns how long to wait before the next try.
    pub fn failed(&mut self, rng: &mut impl rand::Rng) -> Duration {
        let exp = self
            .base
            .saturating_mul(2u32.saturating_pow(self.failures.min(20)));
        self.failures = self.failures.saturating_add(1);
        let ceiling = exp.min(self.max);
        let half = ceiling / 2;
        half + half.mul_f64(rng.random::<f64>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn backoff_grows_to_its_ceiling_with_jitter_and_resets() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let mut backoff = Backoff::new(Duration::from_secs(2), Duration::from_secs(300));
        let delays: Vec<Duration> = (0..12).map(|_| backoff.failed(&mut rng)).collect();
        assert!(delays[0] >= Duration::from_secs(1) && delays[0] <= Duration::from_secs(2));
        assert!(delays[3] >= Duration::from_secs(8) && delays[3] <= Duration::from_secs(16));
        for delay in &delays[8..] {
            assert!(*delay >= Duration::from_secs(150) && *delay <= Duration::from_secs(300));
        }
        let distinct: std::collections::BTreeSet<_> = delays[8..].iter().collect();
        assert!(distinct.len() > 1, "jitter spreads the delays: {delays:?}");
        backoff.succeeded();
        assert!(backoff.failed(&mut rng) <= Duration::from_secs(2));
    }
}
