import type { AuditEntry, AuditLang, AuditQuery } from './backend';

// The fake's activity log: what the fake backend did, rendered with the
// store's own sentences (copied from crates/store/locales/audit.*.json for the
// kinds the fake writes), newest first like the desktop app's `audit`.

type Kind = 'customer.registered' | 'customer.note_added';

const SENTENCES: Record<AuditLang, Record<Kind | 'approved', string>> = {
  vi: {
    'customer.registered': '{staff} đã thêm khách hàng {customer} ({phone})',
    'customer.note_added': '{staff} đã ghi chú cho {customer}: “{note}”',
    approved: ', được {approver} duyệt',
  },
  en: {
    'customer.registered': '{staff} added customer {customer} ({phone})',
    'customer.note_added': '{staff} wrote a note on {customer}: “{note}”',
    approved: ', approved by {approver}',
  },
  id: {
    'customer.registered': '{staff} menambahkan pelanggan {customer} ({phone})',
    'customer.note_added': '{staff} menulis catatan untuk {customer}: “{note}”',
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
          (!query.customer || r.entity === query.customer) &&
          (!query.date || r.at.slice(0, 10) === query.date),
      )
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
      .slice(0, limit)
      .map((r) => this.entry(r, lang));
  }

  private entry(r: Recorded, lang: AuditLang): AuditEntry {
    const staff = this.nameOf(r.staffId);
    const approver = r.approverId ? this.nameOf(r.approverId) : null;
    let text = fill(SENTENCES[lang][r.kind], { ...r.values, staff });
    if (approver) text += fill(SENTENCES[lang].approved, { approver });
    return { at: r.at, staff, approved_by: approver, text, kind: r.kind, entity: r.entity };
  }
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
