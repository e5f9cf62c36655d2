//! Services, rooms, slots, bookings, the day sheet, calendar settings and
//! group classes.

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// One weekday's hours: `--day mon --from 08:00 --to 17:00`, or `--off`.
#[derive(Debug, Args)]
pub struct DayHoursArgs {
    /// mon, tue, wed, thu, fri, sat, sun, or all (every day).
    #[arg(long)]
    pub day: String,
    /// HH:MM.
    #[arg(long, required_unless_present = "off", requires = "to")]
    pub from: Option<String>,
    /// HH:MM (24:00 for midnight).
    #[arg(long, required_unless_present = "off", requires = "from")]
    pub to: Option<String>,
    /// Not working (closed) that day.
    #[arg(long, visible_alias = "closed", conflicts_with_all = ["from", "to"])]
    pub off: bool,
}

#[derive(Debug, Args)]
pub struct ShiftArgs {
    /// YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// HH:MM.
    #[arg(long, requires = "to")]
    pub from: Option<String>,
    /// HH:MM (24:00 for midnight).
    #[arg(long, requires = "from")]
    pub to: Option<String>,
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Add a service to the catalog (a manager's action).
    Add {
        #[arg(long)]
        name: String,
        /// How long the service takes.
        #[arg(long)]
        minutes: u16,
        /// In whole units of the currency.
        #[arg(long, allow_negative_numbers = true)]
        price: i64,
        /// Turnover or travel time after it, when the staff member is not
        /// free yet.
        #[arg(long, default_value_t = 0)]
        buffer_minutes: u16,
        #[arg(long, default_value = "")]
        category: String,
        /// A room (id or name) that can host it; repeat for more.
        #[arg(long = "room", value_name = "ROOM")]
        rooms: Vec<String>,
    },
    /// Every service, by name.
    List,
    /// Change some fields; the others stay as they are (a manager's action).
    Edit {
        /// Service id or name.
        service: String,
        #[arg(long)]
        name: Option<String>,
        /// An empty category clears it.
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        minutes: Option<u16>,
        #[arg(long, visible_alias = "buffer")]
        buffer_minutes: Option<u16>,
        /// In whole units of the currency.
        #[arg(long, allow_negative_numbers = true)]
        price: Option<i64>,
        /// A room (id or name) that can host it; repeat for more. Replaces
        /// the list.
        #[arg(long = "room", value_name = "ROOM")]
        rooms: Vec<String>,
        /// false retires it, true offers it again.
        #[arg(long)]
        active: Option<bool>,
    },
    /// Stop offering a service: it stays in history but cannot be booked.
    Retire {
        /// Service id or name.
        service: String,
    },
    /// Offer a retired service again.
    Offer {
        /// Service id or name.
        service: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RoomCommand {
    /// Add a room (a manager's action).
    Add {
        #[arg(long)]
        name: String,
        /// How many customers it holds at once.
        #[arg(long, default_value_t = 1)]
        capacity: u16,
    },
    /// Every room, by name.
    List,
    /// Change some fields; the others stay as they are (a manager's action).
    Edit {
        /// Room id or name.
        room: String,
        #[arg(long)]
        name: Option<String>,
        /// How many customers it holds at once.
        #[arg(long)]
        capacity: Option<u16>,
        /// false retires it, true puts it back in use.
        #[arg(long)]
        active: Option<bool>,
    },
    /// Stop using a room: new bookings do not take it.
    Retire {
        /// Room id or name.
        room: String,
    },
    /// Put a retired room back in use.
    Offer {
        /// Room id or name.
        room: String,
    },
}

#[derive(Debug, Args)]
pub struct SlotsArgs {
    /// Service id or name.
    #[arg(long)]
    pub service: String,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// The last date (YYYY-MM-DD) of a range; default: --date alone.
    #[arg(long)]
    pub to: Option<String>,
    /// Only this staff member (id or name); default: anyone who performs it.
    #[arg(long)]
    pub staff: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BookingCommand {
    /// Book a service with a staff member.
    Add(BookingAddArgs),
    /// Confirm a PENDING (online) booking.
    Confirm(MoveArgs),
    /// The customer has arrived.
    CheckIn(MoveArgs),
    /// The service has started.
    Start(MoveArgs),
    /// The service is done.
    Complete(MoveArgs),
    /// Cancel: free before the cut-off (CANCELLED), FORFEITED after it.
    Cancel(MoveArgs),
    /// The customer did not come (only after the start).
    NoShow(MoveArgs),
    /// Take back a completion (a manager's action).
    UndoComplete(MoveArgs),
    /// Move one item of a booking to a new start (and staff member).
    Reschedule {
        booking: String,
        /// YYYY-MM-DDTHH:MM.
        #[arg(long)]
        start: String,
        /// A different staff member (id or name).
        #[arg(long)]
        staff: Option<String>,
        /// Which item of the booking, counting from 0.
        #[arg(long, default_value_t = 0)]
        item: u16,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// One booking with its history.
    Show { booking: String },
    /// A customer's bookings, latest first.
    List {
        /// Customer id or phone.
        #[arg(long)]
        customer: String,
    },
    /// A staff member's bookings as an iCalendar (.ics) file.
    Ics {
        /// Staff id or name.
        #[arg(long)]
        staff: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// YYYY-MM-DD, inclusive.
        #[arg(long)]
        to: String,
        /// The file to write (replaced if it exists); default: stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct BookingAddArgs {
    /// Customer id or phone.
    #[arg(long)]
    pub customer: String,
    /// Service id or name.
    #[arg(long)]
    pub service: String,
    /// Staff id or name.
    #[arg(long)]
    pub staff: String,
    /// YYYY-MM-DDTHH:MM.
    #[arg(long)]
    pub start: String,
    /// YYYY-MM-DDTHH:MM; default: the start plus the service's length.
    #[arg(long)]
    pub end: Option<String>,
    /// Room id or name; default: the first free one the service can use.
    #[arg(long)]
    pub room: Option<String>,
    /// walk-in, phone or online.
    #[arg(long, default_value = "phone")]
    pub source: String,
    #[arg(long, default_value = "")]
    pub notes: String,
    /// The treatment package this session comes from.
    #[arg(long)]
    pub treatment: Option<String>,
}

#[derive(Debug, Args)]
pub struct MoveArgs {
    /// Booking id.
    pub booking: String,
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct DayArgs {
    /// YYYY-MM-DD; default: today in the business's time zone.
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show the business's settings, or change some of them (a manager's
    /// action): its name, address and tax code as printed, its time zone,
    /// and the bank account or QRIS that receipts' payment codes pay into.
    Business(super::BusinessArgs),
    /// Show the calendar settings, or change some of them (a manager's
    /// action).
    Calendar {
        /// Minutes between slot starts.
        #[arg(long)]
        slot_minutes: Option<u16>,
        /// Slots start on a multiple of this many minutes past the hour.
        #[arg(long)]
        align_minutes: Option<u16>,
        /// Bookings for today start more than this many minutes ahead.
        #[arg(long)]
        lead_minutes: Option<u16>,
        /// Cancelling later than this many minutes before the start forfeits.
        #[arg(long)]
        cutoff_minutes: Option<u16>,
        /// email or address: what a customer's profile must hold before
        /// booking; repeat for both; replaces the list.
        #[arg(
            long = "require",
            value_name = "FIELD",
            conflicts_with = "no_requirements"
        )]
        require: Vec<String>,
        /// Customers can book with a name and phone alone.
        #[arg(long)]
        no_requirements: bool,
    },
    /// Show the checkout settings, or change some of them (a manager's
    /// action).
    Checkout {
        /// Tax in percent, e.g. 8 or 10 (0: no tax).
        #[arg(long)]
        tax_rate: Option<String>,
        /// yes when prices already include the tax, no when it is added.
        #[arg(long)]
        prices_include_tax: Option<String>,
        /// The largest discount, in percent of a sale, a receptionist may
        /// give without a manager.
        #[arg(long)]
        discount_limit: Option<String>,
        /// The most virtual credit (whole units of the currency) a
        /// receptionist may give without a manager; 0: every credit needs
        /// one.
        #[arg(long)]
        credit_limit: Option<i64>,
    },
    /// Show the ticket settings, or change some of them (a manager's
    /// action).
    Tickets {
        /// The code prefix (1-4 letters): codes are PREFIX-YEAR-REGISTER-N.
        #[arg(long)]
        prefix: Option<String>,
        /// TYPE:OFFERS, e.g. complaint:credit; OFFERS is none, refund,
        /// credit or session. Repeat for each type; replaces the list.
        #[arg(long = "type", value_name = "TYPE:OFFERS")]
        types: Vec<String>,
        /// How many days a ticket's credit lasts.
        #[arg(long)]
        credit_days: Option<u16>,
    },
    /// Opening hours on a day of the week (a manager's action).
    Hours {
        #[command(flatten)]
        day: DayHoursArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClassCommand {
    /// Put a class on the calendar (a manager's action): the teacher and the
    /// whole room are taken for its time.
    Add(ClassAddArgs),
    /// A customer joins: a seat if one is free, else the waiting list.
    #[command(visible_alias = "enroll")]
    Enrol(ClassCustomerArgs),
    /// A customer gives up their place; a seat given up after the
    /// cancellation cut-off is forfeited, and the next in line is seated.
    Leave(ClassCustomerArgs),
    /// A seated customer came.
    Attend(ClassCustomerArgs),
    /// A seated customer did not come (only after the start).
    NoShow(ClassCustomerArgs),
    /// Change the number of seats (a manager's action); more seats seat the
    /// waiting list.
    Seats { class: String, seats: u16 },
    /// Put customers on the list of a class that has one (a manager's
    /// action).
    Allow {
        class: String,
        /// Customer id or phone; repeat for several.
        #[arg(long = "customer", required = true)]
        customers: Vec<String>,
    },
    /// Call the class off before it starts (a manager's action): every place
    /// is freed, nobody forfeits.
    Cancel {
        class: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// One class with its seats, waiting list and history.
    Show { class: String },
    /// The classes of a day.
    List {
        /// YYYY-MM-DD; default: today in the business's time zone.
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ClassAddArgs {
    /// Service id or name.
    #[arg(long)]
    pub service: String,
    /// The teacher: staff id or name.
    #[arg(long)]
    pub staff: String,
    /// Local time, YYYY-MM-DDTHH:MM.
    #[arg(long)]
    pub start: String,
    /// Local end time; default: the service's length.
    #[arg(long)]
    pub end: Option<String>,
    /// Room id or name; default: the first free one the service can use.
    #[arg(long)]
    pub room: Option<String>,
    #[arg(long)]
    pub seats: u16,
    /// Only these customers (id or phone) may join; repeat for several.
    /// Without it anyone may.
    #[arg(long = "allow")]
    pub allowed: Vec<String>,
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Debug, Args)]
pub struct ClassCustomerArgs {
    pub class: String,
    /// Customer id or phone.
    #[arg(long)]
    pub customer: String,
    /// The package paying for the seat (enrol only).
    #[arg(long)]
    pub treatment: Option<String>,
}
