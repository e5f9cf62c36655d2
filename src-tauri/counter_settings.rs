//! Settings of this counter (this computer), not of the business: they live in
//! a small JSON file next to the database, never in the op log, because
//! another counter of the same business may want another value (a back-office
//! PC can lock later than the front desk).

use std::path::{Path, PathBuf};

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

/// Checks and saves `settings`. Written to a temporary file and renamed, so a
/// crash mid-write leaves the old file rather than half a new one.
pub fn save(path: &Path, settings: CounterSettings) -> Result<CounterSettings, IpcError> {
    let settings = settings.validated()?;
    let failed = |error: std::io::Error| {
        IpcError::new(
            "storage",
            format!(
                "cannot save the counter settings to {}: {error}",
                path.display()
            ),
        )
    };
    let json = serde_json::to_vec_pretty(&settings)
        .map_err(|e| IpcError::new("internal", format!("counter settings as JSON: {e}")))?;
    let partial = path.with_extension("json.partial");
    std::fs::write(&partial, json).map_err(failed)?;
    std::fs::rename(&partial, path).map_err(failed)?;
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

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
