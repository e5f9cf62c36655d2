use std::path::Path;

use caredesk_domain::{BusinessSettings, Country, Currency};
use caredesk_store::{InitSettings, Store};
use serde_json::json;

use crate::args::InitArgs;
use crate::error::{CliError, CliResult};
use crate::output::Output;

pub fn run(db: &Path, args: InitArgs, out: &Output) -> CliResult<()> {
    let country: Country =
        args.country
            .parse()
            .map_err(|e: caredesk_domain::country::UnknownCountry| {
                CliError::invalid("invalid_settings", e.to_string())
            })?;
    let mut business = BusinessSettings::for_country(country);
    if let Some(currency) = &args.currency {
        business.currency = currency
            .parse::<Currency>()
            .map_err(|e| CliError::invalid("invalid_settings", e.to_string()))?;
    }
    if let Some(timezone) = args.timezone {
        business.timezone = timezone;
    }
    if let Some(name) = args.name {
        business.name = name;
    }
    let store = Store::init(
        db,
        InitSettings {
            business,
            owner_name: args.owner,
            owner_pin: args.owner_pin,
            register_code: args.register,
        },
    )?;
    let settings = store.settings();
    let result = json!({
        "ok": true,
        "db": db.display().to_string(),
        "device": store.device_id(),
        "register": store.register_code(),
        "country": settings.country,
        "currency": settings.currency,
        "timezone": settings.timezone,
    });
    out.emit(&result, |_| {
        format!(
            "created {} for {} ({}, {}, {}), register {}",
            db.display(),
            settings.name,
            settings.country,
            settings.currency,
            settings.timezone,
            store.register_code()
        )
    })
}
