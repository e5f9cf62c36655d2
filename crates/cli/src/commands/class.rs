use caredesk_domain::id::{ClassId, TreatmentId};
use caredesk_store::{ClassView, NewClass, parse_date};

use super::{Session, parse_id};
use crate::args::{ClassAddArgs, ClassCommand, ClassCustomerArgs};
use crate::error::{CliError, CliResult};
use crate::output::{Output, clock_time, short_time, table};

pub fn run(session: Session, command: ClassCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let class = match command {
        ClassCommand::Add(args) => {
            let input = new_class(&store, args)?;
            store.classes_mut().schedule_class(&ctx, input)?
        }
        ClassCommand::Enrol(args) => {
            let (id, customer, treatment) = customer_args(args)?;
            store.classes_mut().enrol(&ctx, id, &customer, treatment)?
        }
        ClassCommand::Leave(args) => {
            let (id, customer) = plain_customer_args(args)?;
            store.classes_mut().leave_class(&ctx, id, &customer)?
        }
        ClassCommand::Attend(args) => {
            let (id, customer) = plain_customer_args(args)?;
            store
                .classes_mut()
                .mark_attendance(&ctx, id, &customer, true)?
        }
        ClassCommand::NoShow(args) => {
            let (id, customer) = plain_customer_args(args)?;
            store
                .classes_mut()
                .mark_attendance(&ctx, id, &customer, false)?
        }
        ClassCommand::Seats { class, seats } => {
            store
                .classes_mut()
                .change_seats(&ctx, parse_id("class", &class)?, seats)?
        }
        ClassCommand::Allow { class, customers } => {
            store
                .classes_mut()
                .allow_in_class(&ctx, parse_id("class", &class)?, &customers)?
        }
        ClassCommand::Cancel { class, note } => {
            store
                .classes_mut()
                .cancel_class(&ctx, parse_id("class", &class)?, &note)?
        }
        ClassCommand::Show { class } => store.classes().class(parse_id("class", &class)?)?,
        ClassCommand::List { date } => {
            let date = match date.as_deref() {
                Some(text) => parse_date(text)?,
                None => store.treatments().today(&ctx),
            };
            let classes = store.classes().classes_on(date)?;
            return out.emit(&classes, |c| list(c));
        }
    };
    out.emit(&class, describe)
}

fn new_class(store: &caredesk_store::Store, args: ClassAddArgs) -> CliResult<NewClass> {
    Ok(NewClass {
        service: args.service,
        staff: args.staff,
        room: args.room,
        start: store.local_time(&args.start)?,
        end: args
            .end
            .as_deref()
            .map(|e| store.local_time(e))
            .transpose()?,
        seats: args.seats,
        allowed: (!args.allowed.is_empty()).then_some(args.allowed),
        notes: args.notes,
    })
}

fn customer_args(args: ClassCustomerArgs) -> CliResult<(ClassId, String, Option<TreatmentId>)> {
    let treatment = args
        .treatment
        .as_deref()
        .map(|t| parse_id("treatment", t))
        .transpose()?;
    Ok((parse_id("class", &args.class)?, args.customer, treatment))
}

/// For moves other than enrolling, where a treatment means nothing.
fn plain_customer_args(args: ClassCustomerArgs) -> CliResult<(ClassId, String)> {
    if args.treatment.is_some() {
        return Err(CliError::usage(
            "--treatment only goes with `class enrol`".to_owned(),
        ));
    }
    let (id, customer, _) = customer_args(args)?;
    Ok((id, customer))
}

fn describe(class: &ClassView) -> String {
    let mut text = format!(
        "{}  {} {} to {}  with {}{}\nseats:   {} of {} taken, {} waiting  ({} a seat)\n",
        class.status,
        class.service_name,
        short_time(&class.start),
        clock_time(&class.end),
        class.staff_name,
        class
            .room_name
            .as_ref()
            .map(|r| format!(" in {r}"))
            .unwrap_or_default(),
        class.seated,
        class.seats,
        class.waiting,
        class.price,
    );
    if let Some(allowed) = &class.allowed {
        let names: Vec<&str> = allowed.iter().map(|p| p.name.as_str()).collect();
        text.push_str(&format!("list:    {}\n", names.join(", ")));
    }
    if !class.notes.is_empty() {
        text.push_str(&format!("notes:   {}\n", class.notes));
    }
    let rows: Vec<Vec<String>> = class
        .places
        .iter()
        .map(|p| {
            let standing = match p.standing {
                Some(caredesk_domain::class::Standing::Seated) => "seated".to_owned(),
                Some(caredesk_domain::class::Standing::Waiting(n)) => format!("waiting #{n}"),
                None => String::new(),
            };
            vec![
                p.customer_name.clone(),
                p.status.as_str().to_owned(),
                standing,
            ]
        })
        .collect();
    if !rows.is_empty() {
        text.push_str(&table(&["CUSTOMER", "STATUS", "PLACE"], &rows));
        text.push('\n');
    }
    text.push_str(&format!("id:      {}\n", class.id));
    text
}

fn list(classes: &[ClassView]) -> String {
    if classes.is_empty() {
        return "no classes".to_owned();
    }
    let rows: Vec<Vec<String>> = classes
        .iter()
        .map(|c| {
            vec![
                format!("{}-{}", clock_time(&c.start), clock_time(&c.end)),
                c.service_name.clone(),
                c.staff_name.clone(),
                format!("{}/{}", c.seated, c.seats),
                c.waiting.to_string(),
                c.status.to_owned(),
                c.id.to_string(),
            ]
        })
        .collect();
    table(
        &[
            "TIME", "CLASS", "TEACHER", "SEATED", "WAITING", "STATUS", "ID",
        ],
        &rows,
    )
}
