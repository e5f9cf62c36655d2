import { BackendError } from './backend';
import type { Discount } from './bindings/Discount';
import type { TaxRule } from './bindings/TaxRule';
import type { Tender } from './bindings/Tender';

// The fake's copy of crates/domain/src/sale/mod.rs (`price`, `settle`,
// `discount_share`): the same integer arithmetic, the same half-up rounding
// and largest-remainder spreading, the same refusals and codes. Products of
// an amount (up to 10^12) and basis points overflow a double's exact
// integers, so every product is a BigInt, like the Rust code's i128.

/** Basis points: 10 000 = 100 %. */
export const WHOLE = 10_000;
/** The most one line may cost, and the most a sale may total. */
export const MAX_AMOUNT = 1_000_000_000_000;
/** The most units of one thing on a line. */
export const MAX_QUANTITY = 1_000;

/** One line before pricing. */
export interface PriceInput {
  unit_price: number;
  quantity: number;
  discount?: Discount | null;
  /** Money put into the customer's wallet: no discount, no tax. */
  top_up: boolean;
}

export interface PricedLine {
  gross: number;
  line_discount: number;
  /** Its share of the sale-wide discount. */
  sale_discount: number;
  tax: number;
  total: number;
}

export interface Priced {
  lines: PricedLine[];
  subtotal: number;
  /** The part of the subtotal discounts may apply to (all but top-ups). */
  discountable: number;
  discounts: number;
  tax: number;
  /** Tax added on top of the prices (0 when prices include it). */
  added_tax: number;
  total: number;
}

export interface Settled {
  paid: number;
  /** Cash handed back. */
  change: number;
}

function isWhole(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

/** `amount × numerator / denominator`, rounded half up (the Rust `share`). */
export function share(amount: number, numerator: number, denominator: number): number {
  const d = BigInt(denominator);
  return Number((BigInt(amount) * BigInt(numerator) + d / 2n) / d);
}

function invalid(message: string): BackendError {
  return new BackendError('invalid_value', message);
}

function tooLarge(): BackendError {
  return new BackendError('amount_overflow', `the sale comes to more than ${MAX_AMOUNT}`);
}

function discountOf(discount: Discount, base: number): number {
  if ('percent' in discount) {
    const bp = discount.percent;
    if (!isWhole(bp) || bp <= 0 || bp > WHOLE) {
      throw invalid(`a percentage discount must be 1 to 100 %, not ${bp} basis points`);
    }
    return share(base, bp, WHOLE);
  }
  const amount = discount.amount;
  if (!isWhole(amount) || amount <= 0 || amount > base) {
    throw invalid(`a discount must be more than 0 and at most what it applies to (${base}), not ${amount}`);
  }
  return amount;
}

/**
 * Prices a sale: each line's own discount, then the sale-wide one spread
 * over the lines in proportion to what is left of each (largest remainder
 * first, earlier lines winning ties), then the tax per line. Top-ups stay
 * outside discounts and tax.
 */
export function price(lines: readonly PriceInput[], saleDiscount: Discount | null | undefined, tax: TaxRule): Priced {
  if (lines.length === 0) throw new BackendError('empty_field', 'a sale needs at least one line');
  if (tax.rate > WHOLE) throw invalid(`a tax rate must be at most 100 %, not ${tax.rate} basis points`);
  const afterLine: number[] = [];
  const priced: PricedLine[] = [];
  for (const line of lines) {
    if (!isWhole(line.unit_price) || line.unit_price < 0 || line.unit_price > MAX_AMOUNT) {
      throw new BackendError('invalid_amount', `a price must be 0 to ${MAX_AMOUNT}, not ${line.unit_price}`);
    }
    if (!isWhole(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      throw invalid(`a quantity must be 1 to ${MAX_QUANTITY}, not ${line.quantity}`);
    }
    const gross = line.unit_price * line.quantity;
    if (gross > MAX_AMOUNT) throw tooLarge();
    if (line.top_up && line.discount) throw invalid('a wallet top-up takes no discount');
    const lineDiscount = line.discount ? discountOf(line.discount, gross) : 0;
    // A top-up weighs nothing when the sale discount is spread.
    afterLine.push(line.top_up ? 0 : gross - lineDiscount);
    priced.push({ gross, line_discount: lineDiscount, sale_discount: 0, tax: 0, total: 0 });
  }
  const base = afterLine.reduce((a, b) => a + b, 0);
  if (base > MAX_AMOUNT) throw tooLarge();
  const saleOff = saleDiscount ? discountOf(saleDiscount, base) : 0;
  spread(saleOff, afterLine).forEach((off, i) => {
    priced[i]!.sale_discount = off;
  });
  priced.forEach((line, i) => {
    const input = lines[i]!;
    if (input.top_up) {
      line.total = line.gross;
      return;
    }
    const net = afterLine[i]! - line.sale_discount;
    if (tax.prices_include_tax) {
      // The tax inside a price that includes it.
      line.tax = net - share(net, WHOLE, WHOLE + tax.rate);
      line.total = net;
    } else {
      line.tax = share(net, tax.rate, WHOLE);
      line.total = net + line.tax;
    }
  });
  const sum = (f: (l: PricedLine) => number) => priced.reduce((a, l) => a + f(l), 0);
  const total = sum((l) => l.total);
  if (total > MAX_AMOUNT) throw tooLarge();
  const taxTotal = sum((l) => l.tax);
  return {
    lines: priced,
    subtotal: sum((l) => l.gross),
    discountable: priced.reduce((a, l, i) => a + (lines[i]!.top_up ? 0 : l.gross), 0),
    discounts: sum((l) => l.line_discount + l.sale_discount),
    tax: taxTotal,
    added_tax: tax.prices_include_tax ? 0 : taxTotal,
    total,
  };
}

/**
 * Spreads `amount` over `weights` in proportion, in whole units: floors
 * first, then one unit each to the largest remainders (earlier first).
 */
export function spread(amount: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (amount === 0 || sum === 0) return weights.map(() => 0);
  const total = BigInt(sum);
  const exact = weights.map((w) => {
    const product = BigInt(amount) * BigInt(w);
    return { floor: Number(product / total), remainder: product % total };
  });
  const parts = exact.map((e) => e.floor);
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    const ra = exact[a]!.remainder;
    const rb = exact[b]!.remainder;
    return ra === rb ? a - b : rb > ra ? 1 : -1;
  });
  for (const i of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * Checks the payments against the total: enough is paid, and only cash is
 * over-paid (the difference is change, never more than the cash).
 */
export function settle(total: number, payments: ReadonlyArray<{ tender: Tender; amount: number }>): Settled {
  let paid = 0;
  for (const payment of payments) {
    if (!isWhole(payment.amount) || payment.amount <= 0 || payment.amount > MAX_AMOUNT) {
      throw new BackendError(
        'invalid_amount',
        `a payment must be more than 0 and at most ${MAX_AMOUNT}, not ${payment.amount}`,
      );
    }
    paid += payment.amount;
  }
  if (paid < total) throw new BackendError('underpaid', `${paid} paid is less than the ${total} due`);
  const change = paid - total;
  const cash = payments.filter((p) => p.tender === 'cash').reduce((a, p) => a + p.amount, 0);
  if (change > cash) {
    const tender = payments.find((p) => p.tender !== 'cash')?.tender ?? 'cash';
    throw new BackendError(
      'overpaid',
      `${change - cash} more than due was paid by ${tender}: only cash is given change`,
    );
  }
  return { paid, change };
}

/** The share of the subtotal given away in discounts, in basis points. */
export function discountShare(priced: Priced): number {
  if (priced.discountable === 0) return 0;
  return share(priced.discounts, WHOLE, priced.discountable);
}
