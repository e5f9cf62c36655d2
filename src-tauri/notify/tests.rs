//! The notifier on real database files, with a desktop that records or
//! fails in place of the operating system's (dbus_tests.rs puts the real
//! one on a real D-Bus).

use caredesk_domain::booking::BookingSource;
use caredesk_domain::hours::Span;
use caredesk_store::{NewBooking, NewItem, NewPackage, NewService, WEEK};

use super::words::Words;
use super::*;

/// A counter with An's massage by Minh at 14:00 on 21 November 2026.
pub(super) struct Counter {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

/// 13:55 at the counter (Saigon): the massage starts in five minutes.
pub(super) const FIVE_BEFORE: &str = "2026-11-21T06:55:00Z";

pub(super) fn counter() -> Counter {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("caredesk.db");
    let mut store = caredesk_counter::database::create_with_demo_staff(&db).expect("created");
    let ctx = store
        .context(Some(store.local_time("2026-11-21T08:00").expect("time")))
        .expect("owner");
    let massage = store
        .catalog_mut()
        .add_service(
            &ctx,
            NewService {
                name: "Massage body".to_owned(),
                minutes: 60,
                price: 450_000,
                ..NewService::default()
            },
        )
        .expect("service")
        .id
        .to_string();
    store
        .schedule_mut()
        .set_staff_services(&ctx, "Minh", std::slice::from_ref(&massage))
        .expect("services");
    for day in WEEK {
        let span = Span::parse("08:00", "20:00").expect("span");
        store
            .schedule_mut()
            .set_staff_hours(&ctx, "Minh", day, vec![span])
            .expect("hours");
    }
    let an = store
        .customers_mut()
        .add_customer(
            &ctx,
            caredesk_store::NewCustomer {
                name: "Nguyễn Văn An".to_owned(),
                phone: "0912 345 678".to_owned(),
                ..Default::default()
            },
        )
        .expect("customer");
    let request = NewBooking {
        customer: an.id.to_string(),
        items: vec![NewItem {
            service: massage,
            staff: "Minh".to_owned(),
            start: store.local_time("2026-11-21T14:00").expect("time"),
            end: None,
            room: None,
            treatment: None,
        }],
        source: BookingSource::Phone,
        notes: String::new(),
    };
    store
        .bookings_mut()
        .add_booking(&ctx, request)
        .expect("booked");
    Counter { dir, db }
}

/// Sells `customer` a card of one session that is valid 3 days from 21
/// November (its last day, the 23rd, is within the reminder's 3 days).
fn sell_short_card(db: &Path, customer: (&str, &str)) {
    let mut store = Store::open(db).expect("open");
    let ctx = store
        .context(Some(store.local_time("2026-11-21T08:00").expect("time")))
        .expect("owner");
    let buyer = store
        .customers_mut()
        .add_customer(
            &ctx,
            caredesk_store::NewCustomer {
                name: customer.0.to_owned(),
                phone: customer.1.to_owned(),
                ..Default::default()
            },
        )
        .expect("customer");
    let package = store
        .catalog_mut()
        .add_package(
            &ctx,
            NewPackage {
                name: format!("Thử 1 buổi ({})", customer.0),
                service: None,
                sessions: 1,
                valid_days: 3,
                price: 100_000,
                home_visit: false,
            },
        )
        .expect("package");
    store
        .treatments_mut()
        .sell_treatment(&ctx, &buyer.id.to_string(), &package.id.to_string())
        .expect("sold");
}

/// A desktop that keeps what it was asked to show, or refuses everything.
#[derive(Default)]
pub(super) struct Recording {
    pub shown: Vec<Words>,
    pub down: bool,
}

impl Desktop for Recording {
    fn send(&mut self, words: &Words) -> Result<(), String> {
        if self.down {
            return Err("org.freedesktop.DBus.Error.ServiceUnknown".to_owned());
        }
        self.shown.push(words.clone());
        Ok(())
    }
}

fn at(utc: &str) -> Timestamp {
    utc.parse().expect("time")
}

/// One round; what reached the app.
fn round(notifier: &mut Notifier, now: &str, desktop: &mut Recording) -> Vec<Reminder> {
    let mut in_app = Vec::new();
    let new = notifier
        .round(at(now), desktop, &mut |r: &Reminder| in_app.push(r.clone()))
        .expect("round");
    assert_eq!(new, in_app, "every new reminder goes to the app");
    in_app
}

#[test]
fn a_booking_about_to_start_is_shown_once_in_the_app_and_on_the_desktop() {
    let counter = counter();
    let board = Arc::new(Board::default());
    let mut notifier = Notifier::new(&counter.db, board.clone());
    let mut desktop = Recording::default();

    assert!(round(&mut notifier, "2026-11-21T06:49:00Z", &mut desktop).is_empty());
    let in_app = round(&mut notifier, FIVE_BEFORE, &mut desktop);
    assert_eq!(in_app.len(), 1);
    assert!(in_app[0].key.starts_with("booking:"), "{}", in_app[0].key);
    assert_eq!(
        desktop.shown,
        [Words {
            summary: "Lịch hẹn lúc 14:00: Nguyễn Văn An".to_owned(),
            body: "Massage body với Minh".to_owned(),
        }]
    );
    assert_eq!(board.shown(), in_app, "the board lists it for the window");

    assert!(round(&mut notifier, "2026-11-21T06:56:00Z", &mut desktop).is_empty());
    assert_eq!(desktop.shown.len(), 1, "shown once");
}

#[test]
fn a_restart_does_not_show_again_what_was_shown_and_the_file_keeps_only_what_is_due() {
    let counter = counter();
    let mut desktop = Recording::default();
    let shown = round(
        &mut Notifier::new(&counter.db, Arc::default()),
        FIVE_BEFORE,
        &mut desktop,
    );
    let file = path_for(&counter.db);
    assert_eq!(file, counter.dir.path().join(FILE_NAME));
    assert_eq!(load(&file), BTreeSet::from([shown[0].key.clone()]));

    let board = Arc::new(Board::default());
    let mut restarted = Notifier::new(&counter.db, board.clone());
    assert!(round(&mut restarted, "2026-11-21T06:57:00Z", &mut desktop).is_empty());
    assert_eq!(desktop.shown.len(), 1);
    assert_eq!(board.shown(), shown, "still listed after the restart");

    round(&mut restarted, "2026-11-21T07:01:00Z", &mut desktop);
    assert!(load(&file).is_empty(), "the booking has started");
    assert!(board.shown().is_empty());

    std::fs::write(&file, "{not json").expect("write");
    assert!(load(&file).is_empty(), "a bad file means nothing was shown");
}

#[test]
fn without_a_desktop_every_reminder_still_reaches_the_app_and_the_failure_is_logged_once() {
    let counter = counter();
    let mut notifier = Notifier::new(&counter.db, Arc::default());
    let mut down = Recording {
        down: true,
        ..Recording::default()
    };
    let first = round(&mut notifier, FIVE_BEFORE, &mut down);
    assert_eq!(first.len(), 1, "the booking, in the app");
    assert!(notifier.desktop_down);

    sell_short_card(&counter.db, ("Trần Thị Bích", "0983 111 222"));
    let again = round(&mut notifier, "2026-11-21T06:56:00Z", &mut down);
    assert_eq!(again.len(), 1, "the card, in the app");
    assert!(notifier.desktop_down, "still down, not logged again");

    sell_short_card(&counter.db, ("Lê Hoàng Yến", "0971 444 555"));
    let mut up = Recording::default();
    round(&mut notifier, "2026-11-21T06:57:00Z", &mut up);
    assert_eq!(up.shown.len(), 1);
    assert!(!notifier.desktop_down, "back");
}

#[test]
fn the_desktop_speaks_the_language_the_ui_last_asked_for() {
    let counter = counter();
    let board = Arc::new(Board::default());
    board.set_lang(Lang::En);
    let mut notifier = Notifier::new(&counter.db, board);
    let mut desktop = Recording::default();
    round(&mut notifier, FIVE_BEFORE, &mut desktop);
    assert_eq!(desktop.shown[0].summary, "Booking at 14:00: Nguyễn Văn An");
}

#[test]
fn cards_that_come_due_together_make_one_desktop_notification() {
    let counter = counter();
    sell_short_card(&counter.db, ("Trần Thị Bích", "0983 111 222"));
    sell_short_card(&counter.db, ("Lê Hoàng Yến", "0971 444 555"));
    let mut notifier = Notifier::new(&counter.db, Arc::default());
    let mut desktop = Recording::default();
    let in_app = round(&mut notifier, FIVE_BEFORE, &mut desktop);
    assert_eq!(
        in_app.len(),
        3,
        "the booking and two cards, each in the app"
    );
    let summaries: Vec<&str> = desktop.shown.iter().map(|w| w.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "Lịch hẹn lúc 14:00: Nguyễn Văn An",
            "2 gói liệu trình sắp hết hạn"
        ]
    );
    assert_eq!(desktop.shown[1].body, "Trần Thị Bích; Lê Hoàng Yến");
}
