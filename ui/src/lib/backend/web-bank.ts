import { BackendError } from './backend';

// The fake's checks of the payment codes a receipt can carry (the domain's
// business.rs and emv.rs): the VietQR bank account (đồng) and the
// merchant's static QRIS payload (rupiah), refused on the business form's
// fields with the store's codes.

const MAX_ACCOUNT_NUMBER = 19;
const MAX_ACCOUNT_NAME = 70;
const MAX_QRIS = 512;

export interface BankAccount {
  bank_bin: string;
  bank_account: string;
  bank_holder: string;
}

/** `BankAccount::validated`, or all three blank when none is given. */
export function checkBankAccount(input: Partial<Record<keyof BankAccount, string | null>>): BankAccount {
  const bin = input.bank_bin?.trim() ?? '';
  const typed = input.bank_account ?? '';
  const holder = input.bank_holder?.normalize('NFC').trim() ?? '';
  if (bin === '' && typed.trim() === '' && holder === '') return { bank_bin: '', bank_account: '', bank_holder: '' };
  if (!/^970\d{3}$/.test(bin)) {
    throw new BackendError('invalid_settings', `bank BIN ${JSON.stringify(input.bank_bin ?? '')}: expected the bank's six-digit NAPAS BIN, 970xxx`, 'bank_bin');
  }
  // People type account numbers in groups: the separators are dropped.
  const number = typed.replace(/[ .-]/g, '').toUpperCase();
  if (number === '' || number.length > MAX_ACCOUNT_NUMBER || !/^[A-Z0-9]+$/.test(number)) {
    throw new BackendError('invalid_settings', `bank account number ${JSON.stringify(typed)}: expected 1 to 19 letters or digits`, 'bank_account');
  }
  // The store names the holder's field "account name" (text::optional).
  if ([...holder].length > MAX_ACCOUNT_NAME) {
    throw new BackendError('too_long', `account name is longer than ${MAX_ACCOUNT_NAME} characters`, 'account name');
  }
  if (/\p{Cc}/u.test(holder)) {
    throw new BackendError('control_character', 'account name holds a control character', 'account name');
  }
  return { bank_bin: bin, bank_account: number, bank_holder: holder };
}

/** `checked_qris`: a well-formed EMVCo payload with a right CRC, in rupiah, from Indonesia; blank for none. */
export function checkQris(input: string | null | undefined): string {
  const payload = input?.trim() ?? '';
  if (payload === '') return '';
  const refuse = (why: string) => new BackendError('invalid_settings', `QRIS payload refused: ${why}`, 'qris');
  if (payload.length > MAX_QRIS) throw refuse(`${payload.length} characters, at most ${MAX_QRIS}`);
  const fields = emvFields(payload);
  if (typeof fields === 'string') throw refuse(fields);
  for (const [id, want, what] of [
    ['00', '01', 'the payload format'],
    ['53', '360', 'rupiah'],
    ['58', 'ID', 'Indonesia'],
  ] as const) {
    if (fields.get(id) !== want) throw refuse(`field ${id} must be ${want} (${what})`);
  }
  return payload;
}

/** `emv::check`: the fields by id (the first of each) when the CRC is right, else why not. */
function emvFields(payload: string): Map<string, string> | string {
  if (!/^[\x20-\x7e]*$/.test(payload)) return 'the payload holds a character outside printable ASCII';
  const fields: Array<[string, string]> = [];
  for (let at = 0; at < payload.length; ) {
    const header = payload.slice(at, at + 4);
    if (header.length < 4) return `the field at character ${at} is cut short`;
    if (!/^\d{4}$/.test(header)) return `the field at character ${at} has no two-digit id and length`;
    const length = Number(header.slice(2));
    if (at + 4 + length > payload.length) return `the field at character ${at} is cut short`;
    fields.push([header.slice(0, 2), payload.slice(at + 4, at + 4 + length)]);
    at += 4 + length;
  }
  const crc = fields.pop();
  if (!crc || crc[0] !== '63' || crc[1].length !== 4) return 'the payload does not end with its CRC field (6304 and four hex digits)';
  const expected = crc16(payload.slice(0, -4)).toString(16).toUpperCase().padStart(4, '0');
  if (crc[1].toUpperCase() !== expected) return `the CRC is ${crc[1]} but the payload's content gives ${expected}`;
  const byId = new Map<string, string>();
  for (const [id, value] of fields) if (!byId.has(id)) byId.set(id, value);
  return byId;
}

/** CRC-16/CCITT-FALSE (polynomial 0x1021, from 0xFFFF), over ASCII. */
export function crc16(text: string): number {
  let crc = 0xffff;
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i) << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}
