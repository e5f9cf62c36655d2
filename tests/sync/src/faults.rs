//! Faults between a counter and the server, on the real HTTP path: the
//! request never leaves, the answer never arrives although the server
//! committed, the request arrives twice, the server is killed and restarted
//! while the request is in flight, or the counter dies after the server
//! acknowledged and before it wrote the acknowledgement down.

use std::sync::Arc;
use std::time::Duration;

use caredesk_sync::Http;
use caredesk_sync::client::{Reply, Request, Transport, Unreachable};
use rand::Rng;

use crate::server::Server;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    DropRequest,
    DropResponse,
    Duplicate,
    RestartServer,
    /// The counter's process dies once the answer is in: its database keeps
    /// what it held before the exchange.
    Kill,
}

pub const ALL: [Fault; 5] = [
    Fault::DropRequest,
    Fault::DropResponse,
    Fault::Duplicate,
    Fault::RestartServer,
    Fault::Kill,
];

/// HTTP to the test server, with at most one fault planned on the n-th
/// exchange of the next sync.
#[derive(Debug)]
pub struct Faulty {
    http: Http,
    server: Arc<Server>,
    plan: Option<(usize, Fault)>,
    exchanges: usize,
    /// Set when a `Kill` fired: the harness reopens the counter's store.
    pub killed: bool,
    /// What fired, for the test's report.
    pub fired: Vec<Fault>,
}

impl Faulty {
    pub fn new(server: Arc<Server>) -> Faulty {
        Faulty {
            http: Http::new(&server.url()),
            server,
            plan: None,
            exchanges: 0,
            killed: false,
            fired: Vec::new(),
        }
    }

    /// Plans `fault` on one of the next sync's first exchanges (pushes come
    /// first, then pulls).
    pub fn plan(&mut self, fault: Fault, rng: &mut impl Rng) {
        self.plan_on(rng.random_range(0..3), fault);
    }

    /// Plans `fault` on the `exchange`-th exchange (from 0) of what comes
    /// next, for a test that knows which request it means.
    pub fn plan_on(&mut self, exchange: usize, fault: Fault) {
        self.plan = Some((exchange, fault));
        self.exchanges = 0;
        self.killed = false;
    }

    pub fn clear(&mut self) {
        self.plan = None;
        self.killed = false;
    }
}

impl Transport for Faulty {
    fn exchange(&mut self, request: &Request<'_>) -> Result<Reply, Unreachable> {
        let n = self.exchanges;
        self.exchanges += 1;
        if self.killed {
            // A dead process sends nothing more.
            return Err(Unreachable("the counter was killed".to_owned()));
        }
        let fault = match self.plan {
            Some((at, fault)) if at == n => {
                self.plan = None;
                fault
            }
            _ => return self.http.exchange(request),
        };
        self.fired.push(fault);
        match fault {
            Fault::DropRequest => Err(Unreachable("request dropped".to_owned())),
            Fault::DropResponse => {
                let _ = self.http.exchange(request);
                Err(Unreachable("response dropped".to_owned()))
            }
            Fault::Duplicate => {
                let _ = self.http.exchange(request);
                self.http.exchange(request)
            }
            Fault::RestartServer => {
                let server = Arc::clone(&self.server);
                let delay = Duration::from_micros(rand::rng().random_range(0..3000));
                let killer = std::thread::spawn(move || {
                    std::thread::sleep(delay);
                    server.restart();
                });
                let reply = self.http.exchange(request);
                killer.join().expect("restart thread");
                // A pooled connection to the old server is dead now.
                self.http = Http::new(&self.server.url());
                reply
            }
            Fault::Kill => {
                let reply = self.http.exchange(request);
                self.killed = true;
                match reply {
                    Ok(_) => Err(Unreachable(
                        "the counter died before recording the answer".to_owned(),
                    )),
                    Err(e) => Err(e),
                }
            }
        }
    }
}
