//! The manager's day report (a manager's action: `SeeReports`; anyone else
//! needs a manager's approval on the spot). The figures, the hours and the
//! sessions are the store's; the screen draws them.

use caredesk_store::DayReport;
use jiff::Timestamp;
use jiff::civil::Date;

use crate::Counter;
use crate::approval::Approval;
use crate::error::IpcError;
use crate::session::Session;

/// The branch's report of `date` (a local day, `YYYY-MM-DD`; today when
/// absent): every register this counter has synced with.
pub fn day_report(
    counter: &Counter,
    date: Option<String>,
    approval: Option<Approval>,
) -> Result<DayReport, IpcError> {
    report(
        &mut counter.session(),
        counter.now(),
        date.as_deref(),
        approval.as_ref(),
    )
}

pub(crate) fn report(
    session: &mut Session,
    now: Timestamp,
    date: Option<&str>,
    approval: Option<&Approval>,
) -> Result<DayReport, IpcError> {
    let date = date.map(day).transpose()?;
    let (store, ctx) = session.acting_approved(now, approval)?;
    let date = date.unwrap_or_else(|| store.treatments().today(&ctx));
    Ok(store.day_report(&ctx, date, true)?)
}

fn day(text: &str) -> Result<Date, IpcError> {
    text.trim().parse().map_err(|_| {
        IpcError::new(
            "invalid_time",
            format!("{text:?} is not a day (expected YYYY-MM-DD)"),
        )
        .on_field("date")
    })
}

#[cfg(test)]
mod tests {
    use caredesk_domain::sale::Tender;

    use super::*;
    use crate::commands::test_counter::{signed_in, tuan};

    #[test]
    fn a_manager_reads_today_s_report_with_its_hours() {
        let mut counter = signed_in("Tuấn", "3333");
        counter.sell_shampoo();
        let report = report(&mut counter.session, Timestamp::now(), None, None).expect("report");
        assert_eq!(report.revenue, 240_000);
        assert_eq!(report.by_method.get(&Tender::Cash), Some(&240_000));
        let by_hour: i64 = report.by_hour.iter().map(|h| h.revenue).sum();
        assert_eq!(by_hour, 240_000);
        assert!(report.by_hour.len() >= 12, "the opening hours, 08:00-20:00");
    }

    #[test]
    fn a_receptionist_needs_tuan_s_approval_and_a_wrong_pin_is_refused() {
        let mut counter = signed_in("Lan", "1111");
        let now = Timestamp::now();
        let refused = report(&mut counter.session, now, None, None).expect_err("Lan alone");
        assert_eq!(refused.code, "permission_denied");
        assert_eq!(
            refused.details.get("action"),
            Some(&"see_reports".into()),
            "the dialog says what it is asked to allow"
        );
        let wrong = tuan(&counter.session, "9999");
        let refused = report(&mut counter.session, now, None, Some(&wrong)).expect_err("wrong PIN");
        assert_eq!(refused.code, "wrong_pin");
        let approval = tuan(&counter.session, "3333");
        let approved = report(
            &mut counter.session,
            now,
            Some("2026-11-21"),
            Some(&approval),
        )
        .expect("approved by Tuấn");
        assert_eq!(approved.date, jiff::civil::date(2026, 11, 21));
        // The approval is not kept: the next read asks again.
        let again = report(&mut counter.session, now, None, None).expect_err("asks again");
        assert_eq!(again.code, "permission_denied");
    }

    #[test]
    fn a_day_that_is_not_a_date_is_refused_on_its_field() {
        let mut counter = signed_in("Tuấn", "3333");
        let refused = report(
            &mut counter.session,
            Timestamp::now(),
            Some("21/11/2026"),
            None,
        )
        .expect_err("bad");
        assert_eq!(refused.code, "invalid_time");
        assert_eq!(refused.field.as_deref(), Some("date"));
    }
}
