//! Settings of this counter (this computer), not of the business: they live in
//! a small JSON file next to the database, never in the op log, because
//! another counter of the same business may want another value (a back-office
//! PC can lock later than the front desk).

use std::path::{Path, PathBuf};

use caredesk_print::dispatch::{self, PrintHead, Target};
use caredesk_store::RECEIPT_WIDTHS_MM;
use serde::{Deserialize, Serialize};

use crate::error::IpcError;

pub const FILE_NAME: &str = "counter-settings.json";

/// Minutes without keyboard or mouse activity before the counter locks.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 5;
/// From a minute (a busy shared counter) to four hours (one person's office).
pub const IDLE_LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=240;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct CounterSettings {
    pub idle_lock_minutes: u32,
}

impl Default for CounterSettings {
    fn default() -> Self {
        CounterSettings {
            idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
        }
    }
}

impl CounterSettings {
    pub fn validated(self) -> Result<CounterSettings, IpcError> {
        if IDLE_LOCK_MINUTES.contains(&self.idle_lock_minutes) {
            Ok(self)
        } else {
            Err(IpcError::new(
                "invalid_settings",
                format!(
                    "the idle lock must be {} to {} minutes, not {}",
                    IDLE_LOCK_MINUTES.start(),
                    IDLE_LOCK_MINUTES.end(),
                    self.idle_lock_minutes
                ),
            )
            .on_field("idle_lock_minutes"))
        }
    }
}

/// The settings file of the counter whose database is `db`.
pub fn path_for(db: &Path) -> PathBuf {
    db.with_file_name(FILE_NAME)
}

/// The saved settings; the defaults when the file is missing, unreadable or
/// out of range. A bad settings file must not keep the counter from opening,
/// and the defaults are the safe side (a short idle lock).
pub fn load(path: &Path) -> CounterSettings {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<CounterSettings>(&bytes).ok())
        .and_then(|settings| settings.validated().ok())
        .unwrap_or_default()
}

/// Checks and saves `settings`, keeping the file's other keys (the
/// printers', a newer build's).
pub fn save(path: &Path, settings: CounterSettings) -> Result<CounterSettings, IpcError> {
    let settings = settings.validated()?;
    write_keys(path, &settings)?;
    Ok(settings)
}

/// Where this counter prints (commands/setup/printers.rs). Kept
/// under `"printing"` in the same file: another counter of the business has
/// other printers. Receipts and sheets (statements, the day's report) have a
/// printer each, because a receipt printer takes only its roll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct PrinterSettings {
    /// The receipt printer; none chosen yet.
    #[ts(optional = nullable)]
    pub receipt_printer: Option<ReceiptPrinter>,
    /// The receipt roll: 80 or 58 mm.
    pub receipt_width_mm: u16,
    /// The system (CUPS) queue for statements and the day's report.
    #[ts(optional = nullable)]
    pub sheet_printer: Option<String>,
    /// The sheets' paper: statements and the day's report.
    pub statement_paper: Paper,
}

/// How receipts reach their printer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReceiptPrinter {
    /// A queue of the system's printing (CUPS), which knows the driver.
    System { queue: String },
    /// An ESC/POS thermal printer on the network, `host[:port]` (9100 by
    /// default), sent raster images straight from the counter.
    Network { address: String },
    /// An ESC/POS thermal printer's device file (`/dev/usb/lp0`).
    Device { path: String },
}

/// Paper for punch-card statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A5,
    A4,
}

impl Paper {
    pub fn sheet(self) -> caredesk_print::Paper {
        match self {
            Paper::A5 => caredesk_print::Paper::A5,
            Paper::A4 => caredesk_print::Paper::A4,
        }
    }
}

impl Default for PrinterSettings {
    fn default() -> Self {
        PrinterSettings {
            receipt_printer: None,
            receipt_width_mm: 80,
            sheet_printer: None,
            statement_paper: Paper::A5,
        }
    }
}

impl PrinterSettings {
    pub fn validated(self) -> Result<PrinterSettings, IpcError> {
        if !RECEIPT_WIDTHS_MM.contains(&self.receipt_width_mm) {
            return Err(IpcError::new(
                "invalid_settings",
                format!(
                    "a receipt roll is 80 or 58 mm wide, not {}",
                    self.receipt_width_mm
                ),
            )
            .on_field("receipt_width_mm"));
        }
        let receipt_printer = self
            .receipt_printer
            .map(ReceiptPrinter::trimmed)
            .filter(|printer| !printer.name().is_empty());
        let sheet_printer = self
            .sheet_printer
            .map(|queue| queue.trim().to_owned())
            .filter(|queue| !queue.is_empty());
        let settings = PrinterSettings {
            receipt_printer,
            sheet_printer,
            ..self
        };
        if let Some(printer) = &settings.receipt_printer {
            check(&settings.receipt_target(printer), "receipt_printer")?;
        }
        if let Some(queue) = &settings.sheet_printer {
            check(&PrinterSettings::sheet_target(queue), "sheet_printer")?;
        }
        Ok(settings)
    }

    /// The receipt roll.
    pub fn roll(&self) -> caredesk_print::Paper {
        if self.receipt_width_mm == 58 {
            caredesk_print::Paper::Roll58
        } else {
            caredesk_print::Paper::Roll80
        }
    }

    /// Where `printer` is for `dispatch::print`: a thermal printer's head
    /// is the usual one for the roll.
    pub fn receipt_target(&self, printer: &ReceiptPrinter) -> Target {
        let head = PrintHead::for_paper(self.roll()).unwrap_or(PrintHead::ROLL_80);
        match printer {
            ReceiptPrinter::System { queue } => PrinterSettings::sheet_target(queue),
            ReceiptPrinter::Network { address } => Target::Network {
                address: address.clone(),
                head,
            },
            ReceiptPrinter::Device { path } => Target::Device {
                path: PathBuf::from(path),
                head,
            },
        }
    }

    /// A queue of this computer's CUPS (or the one `CUPS_SERVER` names).
    pub fn sheet_target(queue: &str) -> Target {
        Target::System {
            queue: queue.to_owned(),
            server: None,
        }
    }
}

impl ReceiptPrinter {
    /// The queue, address or path, as the settings show it.
    pub fn name(&self) -> &str {
        match self {
            ReceiptPrinter::System { queue } => queue,
            ReceiptPrinter::Network { address } => address,
            ReceiptPrinter::Device { path } => path,
        }
    }

    fn trimmed(self) -> ReceiptPrinter {
        match self {
            ReceiptPrinter::System { queue } => ReceiptPrinter::System {
                queue: queue.trim().to_owned(),
            },
            ReceiptPrinter::Network { address } => ReceiptPrinter::Network {
                address: address.trim().to_owned(),
            },
            ReceiptPrinter::Device { path } => ReceiptPrinter::Device {
                path: path.trim().to_owned(),
            },
        }
    }
}

/// The printer as dispatch would take it, or the reason on `field`.
fn check(target: &Target, field: &str) -> Result<(), IpcError> {
    dispatch::check_target(target)
        .map_err(|error| IpcError::new("invalid_settings", error.to_string()).on_field(field))
}

/// The printer settings saved; the defaults when missing or bad. A file
/// from before receipts and sheets had a printer each keeps its one queue
/// (`"printer"`) for both.
pub fn load_printing(path: &Path) -> PrinterSettings {
    let Some(mut value) = read_object(path).remove("printing") else {
        return PrinterSettings::default();
    };
    if let Some(object) = value.as_object_mut()
        && let Some(serde_json::Value::String(queue)) = object.remove("printer")
        && !object.contains_key("receipt_printer")
    {
        object.insert(
            "receipt_printer".into(),
            serde_json::json!({ "kind": "system", "queue": queue }),
        );
        object.insert("sheet_printer".into(), serde_json::Value::String(queue));
    }
    serde_json::from_value::<PrinterSettings>(value)
        .ok()
        .and_then(|settings| settings.validated().ok())
        .unwrap_or_default()
}

pub fn save_printing(path: &Path, settings: PrinterSettings) -> Result<PrinterSettings, IpcError> {
    let settings = settings.validated()?;
    write_keys(path, &serde_json::json!({ "printing": settings }))?;
    Ok(settings)
}

fn read_object(path: &Path) -> serde_json::Map<String, serde_json::Value> {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|value| match value {
            serde_json::Value::Object(map) => Some(map),
            _ => None,
        })
        .unwrap_or_default()
}

/// Sets `value`'s top-level keys in the file and keeps the others. Written
/// to a temporary file and renamed, so a crash mid-write leaves the old file
/// rather than half a new one.
fn write_keys(path: &Path, value: &impl Serialize) -> Result<(), IpcError> {
    let failed = |error: std::io::Error| {
        IpcError::new(
            "storage",
            format!(
                "cannot save the counter settings to {}: {error}",
                path.display()
            ),
        )
    };
    let as_json =
        |e: serde_json::Error| IpcError::new("internal", format!("counter settings as JSON: {e}"));
    let mut object = read_object(path);
    if let serde_json::Value::Object(keys) = serde_json::to_value(value).map_err(as_json)? {
        object.extend(keys);
    }
    let json = serde_json::to_vec_pretty(&object).map_err(as_json)?;
    let partial = path.with_extension("json.partial");
    std::fs::write(&partial, json).map_err(failed)?;
    std::fs::rename(&partial, path).map_err(failed)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The screen sends whatever number was typed; the range is the
    /// counter's to refuse, on the field, writing nothing.
    #[test]
    fn an_idle_lock_outside_one_to_240_minutes_is_refused_on_its_field() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("counter.json");
        for minutes in [0, 241] {
            let bad = save(
                &path,
                CounterSettings {
                    idle_lock_minutes: minutes,
                },
            )
            .expect_err("out of range");
            assert_eq!(
                (bad.code.as_str(), bad.field.as_deref()),
                ("invalid_settings", Some("idle_lock_minutes"))
            );
        }
        assert!(!path.exists(), "nothing written");
        assert!(
            CounterSettings {
                idle_lock_minutes: 240
            }
            .validated()
            .is_ok()
        );
    }

    #[test]
    fn the_file_sits_next_to_the_database() {
        assert_eq!(
            path_for(Path::new("/data/app.caredesk.counter/caredesk.db")),
            Path::new("/data/app.caredesk.counter/counter-settings.json")
        );
    }

    #[test]
    fn saved_settings_load_back_and_a_bad_file_means_the_defaults() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE_NAME);
        assert_eq!(load(&path), CounterSettings::default(), "no file yet");

        let saved = save(
            &path,
            CounterSettings {
                idle_lock_minutes: 15,
            },
        )
        .expect("saved");
        assert_eq!(load(&path), saved);

        std::fs::write(&path, "{not json").expect("write");
        assert_eq!(load(&path), CounterSettings::default());
        std::fs::write(&path, r#"{"idle_lock_minutes": 100000}"#).expect("write");
        assert_eq!(load(&path), CounterSettings::default(), "out of range");
        std::fs::write(&path, r#"{"idle_lock_minutes": 9, "later": true}"#).expect("write");
        assert_eq!(load(&path).idle_lock_minutes, 9, "a newer build's fields");
    }

    #[test]
    fn printers_and_the_idle_lock_share_the_file_without_losing_each_other() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE_NAME);
        assert_eq!(load_printing(&path), PrinterSettings::default());
        let printing = PrinterSettings {
            receipt_printer: Some(ReceiptPrinter::System {
                queue: "  Quay-EPSON  ".into(),
            }),
            receipt_width_mm: 58,
            sheet_printer: Some(" VanPhong_A4 ".into()),
            statement_paper: Paper::A4,
        };
        let saved = save_printing(&path, printing).expect("saved");
        assert_eq!(
            saved.receipt_printer,
            Some(ReceiptPrinter::System {
                queue: "Quay-EPSON".into()
            }),
            "trimmed"
        );
        assert_eq!(saved.sheet_printer.as_deref(), Some("VanPhong_A4"));
        save(
            &path,
            CounterSettings {
                idle_lock_minutes: 12,
            },
        )
        .expect("idle lock saved");
        assert_eq!(load_printing(&path), saved, "kept by the idle lock's save");
        assert_eq!(load(&path).idle_lock_minutes, 12);

        let bad = save_printing(
            &path,
            PrinterSettings {
                receipt_width_mm: 72,
                ..PrinterSettings::default()
            },
        )
        .expect_err("72 mm");
        assert_eq!(
            (bad.code.as_str(), bad.field.as_deref()),
            ("invalid_settings", Some("receipt_width_mm"))
        );
        assert_eq!(load_printing(&path), saved, "nothing written");
        let blank = save_printing(
            &path,
            PrinterSettings {
                receipt_printer: Some(ReceiptPrinter::Network {
                    address: "   ".into(),
                }),
                sheet_printer: Some(String::new()),
                ..saved
            },
        )
        .expect("blank means none chosen");
        assert_eq!((blank.receipt_printer, blank.sheet_printer), (None, None));
    }

    #[test]
    fn printers_dispatch_could_not_reach_are_refused_on_their_field() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE_NAME);
        let refused = [
            (
                Some(ReceiptPrinter::System {
                    queue: "Quay EPSON".into(),
                }),
                None,
                "receipt_printer",
            ),
            (
                Some(ReceiptPrinter::Network {
                    address: "192.168.1.50:99999".into(),
                }),
                None,
                "receipt_printer",
            ),
            (
                Some(ReceiptPrinter::Network {
                    address: "máy in".into(),
                }),
                None,
                "receipt_printer",
            ),
            (None, Some("-o evil".into()), "sheet_printer"),
            (None, Some("a/b".into()), "sheet_printer"),
        ];
        for (receipt_printer, sheet_printer, field) in refused {
            let error = save_printing(
                &path,
                PrinterSettings {
                    receipt_printer: receipt_printer.clone(),
                    sheet_printer: sheet_printer.clone(),
                    ..PrinterSettings::default()
                },
            )
            .expect_err("refused");
            assert_eq!(
                (error.code.as_str(), error.field.as_deref()),
                ("invalid_settings", Some(field)),
                "{receipt_printer:?} {sheet_printer:?}"
            );
        }
        assert!(!path.exists(), "nothing written");
        let network = save_printing(
            &path,
            PrinterSettings {
                receipt_printer: Some(ReceiptPrinter::Network {
                    address: "192.168.1.50".into(),
                }),
                ..PrinterSettings::default()
            },
        )
        .expect("an address without a port means 9100");
        assert_eq!(load_printing(&path), network);
    }

    #[test]
    fn an_older_file_with_one_printer_keeps_it_for_both() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            r#"{"printing": {"printer": "Quay", "receipt_width_mm": 58, "statement_paper": "a4"}}"#,
        )
        .expect("write");
        let loaded = load_printing(&path);
        assert_eq!(
            loaded.receipt_printer,
            Some(ReceiptPrinter::System {
                queue: "Quay".into()
            })
        );
        assert_eq!(loaded.sheet_printer.as_deref(), Some("Quay"));
        assert_eq!(loaded.receipt_width_mm, 58);
    }

    #[test]
    fn minutes_outside_1_to_240_are_refused_on_the_field() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE_NAME);
        for minutes in [0, 241] {
            let error = save(
                &path,
                CounterSettings {
                    idle_lock_minutes: minutes,
                },
            )
            .expect_err("out of range");
            assert_eq!(error.code, "invalid_settings");
            assert_eq!(error.field.as_deref(), Some("idle_lock_minutes"));
        }
        assert!(!path.exists(), "nothing written");
        for minutes in [1, 240] {
            save(
                &path,
                CounterSettings {
                    idle_lock_minutes: minutes,
                },
            )
            .expect("in range");
        }
    }
}
