//! The sentences of desktop notifications, in Vietnamese, English and
//! Indonesian. The UI words the same reminders from its own translation
//! files (`reminder.*` in ui/src/i18n); this small table exists because the
//! operating system shows a desktop notification, not the web view. The
//! language is the one the UI last said it shows (`reminders(lang)`), else
//! the business country's.

use caredesk_store::{ConflictKind, Lang, Reminder, ReminderSubject};

/// What a desktop notification shows: a title and one or two lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub summary: String,
    pub body: String,
}

/// The notification for one reminder.
pub fn of(reminder: &Reminder, lang: Lang) -> Words {
    use Lang::{En, Id, Vi};
    match &reminder.subject {
        ReminderSubject::BookingSoon {
            customer_name,
            start,
            services,
            staff,
            ..
        } => {
            let time = clock(start);
            let (services, staff) = (services.join(", "), staff.join(", "));
            Words {
                summary: match lang {
                    Vi => format!("Lịch hẹn lúc {time}: {customer_name}"),
                    En => format!("Booking at {time}: {customer_name}"),
                    Id => format!("Janji temu pukul {time}: {customer_name}"),
                },
                body: match lang {
                    Vi => format!("{services} với {staff}"),
                    En => format!("{services} with {staff}"),
                    Id => format!("{services} dengan {staff}"),
                },
            }
        }
        ReminderSubject::TreatmentExpiring {
            customer_name,
            name,
            expires_on,
            remaining,
            ..
        } => {
            let date = expires_on.strftime("%d/%m/%Y");
            Words {
                summary: match lang {
                    Vi => format!("Gói của {customer_name} sắp hết hạn"),
                    En => format!("{customer_name}'s package expires soon"),
                    Id => format!("Paket {customer_name} segera berakhir"),
                },
                body: match lang {
                    Vi => format!("{name}: hạn dùng {date}, còn {remaining} buổi chưa dùng"),
                    En if *remaining == 1 => {
                        format!("{name}: valid until {date}, 1 session unused")
                    }
                    En => format!("{name}: valid until {date}, {remaining} sessions unused"),
                    Id => format!("{name}: berlaku sampai {date}, sisa {remaining} sesi"),
                },
            }
        }
        ReminderSubject::SyncFailing { since, .. } => {
            let time = clock(since);
            Words {
                summary: match lang {
                    Vi => format!("Không đồng bộ được từ {time}"),
                    En => format!("Sync has failed since {time}"),
                    Id => format!("Sinkronisasi gagal sejak {time}"),
                },
                body: match lang {
                    Vi => "Các thay đổi vẫn được lưu trên quầy này và sẽ được gửi khi kết nối lại máy chủ.",
                    En => "Changes are kept on this counter and will be sent once the server is reached.",
                    Id => "Perubahan tetap tersimpan di konter ini dan dikirim saat server terhubung kembali.",
                }
                .to_owned(),
            }
        }
        ReminderSubject::Conflict { conflict_kind, .. } => Words {
            summary: match lang {
                Vi => "Xung đột mới cần xử lý",
                En => "New conflict to resolve",
                Id => "Konflik baru perlu diselesaikan",
            }
            .to_owned(),
            body: conflict_title(*conflict_kind, lang).to_owned(),
        },
    }
}

/// One notification for several reminders of one kind that came due
/// together (a counter starting with five open conflicts shows one, not
/// five). `None` for bookings, which are each their own, and for a single
/// reminder, which `of` words.
pub fn group(reminders: &[&Reminder], lang: Lang) -> Option<Words> {
    use Lang::{En, Id, Vi};
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
    let summary = match &reminders[0].subject {
        ReminderSubject::Conflict { .. } => {
            for reminder in reminders {
                if let ReminderSubject::Conflict { conflict_kind, .. } = &reminder.subject {
                    add(conflict_title(*conflict_kind, lang).to_owned());
                }
            }
            match lang {
                Vi => format!("{n} xung đột mới cần xử lý"),
                En => format!("{n} new conflicts to resolve"),
                Id => format!("{n} konflik baru perlu diselesaikan"),
            }
        }
        ReminderSubject::TreatmentExpiring { .. } => {
            for reminder in reminders {
                if let ReminderSubject::TreatmentExpiring { customer_name, .. } = &reminder.subject
                {
                    add(customer_name.clone());
                }
            }
            match lang {
                Vi => format!("{n} gói liệu trình sắp hết hạn"),
                En => format!("{n} packages expire within 3 days"),
                Id => format!("{n} paket segera berakhir"),
            }
        }
        ReminderSubject::BookingSoon { .. } | ReminderSubject::SyncFailing { .. } => return None,
    };
    Some(Words {
        summary,
        body: lines.join("; "),
    })
}

/// The conflicts inbox's title for each kind (`conflict.<kind>` in the UI).
fn conflict_title(kind: ConflictKind, lang: Lang) -> &'static str {
    use ConflictKind::*;
    use Lang::{En, Id, Vi};
    match (kind, lang) {
        (StaffDoubleBooked, Vi) => "Nhân viên bị đặt trùng giờ",
        (StaffDoubleBooked, En) => "Staff member booked twice at once",
        (StaffDoubleBooked, Id) => "Staf dipesan dua kali pada waktu yang sama",
        (RoomOverbooked, Vi) => "Phòng bị đặt quá số chỗ",
        (RoomOverbooked, En) => "Room booked beyond its places",
        (RoomOverbooked, Id) => "Ruangan dipesan melebihi kapasitas",
        (TreatmentOverused, Vi) => "Gói liệu trình bị dùng quá số buổi",
        (TreatmentOverused, En) => "Package used beyond its sessions",
        (TreatmentOverused, Id) => "Paket dipakai melebihi jumlah sesinya",
        (WalletOverdrawn, Vi) => "Ví của khách bị âm",
        (WalletOverdrawn, En) => "Customer's wallet below zero",
        (WalletOverdrawn, Id) => "Saldo dompet pelanggan minus",
        (DuplicatePhone, Vi) => "Hai khách hàng trùng số điện thoại",
        (DuplicatePhone, En) => "Two customers share a phone number",
        (DuplicatePhone, Id) => "Dua pelanggan memakai nomor telepon yang sama",
        (MergedFileActive, Vi) => "Hồ sơ đã gộp vẫn có giao dịch mới",
        (MergedFileActive, En) => "A merged customer file received something new",
        (MergedFileActive, Id) => "Berkas pelanggan yang sudah digabung menerima transaksi baru",
        (TicketResolvedTwice, Vi) => "Phiếu được giải quyết hai lần, bồi thường hai lần",
        (TicketResolvedTwice, En) => "Ticket resolved twice, compensation paid twice",
        (TicketResolvedTwice, Id) => "Tiket diselesaikan dua kali, kompensasi dibayar dua kali",
        (PayoutOverOwed, Vi) => "Nhân viên được trả nhiều hơn số tiền làm được",
        (PayoutOverOwed, En) => "Staff member paid more than earned",
        (PayoutOverOwed, Id) => "Staf dibayar lebih dari yang diperoleh",
    }
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
        let b = booking();
        assert!(group(&[&b, &b], Lang::Vi).is_none(), "bookings never group");
    }
}
