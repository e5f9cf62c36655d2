//! Reading the op log: the audit trail and the source of every projection.

use caredesk_domain::clock::Hlc;
use caredesk_domain::id::EntityId;
use caredesk_domain::op::Op;
use rusqlite::{Connection, Row, ToSql};
use serde::Serialize;

use crate::Store;
use crate::error::{Result, StoreError};

/// Which ops to list. Empty means all, oldest first.
#[derive(Debug, Clone, Default)]
pub struct OpFilter {
    pub entity: Option<EntityId>,
    /// A kind (`customer.edited`) or a kind prefix ending in a dot (`customer.`).
    pub kind: Option<String>,
    /// Only ops that arrived after this local sequence number.
    pub after: Option<i64>,
    pub limit: Option<usize>,
}

/// An op with its local arrival number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoggedOp {
    pub seq: i64,
    #[serde(flatten)]
    pub op: Op,
}

impl Store {
    pub fn ops(&self, filter: &OpFilter) -> Result<Vec<LoggedOp>> {
        let mut sql = String::from(
            "SELECT seq, id, device_id, device_seq, hlc, actor, kind, schema, entity, body, approver
             FROM ops WHERE 1 = 1",
        );
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(entity) = filter.entity {
            sql.push_str(" AND entity = ?");
            args.push(Box::new(entity.to_string()));
        }
        if let Some(kind) = &filter.kind {
            if kind.ends_with('.') {
                sql.push_str(" AND substr(kind, 1, length(?)) = ?");
                args.push(Box::new(kind.clone()));
            } else {
                sql.push_str(" AND kind = ?");
            }
            args.push(Box::new(kind.clone()));
        }
        if let Some(after) = filter.after {
            sql.push_str(" AND seq > ?");
            args.push(Box::new(after));
        }
        sql.push_str(" ORDER BY seq");
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            args.push(Box::new(limit as i64));
        }
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(args.iter()), |row| {
            Ok((row.get::<_, i64>(0)?, read_op(row)))
        })?;
        rows.map(|row| {
            let (seq, op) = row?;
            Ok(LoggedOp { seq, op: op? })
        })
        .collect()
    }
}

/// The ops of one entity in canonical order: what its fold is made of.
pub(crate) fn entity_ops(conn: &Connection, entity: EntityId) -> Result<Vec<Op>> {
    let mut statement = conn.prepare_cached(
        "SELECT seq, id, device_id, device_seq, hlc, actor, kind, schema, entity, body, approver
         FROM ops WHERE entity = ?1 ORDER BY hlc, id",
    )?;
    let rows = statement.query_map([entity.to_string()], |row| Ok(read_op(row)))?;
    rows.map(|row| row?).collect()
}

/// The op stored at local sequence `seq`.
pub(crate) fn read_op_at(conn: &Connection, seq: i64) -> Result<Op> {
    let mut statement = conn.prepare_cached(
        "SELECT seq, id, device_id, device_seq, hlc, actor, kind, schema, entity, body, approver
         FROM ops WHERE seq = ?1",
    )?;
    statement.query_row([seq], |row| Ok(read_op(row)))?
}

/// Columns 1..=10 of the select lists above.
pub(crate) fn read_op(row: &Row<'_>) -> Result<Op> {
    let text = |i: usize| row.get::<_, String>(i);
    let corrupt = |what: &str, value: String| StoreError::Corrupt(format!("op {what} {value:?}"));
    let id = text(1)?;
    let device = text(2)?;
    let actor = text(5)?;
    let entity = text(8)?;
    let body = text(9)?;
    let approver: Option<String> = row.get(10)?;
    Ok(Op {
        id: id.parse().map_err(|_| corrupt("id", id.clone()))?,
        device_id: device
            .parse()
            .map_err(|_| corrupt("device", device.clone()))?,
        device_seq: row.get::<_, i64>(3)? as u64,
        hlc: Hlc::from_u64(row.get::<_, i64>(4)? as u64),
        actor: actor.parse().map_err(|_| corrupt("actor", actor.clone()))?,
        approver: approver
            .map(|a| a.parse().map_err(|_| corrupt("approver", a.clone())))
            .transpose()?,
        kind: text(6)?,
        schema: row.get(7)?,
        entity: entity
            .parse()
            .map_err(|_| corrupt("entity", entity.clone()))?,
        body: serde_json::from_str(&body).map_err(|_| corrupt("body", body.clone()))?,
    })
}
