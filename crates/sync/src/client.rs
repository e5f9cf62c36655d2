//! The counter's sync client: push what this counter made, then pull and
//! fold what the others made, until both sides are level.
//!
//! Blocking on purpose: the store is a synchronous SQLite connection, and the
//! desktop app runs sync on its own thread (like its jobs), so the counter
//! needs no async runtime. The network sits behind `Transport`, so the sync
//! tests can drop, duplicate and cut requests to a real server.

use std::time::Duration;

use caredesk_store::{Ctx, PendingRekey, Recovered, RekeyDone, Store, StoreError, SyncLink};
use jiff::Timestamp;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::protocol::{
    ErrorBody, MAX_PULL_PAGE, MAX_PUSH_OPS, OWN_PATH, Own, PAIR_PATH, PROTOCOL, PROTOCOL_HEADER,
    PULL_PATH, PUSH_PATH, PairRequest, Paired, Pulled, PushRequest, Pushed, REKEY_PATH,
    RekeyRequest, Rekeyed, codes, new_device_token,
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
    /// This counter's own ops taken back from the server (it was restored
    /// from a backup older than what it had pushed).
    pub recovered: u64,
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
    let mut token = token.to_owned();
    // A re-key whose answer was lost: asked again before anything else,
    // since the server may have retired this token already.
    if let Some(pending) = store.pending_rekey()? {
        let link = store.sync_link()?.ok_or(StoreError::NotPaired)?;
        match complete_rekey(store, transport, &link, &pending) {
            Ok(_) => {}
            // Its ops are no longer ahead of the server's clock: nothing to
            // do, and it was forgotten.
            Err(SyncError::Refused { code, .. }) if code == codes::NOTHING_STUCK => {}
            Err(e) => return Err(e),
        }
        token = store.sync_link()?.ok_or(StoreError::NotPaired)?.token;
    }
    let mut report = SyncReport::default();
    // Once per sync: a second time would mean the server and this log
    // disagree in a way fetching does not fix.
    let mut recovered = store.recovering()?;
    if recovered {
        report.recovered += recover(store, transport, &token)?.fetched;
    }
    push(store, transport, &token, &mut recovered, &mut report)?;
    let (pulled, through) = pull(store, transport, &token)?;
    report.pulled = pulled;
    if through > store.own_last_seq()? && !recovered {
        // Restored from an older backup with nothing new to push: only
        // the pull could tell.
        recovered = true;
        report.recovered += recover(store, transport, &token)?.fetched;
        push(store, transport, &token, &mut recovered, &mut report)?;
    }
    report.conflicts = store.conflicts()?.len() as u64;
    Ok(report)
}

/// Pushes this counter's unacknowledged ops. A server that holds more of
/// this counter than its log does (it was restored from an older backup)
/// makes it take its own ops back first, once (`recovered`).
fn push(
    store: &mut Store,
    transport: &mut impl Transport,
    token: &str,
    recovered: &mut bool,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
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
            Ok(pushed) if pushed.through > store.own_last_seq()? && !*recovered => {
                *recovered = true;
                report.recovered += recover(store, transport, token)?.fetched;
            }
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
            // The server holds other ops at this counter's numbers: ops
            // made here after a restore it did not know of. Taken back, and
            // those ops moved past them; if that was not it, the refusal
            // stands.
            Err(refused @ SyncError::Refused { .. })
                if refused.code() == codes::OP_MISMATCH && !*recovered =>
            {
                *recovered = true;
                let done = recover(store, transport, token)?;
                if done == Recovered::default() {
                    return Err(refused);
                }
                report.recovered += done.fetched;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Takes this counter's own ops back from the server: those after what it
/// knows it pushed, through what the server holds (`Store::recover_own`).
fn recover(
    store: &mut Store,
    transport: &mut impl Transport,
    token: &str,
) -> Result<Recovered, SyncError> {
    let (pushed, _) = store.positions()?;
    let mut theirs = Vec::new();
    let through = loop {
        let after = pushed + theirs.len() as u64;
        let path = format!("{OWN_PATH}?after={after}&limit={MAX_PULL_PAGE}");
        let page: Own = call(transport, Method::Get, path, Some(token), None::<&()>)?;
        let more = page.more && !page.ops.is_empty();
        theirs.extend(page.ops);
        if !more {
            break page.through;
        }
    };
    Ok(store.recover_own(&theirs, through)?)
}

/// What `rekey` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RekeyReport {
    /// The server's id of this counter's new slot.
    pub device: String,
    /// The slot retired.
    pub retired: String,
    #[serde(flatten)]
    pub done: RekeyDone,
}

/// Re-keys a counter whose unpushed ops the server refuses as stamped
/// ahead of its clock (`clock_ahead`): a new device id, those ops
/// re-issued under it, the old device retired on the server. `ctx` must
/// carry a manager's authority (`rekey_counter`). A refusal, here or by
/// the server, leaves both as they were; a lost answer leaves the re-key
/// pending, and the next `rekey` or `sync` asks again.
pub fn rekey(
    store: &mut Store,
    transport: &mut impl Transport,
    ctx: &Ctx,
) -> Result<RekeyReport, SyncError> {
    let link = store.sync_link()?.ok_or(StoreError::NotPaired)?;
    let pending = store.begin_rekey(ctx, &new_device_token())?;
    complete_rekey(store, transport, &link, &pending)
}

fn complete_rekey(
    store: &mut Store,
    transport: &mut impl Transport,
    link: &SyncLink,
    pending: &PendingRekey,
) -> Result<RekeyReport, SyncError> {
    let request = RekeyRequest {
        device_id: pending.new_device,
        token: pending.token.clone(),
        clock: pending.clock,
        ahead: pending.ahead,
    };
    let rekeyed: Rekeyed = match call(
        transport,
        Method::Post,
        REKEY_PATH.to_owned(),
        Some(&link.token),
        Some(&request),
    ) {
        Ok(rekeyed) => rekeyed,
        Err(refused @ SyncError::Refused { .. }) => {
            // A refusal wrote nothing on the server: nor does it here.
            store.abandon_rekey(pending)?;
            return Err(refused);
        }
        Err(e) => return Err(e),
    };
    let new_link = SyncLink {
        server: link.server.clone(),
        token: pending.token.clone(),
        device: rekeyed.device.clone(),
        tenant: rekeyed.tenant,
        branch: rekeyed.branch,
    };
    let done = store.finish_rekey(pending, &new_link, rekeyed.through)?;
    Ok(RekeyReport {
        device: rekeyed.device,
        retired: rekeyed.retired,
        done,
    })
}

/// Pulls and folds pages until level; returns how many ops were new, and
/// how far the server holds this counter's own ops. The
/// next page is fetched on a second thread while this one folds: the fold
/// is this counter's work, the fetch mostly the server's and the wire's,
/// so only the first page waits for the wire. Pages are still folded one
/// at a time, in order, each in its own transaction with its cursor.
fn pull(
    store: &mut Store,
    transport: &mut (impl Transport + Send),
    token: &str,
) -> Result<(u64, u64), SyncError> {
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
        let mut through = 0;
        for page in fetched {
            let page = page?;
            pulled += store.receive_pulled(&page.ops, page.next)?.stored as u64;
            through = through.max(page.through);
        }
        Ok((pulled, through))
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
