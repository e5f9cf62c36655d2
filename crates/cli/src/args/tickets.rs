//! Service tickets: complaints, returns, exchanges... followed to the end.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum TicketCommand {
    /// Open a ticket. A phone number no customer has yet creates the
    /// customer with the ticket (say so first with `ticket who`).
    Add(TicketAddArgs),
    /// Whom a ticket for this phone would be for: an existing customer, or
    /// a new one the ticket would create.
    Who {
        /// Customer id or phone.
        customer: String,
    },
    /// Move a ticket: new, in_progress, waiting (waiting:carrier,
    /// waiting:doctor, waiting:customer), completed or cancelled.
    Status {
        /// Ticket code or id.
        ticket: String,
        status: String,
        /// Whom a WAITING ticket waits on: carrier, doctor or customer.
        #[arg(long = "on")]
        waiting_on: Option<String>,
        /// Why (required to cancel).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Resolve a ticket, with at most one compensation (money or a free
    /// session is a manager's action).
    Resolve(TicketResolveArgs),
    /// Take back what a second resolution gave: two counters resolved the
    /// ticket offline and both paid (the `ticket_resolved_twice` conflict).
    /// The later one's credit is revoked, its refund taken back from the
    /// wallet, its free sessions withdrawn (a manager's action).
    Reverse {
        /// Ticket code or id.
        ticket: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Change a ticket's subject, details, assignee, priority or deadline.
    Edit(TicketEditArgs),
    /// One ticket with its history.
    Show {
        /// Ticket code or id.
        ticket: String,
    },
    /// Tickets, overdue first (open ones unless --status says otherwise).
    List(TicketListArgs),
    /// The deadline job: raise to high priority every open ticket whose
    /// deadline is less than 24 hours away.
    Escalate,
    /// Open tickets by type and priority, overdue, average resolution time.
    Stats,
}

#[derive(Debug, Args)]
pub struct TicketAddArgs {
    /// Customer id or phone (a new phone creates the customer).
    #[arg(long)]
    pub customer: String,
    /// A new customer's name (default: the phone number, to edit later).
    #[arg(long)]
    pub name: Option<String>,
    /// complaint, return, exchange, missing_item, refused_delivery, other
    /// (or the business's own types).
    #[arg(long = "type")]
    pub kind: String,
    #[arg(long)]
    pub subject: String,
    #[arg(long, default_value = "")]
    pub details: String,
    /// The order or booking it is about: a receipt number or booking id
    /// links it, anything else (a carrier's number) is kept as text.
    #[arg(long, default_value = "")]
    pub reference: String,
    /// Staff id or name.
    #[arg(long)]
    pub assignee: Option<String>,
    /// low, normal, high or urgent (default normal; high when the deadline
    /// is less than a day away).
    #[arg(long)]
    pub priority: Option<String>,
    /// YYYY-MM-DDTHH:MM, or YYYY-MM-DD for the end of that day.
    #[arg(long)]
    pub deadline: Option<String>,
}

#[derive(Debug, Args)]
pub struct TicketResolveArgs {
    /// Ticket code or id.
    pub ticket: String,
    /// Real money into the wallet (a refund of the ticket's sale when it
    /// has one).
    #[arg(long, allow_negative_numbers = true)]
    pub refund: Option<i64>,
    /// Virtual credit.
    #[arg(long, allow_negative_numbers = true)]
    pub credit: Option<i64>,
    /// How many days the credit lasts (default: the ticket settings').
    #[arg(long)]
    pub days: Option<u16>,
    /// A free session on a treatment: its id, or nothing for the
    /// customer's only live treatment.
    #[arg(long, num_args = 0..=1, default_missing_value = "")]
    pub session: Option<String>,
    /// How many free sessions (default 1).
    #[arg(long)]
    pub sessions: Option<u16>,
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct TicketEditArgs {
    /// Ticket code or id.
    pub ticket: String,
    #[arg(long)]
    pub subject: Option<String>,
    #[arg(long)]
    pub details: Option<String>,
    /// Staff id or name.
    #[arg(long, conflicts_with = "unassign")]
    pub assignee: Option<String>,
    /// Take the ticket off whoever has it.
    #[arg(long)]
    pub unassign: bool,
    #[arg(long)]
    pub priority: Option<String>,
    /// YYYY-MM-DDTHH:MM, or YYYY-MM-DD for the end of that day.
    #[arg(long, conflicts_with = "no_deadline")]
    pub deadline: Option<String>,
    #[arg(long)]
    pub no_deadline: bool,
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct TicketListArgs {
    /// open (default), closed, all, or one status.
    #[arg(long)]
    pub status: Option<String>,
    /// Customer id or phone.
    #[arg(long)]
    pub customer: Option<String>,
    /// Staff id or name.
    #[arg(long)]
    pub assignee: Option<String>,
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// A fragment of the code or the subject.
    #[arg(long)]
    pub query: Option<String>,
    #[arg(long)]
    pub limit: Option<usize>,
}
