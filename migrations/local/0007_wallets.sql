-- Wallets: each customer's ledger of real money and virtual credit. The op
-- entity of a wallet is its customer's id (one wallet per customer, opened
-- by its first entry). Balances here are copies of the fold, for queries and
-- reports; the ledger lives in `state`.

CREATE TABLE wallets (
    customer_id TEXT PRIMARY KEY,
    currency    TEXT NOT NULL,
    real        INTEGER NOT NULL,
    state       TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- One row per credit, rewritten from the fold: what the daily job and the
-- liabilities report read. `expires_at` is Unix milliseconds.
CREATE TABLE wallet_credits (
    credit_id       TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL,
    amount          INTEGER NOT NULL,
    remaining       INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    expiry_recorded INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX wallet_credits_by_customer ON wallet_credits (customer_id);
CREATE INDEX wallet_credits_due ON wallet_credits (expires_at)
    WHERE remaining > 0 AND expiry_recorded = 0;
