use std::path::PathBuf;

use caredesk_domain::booking::TransitionError;
use caredesk_domain::business::SettingsError;
use caredesk_domain::calendar::CalendarError;
use caredesk_domain::catalog::CatalogError;
use caredesk_domain::customer::InputError;
use caredesk_domain::hours::HoursError;
use caredesk_domain::op::DecodeError;
use caredesk_domain::phone::PhoneError;
use caredesk_domain::text::TextError;

/// Everything a store call can refuse. Each error has a stable `code()` that
/// the CLI prints in its JSON and the app translates for the person at the
/// counter; the Display text is the English explanation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("phone {phone} already belongs to {name} ({code}, id {id})")]
    DuplicatePhone {
        phone: String,
        id: String,
        name: String,
        code: String,
    },
    #[error("customer code {code} already belongs to {name} (id {id})")]
    DuplicateCode {
        code: String,
        id: String,
        name: String,
    },
    #[error("no customer {0:?}: expected a customer id or the phone number of a customer")]
    CustomerNotFound(String),
    #[error("no staff member {0:?}: expected a staff id or name")]
    StaffNotFound(String),
    #[error("no service {0:?}: expected a service id or name")]
    ServiceNotFound(String),
    #[error("no room {0:?}: expected a room id or name")]
    RoomNotFound(String),
    #[error("no booking {0:?}: expected a booking id")]
    BookingNotFound(String),
    #[error("no class {0:?}: expected a class id")]
    ClassNotFound(String),
    #[error("no open conflict {0:?}: it was resolved, or expected a conflict id")]
    ConflictNotFound(String),
    #[error("no package {0:?}: expected a package id or name")]
    PackageNotFound(String),
    #[error("no treatment {0:?}: expected a treatment id")]
    TreatmentNotFound(String),
    #[error("{0} has no session used beyond the card: say how many sessions to charge")]
    NothingToCharge(String),
    #[error(
        "nothing to merge: give two customer files, or a merged file that still holds something"
    )]
    NothingToMerge,
    #[error("{0} is no longer sold")]
    PackageInactive(String),
    #[error(transparent)]
    Package(#[from] caredesk_domain::package::PackageError),
    #[error("treatment {treatment} cannot pay for this booking: {refusal}")]
    Treatment {
        treatment: String,
        refusal: caredesk_domain::treatment::TreatmentRefusal,
    },
    #[error("{0} is a home visit: give the therapist and the first session's start")]
    FirstVisitRequired(String),
    #[error("{0} is not a home-visit package")]
    NotHomeVisit(String),
    #[error("{0} has no address on file: give the address of the home visits")]
    AddressMissing(String),
    #[error("{0} changed while this was being done: try again")]
    ChangedMeanwhile(String),
    #[error("wallet: {0}")]
    Wallet(caredesk_domain::wallet::WalletRefusal),
    #[error("pay: {0}")]
    Pay(caredesk_domain::payroll::PayRefusal),
    #[error("sale: {0}")]
    Sale(#[from] caredesk_domain::sale::SaleError),
    #[error("refund: {0}")]
    Refund(#[from] caredesk_domain::sale::RefundRefusal),
    #[error("drawer: {0}")]
    Drawer(#[from] caredesk_domain::drawer::DrawerRefusal),
    #[error(transparent)]
    Checkout(#[from] caredesk_domain::sale::CheckoutError),
    #[error("ticket: {0}")]
    Ticket(#[from] caredesk_domain::ticket::TicketRefusal),
    #[error(transparent)]
    TicketSettings(caredesk_domain::ticket::TicketSettingsError),
    #[error("no ticket {0:?}: expected a ticket code or id")]
    TicketNotFound(String),
    #[error("{0} has no treatment that can take a free session")]
    NoTreatmentToGrant(String),
    #[error("say which treatment gets the free session: {0}")]
    WhichTreatment(String),
    #[error("no sale {0:?}: expected a sale id or receipt number")]
    SaleNotFound(String),
    #[error("a receipt roll is 80 or 58 mm wide, not {0}")]
    ReceiptWidth(u16),
    #[error("booking {booking} is {status}: only a completed booking is paid at checkout")]
    BookingNotCompleted { booking: String, status: String },
    #[error("{what} is already paid on receipt {number}")]
    AlreadyPaid { what: String, number: String },
    #[error("{what} belongs to {owner}, not to this sale's customer")]
    OtherCustomer { what: String, owner: String },
    #[error(
        "receipt {number} is from {day}: only a sale of today can be voided; refund it instead"
    )]
    VoidTooLate { number: String, day: String },
    #[error("{name} already runs until {expires_on}: an extension must go later")]
    ExtensionNotLater {
        name: String,
        expires_on: jiff::civil::Date,
    },
    #[error("{class}: {refusal}")]
    Class {
        class: String,
        refusal: caredesk_domain::class::ClassRefusal,
    },
    #[error("the class started at {start}: places can no longer change")]
    ClassStarted { start: String },
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Hours(#[from] HoursError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error("a booking needs at least one service")]
    NoItems,
    #[error("{staff} has no leave or extra shift {id}")]
    ExceptionNotFound { staff: String, id: String },
    #[error("an extra shift needs its hours (from and to)")]
    ExtraShiftNeedsHours,
    #[error("{service} cannot take place in {room}")]
    RoomNotForService { service: String, room: String },
    #[error("bad date {0:?}: expected YYYY-MM-DD")]
    BadDate(String),
    #[error("{0} is no longer offered")]
    ServiceInactive(String),
    #[error("{staff} does not perform {service}")]
    DoesNotPerform { staff: String, service: String },
    #[error(
        "{staff} is not working from {start} to {until} (working hours, leave and opening hours)"
    )]
    OutsideHours {
        staff: String,
        start: String,
        until: String,
    },
    #[error("{start} is in the past")]
    InThePast { start: String },
    #[error("{start} is too soon: bookings for today start more than {lead_minutes} minutes ahead")]
    TooSoon { start: String, lead_minutes: u16 },
    #[error("the end {end} must come after the start {start}")]
    EndBeforeStart { start: String, end: String },
    #[error("{staff} is already booked from {start} to {until} (booking {booking})")]
    DoubleBooking {
        staff: String,
        booking: String,
        start: String,
        until: String,
    },
    #[error("{room} has no place left from {start} to {until}")]
    RoomFull {
        room: String,
        start: String,
        until: String,
    },
    #[error("{0} needs a room and none of its rooms is free")]
    NoRoom(String),
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error("a {0} booking cannot be moved: only PENDING and CONFIRMED ones can")]
    CannotReschedule(caredesk_domain::booking::BookingStatus),
    #[error("the booking starts at {start}: a no-show can only be recorded after that")]
    NoShowTooEarly { start: String },
    #[error("{name}'s profile is missing {missing}, which the business requires before booking")]
    ProfileIncomplete { name: String, missing: String },
    #[error("{name} ({role}) may not {action} without a manager's approval")]
    PermissionDenied {
        name: String,
        role: caredesk_domain::Role,
        action: caredesk_domain::Action,
    },
    #[error("{name} ({role}) may not approve {action}")]
    CannotApprove {
        name: String,
        role: caredesk_domain::Role,
        action: caredesk_domain::Action,
    },
    #[error("{name} ({role}) may not give anyone the role {wanted}")]
    CannotAppoint {
        name: String,
        role: caredesk_domain::Role,
        wanted: caredesk_domain::Role,
    },
    #[error("wrong PIN for {name}: {attempts_left} attempts left before the account locks")]
    WrongPin { name: String, attempts_left: u32 },
    #[error("{name}'s account is locked after repeated wrong PINs until {until}")]
    AccountLocked { name: String, until: String },
    #[error("{0} has no PIN yet: a manager sets one with `caredesk staff pin`")]
    NoPin(String),
    #[error("{0} is no longer active")]
    StaffInactive(String),
    #[error("there is already an active staff member called {0}")]
    DuplicateStaff(String),
    #[error("{0} is the last active owner: the business needs one")]
    LastOwner(String),
    #[error(transparent)]
    BadPin(#[from] caredesk_domain::staff::BadPin),
    #[error("nothing to change: give at least one field")]
    NothingToChange,
    #[error("bad time {0:?}: expected local time as YYYY-MM-DDTHH:MM")]
    BadTime(String),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error("{0} has no CareDesk database yet: run `caredesk init` first")]
    NotInitialized(PathBuf),
    #[error("{0} already holds a CareDesk database")]
    AlreadyInitialized(PathBuf),
    #[error(
        "this counter joined a branch and has not received the business yet: run `caredesk sync`"
    )]
    AwaitingSync,
    #[error(
        "this counter is not paired with a server: run `caredesk pair --server URL --code CODE`"
    )]
    NotPaired,
    #[error("this counter is already paired with {0}")]
    AlreadyPaired(String),
    #[error("sync: {0}")]
    SyncState(String),
    #[error(
        "this counter was restored from a backup: sync it once (`caredesk sync`) so that it gets \
         back what it made after the backup, before it takes new work"
    )]
    RestoreUnsynced,
    #[error(
        "this counter has no ops waiting to be sent: there is nothing to re-key, sync it as it is"
    )]
    NothingStuck,
    #[error("{0} is not a CareDesk database")]
    NotCareDesk(PathBuf),
    #[error(
        "the database has schema version {found}, newer than this build of CareDesk knows ({known}): update CareDesk before opening it"
    )]
    DatabaseTooNew { found: i64, known: i64 },
    #[error("the database holds an op this build cannot read: {0}")]
    Decode(#[from] DecodeError),
    #[error("the database is inconsistent: {0}")]
    Corrupt(String),
    #[error("storage error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot create {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("backup to {path} failed: {reason}")]
    BackupFailed { path: PathBuf, reason: String },
    #[error("cannot restore from {path}: {refusal}; the database was not changed")]
    RestoreRefused {
        path: PathBuf,
        refusal: crate::backup::RestoreRefusal,
    },
    #[error("restoring from {path} failed: {reason}")]
    RestoreFailed { path: PathBuf, reason: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// A stable, machine-readable code (`snake_case`).
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Input(input) => match input {
                InputError::Text(TextError::Empty { .. }) => "empty_field",
                InputError::Text(TextError::TooLong { .. }) => "too_long",
                InputError::Text(TextError::ControlCharacter { .. }) => "control_character",
                InputError::Phone(PhoneError::Empty) => "empty_field",
                InputError::Phone(_) => "invalid_phone",
                InputError::Email(_) => "invalid_email",
                InputError::Code(_) => "invalid_code",
            },
            StoreError::DuplicatePhone { .. } => "duplicate_phone",
            StoreError::DuplicateCode { .. } => "duplicate_code",
            StoreError::CustomerNotFound(_)
            | StoreError::StaffNotFound(_)
            | StoreError::ServiceNotFound(_)
            | StoreError::RoomNotFound(_)
            | StoreError::BookingNotFound(_)
            | StoreError::ClassNotFound(_)
            | StoreError::ConflictNotFound(_)
            | StoreError::PackageNotFound(_)
            | StoreError::TreatmentNotFound(_)
            | StoreError::SaleNotFound(_)
            | StoreError::TicketNotFound(_)
            | StoreError::ExceptionNotFound { .. } => "not_found",
            StoreError::ExtraShiftNeedsHours => "invalid_hours",
            StoreError::NoItems => "empty_field",
            StoreError::RoomNotForService { .. } => "room_not_for_service",
            StoreError::Catalog(CatalogError::Text(TextError::Empty { .. })) => "empty_field",
            StoreError::Catalog(CatalogError::Text(TextError::TooLong { .. })) => "too_long",
            StoreError::Catalog(_) => "invalid_value",
            StoreError::Hours(_) => "invalid_hours",
            StoreError::Calendar(_) => "invalid_settings",
            StoreError::BadDate(_) => "invalid_date",
            StoreError::ServiceInactive(_) => "service_inactive",
            StoreError::DoesNotPerform { .. } => "staff_does_not_perform",
            StoreError::OutsideHours { .. } => "outside_hours",
            StoreError::InThePast { .. } => "in_the_past",
            StoreError::TooSoon { .. } => "too_soon",
            StoreError::EndBeforeStart { .. } => "end_before_start",
            StoreError::DoubleBooking { .. } => "double_booking",
            StoreError::RoomFull { .. } | StoreError::NoRoom(_) => "room_full",
            StoreError::Transition(_) | StoreError::CannotReschedule(_) => "invalid_transition",
            StoreError::NoShowTooEarly { .. } => "too_early",
            StoreError::Class { refusal, .. } => refusal.code(),
            StoreError::ClassStarted { .. } => "class_started",
            StoreError::PackageInactive(_) => "package_inactive",
            StoreError::FirstVisitRequired(_) => "first_visit_required",
            StoreError::NotHomeVisit(_) => "not_home_visit",
            StoreError::AddressMissing(_) => "address_missing",
            StoreError::ChangedMeanwhile(_) => "changed_meanwhile",
            StoreError::Package(caredesk_domain::package::PackageError::Catalog(
                CatalogError::Text(TextError::Empty { .. }),
            )) => "empty_field",
            StoreError::Package(_)
            | StoreError::ExtensionNotLater { .. }
            | StoreError::ReceiptWidth(_) => "invalid_value",
            StoreError::Treatment { refusal, .. } => refusal.code(),
            StoreError::Wallet(refusal) => refusal.code(),
            StoreError::Pay(refusal) => refusal.code(),
            StoreError::Sale(error) => error.code(),
            StoreError::Refund(refusal) => refusal.code(),
            StoreError::Drawer(refusal) => refusal.code(),
            StoreError::Checkout(_) | StoreError::TicketSettings(_) => "invalid_settings",
            StoreError::Ticket(refusal) => refusal.code(),
            StoreError::NoTreatmentToGrant(_) => "no_treatment",
            StoreError::WhichTreatment(_) => "which_treatment",
            StoreError::BookingNotCompleted { .. } => "booking_not_completed",
            StoreError::AlreadyPaid { .. } => "already_paid",
            StoreError::NothingToCharge(_) => "nothing_to_charge",
            StoreError::NothingToMerge => "nothing_to_merge",
            StoreError::OtherCustomer { .. } => "other_customer",
            StoreError::VoidTooLate { .. } => "void_too_late",
            StoreError::ProfileIncomplete { .. } => "profile_incomplete",
            StoreError::PermissionDenied { .. } => "permission_denied",
            StoreError::CannotApprove { .. } => "cannot_approve",
            StoreError::CannotAppoint { .. } => "cannot_appoint",
            StoreError::WrongPin { .. } => "wrong_pin",
            StoreError::AccountLocked { .. } => "account_locked",
            StoreError::NoPin(_) => "no_pin",
            StoreError::StaffInactive(_) => "staff_inactive",
            StoreError::LastOwner(_) => "last_owner",
            StoreError::DuplicateStaff(_) => "duplicate_staff",
            StoreError::BadPin(_) => "invalid_pin",
            StoreError::NothingToChange => "nothing_to_change",
            StoreError::BadTime(_) => "invalid_time",
            StoreError::Settings(SettingsError::Text(TextError::Empty { .. })) => "empty_field",
            StoreError::Settings(SettingsError::Text(TextError::TooLong { .. })) => "too_long",
            StoreError::Settings(_) => "invalid_settings",
            StoreError::NotInitialized(_) => "not_initialized",
            StoreError::AlreadyInitialized(_) => "already_initialized",
            StoreError::AwaitingSync => "awaiting_sync",
            StoreError::NotPaired => "not_paired",
            StoreError::AlreadyPaired(_) => "already_paired",
            StoreError::SyncState(_) => "sync_state",
            StoreError::RestoreUnsynced => "restore_unsynced",
            StoreError::NothingStuck => "nothing_stuck",
            StoreError::NotCareDesk(_) => "not_a_caredesk_database",
            StoreError::DatabaseTooNew { .. } => "database_too_new",
            StoreError::Decode(_) | StoreError::Corrupt(_) => "corrupt",
            StoreError::Sqlite(_) | StoreError::Io { .. } => "storage",
            StoreError::BackupFailed { .. } => "backup_failed",
            StoreError::RestoreRefused { refusal, .. } => refusal.code(),
            StoreError::RestoreFailed { .. } => "restore_failed",
        }
    }

    /// The input field the error is about, for forms that show it in place.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            StoreError::Input(InputError::Text(
                TextError::Empty { field }
                | TextError::TooLong { field, .. }
                | TextError::ControlCharacter { field },
            )) => Some(field),
            StoreError::Input(InputError::Phone(_)) | StoreError::DuplicatePhone { .. } => {
                Some("phone")
            }
            StoreError::Input(InputError::Email(_)) => Some("email"),
            StoreError::Catalog(CatalogError::Text(
                TextError::Empty { field }
                | TextError::TooLong { field, .. }
                | TextError::ControlCharacter { field },
            )) => Some(field),
            StoreError::Catalog(CatalogError::Minutes(_)) => Some("minutes"),
            StoreError::Catalog(CatalogError::Buffer(_)) => Some("buffer_minutes"),
            StoreError::Catalog(CatalogError::NegativePrice) => Some("price"),
            StoreError::Catalog(CatalogError::Capacity(_)) => Some("capacity"),
            StoreError::Settings(error) => match error {
                SettingsError::UnknownTimezone(_) => Some("timezone"),
                SettingsError::BadCodePrefix(_) => Some("customer_code_prefix"),
                SettingsError::BadTaxCode(_) => Some("tax_code"),
                SettingsError::CurrencyFixed(_) => Some("currency"),
                SettingsError::BadBankBin(_) => Some("bank_bin"),
                SettingsError::BadAccountNumber(_) => Some("bank_account"),
                SettingsError::BadQris(_) => Some("qris"),
                SettingsError::Text(
                    TextError::Empty { field }
                    | TextError::TooLong { field, .. }
                    | TextError::ControlCharacter { field },
                ) => Some(field),
            },
            StoreError::InThePast { .. }
            | StoreError::TooSoon { .. }
            | StoreError::OutsideHours { .. }
            | StoreError::DoubleBooking { .. }
            | StoreError::BadTime(_) => Some("start"),
            StoreError::EndBeforeStart { .. } => Some("end"),
            StoreError::NoItems => Some("service"),
            StoreError::AddressMissing(_) => Some("address"),
            StoreError::Wallet(_) | StoreError::Refund(_) => Some("amount"),
            StoreError::Pay(caredesk_domain::payroll::PayRefusal::Rate(_)) => Some("rate"),
            StoreError::Pay(_) => Some("amount"),
            StoreError::Input(InputError::Code(_)) | StoreError::DuplicateCode { .. } => {
                Some("code")
            }
            _ => None,
        }
    }
}

impl From<PhoneError> for StoreError {
    fn from(error: PhoneError) -> Self {
        StoreError::Input(InputError::Phone(error))
    }
}

impl From<TextError> for StoreError {
    fn from(error: TextError) -> Self {
        StoreError::Input(InputError::Text(error))
    }
}
