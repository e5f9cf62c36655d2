//! The activity log: the op log in sentences, in the UI's language.

use caredesk_store::{AuditEntry, Store};

use crate::Counter;
use crate::error::IpcError;
use crate::transport::{self, AuditQuery};

pub fn audit(
    counter: &Counter,
    filter: AuditQuery,
    lang: String,
) -> Result<Vec<AuditEntry>, IpcError> {
    let mut session = counter.session();
    let (store, _) = session.acting(counter.now())?;
    read(store, &filter, &lang)
}

/// The newest entries first, at most the query's limit: the counter looks
/// at what just happened. (The store lists oldest first and, when limited,
/// keeps the oldest; a day of one counter is small enough to reverse here.)
fn read(store: &Store, query: &AuditQuery, lang: &str) -> Result<Vec<AuditEntry>, IpcError> {
    let lang = transport::lang(lang)?;
    let (filter, limit) = query.filter()?;
    let entries = store.audit(&filter, lang)?;
    Ok(entries.into_iter().rev().take(limit).collect())
}

#[cfg(test)]
mod tests {
    use caredesk_store::NewCustomer;

    use super::*;
    use crate::database;

    #[test]
    fn the_newest_entries_come_first_in_the_language_asked_for() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store =
            database::create_with_demo_staff(&dir.path().join("caredesk.db")).expect("created");
        let lan = store
            .sign_in("Lan", "1111", jiff::Timestamp::now())
            .expect("Lan");
        let mut ids = Vec::new();
        for (name, phone) in [
            ("Trịnh Kim Chi", "0933 456 789"),
            ("Võ Thị Sáu", "0933 456 790"),
        ] {
            let customer = store
                .customers_mut()
                .add_customer(
                    &lan,
                    NewCustomer {
                        name: name.into(),
                        phone: phone.into(),
                        ..Default::default()
                    },
                )
                .expect(name);
            ids.push(customer.id.to_string());
        }
        let today = store.format_time(jiff::Timestamp::now())[..10].to_owned();
        let by_lan = AuditQuery {
            staff: Some(lan.actor.to_string()),
            date: Some(today),
            limit: Some(1),
            ..AuditQuery::default()
        };
        let entries = read(&store, &by_lan, "en").expect("read");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].staff, "Lan");
        assert_eq!(
            entries[0].text,
            "Lan added customer Võ Thị Sáu (0933 456 790)"
        );

        let about_chi = AuditQuery {
            customer: Some(ids[0].clone()),
            ..AuditQuery::default()
        };
        let entries = read(&store, &about_chi, "vi").expect("read");
        assert_eq!(entries.len(), 1);
        assert!(entries[0].text.starts_with("Lan "), "{}", entries[0].text);
        assert!(entries[0].text.contains("Trịnh Kim Chi"));
    }
}
