//! One suite, both storages: every test below runs against SQLite (in a
//! temporary directory) and against PostgreSQL (a database of its own in
//! the server `CAREDESK_TEST_POSTGRES` names), through the `Storage` trait
//! only, so the backends cannot drift apart.
//!
//!   cargo test -p caredesk-server --test storage              both
//!   cargo test -p caredesk-server --test storage postgres::   PostgreSQL only
//!
//! Without `CAREDESK_TEST_POSTGRES` the PostgreSQL tests say they are
//! skipped and pass, unless `CAREDESK_REQUIRE_POSTGRES=1` (`make test`
//! sets it, and starts a PostgreSQL with scripts/test-postgres.sh).

#[path = "storage/accounts.rs"]
mod accounts;
#[path = "storage/pull.rs"]
mod pull;
#[path = "storage/push.rs"]
mod push;
#[path = "storage/recovery.rs"]
mod recovery;
#[path = "storage/support.rs"]
mod support;

/// `sqlite::AREA::TEST` and `postgres::AREA::TEST` for each `AREA::TEST`.
macro_rules! suite {
    ($($area:ident { $($test:ident),* $(,)? })*) => {
        mod sqlite {
            $(mod $area {
                $(#[test]
                fn $test() {
                    crate::support::Backend::run_sqlite(crate::$area::$test);
                })*
            })*
        }
        mod postgres {
            $(mod $area {
                $(#[test]
                fn $test() {
                    crate::support::Backend::run_postgres(crate::$area::$test);
                })*
            })*
        }
    };
}

suite! {
    accounts {
        tenants_branches_and_slots,
        a_code_pairs_once,
        expired_and_revoked_codes_are_refused,
        a_counter_has_one_live_slot,
        a_counter_with_ops_cannot_join_a_branch_with_data,
        register_codes_are_unique_in_a_branch,
        tokens_authenticate_until_revoked,
        concurrent_pairings,
        instances_start_together_on_empty_data,
    }
    push {
        ops_get_consecutive_server_seqs,
        a_retried_batch_is_known,
        a_retry_racing_its_original,
        a_gap_is_refused,
        out_of_order_and_foreign_devices_are_refused,
        foreign_entities_are_refused_whole,
        the_business_entity_is_everyones,
        a_different_op_at_a_held_seq_is_refused,
        a_batch_too_large_is_refused,
        entity_claims_cannot_deadlock,
    }
    pull {
        pulls_page_through_other_devices_ops,
        pushers_and_pullers_at_once,
    }
    recovery {
        own_ops_come_back_in_order,
        a_rekey_retires_the_slot_once,
    }
}
