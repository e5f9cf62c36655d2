//! The sentences of desktop notifications, from the same catalogue
//! (`words/*.json`) the UI words its reminders panel with: `reminder.*`,
//! `conflict.<kind>` and `reminders.grouped.*`. The operating system shows
//! a desktop notification, not the web view, so the shell words it. The
//! language is the one the UI last said it shows (`reminders(lang)`), else
//! the business country's.

use caredesk_store::{ConflictKind, Lang, Reminder, ReminderSubject};
use caredesk_words::words;

/// What a desktop notification shows: a title and one or two lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub summary: String,
    pub body: String,
}

/// The notification for one reminder.
pub fn of(reminder: &Reminder, lang: Lang) -> Words {
    let w = words(lang);
    match &reminder.subject {
        ReminderSubject::BookingSoon {
            customer_name,
            start,
            services,
            staff,
            ..
        } => Words {
            summary: w.fill(
                "reminder.booking_soon.title",
                &[("time", clock(start)), ("customer", customer_name)],
            ),
            body: w.fill(
                "reminder.booking_soon.detail",
                &[
                    ("services", &services.join(", ")),
                    ("staff", &staff.join(", ")),
                ],
            ),
        },
        ReminderSubject::TreatmentExpiring {
            customer_name,
            name,
            expires_on,
            remaining,
            ..
        } => Words {
            summary: w.fill(
                "reminder.treatment_expiring.title",
                &[("customer", customer_name)],
            ),
            body: w.counted(
                "reminder.treatment_expiring.detail",
                i64::from(*remaining),
                &[
                    ("name", name),
                    ("date", &expires_on.strftime("%d/%m/%Y").to_string()),
                    ("remaining", &remaining.to_string()),
                ],
            ),
        },
        ReminderSubject::SyncFailing { since, .. } => Words {
            summary: w.fill("reminder.sync_failing.title", &[("time", clock(since))]),
            body: w.get("reminder.sync_failing.detail").to_owned(),
        },
        ReminderSubject::Conflict { conflict_kind, .. } => Words {
            summary: w.get("reminder.conflict.title").to_owned(),
            body: conflict_title(*conflict_kind, lang),
        },
    }
}

/// One notification for several reminders of one kind that came due
/// together (a counter starting with five open conflicts shows one, not
/// five). `None` for bookings, which are each their own, and for a single
/// reminder, which `of` words.
pub fn group(reminders: &[&Reminder], lang: Lang) -> Option<Words> {
    let n = reminders.len();
    if n < 2 {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut add = |line: String| {
        if !lines.contains(&line) {
            lines.push(line);
        }
    };
    let key = match &reminders[0].subject {
        ReminderSubject::Conflict { .. } => {
            for reminder in reminders {
                if let ReminderSubject::Conflict { conflict_kind, .. } = &reminder.subject {
                    add(conflict_title(*conflict_kind, lang));
                }
            }
            "reminders.grouped.conflicts"
        }
        ReminderSubject::TreatmentExpiring { .. } => {
            for reminder in reminders {
                if let ReminderSubject::TreatmentExpiring { customer_name, .. } = &reminder.subject
                {
                    add(customer_name.clone());
                }
            }
            "reminders.grouped.treatments"
        }
        ReminderSubject::BookingSoon { .. } | ReminderSubject::SyncFailing { .. } => return None,
    };
    let count = n.to_string();
    Some(Words {
        summary: words(lang).counted(key, n as i64, &[("count", &count)]),
        body: lines.join("; "),
    })
}

/// The conflicts inbox's title for each kind (`conflict.<kind>`, as in the UI).
fn conflict_title(kind: ConflictKind, lang: Lang) -> String {
    words(lang)
        .get(&format!("conflict.{}", kind.code()))
        .to_owned()
}

/// `14:05` out of `2026-11-21T14:05:00+07:00`: the business's wall clock,
/// which is what the store writes.
fn clock(rfc3339: &str) -> &str {
    rfc3339.get(11..16).unwrap_or(rfc3339)
}

#[cfg(test)]
mod tests {
    use caredesk_domain::{BookingId, CustomerId};

    use super::*;

    fn booking() -> Reminder {
        Reminder {
            key: "booking:b:1".to_owned(),
            subject: ReminderSubject::BookingSoon {
                booking: BookingId::new(),
                customer: CustomerId::new(),
                customer_name: "Nguyễn Văn An".to_owned(),
                start: "2026-11-21T14:00:00+07:00".to_owned(),
                services: vec!["Massage body".to_owned()],
                staff: vec!["Mai".to_owned(), "Hoa".to_owned()],
            },
        }
    }

    #[test]
    fn a_booking_reads_with_its_time_customer_service_and_staff_in_each_language() {
        let vi = of(&booking(), Lang::Vi);
        assert_eq!(vi.summary, "Lịch hẹn lúc 14:00: Nguyễn Văn An");
        assert_eq!(vi.body, "Massage body với Mai, Hoa");
        assert_eq!(
            of(&booking(), Lang::En).summary,
            "Booking at 14:00: Nguyễn Văn An"
        );
        assert_eq!(
            of(&booking(), Lang::Id).body,
            "Massage body dengan Mai, Hoa"
        );
    }

    #[test]
    fn a_card_shows_its_date_day_first_and_the_sessions_left() {
        let card = |remaining| Reminder {
            key: "treatment:t:2026-12-20".to_owned(),
            subject: ReminderSubject::TreatmentExpiring {
                treatment: caredesk_domain::TreatmentId::new(),
                customer: CustomerId::new(),
                customer_name: "Trần Thị Bích".to_owned(),
                name: "Massage 10 buổi".to_owned(),
                expires_on: "2026-12-20".parse().expect("date"),
                remaining,
            },
        };
        assert_eq!(
            of(&card(3), Lang::Vi).body,
            "Massage 10 buổi: hạn dùng 20/12/2026, còn 3 buổi chưa dùng"
        );
        assert_eq!(
            of(&card(1), Lang::En).body,
            "Massage 10 buổi: valid until 20/12/2026, 1 session unused"
        );
        assert_eq!(
            of(&card(2), Lang::Id).summary,
            "Paket Trần Thị Bích segera berakhir"
        );
    }

    #[test]
    fn conflicts_that_come_together_make_one_notification() {
        let conflict = |kind| Reminder {
            key: format!("conflict:{kind:?}"),
            subject: ReminderSubject::Conflict {
                conflict: format!("00000000-0000-5000-8000-{:012}", kind as u8)
                    .parse()
                    .expect("uuid"),
                conflict_kind: kind,
            },
        };
        let three = [
            conflict(ConflictKind::DuplicatePhone),
            conflict(ConflictKind::WalletOverdrawn),
            conflict(ConflictKind::DuplicatePhone),
        ];
        let refs: Vec<&Reminder> = three.iter().collect();
        let words = group(&refs, Lang::Vi).expect("grouped");
        assert_eq!(words.summary, "3 xung đột mới cần xử lý");
        assert_eq!(
            words.body,
            "Hai khách hàng trùng số điện thoại; Ví của khách bị âm"
        );
        assert!(group(&refs[..1], Lang::Vi).is_none(), "one is worded alone");
        assert_eq!(
            group(&refs, Lang::En).expect("grouped").summary,
            "3 new conflicts to resolve"
        );
        assert_eq!(
            group(&refs[..2], Lang::Id).expect("grouped").body,
            "Dua pelanggan memakai nomor telepon yang sama; Saldo dompet pelanggan minus"
        );
        let b = booking();
        assert!(group(&[&b, &b], Lang::Vi).is_none(), "bookings never group");
    }
}
