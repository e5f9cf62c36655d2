//! One staff member's schedule as an iCalendar file (RFC 5545), for the
//! calendar on their phone.

use std::fmt::Write as _;
use std::ops::Deref;

use caredesk_domain::id::{BookingId, CustomerId, ServiceId};
use jiff::Timestamp;
use jiff::civil::{Date, Time};

use crate::Bookings;
use crate::catalog::parse_id;
use crate::error::Result;
use crate::schedule::millis;
use crate::{Store, staff};

impl<S: Deref<Target = Store>> Bookings<S> {
    /// The bookings and classes that hold a staff member's time from `from` to `to`
    /// (inclusive), as an `.ics` calendar. `now` stamps the events.
    pub fn staff_ics(&self, who: &str, from: Date, to: Date, now: Timestamp) -> Result<String> {
        let member = staff::find(&self.conn, who)?;
        let zone = self.settings.time_zone();
        let start = caredesk_domain::hours::instant(from, Time::midnight(), &zone);
        let end = caredesk_domain::hours::instant(to, Time::MAX, &zone);
        let mut statement = self.conn.prepare_cached(
            "SELECT i.booking_id, i.item, i.service_id, i.start_at, i.end_at, b.customer_id,
                    b.status
             FROM booking_items i JOIN bookings b ON b.id = i.booking_id
             WHERE i.staff_id = ?1 AND i.start_at >= ?2 AND i.start_at < ?3 AND i.holds_time
             ORDER BY i.start_at, i.booking_id, i.item",
        )?;
        let rows = statement.query_map(
            rusqlite::params![
                member.id.to_string(),
                start.as_millisecond(),
                end.as_millisecond()
            ],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, i64>(4)?,
                    row.get::<_, String>(5)?,
                    row.get::<_, String>(6)?,
                ))
            },
        )?;
        // A schedule names the same services and regulars again and again.
        let mut names = super::view::Names::default();
        let mut events = Vec::new();
        for row in rows {
            let (booking, item, service, start, end, customer, status) = row?;
            let booking: BookingId = parse_id(&booking, "booking")?;
            let service: ServiceId = parse_id(&service, "service")?;
            let customer: CustomerId = parse_id(&customer, "customer")?;
            let service_name = names.service(self, service)?;
            let customer_name = names.customer(self, customer)?;
            events.push(Event {
                uid: format!("{booking}-{item}"),
                start: millis(start)?,
                end: millis(end)?,
                summary: format!("{service_name} - {customer_name}"),
                description: status,
            });
        }
        let mut classes = self.conn.prepare_cached(
            "SELECT id, service_id, start_at, end_at, seated, seats FROM classes
             WHERE staff_id = ?1 AND start_at >= ?2 AND start_at < ?3 AND holds_time
             ORDER BY start_at, id",
        )?;
        let rows = classes.query_map(
            rusqlite::params![
                member.id.to_string(),
                start.as_millisecond(),
                end.as_millisecond()
            ],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, u16>(4)?,
                    row.get::<_, u16>(5)?,
                ))
            },
        )?;
        for row in rows {
            let (class, service, start, end, seated, seats) = row?;
            let service: ServiceId = parse_id(&service, "service")?;
            let service_name = names.service(self, service)?;
            events.push(Event {
                uid: class,
                start: millis(start)?,
                end: millis(end)?,
                summary: format!("{service_name} ({seated}/{seats})"),
                description: "CLASS".to_owned(),
            });
        }
        events.sort_by(|a, b| (a.start, &a.uid).cmp(&(b.start, &b.uid)));
        let mut out = String::new();
        line(&mut out, "BEGIN:VCALENDAR");
        line(&mut out, "VERSION:2.0");
        line(&mut out, "PRODID:-//CareDesk//Counter//EN");
        line(&mut out, "CALSCALE:GREGORIAN");
        line(&mut out, &format!("X-WR-CALNAME:{}", escape(&member.name)));
        for event in events {
            line(&mut out, "BEGIN:VEVENT");
            line(&mut out, &format!("UID:{}@caredesk", event.uid));
            line(&mut out, &format!("DTSTAMP:{}", utc(now)));
            line(&mut out, &format!("DTSTART:{}", utc(event.start)));
            line(&mut out, &format!("DTEND:{}", utc(event.end)));
            line(&mut out, &format!("SUMMARY:{}", escape(&event.summary)));
            line(
                &mut out,
                &format!("DESCRIPTION:{}", escape(&event.description)),
            );
            line(&mut out, "STATUS:CONFIRMED");
            line(&mut out, "END:VEVENT");
        }
        line(&mut out, "END:VCALENDAR");
        Ok(out)
    }
}

/// One VEVENT: a booking item or a class.
struct Event {
    uid: String,
    start: Timestamp,
    end: Timestamp,
    summary: String,
    description: String,
}

fn utc(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Text values escape backslash, semicolon, comma and newlines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded at 75 octets without splitting a UTF-8
/// character (Vietnamese names are longer in bytes than in letters).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let summary = format!("SUMMARY:{}", "Đặng Thị Ánh ".repeat(10));
        line(&mut out, &summary);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.strip_suffix("\r\n"), Some(summary.as_str()));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
