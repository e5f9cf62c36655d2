//! Ticket statistics for the manager: what is open, by type and priority,
//! what is overdue, and how long resolving takes.

use std::collections::BTreeMap;
use std::ops::Deref;

use caredesk_domain::ticket::Priority;
use serde::Serialize;

use crate::Tickets;
use crate::error::Result;
use crate::{Ctx, Store};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TicketStats {
    pub open: i64,
    pub overdue: i64,
    pub open_by_type: BTreeMap<String, i64>,
    /// Open tickets by priority (`low` ... `urgent`).
    pub open_by_priority: BTreeMap<String, i64>,
    pub resolved: i64,
    pub cancelled: i64,
    /// From opening to resolving, over every resolved ticket; `None` when
    /// nothing is resolved yet.
    pub average_resolution_seconds: Option<i64>,
    pub average_resolution_hours: Option<f64>,
    pub types: Vec<TypeStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeStats {
    #[serde(rename = "type")]
    pub kind: String,
    pub open: i64,
    pub resolved: i64,
    pub cancelled: i64,
    pub average_resolution_seconds: Option<i64>,
}

impl<S: Deref<Target = Store>> Tickets<S> {
    /// The statistics as of `ctx.now` (for what is overdue). Every type of
    /// the settings is listed, with zeros when it has no tickets, and any
    /// type no longer in the settings that still has tickets.
    pub fn ticket_stats(&self, ctx: &Ctx) -> Result<TicketStats> {
        let mut by_type: BTreeMap<String, TypeStats> = self
            .ticket_settings()?
            .types
            .into_iter()
            .map(|t| {
                let stats = TypeStats {
                    kind: t.code.clone(),
                    open: 0,
                    resolved: 0,
                    cancelled: 0,
                    average_resolution_seconds: None,
                };
                (t.code, stats)
            })
            .collect();
        let mut statement = self.conn.prepare_cached(
            "SELECT type,
                    sum(status IN ('NEW', 'IN_PROGRESS', 'WAITING')),
                    sum(status = 'COMPLETED'),
                    sum(status = 'CANCELLED'),
                    avg(CASE WHEN status = 'COMPLETED' THEN closed_at - opened_at END)
             FROM tickets GROUP BY type",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(TypeStats {
                kind: row.get(0)?,
                open: row.get(1)?,
                resolved: row.get(2)?,
                cancelled: row.get(3)?,
                average_resolution_seconds: row
                    .get::<_, Option<f64>>(4)?
                    .map(|ms| (ms / 1000.0).round() as i64),
            })
        })?;
        for row in rows {
            let row = row?;
            by_type.insert(row.kind.clone(), row);
        }
        let mut statement = self.conn.prepare_cached(
            "SELECT avg(closed_at - opened_at) FROM tickets WHERE status = 'COMPLETED'",
        )?;
        let average_ms: Option<f64> = statement.query_row([], |row| row.get(0))?;
        let mut statement = self.conn.prepare_cached(
            "SELECT priority, count(*) FROM tickets
             WHERE status IN ('NEW', 'IN_PROGRESS', 'WAITING') GROUP BY priority",
        )?;
        let mut open_by_priority: BTreeMap<String, i64> = Priority::ALL
            .iter()
            .map(|p| (p.as_str().to_owned(), 0))
            .collect();
        let rows = statement.query_map([], |row| Ok((row.get::<_, u8>(0)?, row.get(1)?)))?;
        for row in rows {
            let (rank, count) = row?;
            let priority = Priority::ALL[usize::from(rank).min(Priority::ALL.len() - 1)];
            open_by_priority.insert(priority.as_str().to_owned(), count);
        }
        let overdue: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM tickets
             WHERE status IN ('NEW', 'IN_PROGRESS', 'WAITING') AND deadline <= ?1",
            )?
            .query_row([ctx.now.as_millisecond()], |row| row.get(0))?;
        let types: Vec<TypeStats> = by_type.into_values().collect();
        Ok(TicketStats {
            open: types.iter().map(|t| t.open).sum(),
            overdue,
            open_by_type: types.iter().map(|t| (t.kind.clone(), t.open)).collect(),
            open_by_priority,
            resolved: types.iter().map(|t| t.resolved).sum(),
            cancelled: types.iter().map(|t| t.cancelled).sum(),
            average_resolution_seconds: average_ms.map(|ms| (ms / 1000.0).round() as i64),
            average_resolution_hours: average_ms.map(|ms| (ms / 360_000.0).round() / 10.0),
            types,
        })
    }
}
