//! The TypeScript declarations of what crosses IPC, generated from the Rust
//! types themselves (ts-rs) into `ui/src/lib/backend/bindings/` and checked
//! in, so that the UI is type-checked against what the commands really send.
//! The test fails when a Rust type changed and the files were not written
//! again:
//!
//!     CAREDESK_WRITE_BINDINGS=1 cargo test -p caredesk-counter bindings
//!
//! A command that takes or returns a new type adds it to `export`; whatever
//! it contains comes along.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use caredesk_domain::Action;
use caredesk_domain::drawer::Count;
use caredesk_domain::ticket::TicketSettings;
use caredesk_store::{
    BookableService, BookingView, Conflict, Customer360, CustomerHit, DayReport, PackageInfo,
    Quote, RegisterDrawer, Reminder, SaleView, SlotView, StaffPay, SyncStatus, TicketLine,
    TicketView, TreatmentView, WalletView,
};
use ts_rs::{Config, ExportError, TS};

use crate::approval::Approval;
use crate::booking_input::{BookingAction, BookingInput, CalendarView, RescheduleInput};
use crate::commands::printing::PrintOutcome;
use crate::commands::setup::printers::PrintersView;
use crate::commands::setup::types::{
    BookingPolicies, BusinessInput, BusinessView, PackageEditInput, PackageInput, RoomEditInput,
    RoomInput, RoomView, SalePolicies, ServiceEditInput, ServiceInput, ServiceView, StaffInput,
    StaffView,
};
use crate::counter_settings::{CounterSettings, PrinterSettings};
use crate::error::IpcError;
use crate::ledger_input::{
    AdjustInput, CreditInput, DepositInput, ExtendInput, NewTicketInput, ResolveInput,
    TicketMoveInput, TicketQuery,
};
use crate::sale_input::SaleInput;
use crate::transport::{AuditQuery, NewCustomerInput, StaffCard};

/// Where the UI reads them from.
pub fn checked_in() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/backend/bindings")
}

/// Writes every type the commands take or return, and what they contain,
/// into `dir`.
pub fn export(dir: &Path) -> Result<(), ExportError> {
    // Amounts are whole đồng or rupiah and counts are small: far inside a
    // JavaScript number's exact range, and JSON carries them as numbers.
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    Customer360::export_all(&cfg)?;
    CustomerHit::export_all(&cfg)?;
    NewCustomerInput::export_all(&cfg)?;
    StaffCard::export_all(&cfg)?;
    AuditQuery::export_all(&cfg)?;
    CounterSettings::export_all(&cfg)?;
    SyncStatus::export_all(&cfg)?;
    Conflict::export_all(&cfg)?;
    // Resolving conflicts from the inbox (commands/conflicts.rs).
    StaffPay::export_all(&cfg)?;
    Reminder::export_all(&cfg)?;
    IpcError::export_all(&cfg)?;
    SaleInput::export_all(&cfg)?;
    Quote::export_all(&cfg)?;
    SaleView::export_all(&cfg)?;
    PackageInfo::export_all(&cfg)?;
    Approval::export_all(&cfg)?;
    Action::export_all(&cfg)?;
    CalendarView::export_all(&cfg)?;
    SlotView::export_all(&cfg)?;
    BookableService::export_all(&cfg)?;
    BookingView::export_all(&cfg)?;
    BookingInput::export_all(&cfg)?;
    BookingAction::export_all(&cfg)?;
    RescheduleInput::export_all(&cfg)?;
    // The Settings tab's (commands/setup/).
    BusinessView::export_all(&cfg)?;
    BusinessInput::export_all(&cfg)?;
    ServiceView::export_all(&cfg)?;
    ServiceInput::export_all(&cfg)?;
    ServiceEditInput::export_all(&cfg)?;
    RoomView::export_all(&cfg)?;
    RoomInput::export_all(&cfg)?;
    RoomEditInput::export_all(&cfg)?;
    PackageInput::export_all(&cfg)?;
    PackageEditInput::export_all(&cfg)?;
    StaffView::export_all(&cfg)?;
    StaffInput::export_all(&cfg)?;
    BookingPolicies::export_all(&cfg)?;
    SalePolicies::export_all(&cfg)?;
    PrintersView::export_all(&cfg)?;
    PrinterSettings::export_all(&cfg)?;
    PrintOutcome::export_all(&cfg)?;
    // Wallets, tickets and treatments (commands/wallet.rs, tickets.rs, treatments.rs).
    WalletView::export_all(&cfg)?;
    DepositInput::export_all(&cfg)?;
    CreditInput::export_all(&cfg)?;
    AdjustInput::export_all(&cfg)?;
    TicketQuery::export_all(&cfg)?;
    TicketLine::export_all(&cfg)?;
    TicketView::export_all(&cfg)?;
    TicketSettings::export_all(&cfg)?;
    NewTicketInput::export_all(&cfg)?;
    TicketMoveInput::export_all(&cfg)?;
    ResolveInput::export_all(&cfg)?;
    TreatmentView::export_all(&cfg)?;
    ExtendInput::export_all(&cfg)?;
    DayReport::export_all(&cfg)?;
    RegisterDrawer::export_all(&cfg)?;
    Count::export_all(&cfg)?;
    // The command names themselves (commands/list.rs).
    std::fs::write(dir.join("Command.ts"), crate::commands::list::typescript())?;
    Ok(())
}

/// Every `.ts` file under `dir` by its path relative to `dir`.
pub fn read_all(dir: &Path) -> std::io::Result<BTreeMap<PathBuf, String>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if path.extension().is_some_and(|ext| ext == "ts") {
                let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                out.insert(relative, std::fs::read_to_string(&path)?);
            }
        }
        Ok(())
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_match_the_rust_types() {
        let fresh = tempfile::tempdir().expect("temp dir");
        export(fresh.path()).expect("exported");
        let generated = read_all(fresh.path()).expect("read generated");
        assert!(
            generated.contains_key(Path::new("Customer360.ts")),
            "the export wrote {:?}",
            generated.keys().collect::<Vec<_>>()
        );

        let target = checked_in();
        if std::env::var_os("CAREDESK_WRITE_BINDINGS").is_some() {
            if target.exists() {
                std::fs::remove_dir_all(&target).expect("old bindings removed");
            }
            export(&target).expect("bindings written");
        }
        let committed = read_all(&target).expect("read checked-in bindings");

        let stale: Vec<_> = generated
            .iter()
            .filter(|(path, text)| committed.get(*path) != Some(*text))
            .map(|(path, _)| path.display().to_string())
            .collect();
        let extra: Vec<_> = committed
            .keys()
            .filter(|path| !generated.contains_key(*path))
            .map(|path| path.display().to_string())
            .collect();
        assert!(
            stale.is_empty() && extra.is_empty(),
            "ui/src/lib/backend/bindings is stale (changed or missing: {stale:?}; no longer generated: {extra:?}).\n\
             Write them again with: CAREDESK_WRITE_BINDINGS=1 cargo test -p caredesk-counter bindings"
        );
    }
}
