// Amounts typed at the counter: whole đồng or rupiah, grouped the way the
// language groups digits (`450.000` in vi and id, `450,000` in en). What is
// typed may use either separator, or none; a minus sign is kept so that the
// store, not the field, says a price cannot be negative.

/** `450.000`, `450,000`, `450 000` or `450000` → 450000; `-5` → -5; null when not an amount. */
export function parseAmount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^-?\s*\d[\d.,\s]*$/.test(trimmed)) return null;
  const negative = trimmed.startsWith('-');
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length === 0 || digits.length > 15) return null;
  const value = Number(digits);
  return negative ? -value : value;
}

/** An amount as the field shows it after typing: digits grouped per locale, no symbol. */
export function groupAmount(amount: number, intlTag: string): string {
  return new Intl.NumberFormat(intlTag, { maximumFractionDigits: 0 }).format(amount);
}

/** The currency's sign beside the field. */
export function currencySign(currency: string): string {
  return currency === 'IDR' ? 'Rp' : '₫';
}
