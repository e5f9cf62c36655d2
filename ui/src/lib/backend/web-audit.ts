import type { AuditEntry, AuditLang, AuditQuery } from './backend';

// The fake's activity log: what the fake backend did, rendered with the
// store's own sentences (copied from crates/store/locales/audit.*.json for the
// kinds the fake writes), newest first like the desktop app's `audit`.

type Kind =
  | 'customer.registered'
  | 'customer.note_added'
  | 'sale.recorded'
  | 'sale.recorded_walk_in'
  | 'sale.receipt_printed'
  | 'sale.receipt_reprinted'
  | 'treatment.sold'
  | 'wallet.deposited'
  | 'wallet.spent';

/** Where wallet money came from (`{source}`), in the store's words. */
const SOURCES: Record<AuditLang, Record<string, string>> = {
  vi: { cash: 'tiền mặt', transfer: 'chuyển khoản', card: 'thẻ', sale: 'thanh toán tại quầy' },
  en: { cash: 'cash', transfer: 'transfer', card: 'card', sale: 'checkout' },
  id: { cash: 'tunai', transfer: 'transfer', card: 'kartu', sale: 'kasir' },
};

const SENTENCES: Record<AuditLang, Record<Kind | 'approved', string>> = {
  vi: {
    'customer.registered': '{staff} đã thêm khách hàng {customer} ({phone})',
    'customer.note_added': '{staff} đã ghi chú cho {customer}: “{note}”',
    'sale.recorded': '{staff} đã lập hóa đơn {number} cho {customer}: {amount}',
    'sale.recorded_walk_in': '{staff} đã lập hóa đơn {number} (khách vãng lai): {amount}',
    'sale.receipt_printed': '{staff} đã in hóa đơn {number}',
    'sale.receipt_reprinted': '{staff} đã in lại hóa đơn {number} (bản sao)',
    'treatment.sold': '{staff} đã bán gói {package} cho {customer} ({sessions} buổi, hạn đến {date})',
    'wallet.deposited': '{staff} đã nạp {amount} vào ví của {customer} ({source})',
    'wallet.spent': '{staff} đã trừ {amount} từ ví của {customer}',
    approved: ', được {approver} duyệt',
  },
  en: {
    'customer.registered': '{staff} added customer {customer} ({phone})',
    'customer.note_added': '{staff} wrote a note on {customer}: “{note}”',
    'sale.recorded': '{staff} rang up receipt {number} for {customer}: {amount}',
    'sale.recorded_walk_in': '{staff} rang up receipt {number} (walk-in): {amount}',
    'sale.receipt_printed': '{staff} printed receipt {number}',
    'sale.receipt_reprinted': '{staff} reprinted receipt {number} (copy)',
    'treatment.sold': '{staff} sold {package} to {customer} ({sessions} sessions, until {date})',
    'wallet.deposited': "{staff} put {amount} in {customer}'s wallet ({source})",
    'wallet.spent': "{staff} took {amount} from {customer}'s wallet",
    approved: ', approved by {approver}',
  },
  id: {
    'customer.registered': '{staff} menambahkan pelanggan {customer} ({phone})',
    'customer.note_added': '{staff} menulis catatan untuk {customer}: “{note}”',
    'sale.recorded': '{staff} membuat struk {number} untuk {customer}: {amount}',
    'sale.recorded_walk_in': '{staff} membuat struk {number} (tanpa pelanggan): {amount}',
    'sale.receipt_printed': '{staff} mencetak struk {number}',
    'sale.receipt_reprinted': '{staff} mencetak ulang struk {number} (salinan)',
    'treatment.sold': '{staff} menjual {package} kepada {customer} ({sessions} sesi, berlaku sampai {date})',
    'wallet.deposited': '{staff} mengisi {amount} ke dompet {customer} ({source})',
    'wallet.spent': '{staff} memakai {amount} dari dompet {customer}',
    approved: ', disetujui oleh {approver}',
  },
};

export interface Recorded {
  /** RFC 3339, local time. */
  at: string;
  staffId: string;
  approverId?: string | null;
  kind: Kind;
  entity: string;
  /** The customer a sale, a treatment or a wallet entry is about (the store's customer filter). */
  customer?: string | null;
  values: Record<string, string>;
}

export class AuditTrail {
  private readonly recorded: Recorded[] = [];

  constructor(private readonly nameOf: (staffId: string) => string) {}

  record(entry: Recorded): void {
    this.recorded.push(entry);
  }

  read(query: AuditQuery, lang: AuditLang): AuditEntry[] {
    const limit = Math.min(Math.max(query.limit ?? 200, 1), 1000);
    // Reversed first, so that entries of the same second keep newest first.
    return [...this.recorded]
      .reverse()
      .filter(
        (r) =>
          (!query.staff || r.staffId === query.staff || r.approverId === query.staff) &&
          (!query.customer || r.entity === query.customer || r.customer === query.customer) &&
          (!query.date || r.at.slice(0, 10) === query.date),
      )
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
      .slice(0, limit)
      .map((r) => this.entry(r, lang));
  }

  private entry(r: Recorded, lang: AuditLang): AuditEntry {
    const staff = this.nameOf(r.staffId);
    const approver = r.approverId ? this.nameOf(r.approverId) : null;
    const source = r.values.source && SOURCES[lang][r.values.source];
    let text = fill(SENTENCES[lang][r.kind], { ...r.values, ...(source ? { source } : {}), staff });
    if (approver) text += fill(SENTENCES[lang].approved, { approver });
    return { at: r.at, staff, approved_by: approver, text, kind: r.kind, entity: r.entity };
  }
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
