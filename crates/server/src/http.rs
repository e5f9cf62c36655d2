//! The HTTP face of the server: five endpoints, JSON in and out, every
//! refusal as `{"error":{"code","message"}}` with a status that says whose
//! fault it was (4xx: the request; 5xx: the server, retry later).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use caredesk_protocol::{
    MAX_BODY_BYTES, MAX_CLOCK_AHEAD_MS, MAX_PULL_PAGE, OWN_PATH, OwnQuery, PAIR_PATH, PROTOCOL,
    PROTOCOL_HEADER, PULL_PAGE, PULL_PATH, PUSH_PATH, PairRequest, PullQuery, PushRequest,
    RECOVERY_PROTOCOL, REKEY_PATH, RekeyRequest, check_version, codes, is_device_token,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Result, ServerError};
use crate::secret;
use crate::storage::{Device, Pairing, Rekey, Storage};

type Shared = Arc<dyn Storage>;

pub fn router(storage: Shared) -> Router {
    Router::new()
        .route(PAIR_PATH, post(pair))
        .route(PUSH_PATH, post(push))
        .route(PULL_PATH, get(pull))
        .route(OWN_PATH, get(own))
        .route(REKEY_PATH, post(rekey))
        .route("/v1/health", get(health))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(storage)
}

async fn health() -> Response {
    reply(Ok(serde_json::json!({ "ok": true, "protocol": PROTOCOL })))
}

async fn pair(
    State(storage): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    reply(
        async {
            check_protocol(&headers)?;
            let request: PairRequest = parse(body)?;
            let token = secret::device_token();
            let pairing = Pairing {
                code_hash: secret::code_hash(&request.code),
                op_device: request.device_id,
                register_code: request.register_code,
                ops: request.ops,
                token_hash: secret::hash(&token),
                token,
            };
            blocking(move || storage.pair(&pairing, now_ms())).await
        }
        .await,
    )
}

async fn push(
    State(storage): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    reply(
        async {
            check_protocol(&headers)?;
            let device = authenticate(&storage, &headers).await?;
            let request: PushRequest = parse(body)?;
            check_clocks(&request.ops, now_ms())?;
            blocking(move || storage.push(&device, &request.ops)).await
        }
        .await,
    )
}

async fn pull(
    State(storage): State<Shared>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    reply(
        async {
            check_protocol(&headers)?;
            let device = authenticate(&storage, &headers).await?;
            let Query(query) =
                query.map_err(|e| ServerError::bad_request(codes::MALFORMED, e.body_text()))?;
            let limit = query.limit.unwrap_or(PULL_PAGE).clamp(1, MAX_PULL_PAGE);
            blocking(move || storage.pull(&device, query.after, limit)).await
        }
        .await,
    )
}

async fn own(
    State(storage): State<Shared>,
    headers: HeaderMap,
    query: Result<Query<OwnQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    reply(
        async {
            check_protocol_from(&headers, RECOVERY_PROTOCOL)?;
            let device = authenticate(&storage, &headers).await?;
            let Query(query) =
                query.map_err(|e| ServerError::bad_request(codes::MALFORMED, e.body_text()))?;
            let limit = query.limit.unwrap_or(PULL_PAGE).clamp(1, MAX_PULL_PAGE);
            blocking(move || storage.own(&device, query.after, limit)).await
        }
        .await,
    )
}

/// Authenticated by the token of the device it retires, which is why it
/// does not go through `authenticate`: a re-key asked again after its
/// answer was lost comes with a token that is retired by then.
async fn rekey(
    State(storage): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    reply(
        async {
            check_protocol_from(&headers, RECOVERY_PROTOCOL)?;
            let token_hash = secret::hash(bearer(&headers)?);
            let request: RekeyRequest = parse(body)?;
            if !is_device_token(&request.token) {
                return Err(ServerError::bad_request(
                    codes::MALFORMED,
                    "the new token must be cdt_ and 64 lower-case hex digits",
                ));
            }
            let rekey = Rekey {
                op_device: request.device_id,
                token_hash: secret::hash(&request.token),
                clock: request.clock,
                ahead: request.ahead,
            };
            blocking(move || storage.rekey(&token_hash, &rekey, now_ms())).await
        }
        .await,
    )
}

fn check_protocol(headers: &HeaderMap) -> Result<()> {
    check_protocol_from(headers, caredesk_protocol::OLDEST_PROTOCOL)
}

/// The protocol check, for an endpoint that exists from protocol `since`:
/// a client older than that cannot be asking for it on purpose.
fn check_protocol_from(headers: &HeaderMap, since: u32) -> Result<()> {
    let Some(value) = headers.get(PROTOCOL_HEADER) else {
        return Err(ServerError::bad_request(
            codes::PROTOCOL_TOO_OLD,
            format!("requests must name their protocol in the {PROTOCOL_HEADER} header"),
        ));
    };
    let client: u32 = value
        .to_str()
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| {
            ServerError::bad_request(
                codes::MALFORMED,
                format!("{PROTOCOL_HEADER} must be a number"),
            )
        })?;
    if client < since && check_version(client).is_ok() {
        return Err(ServerError::refused(
            426,
            codes::PROTOCOL_TOO_OLD,
            format!(
                "this request needs sync protocol {since}, the counter speaks {client}: update \
                 CareDesk on this counter"
            ),
        ));
    }
    check_version(client).map_err(|code| {
        let advice = if code == codes::PROTOCOL_TOO_OLD {
            "update CareDesk on this counter"
        } else {
            "this server is older than the counter: update the server"
        };
        ServerError::refused(
            426,
            code,
            format!(
                "this server speaks sync protocol {}..={PROTOCOL}, the counter speaks {client}: {advice}",
                caredesk_protocol::OLDEST_PROTOCOL
            ),
        )
    })
}

/// Refuses a batch holding an op stamped more than a day ahead of the
/// server's clock: the counter's clock is wrong, and every counter that
/// pulled the op would carry its hybrid clock forward with it.
fn check_clocks(ops: &[caredesk_domain::op::Op], now: i64) -> Result<()> {
    let limit = u64::try_from(now).unwrap_or(0) + MAX_CLOCK_AHEAD_MS;
    match ops.iter().find(|op| op.hlc.physical_ms() > limit) {
        Some(op) => Err(ServerError::refused(
            422,
            codes::CLOCK_AHEAD,
            format!(
                "op {} is stamped more than a day ahead of the server's clock: set this \
                 counter's date and time right, then sync again",
                op.id
            ),
        )),
        None => Ok(()),
    }
}

async fn authenticate(storage: &Shared, headers: &HeaderMap) -> Result<Device> {
    let token_hash = secret::hash(bearer(headers)?);
    let storage = Arc::clone(storage);
    blocking(move || storage.authenticate(&token_hash, now_ms())).await
}

fn bearer(headers: &HeaderMap) -> Result<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ServerError::refused(
                401,
                codes::UNAUTHORIZED,
                "a device token is required (Authorization: Bearer ...): pair this counter first",
            )
        })
}

fn parse<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> Result<T> {
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ServerError::refused(
                413,
                codes::BATCH_TOO_LARGE,
                format!("a request body may be at most {MAX_BODY_BYTES} bytes"),
            )
        } else {
            ServerError::bad_request(codes::MALFORMED, e.body_text())
        }
    })?;
    serde_json::from_slice(&body)
        .map_err(|e| ServerError::bad_request(codes::MALFORMED, format!("malformed JSON: {e}")))
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ServerError::Storage(format!("storage task failed: {e}")))?
}

fn reply<T: Serialize>(result: Result<T>) -> Response {
    match result {
        Ok(value) => (StatusCode::OK, axum::Json(value)).into_response(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, axum::Json(error.body())).into_response()
        }
    }
}

pub(crate) fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[cfg(test)]
mod tests {
    use caredesk_domain::clock::Hlc;
    use caredesk_domain::id::{DeviceId, EntityId, OpId, StaffId};
    use caredesk_domain::op::Op;

    use super::*;

    fn op_at(ms: u64) -> Op {
        Op {
            id: OpId::new(),
            device_id: DeviceId::new(),
            device_seq: 1,
            hlc: Hlc::new(ms, 0),
            actor: StaffId::new(),
            approver: None,
            kind: "customer.registered".to_owned(),
            schema: 1,
            entity: EntityId::from(StaffId::new()),
            body: serde_json::json!({}),
        }
    }

    #[test]
    fn an_op_stamped_more_than_a_day_ahead_is_refused() {
        let now = 1_795_000_000_000_i64;
        let day = MAX_CLOCK_AHEAD_MS;
        assert!(check_clocks(&[op_at(now as u64 + day)], now).is_ok());
        let refused = check_clocks(&[op_at(1), op_at(now as u64 + day + 1)], now)
            .expect_err("a day and a millisecond ahead");
        assert_eq!(
            (refused.status(), refused.code()),
            (422, codes::CLOCK_AHEAD)
        );
    }
}
