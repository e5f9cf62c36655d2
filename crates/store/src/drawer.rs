//! The register's cash drawer: open with a float, cash in and out with a
//! reason, close with a blind count; and the register's day closed for
//! good. What a drawer should hold is read from the sales money rows of
//! its register between its opening and its close.

use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};

use caredesk_domain::drawer::{
    self, CashMoved, Count, DayClosed, DrawerClosed, DrawerEvent, DrawerOpened, DrawerRefusal,
    DrawerState, REASON_MAX, RegisterEvent,
};
use caredesk_domain::event::Event;
use caredesk_domain::id::{DrawerId, EntityId, StaffId};
use caredesk_domain::op::Op;
use caredesk_domain::sale::Tender;
use caredesk_domain::{Action, Currency};
use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::Drawers;
use crate::business::{load_settings, to_json};
use crate::catalog::parse_state;
use crate::error::{Result, StoreError};
use crate::ordered::{self, OrderedFold, next_state};
use crate::sales::projection::day_of;
use crate::writer::Writer;
use crate::{Ctx, Store};

/// A drawer session as the manager sees it at the close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DrawerView {
    pub id: DrawerId,
    pub register: String,
    /// The business's currency, which every amount here is in.
    pub currency: Currency,
    pub opened_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub closed_at: Option<String>,
    pub float: i64,
    /// Cash put in less cash taken out, other than by sales.
    pub moved: i64,
    pub moves: Vec<MoveView>,
    /// What should be there, tender by tender (cash includes the float).
    pub expected: BTreeMap<Tender, i64>,
    /// What was counted at the close (absent while open).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub counted: Option<BTreeMap<Tender, i64>>,
    /// Counted less expected, per tender counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub difference: Option<BTreeMap<Tender, i64>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MoveView {
    pub at: String,
    pub amount: i64,
    pub reason: String,
    /// The staff member the cash was paid out to, when it was a payout.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub payout: Option<String>,
}

/// This register's drawer as the counter sees it: the session open, if
/// any, and the last one closed on the business's day (its over/short).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterDrawer {
    pub register: String,
    pub date: Date,
    /// The register's day is closed: no drawer work on it any more.
    pub day_closed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub open: Option<DrawerView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub last_closed: Option<DrawerView>,
}

impl OrderedFold for DrawerState {
    fn pick(event: Event) -> Option<DrawerEvent> {
        match event {
            Event::Drawer(event) => Some(event),
            _ => None,
        }
    }
}

impl<S: Deref<Target = Store>> Drawers<S> {
    /// Opens this register's drawer with a float.
    pub fn open_drawer(&mut self, ctx: &Ctx, float: i64) -> Result<DrawerView>
    where
        S: DerefMut,
    {
        let float = drawer::check_cash("a float", float)?;
        let register = self.register_code.clone();
        let today = self.treatments().today(ctx);
        let zone = self.settings.time_zone();
        let id = DrawerId::new();
        let mut writer = self.writer(ctx)?;
        ensure_day_open(writer.tx(), &register, today)?;
        if let Some(open) = open_drawer(writer.tx(), &register)? {
            let since = load(writer.tx(), open)?.map(|s| s.opened_at);
            return Err(DrawerRefusal::AlreadyOpen {
                register,
                since: since
                    .map(|t| crate::time::day_first(t, &zone))
                    .unwrap_or_default(),
            }
            .into());
        }
        writer.append(
            id,
            DrawerEvent::from(DrawerOpened {
                register,
                float,
                at: ctx.now,
            }),
        )?;
        writer.commit()?;
        self.drawer(id, ctx)
    }

    /// Cash put in (positive) or taken out (negative) of the open drawer,
    /// with a reason. The drawer and what it holds are read inside the
    /// write transaction, so a sale or payout on another process between
    /// reading and writing cannot make it take out cash that is not there.
    pub fn move_cash(&mut self, ctx: &Ctx, amount: i64, reason: &str) -> Result<DrawerView>
    where
        S: DerefMut,
    {
        if amount == 0 {
            return Err(DrawerRefusal::ZeroMove.into());
        }
        drawer::check_cash("a cash move", amount.checked_abs().unwrap_or(i64::MAX))?;
        let reason = caredesk_domain::text::required("reason", reason, REASON_MAX)?;
        let register = self.register_code.clone();
        let today = self.treatments().today(ctx);
        let mut writer = self.writer(ctx)?;
        ensure_day_open(writer.tx(), &register, today)?;
        let id = take_cash(writer.tx(), &register, ctx.now, (-amount).max(0))?;
        writer.append(
            id,
            DrawerEvent::from(CashMoved {
                amount,
                reason,
                at: ctx.now,
                payout: None,
            }),
        )?;
        writer.commit()?;
        self.drawer(id, ctx)
    }

    /// Closes the open drawer with a blind count; the view that comes back
    /// shows what was expected and the difference.
    pub fn close_drawer(&mut self, ctx: &Ctx, counted: &[Count], note: &str) -> Result<DrawerView>
    where
        S: DerefMut,
    {
        drawer::check_count(counted)?;
        let note =
            caredesk_domain::text::optional("note", Some(note), REASON_MAX)?.unwrap_or_default();
        let register = self.register_code.clone();
        let mut writer = self.writer(ctx)?;
        let id = open_drawer_here(writer.tx(), &register)?;
        writer.append(
            id,
            DrawerEvent::from(DrawerClosed {
                counted: counted.to_vec(),
                at: ctx.now,
                note,
            }),
        )?;
        writer.commit()?;
        self.drawer(id, ctx)
    }

    /// Closes this register's business day for good (a manager's action):
    /// no sale, refund or drawer move is recorded on it here afterwards.
    pub fn close_day(&mut self, ctx: &Ctx, date: Option<Date>) -> Result<Date>
    where
        S: DerefMut,
    {
        let date = date.unwrap_or_else(|| self.treatments().today(ctx));
        self.authorize(ctx, Action::CloseDay)?;
        let register = self.register_code.clone();
        let device = self.device;
        let mut writer = self.writer(ctx)?;
        ensure_day_open(writer.tx(), &register, date)?;
        if open_drawer(writer.tx(), &register)?.is_some() {
            return Err(DrawerRefusal::DrawerStillOpen(register).into());
        }
        writer.append(device, RegisterEvent::from(DayClosed { register, date }))?;
        writer.commit()?;
        Ok(date)
    }

    /// This register's drawer today: open or not, and the last close.
    pub fn register_drawer(&self, ctx: &Ctx) -> Result<RegisterDrawer> {
        let register = self.register_code.clone();
        let date = self.treatments().today(ctx);
        let open = open_drawer(&self.conn, &register)?
            .map(|id| self.drawer(id, ctx))
            .transpose()?;
        let last_closed = self
            .drawers_on(date, ctx)?
            .into_iter()
            .rfind(|d| d.register == register && d.closed_at.is_some());
        Ok(RegisterDrawer {
            day_closed: ensure_day_open(&self.conn, &register, date).is_err(),
            register,
            date,
            open,
            last_closed,
        })
    }

    /// The drawer session, with what it should hold at its close (or now).
    pub fn drawer(&self, id: DrawerId, ctx: &Ctx) -> Result<DrawerView> {
        let state =
            load(&self.conn, id)?.ok_or_else(|| StoreError::Corrupt(format!("drawer {id}")))?;
        let until = state.closed.as_ref().map_or(ctx.now, |c| c.at);
        let expected = expected(&self.conn, &state, until)?;
        let counted: Option<BTreeMap<Tender, i64>> = state
            .closed
            .as_ref()
            .map(|c| c.counted.iter().map(|c| (c.tender, c.amount)).collect());
        let difference = counted.as_ref().map(|counted| {
            counted
                .iter()
                .map(|(tender, amount)| (*tender, amount - expected.get(tender).unwrap_or(&0)))
                .collect()
        });
        Ok(DrawerView {
            id,
            register: state.register.clone(),
            currency: self.settings.currency,
            opened_at: self.format_time(state.opened_at),
            closed_at: state.closed.as_ref().map(|c| self.format_time(c.at)),
            float: state.float,
            moved: state.moved(),
            moves: state
                .moves
                .iter()
                .map(|m| {
                    Ok(MoveView {
                        at: self.format_time(m.at),
                        amount: m.amount,
                        reason: m.reason.clone(),
                        payout: m
                            .payout
                            .map(|staff| crate::staff::member(&self.conn, staff).map(|s| s.name))
                            .transpose()?,
                    })
                })
                .collect::<Result<_>>()?,
            expected,
            counted,
            difference,
        })
    }

    /// The drawer sessions opened on a day, every register.
    pub fn drawers_on(&self, date: Date, ctx: &Ctx) -> Result<Vec<DrawerView>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM drawers WHERE day = ?1 ORDER BY register, opened_at")?
            .query_map([date.to_string()], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter()
            .map(|id| self.drawer(crate::catalog::parse_id(id, "drawer")?, ctx))
            .collect()
    }
}

/// What a drawer session should hold at `until`, tender by tender: the
/// float and its moves in cash, and the money its register's sales,
/// refunds and voids took or gave back since it opened (never the wallet,
/// which is not in the drawer).
fn expected(
    conn: &Connection,
    state: &DrawerState,
    until: Timestamp,
) -> Result<BTreeMap<Tender, i64>> {
    let mut expected: BTreeMap<Tender, i64> = [Tender::Cash, Tender::Card, Tender::Transfer]
        .into_iter()
        .map(|t| (t, 0))
        .collect();
    // Money rows are indexed by business day; the session's days bound
    // the search, its times decide.
    let zone = load_settings(conn)?.time_zone();
    let mut statement = conn.prepare_cached(
        "SELECT tender, sum(amount) FROM sale_money
         WHERE day >= ?1 AND day <= ?2 AND register = ?3 AND at >= ?4 AND at <= ?5
             AND tender != 'wallet'
         GROUP BY tender",
    )?;
    let rows = statement.query_map(
        params![
            day_of(state.opened_at, &zone),
            day_of(until, &zone),
            state.register,
            state.opened_at.as_millisecond(),
            until.as_millisecond()
        ],
        |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)),
    )?;
    for row in rows {
        let (tender, amount) = row?;
        if let Ok(tender) = tender.parse::<Tender>() {
            *expected.entry(tender).or_default() += amount;
        }
    }
    *expected.entry(Tender::Cash).or_default() += state.float + state.moved();
    Ok(expected)
}

/// The register's open drawer, read inside the caller's write transaction,
/// when it holds at least `take` in cash at `now`: what every command that
/// takes cash in (`take` 0) or gives it out checks before it writes.
pub(crate) fn take_cash(
    conn: &Connection,
    register: &str,
    now: Timestamp,
    take: i64,
) -> Result<DrawerId> {
    let id = open_drawer_here(conn, register)?;
    if take > 0 {
        let state = load(conn, id)?.ok_or_else(|| StoreError::Corrupt(format!("drawer {id}")))?;
        let holds = expected(conn, &state, now)?
            .get(&Tender::Cash)
            .copied()
            .unwrap_or(0);
        drawer::check_take(take, holds)?;
    }
    Ok(id)
}

/// The register's open drawer; refused (`drawer_closed`) when there is
/// none.
pub(crate) fn open_drawer_here(conn: &Connection, register: &str) -> Result<DrawerId> {
    open_drawer(conn, register)?.ok_or_else(|| DrawerRefusal::NotOpen(register.to_owned()).into())
}

/// Takes `amount` of cash out of the register's open drawer for a payout
/// to `staff`, inside the caller's transaction: the drawer move that goes
/// with a cash `staff.paid_out`.
pub(crate) fn pay_out_cash(
    writer: &mut Writer<'_>,
    register: &str,
    (now, today): (Timestamp, Date),
    staff: StaffId,
    amount: i64,
    note: &str,
) -> Result<()> {
    ensure_day_open(writer.tx(), register, today)?;
    let id = take_cash(writer.tx(), register, now, amount)?;
    writer.append(
        id,
        DrawerEvent::from(CashMoved {
            amount: -amount,
            reason: note.to_owned(),
            at: now,
            payout: Some(staff),
        }),
    )?;
    Ok(())
}

/// Refuses anything on a register's closed day.
pub(crate) fn ensure_day_open(conn: &Connection, register: &str, date: Date) -> Result<()> {
    let closed: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM closed_days WHERE register = ?1 AND day = ?2)",
        )?
        .query_row(params![register, date.to_string()], |row| row.get(0))?;
    if closed {
        Err(DrawerRefusal::DayClosed {
            register: register.to_owned(),
            date,
        }
        .into())
    } else {
        Ok(())
    }
}

fn open_drawer(conn: &Connection, register: &str) -> Result<Option<DrawerId>> {
    let id: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM drawers WHERE register = ?1 AND closed_at IS NULL
             ORDER BY opened_at DESC LIMIT 1",
        )?
        .query_row([register], |row| row.get(0))
        .optional()?;
    id.map(|id| crate::catalog::parse_id(&id, "drawer"))
        .transpose()
}

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &DrawerEvent) -> Result<()> {
    let id = DrawerId::from_uuid(*op.entity.as_uuid());
    let Some(state) = next_state(tx, op.entity, load(tx, id)?, op, event)? else {
        return Ok(());
    };
    let zone = load_settings(tx)?.time_zone();
    tx.prepare_cached(
        "INSERT INTO drawers (id, register, opened_at, closed_at, day, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET closed_at = excluded.closed_at, state = excluded.state",
    )?
    .execute(params![
        id.to_string(),
        state.register,
        state.opened_at.as_millisecond(),
        state.closed.as_ref().map(|c| c.at.as_millisecond()),
        day_of(state.opened_at, &zone),
        to_json(&state),
    ])?;
    Ok(())
}

/// A closed day is a fact that only accumulates: the first close stands.
pub(crate) fn apply_register(tx: &Transaction<'_>, op: &Op, event: &RegisterEvent) -> Result<()> {
    match event {
        RegisterEvent::DayClosed(closed) => {
            tx.prepare_cached(
                "INSERT INTO closed_days (register, day, closed_by, closed_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                closed.register,
                closed.date.to_string(),
                op.actor.to_string(),
                op.hlc.physical_ms() as i64,
            ])?;
        }
    }
    Ok(())
}

/// The register a drawer session belongs to.
pub(crate) fn register_of(conn: &Connection, id: DrawerId) -> Result<String> {
    Ok(load(conn, id)?.map(|s| s.register).unwrap_or_default())
}

pub(crate) fn refold(conn: &Connection, id: DrawerId) -> Result<Option<DrawerState>> {
    ordered::refold(conn, EntityId::from(id))
}

pub(crate) fn load(conn: &Connection, id: DrawerId) -> Result<Option<DrawerState>> {
    conn.prepare_cached("SELECT state FROM drawers WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| parse_state(&json, "drawer"))
        .transpose()
}
