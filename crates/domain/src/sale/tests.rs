use proptest::prelude::*;

use super::*;

const INCLUSIVE_8: TaxRule = TaxRule {
    rate: 800,
    prices_include_tax: true,
};
const ADDED_10: TaxRule = TaxRule {
    rate: 1_000,
    prices_include_tax: false,
};

fn line(unit_price: i64, quantity: u16, discount: Option<Discount>) -> LineInput {
    LineInput {
        unit_price,
        quantity,
        discount,
        top_up: false,
    }
}

#[test]
fn a_receipt_adds_up_with_line_and_sale_discounts_and_added_tax() {
    let priced = price(
        &[
            line(450_000, 1, Some(Discount::Percent(1_000))),
            line(35_000, 3, None),
            line(200_000, 1, Some(Discount::Amount(50_000))),
        ],
        Some(Discount::Amount(10_000)),
        ADDED_10,
    )
    .expect("priced");
    // 450 000 − 45 000, 105 000, 200 000 − 50 000: 660 000 before the sale
    // discount of 10 000, spread 405:105:150.
    let shares: Vec<i64> = priced.lines.iter().map(|l| l.sale_discount).collect();
    assert_eq!(shares, [6_136, 1_591, 2_273]);
    assert_eq!(priced.subtotal, 755_000);
    assert_eq!(priced.discounts, 105_000);
    assert_eq!(priced.tax, 65_000);
    assert_eq!(priced.total, 715_000);
    assert_eq!(
        priced.subtotal - priced.discounts + priced.added_tax,
        priced.total
    );
    // 105 000 off 755 000: 13.91 %, the share a manager's limit is held to.
    assert_eq!(discount_share(&priced), 1_391);
}

#[test]
fn tenders_are_read_as_the_counter_types_them() {
    assert_eq!(" Cash ".parse::<Tender>(), Ok(Tender::Cash));
    assert_eq!("bank".parse::<Tender>(), Ok(Tender::Transfer));
    assert_eq!("wallet".parse::<Tender>(), Ok(Tender::Wallet));
    assert!("gold".parse::<Tender>().is_err());
}

#[test]
fn tax_inside_prices_is_shown_but_not_added() {
    let priced = price(&[line(1_080_000, 1, None)], None, INCLUSIVE_8).expect("priced");
    assert_eq!(
        (priced.tax, priced.added_tax, priced.total),
        (80_000, 0, 1_080_000)
    );
}

#[test]
fn payments_give_change_in_cash_only_and_never_fall_short() {
    let cash = |amount| Payment {
        tender: Tender::Cash,
        amount,
    };
    let card = |amount| Payment {
        tender: Tender::Card,
        amount,
    };
    assert_eq!(
        settle(715_000, &[card(215_000), cash(1_000_000)]),
        Ok(Settled {
            paid: 1_215_000,
            change: 500_000
        })
    );
    assert_eq!(
        settle(715_000, &[card(700_000)]),
        Err(SaleError::Underpaid {
            paid: 700_000,
            total: 715_000
        })
    );
    assert_eq!(
        settle(715_000, &[card(800_000)]),
        Err(SaleError::Overpaid {
            over: 85_000,
            tender: "card"
        })
    );
    assert_eq!(settle(0, &[cash(0)]), Err(SaleError::Payment(0)));
}

#[test]
fn bad_lines_and_discounts_are_refused() {
    let one = |l| price(&[l], None, ADDED_10);
    assert_eq!(price(&[], None, ADDED_10), Err(SaleError::NoLines));
    assert_eq!(one(line(-1, 1, None)), Err(SaleError::Price(-1)));
    assert_eq!(one(line(1, 0, None)), Err(SaleError::Quantity(0)));
    assert_eq!(
        one(line(1_000, 1, Some(Discount::Percent(10_001)))),
        Err(SaleError::Percent(10_001))
    );
    assert_eq!(
        one(line(1_000, 1, Some(Discount::Amount(1_001)))),
        Err(SaleError::DiscountAmount {
            amount: 1_001,
            limit: 1_000
        })
    );
    assert_eq!(
        one(line(MAX_AMOUNT, MAX_QUANTITY, None)),
        Err(SaleError::TooLarge)
    );
    let bad_tax = TaxRule {
        rate: 10_001,
        prices_include_tax: false,
    };
    assert_eq!(
        price(&[line(1, 1, None)], None, bad_tax),
        Err(SaleError::TaxRate(10_001))
    );
}

#[test]
fn a_top_up_takes_no_discount_and_no_tax() {
    let top_up = LineInput {
        top_up: true,
        ..line(1_000_000, 1, None)
    };
    let priced = price(
        &[line(500_000, 1, None), top_up.clone()],
        Some(Discount::Percent(1_000)),
        ADDED_10,
    )
    .expect("priced");
    // 10 % off the massage only, then 10 % tax on what is left of it.
    assert_eq!(priced.lines[1].total, 1_000_000);
    assert_eq!(priced.lines[0].sale_discount, 50_000);
    assert_eq!(priced.lines[0].tax, 45_000);
    assert_eq!(priced.total, 1_495_000);
    assert_eq!(discount_share(&priced), 1_000);
    let discounted = LineInput {
        discount: Some(Discount::Amount(1)),
        ..top_up
    };
    assert_eq!(
        price(&[discounted], None, ADDED_10),
        Err(SaleError::DiscountedTopUp)
    );
}

fn discount() -> impl Strategy<Value = Option<Discount>> {
    prop_oneof![
        3 => Just(None),
        1 => (1..=10_000u16).prop_map(|bp| Some(Discount::Percent(bp))),
        1 => (1..50_000i64).prop_map(|a| Some(Discount::Amount(a))),
    ]
}

proptest! {
    /// For any sale that prices: lines − discounts + added tax = total, the
    /// per-line figures sum to the sale's, no line goes below zero, and any
    /// payments that settle satisfy payments − change = total.
    #[test]
    fn every_sale_adds_up(
        lines in proptest::collection::vec(
            (0..2_000_000i64, 1..5u16, discount(), prop::bool::weighted(0.2)).prop_map(
                |(p, q, d, top_up)| LineInput {
                    top_up,
                    ..line(p, q, if top_up { None } else { d })
                },
            ),
            1..8,
        ),
        sale_discount in discount(),
        rate in 0..2_500u16,
        inclusive in any::<bool>(),
        payments in proptest::collection::vec(
            (prop_oneof![Just(Tender::Cash), Just(Tender::Card), Just(Tender::Transfer), Just(Tender::Wallet)],
             1..5_000_000i64)
                .prop_map(|(tender, amount)| Payment { tender, amount }),
            1..4,
        ),
    ) {
        let tax = TaxRule { rate, prices_include_tax: inclusive };
        let priced = price(&lines, sale_discount, tax);
        // Discounts larger than their line are refused; those cases say
        // nothing about the sums.
        prop_assume!(priced.is_ok());
        let priced = priced.expect("assumed");
        prop_assert_eq!(priced.subtotal - priced.discounts + priced.added_tax, priced.total);
        prop_assert_eq!(priced.lines.iter().map(|l| l.total).sum::<i64>(), priced.total);
        prop_assert_eq!(priced.lines.iter().map(|l| l.gross).sum::<i64>(), priced.subtotal);
        for (l, input) in priced.lines.iter().zip(&lines) {
            if input.top_up {
                prop_assert_eq!((l.line_discount, l.sale_discount, l.tax), (0, 0, 0));
                prop_assert_eq!(l.total, l.gross);
            }
            prop_assert!(l.line_discount >= 0 && l.sale_discount >= 0 && l.tax >= 0);
            prop_assert!(l.line_discount + l.sale_discount <= l.gross);
            prop_assert!(l.total >= 0);
            prop_assert!(l.tax <= l.total);
        }
        if let Ok(settled) = settle(priced.total, &payments) {
            let paid: i64 = payments.iter().map(|p| p.amount).sum();
            prop_assert_eq!(settled.paid, paid);
            prop_assert_eq!(settled.paid - settled.change, priced.total);
            prop_assert!(settled.change >= 0);
        }
    }
}
