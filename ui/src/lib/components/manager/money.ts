/**
 * An amount as typed at the drawer: grouping dots, commas and spaces are
 * ignored and a minus sign is kept, so that the store's own refusal of a
 * negative float is what the person reads. Null when blank, 'invalid' when
 * it is not a whole number.
 */
export function parseSignedAmount(text: string): number | null | 'invalid' {
  const compact = text.replace(/[\s.,_₫]|Rp|VND/gi, '');
  if (compact === '') return null;
  if (!/^-?\d{1,13}$/.test(compact)) return 'invalid';
  return Number(compact);
}
