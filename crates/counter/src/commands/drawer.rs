//! This register's cash drawer: its state today, opening with a float,
//! cash in and out with a reason, the blind count at the close (the view
//! that comes back shows what was expected and the over/short), and
//! closing the register's day (a manager's action). The rules, amounts and
//! refusals are the store's.

use caredesk_domain::drawer::Count;
use caredesk_store::{DrawerView, RegisterDrawer};
use jiff::Timestamp;
use jiff::civil::Date;

use crate::Counter;
use crate::approval::Approval;
use crate::error::IpcError;
use crate::session::Session;

pub fn register_drawer(counter: &Counter) -> Result<RegisterDrawer, IpcError> {
    let mut session = counter.session();
    let (store, ctx) = session.acting(counter.now())?;
    Ok(store.drawers().register_drawer(&ctx)?)
}

pub fn open_drawer(counter: &Counter, float: i64) -> Result<DrawerView, IpcError> {
    open(&mut counter.session(), counter.now(), float)
}

/// Cash put in (positive) or taken out (negative), with the reason.
pub fn move_cash(counter: &Counter, amount: i64, reason: String) -> Result<DrawerView, IpcError> {
    cash(&mut counter.session(), counter.now(), amount, &reason)
}

pub fn close_drawer(
    counter: &Counter,
    counted: Vec<Count>,
    note: Option<String>,
) -> Result<DrawerView, IpcError> {
    close(
        &mut counter.session(),
        counter.now(),
        &counted,
        note.as_deref().unwrap_or(""),
    )
}

/// Closes this register's day for good (today's).
pub fn close_day(counter: &Counter, approval: Option<Approval>) -> Result<Date, IpcError> {
    end_day(&mut counter.session(), counter.now(), approval.as_ref())
}

pub(crate) fn open(
    session: &mut Session,
    now: Timestamp,
    float: i64,
) -> Result<DrawerView, IpcError> {
    let (store, ctx) = session.acting(now)?;
    store
        .drawers_mut()
        .open_drawer(&ctx, float)
        .map_err(|e| IpcError::from(e).on_field("float"))
}

pub(crate) fn cash(
    session: &mut Session,
    now: Timestamp,
    amount: i64,
    reason: &str,
) -> Result<DrawerView, IpcError> {
    let (store, ctx) = session.acting(now)?;
    Ok(store.drawers_mut().move_cash(&ctx, amount, reason)?)
}

pub(crate) fn close(
    session: &mut Session,
    now: Timestamp,
    counted: &[Count],
    note: &str,
) -> Result<DrawerView, IpcError> {
    let (store, ctx) = session.acting(now)?;
    Ok(store.drawers_mut().close_drawer(&ctx, counted, note)?)
}

pub(crate) fn end_day(
    session: &mut Session,
    now: Timestamp,
    approval: Option<&Approval>,
) -> Result<Date, IpcError> {
    let (store, ctx) = session.acting_approved(now, approval)?;
    Ok(store.drawers_mut().close_day(&ctx, None)?)
}

#[cfg(test)]
mod tests {
    use caredesk_domain::sale::Tender;

    use super::*;
    use crate::commands::test_counter::{signed_in, tuan};

    fn cash_count(amount: i64) -> Vec<Count> {
        vec![Count {
            tender: Tender::Cash,
            amount,
        }]
    }

    #[test]
    fn open_move_cash_and_close_with_a_blind_count_that_comes_out_over() {
        let mut counter = signed_in("Lan", "1111");
        let s = &mut counter.session;
        let now = Timestamp::now();
        let before = {
            let (store, ctx) = s.acting(now).expect("Lan");
            store.drawers().register_drawer(&ctx).expect("state")
        };
        assert!(before.open.is_none() && before.last_closed.is_none());

        let opened = open(s, now, 500_000).expect("opened");
        assert_eq!(opened.float, 500_000);
        let moved = cash(s, now, -120_000, "mua khăn").expect("cash out");
        assert_eq!(moved.moved, -120_000);
        assert_eq!(moved.moves[0].reason, "mua khăn");
        cash(s, now, 20_000, "tiền lẻ").expect("cash in");

        let closed = close(s, now, &cash_count(405_000), "").expect("closed");
        assert_eq!(closed.expected[&Tender::Cash], 400_000);
        assert_eq!(closed.difference.expect("counted")[&Tender::Cash], 5_000);
        let (store, ctx) = s.acting(now).expect("Lan");
        let after = store.drawers().register_drawer(&ctx).expect("state");
        assert!(after.open.is_none());
        assert_eq!(after.last_closed.map(|d| d.id), Some(closed.id));
    }

    #[test]
    fn a_negative_float_a_closed_drawer_and_a_reasonless_move_are_refused() {
        let mut counter = signed_in("Lan", "1111");
        let s = &mut counter.session;
        let now = Timestamp::now();
        let refused = open(s, now, -1).expect_err("negative float");
        assert_eq!(refused.code, "invalid_amount");
        assert_eq!(refused.field.as_deref(), Some("float"));
        let refused = close(s, now, &cash_count(0), "").expect_err("not open");
        assert_eq!(refused.code, "drawer_closed");
        let refused = cash(s, now, 10_000, "tip").expect_err("not open");
        assert_eq!(refused.code, "drawer_closed");

        open(s, now, 100_000).expect("opened");
        assert_eq!(open(s, now, 0).expect_err("twice").code, "drawer_open");
        assert_eq!(
            cash(s, now, -100, " ").expect_err("no reason").code,
            "empty_field"
        );
        assert_eq!(
            cash(s, now, -200_000, "ngân hàng").expect_err("short").code,
            "drawer_short"
        );
        let wallet = vec![Count {
            tender: Tender::Wallet,
            amount: 1,
        }];
        assert_eq!(
            close(s, now, &wallet, "").expect_err("wallet").code,
            "invalid_value"
        );
        let (store, ctx) = s.acting(now).expect("Lan");
        let state = store.drawers().register_drawer(&ctx).expect("state");
        let still = state.open.expect("still open");
        assert_eq!(
            (still.float, still.moves.len()),
            (100_000, 0),
            "nothing written"
        );
    }

    #[test]
    fn closing_the_day_is_a_manager_s_and_waits_for_the_drawer() {
        let mut counter = signed_in("Lan", "1111");
        let s = &mut counter.session;
        let now = Timestamp::now();
        open(s, now, 0).expect("opened");
        let approval = tuan(s, "3333");
        let refused = end_day(s, now, Some(&approval)).expect_err("drawer open");
        assert_eq!(refused.code, "drawer_still_open");
        close(s, now, &cash_count(0), "").expect("closed");
        let refused = end_day(s, now, None).expect_err("Lan alone");
        assert_eq!(refused.code, "permission_denied");
        let approval = tuan(s, "3333");
        end_day(s, now, Some(&approval)).expect("closed by Tuấn's leave");
        let (store, ctx) = s.acting(now).expect("Lan");
        assert!(
            store
                .drawers()
                .register_drawer(&ctx)
                .expect("state")
                .day_closed
        );
        assert_eq!(open(s, now, 0).expect_err("closed day").code, "day_closed");
    }
}
