//! CareDesk's local store: the only place SQL lives.
//!
//! A `Store` is one open database file. Every command (`add_customer`,
//! `edit_customer`, ...) runs in ONE transaction: validate against the current
//! state, append ops with the next `device_seq`, update the projections
//! through the domain folds. A command that fails writes nothing.
//! Queries read the projections.

mod access;
mod audit;
mod backup;
mod bookings;
mod business;
mod catalog;
mod classes;
mod conflicts;
mod customers;
mod days;
mod db;
mod drawer;
mod dump;
mod error;
mod handles;
mod jobs;
mod oplog;
mod ordered;
mod packages;
mod payroll;
mod project;
mod receive;
mod recovery;
mod reminders;
mod report;
mod rewrite;
mod sales;
mod schedule;
mod seed;
mod series;
mod staff;
mod sync;
mod tickets;
mod time;
mod treatments;
mod wallets;
mod writer;

use std::path::{Path, PathBuf};

use caredesk_domain::business::{BusinessConfigured, BusinessSettings};
use caredesk_domain::id::{DeviceId, StaffId};
use caredesk_domain::staff::{Role, StaffJoined};
use jiff::Timestamp;
use rusqlite::{Connection, params};

pub use access::{MAX_PIN_FAILURES, NewStaff, PIN_LOCKOUT};
pub use audit::{AuditEntry, AuditFilter, Lang};
pub use backup::{
    BACKUP_INTERVAL, BackupFile, BackupPolicy, RestoreRefusal, Restored, backups_dir,
};
pub use bookings::{
    BookingMove, BookingView, DaySheet, HistoryView, ItemView, NewBooking, NewItem, SheetClass,
    SheetEntry, StaffDay,
};
pub use business::InitSettings;
pub use catalog::{NewService, RoomEdit, RoomInfo, ServiceEdit, ServiceInfo};
pub use classes::{
    ClassHistoryView, ClassView, CustomerClass, NewClass, Person, PlaceView, StandingFields,
};
pub use conflicts::{Conflict, ConflictKind};
pub use customers::{
    Customer, Customer360, CustomerEdit, CustomerHit, CustomerNote, MatchKind, Merged, NewCustomer,
};
pub use db::schema_version;
pub use drawer::{DrawerView, MoveView, RegisterDrawer};
pub use dump::Dump;
pub use error::{Result, StoreError};
pub use handles::{
    Bookings, Catalog, Classes, Customers, Drawers, Payroll, Sales, Schedule, Tickets, Treatments,
    Wallets,
};
pub use jobs::JobsRun;
pub use oplog::{LoggedOp, OpFilter};
pub use packages::{NewPackage, PackageEdit, PackageInfo};
pub use payroll::{
    AdjustmentView, EarningView, Income, Month, PayLine, PaySheet, PayoutView, RateView, StaffPay,
};
pub use receive::Received;
pub use recovery::{PendingRekey, Recovered, RekeyDone};
pub use reminders::{BOOKING_LEAD, EXPIRY_DAYS, Reminder, ReminderSubject, SYNC_FAILING_FOR};
pub use report::{DayReport, HourFigures, Liabilities, SessionCount};
pub use sales::{
    LineRef, NewLine, NewPayment, NewRefund, NewSale, Quote, RECEIPT_WIDTHS_MM, RefundView,
    SaleRefund, SaleView,
};
pub use schedule::{BookableService, SlotView, StaffSchedule, WEEK, parse_date};
pub use seed::{SalesSeed, SalesSeeded, SeedOptions, SeedReport};
pub use staff::StaffMember;
pub use sync::{SyncLink, SyncStatus};
pub use tickets::{
    Escalated, NewTicket, Resolution, ResolutionView, StatusFilter, TicketCustomer, TicketEdit,
    TicketFilter, TicketLine, TicketStats, TicketStep, TicketView, TypeStats,
};
pub use treatments::{
    HomeSale, HomeSold, HomeSwap, HomeView, SessionLine, StatementLine, SwapLine, TreatmentView,
};
pub use wallets::{CreditView, EntryView, WalletMove, WalletSpend, WalletView};

use crate::db::FileKind;
use crate::writer::Writer;

/// The file name of the counter's database inside the app's data directory.
pub const DB_FILE_NAME: &str = "caredesk.db";
/// The desktop app's identifier: its data directory is named after it.
pub const APP_IDENTIFIER: &str = "app.caredesk.counter";

/// Where the desktop app keeps its database, and so where `caredesk` looks by
/// default: the platform's data directory (`~/.local/share` on Linux) plus the
/// app identifier, as Tauri's `app_data_dir` resolves it.
pub fn default_db_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
        .join(DB_FILE_NAME)
}

/// Who is acting and what time the business clock says. Every op records the
/// actor; policies and expiry read `now` (which `--now` can set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ctx {
    pub actor: StaffId,
    /// A manager who approved this command with their PIN, for what the
    /// actor's role may not do alone. Recorded on every op it writes.
    pub approver: Option<StaffId>,
    pub now: Timestamp,
}

/// Where the hybrid clock of new ops reads the time. Business time is
/// `Ctx.now`; this is the machine's clock, which stamps ops and which the
/// server checks (`clock_ahead`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WallClock {
    /// The system clock.
    #[default]
    System,
    /// A clock that says this time (the stamps still tick past it): how a
    /// test makes a counter whose clock ran ahead, without touching the
    /// machine's.
    At(Timestamp),
}

impl WallClock {
    pub fn now(self) -> Timestamp {
        match self {
            WallClock::System => Timestamp::now(),
            WallClock::At(at) => at,
        }
    }

    pub(crate) fn now_ms(self) -> u64 {
        u64::try_from(self.now().as_millisecond()).unwrap_or(0)
    }
}

/// One open CareDesk database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    device: DeviceId,
    clock: WallClock,
    register_code: String,
    settings: BusinessSettings,
    /// False on a counter that joined a branch and has not pulled the
    /// business yet (`settings` is then a placeholder).
    has_business: bool,
}

impl Store {
    /// Creates a CareDesk database at `path` (the file may exist only if it
    /// is empty): schema, this device, the business settings and the owner
    /// account, in one transaction.
    pub fn init(path: &Path, settings: InitSettings) -> Result<Store> {
        let business = settings.business.validated()?;
        let owner_name = caredesk_domain::customer::check_name(&settings.owner_name)?;
        let owner_pin = settings
            .owner_pin
            .as_deref()
            .map(access::hash_pin)
            .transpose()?;
        let register_code = match settings.register_code {
            Some(code) => check_register_code(&code)?,
            None => random_register_code(),
        };
        let mut conn = create_file(path)?;
        // Schema, device, settings and owner in ONE transaction: a failure
        // anywhere leaves the file as it was, never half a database.
        let device = DeviceId::new();
        let owner = StaffId::new();
        let now = Timestamp::now();
        let mut writer = Writer::begin(&mut conn, device, owner, None, WallClock::System)?;
        db::apply_pending(writer.tx())?;
        writer.tx().execute(
            "INSERT INTO device (singleton, id, register_code, created_at) VALUES (1, ?1, ?2, ?3)",
            params![device.to_string(), register_code, now.as_millisecond()],
        )?;
        writer.append(
            business::entity(),
            caredesk_domain::business::BusinessEvent::from(BusinessConfigured {
                settings: business,
            }),
        )?;
        writer.append(
            owner,
            caredesk_domain::staff::StaffEvent::from(StaffJoined {
                name: owner_name,
                role: Role::Owner,
            }),
        )?;
        if let Some(pin_hash) = owner_pin {
            writer.append(
                owner,
                caredesk_domain::staff::StaffEvent::PinSet(caredesk_domain::staff::StaffPinSet {
                    pin_hash,
                }),
            )?;
        }
        writer.commit()?;
        Store::from_connection(conn, path)
    }

    /// Creates an empty counter that will join a branch: schema and this
    /// device, no business and no ops. Pairing it and pulling brings the
    /// branch's business, staff and customers.
    pub fn join(path: &Path, register_code: Option<String>) -> Result<Store> {
        let register_code = match register_code {
            Some(code) => check_register_code(&code)?,
            None => random_register_code(),
        };
        let mut conn = create_file(path)?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        db::apply_pending(&tx)?;
        tx.execute(
            "INSERT INTO device (singleton, id, register_code, created_at) VALUES (1, ?1, ?2, ?3)",
            params![
                DeviceId::new().to_string(),
                register_code,
                Timestamp::now().as_millisecond()
            ],
        )?;
        tx.commit()?;
        Store::from_connection(conn, path)
    }

    /// Opens an initialised database, migrating it to this build's schema
    /// (backed up first when it was older), and makes the day's backup if
    /// none was made in the last 24 hours.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::NotInitialized(path.to_owned()));
        }
        let mut conn = db::connect(path, false)?;
        match db::file_kind(&conn)? {
            FileKind::Empty => return Err(StoreError::NotInitialized(path.into())),
            FileKind::Foreign => return Err(StoreError::NotCareDesk(path.into())),
            FileKind::CareDesk { version } if version > schema_version() => {
                return Err(StoreError::DatabaseTooNew {
                    found: version,
                    known: schema_version(),
                });
            }
            FileKind::CareDesk { .. } => {}
        }
        db::migrate(&mut conn, path)?;
        let store = Store::from_connection(conn, path)?;
        // The daily backup rides on opening, so it needs no scheduler in the
        // app or the CLI. A failure must not keep the counter from working;
        // `backup_due` stays true, which the app can show as a warning.
        let _ = store.backup_if_due(Timestamp::now());
        Ok(store)
    }

    fn from_connection(conn: Connection, path: &Path) -> Result<Store> {
        let (device, register_code): (String, String) = conn.query_row(
            "SELECT id, register_code FROM device WHERE singleton = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let device = device
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("device id {device:?}")))?;
        // A counter that joined a branch has no business until it pulls;
        // until then it shows the default and refuses commands (`context`).
        let loaded = business::try_load_settings(&conn)?;
        let has_business = loaded.is_some();
        let settings = loaded
            .unwrap_or_else(|| BusinessSettings::for_country(caredesk_domain::Country::Vietnam));
        Ok(Store {
            conn,
            path: path.to_owned(),
            device,
            clock: WallClock::System,
            register_code,
            settings,
            has_business,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn device_id(&self) -> DeviceId {
        self.device
    }

    /// The clock that stamps this store's new ops.
    pub fn wall_clock(&self) -> WallClock {
        self.clock
    }

    pub fn set_wall_clock(&mut self, clock: WallClock) {
        self.clock = clock;
    }

    pub fn register_code(&self) -> &str {
        &self.register_code
    }

    pub fn settings(&self) -> &BusinessSettings {
        &self.settings
    }

    /// Acting as the owner, at `now` (the clock when `None`).
    pub fn context(&self, now: Option<Timestamp>) -> Result<Ctx> {
        self.check_has_business()?;
        Ok(Ctx {
            actor: staff::owner(&self.conn)?.id,
            approver: None,
            now: now.unwrap_or_else(Timestamp::now),
        })
    }

    /// Acting as the staff member with this id or name.
    pub fn context_as(&self, who: &str, now: Option<Timestamp>) -> Result<Ctx> {
        self.check_has_business()?;
        Ok(Ctx {
            actor: staff::acting(&self.conn, who)?.id,
            approver: None,
            now: now.unwrap_or_else(Timestamp::now),
        })
    }

    fn check_has_business(&self) -> Result<()> {
        if self.has_business {
            Ok(())
        } else {
            Err(StoreError::AwaitingSync)
        }
    }

    pub fn staff(&self) -> Result<Vec<StaffMember>> {
        staff::list(&self.conn)
    }

    /// A staff member by id, or by name ignoring case and diacritics.
    pub fn staff_member(&self, who: &str) -> Result<StaffMember> {
        staff::find(&self.conn, who)
    }

    /// Reads `YYYY-MM-DDTHH:MM` as wall-clock time in the business's zone.
    pub fn local_time(&self, text: &str) -> Result<Timestamp> {
        time::parse_local(text, &self.settings.time_zone())
    }

    /// RFC 3339 with the business zone's offset, as JSON output gives times.
    pub fn format_time(&self, at: Timestamp) -> String {
        time::rfc3339(at, &self.settings.time_zone())
    }

    /// `21/11/2026 09:30` in the business zone, for sentences and lists.
    pub fn format_time_short(&self, at: Timestamp) -> String {
        time::day_first(at, &self.settings.time_zone())
    }

    fn writer(&mut self, ctx: &Ctx) -> Result<Writer<'_>> {
        Writer::begin(
            &mut self.conn,
            self.device,
            ctx.actor,
            ctx.approver,
            self.clock,
        )
    }
}

/// Opens `path` for a new database: its directory is made, and the file
/// must be new or empty.
fn create_file(path: &Path) -> Result<Connection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
            path: parent.to_owned(),
            source,
        })?;
    }
    let conn = db::connect(path, true)?;
    match db::file_kind(&conn)? {
        FileKind::Empty => Ok(conn),
        FileKind::CareDesk { .. } => Err(StoreError::AlreadyInitialized(path.into())),
        FileKind::Foreign => Err(StoreError::NotCareDesk(path.into())),
    }
}

/// Register codes are short and unambiguous when read aloud or printed:
/// Crockford's base-32 alphabet (no I, L, O, U).
const REGISTER_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn check_register_code(code: &str) -> Result<String> {
    let code = code.trim().to_ascii_uppercase();
    let ok = (1..=4).contains(&code.len()) && code.bytes().all(|b| REGISTER_ALPHABET.contains(&b));
    if ok {
        Ok(code)
    } else {
        Err(StoreError::Input(
            caredesk_domain::customer::InputError::Code(format!(
                "register code {code:?} must be 1 to 4 of 0-9 A-Z (without I, L, O, U)"
            )),
        ))
    }
}

/// Three characters: 32,768 codes, so two counters of one business picking at
/// random collide with odds of about 1 in 33,000. Pairing with the server
/// (the sync issue) hands out codes that cannot collide.
fn random_register_code() -> String {
    use rand::Rng;
    let bytes: [u8; 3] = rand::rng().random();
    bytes
        .iter()
        .map(|b| REGISTER_ALPHABET[usize::from(*b) % REGISTER_ALPHABET.len()] as char)
        .collect()
}
