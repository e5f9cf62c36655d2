-- Refunds and voids take back the sessions they gave the money back for.

-- Sessions a refund or a void took back from a card: it holds
-- total + granted + charged − refunded. The daily job and the over-use
-- conflict read it with the other counts.
ALTER TABLE treatments ADD COLUMN refunded INTEGER NOT NULL DEFAULT 0;

-- The part of a refund a manager gave above the unused share of a punch
-- card's price (goodwill), on the first row of the refund's money, so the
-- day's report sums it like the rest.
ALTER TABLE sale_money ADD COLUMN goodwill INTEGER NOT NULL DEFAULT 0;
