import { BackendError, type Approval, type PackageInfo, type Role, type Staff, type SyncStatus } from './backend';
import type { CheckoutSettings } from './web-checkout';
import {
  TIME_ZONES,
  WEEKDAYS,
  type BookingPolicies,
  type BusinessInput,
  type BusinessView,
  type DayInput,
  type PackageEditInput,
  type PackageInput,
  type RoomEditInput,
  type RoomInput,
  type RoomView,
  type SalePolicies,
  type ServiceEditInput,
  type ServiceInput,
  type ServiceView,
  type SetupBackend,
  type StaffInput,
  type StaffView,
} from './setup';
import { checkBankAccount, checkQris } from './web-bank';
import { authorize, type Authority, type StaffDesk } from './web-staff';
import { foldForSearch } from '../text';

// The Settings tab's side of the fake (the store's catalog.rs, packages.rs,
// access.rs, schedule.rs and business.rs, and the shell's pairing): the same checks in the same order (input first, then the role),
// the same codes and fields, and nothing changed by a refusal.

const MAX_NAME = 120;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The server and one-time code the fake's "sync server" accepts (pairing). */
export const DEMO_SYNC_SERVER = 'https://dongbo.caredesk.test';
export const DEMO_PAIRING_CODE = 'K7QM-4TXP-9WZD';

export interface SetupOptions {
  business?: Partial<BusinessView>;
  services?: ServiceView[];
  rooms?: RoomView[];
  /** Usual hours by staff name; the demo week when not given. */
  hours?: Record<string, DayInput[]>;
}

/** What the fake's other parts lend this one. */
export interface SetupDeps {
  staff: StaffDesk;
  /** The till's live list and settings (web-checkout.ts). */
  till: { packages: PackageInfo[]; settings: CheckoutSettings };
  sync(): SyncStatus;
  setSync(status: SyncStatus): void;
  /** Ops written here that the server has not acknowledged yet. */
  wrote(ops: number): void;
  pause(): Promise<void>;
}

const svc = (n: number) => `0190d5a0-0000-7000-8000-5e${String(n).padStart(10, '0')}`;
const room = (n: number) => `0190d5a0-0000-7000-8000-40${String(n).padStart(10, '0')}`;
const vnd = (amount: number) => ({ amount, currency: 'VND' as const });

export const DEMO_ROOMS: readonly RoomView[] = [
  { id: room(1), name: 'Phòng VIP', capacity: 1, active: true },
  { id: room(2), name: 'Phòng đôi', capacity: 2, active: true },
];

export const DEMO_SERVICES: readonly ServiceView[] = [
  { id: svc(1), name: 'Massage body', category: 'Massage', minutes: 60, buffer_minutes: 30, price: vnd(450_000), rooms: [], active: true },
  { id: svc(2), name: 'Chăm sóc da mặt', category: 'Da mặt', minutes: 75, buffer_minutes: 15, price: vnd(550_000), rooms: [room(1)], active: true },
  { id: svc(3), name: 'Gội đầu dưỡng sinh', category: 'Gội đầu', minutes: 45, buffer_minutes: 15, price: vnd(200_000), rooms: [], active: true },
  { id: svc(4), name: 'Tắm trắng', category: 'Da mặt', minutes: 90, buffer_minutes: 30, price: vnd(900_000), rooms: [room(1)], active: false },
];

function days(spec: Partial<Record<(typeof WEEKDAYS)[number], [string, string][]>>): DayInput[] {
  return WEEKDAYS.map((day) => ({ day, spans: (spec[day] ?? []).map(([from, to]) => ({ from, to })) }));
}

const weekdays = (from: string, to: string) => ({
  mon: [[from, to]],
  tue: [[from, to]],
  wed: [[from, to]],
  thu: [[from, to]],
  fri: [[from, to]],
}) as Partial<Record<(typeof WEEKDAYS)[number], [string, string][]>>;

export const DEMO_HOURS: Readonly<Record<string, DayInput[]>> = {
  Minh: days({ ...weekdays('09:00', '18:00'), sat: [['09:00', '12:00'], ['13:00', '17:00']] }),
  Lan: days(weekdays('08:00', '17:00')),
  Tuấn: days({ ...weekdays('10:00', '19:00'), sat: [['10:00', '16:00']] }),
};

/** Every Settings command but the printers' (web-printing.ts). */
export class SetupDesk implements Omit<SetupBackend, 'setupPrinters' | 'setPrinters'> {
  private business: BusinessView;
  private readonly services: ServiceView[];
  private readonly rooms: RoomView[];
  private readonly hours = new Map<string, DayInput[]>();
  private readonly performs = new Map<string, string[]>();
  private booking: BookingPolicies;

  constructor(
    private readonly deps: SetupDeps,
    options: SetupOptions = {},
  ) {
    this.business = {
      name: 'Spa Hoa Sen',
      country: 'VN',
      currency: 'VND',
      timezone: 'Asia/Ho_Chi_Minh',
      customer_code_prefix: 'KH',
      address: '12 Lý Tự Trọng, Quận 1, TP. Hồ Chí Minh',
      tax_code: '0312345678',
      bank_bin: '',
      bank_account: '',
      bank_holder: '',
      qris: '',
      ...options.business,
    };
    this.services = structuredClone([...(options.services ?? DEMO_SERVICES)]);
    this.rooms = structuredClone([...(options.rooms ?? DEMO_ROOMS)]);
    const hours = options.hours ?? DEMO_HOURS;
    for (const member of deps.staff.everyone()) {
      this.hours.set(member.id, structuredClone(hours[member.name] ?? days({})));
      if (member.role === 'therapist') this.performs.set(member.id, this.services.filter((s) => s.active).map((s) => s.id));
    }
    this.booking = {
      slot_minutes: 90,
      align_minutes: 30,
      lead_minutes: 60,
      cancel_cutoff_minutes: 60,
      opening: days(Object.fromEntries(WEEKDAYS.map((d) => [d, [['08:00', '20:00']]]))),
    };
  }

  async setupBusiness(): Promise<BusinessView> {
    await this.signedIn();
    return { ...this.business };
  }

  async setBusiness(input: BusinessInput, approval?: Approval | null): Promise<BusinessView> {
    const who = await this.approved(approval);
    const name = required(input.name, 'name', MAX_NAME);
    if (!(TIME_ZONES as readonly string[]).includes(input.timezone.trim())) {
      throw new BackendError('invalid_settings', `unknown time zone "${input.timezone}"`, 'timezone');
    }
    const prefix = input.customer_code_prefix.trim().toUpperCase();
    if (!/^[A-Z]{1,4}$/.test(prefix)) {
      throw new BackendError('invalid_settings', `customer code prefix "${input.customer_code_prefix}" must be 1 to 4 letters A-Z`, 'customer_code_prefix');
    }
    const address = optional(input.address, 'address', 300);
    const taxCode = optional(input.tax_code, 'tax_code', 30);
    if (!/^[A-Za-z0-9 .-]*$/.test(taxCode)) {
      throw new BackendError('invalid_settings', `tax code "${taxCode}" may hold only digits, letters, spaces, dots and dashes`, 'tax_code');
    }
    const account = checkBankAccount(input);
    const qris = checkQris(input.qris);
    const next: BusinessView = { ...this.business, name, timezone: input.timezone.trim(), customer_code_prefix: prefix, address, tax_code: taxCode, ...account, qris };
    if (JSON.stringify(next) === JSON.stringify(this.business)) throw nothingToChange();
    this.allow(who, 'edit_settings');
    this.business = next;
    this.deps.wrote(1);
    return { ...next };
  }

  async setupServices(): Promise<ServiceView[]> {
    await this.signedIn();
    return structuredClone(byName(this.services));
  }

  async addService(input: ServiceInput, approval?: Approval | null): Promise<ServiceView> {
    const who = await this.approved(approval);
    const checked = this.checkService(input);
    this.allow(who, 'edit_settings');
    const service: ServiceView = { id: svc(100 + this.services.length), active: true, ...checked };
    this.services.push(service);
    this.deps.wrote(1);
    return structuredClone(service);
  }

  async editService(id: string, edit: ServiceEditInput, approval?: Approval | null): Promise<ServiceView> {
    const who = await this.approved(approval);
    const service = find(this.services, id, 'service');
    const checked = this.checkService({
      name: edit.name ?? service.name,
      category: edit.category ?? service.category,
      minutes: edit.minutes ?? service.minutes,
      buffer_minutes: edit.buffer_minutes ?? service.buffer_minutes,
      price: edit.price ?? service.price.amount,
      rooms: edit.rooms ?? service.rooms,
    });
    const next: ServiceView = { ...service, ...checked, active: edit.active ?? service.active };
    if (JSON.stringify(next) === JSON.stringify(service)) throw nothingToChange();
    this.allow(who, 'edit_settings');
    Object.assign(service, next);
    this.deps.wrote(1);
    return structuredClone(service);
  }

  async setupRooms(): Promise<RoomView[]> {
    await this.signedIn();
    return structuredClone(byName(this.rooms));
  }

  async addRoom(input: RoomInput, approval?: Approval | null): Promise<RoomView> {
    const who = await this.approved(approval);
    const name = required(input.name, 'name', MAX_NAME);
    const capacity = checkCapacity(input.capacity);
    this.allow(who, 'edit_settings');
    const added: RoomView = { id: room(100 + this.rooms.length), name, capacity, active: true };
    this.rooms.push(added);
    this.deps.wrote(1);
    return { ...added };
  }

  async editRoom(id: string, edit: RoomEditInput, approval?: Approval | null): Promise<RoomView> {
    const who = await this.approved(approval);
    const found = find(this.rooms, id, 'room');
    const next: RoomView = {
      ...found,
      name: edit.name == null ? found.name : required(edit.name, 'name', MAX_NAME),
      capacity: edit.capacity == null ? found.capacity : checkCapacity(edit.capacity),
      active: edit.active ?? found.active,
    };
    if (JSON.stringify(next) === JSON.stringify(found)) throw nothingToChange();
    this.allow(who, 'edit_settings');
    Object.assign(found, next);
    this.deps.wrote(1);
    return { ...found };
  }

  async setupPackages(): Promise<PackageInfo[]> {
    await this.signedIn();
    return structuredClone(byName(this.deps.till.packages));
  }

  async addPackage(input: PackageInput, approval?: Approval | null): Promise<PackageInfo> {
    const who = await this.approved(approval);
    const name = required(input.name, 'name', MAX_NAME);
    const sessions = inRange(input.sessions, 1, 200, 'sessions', 'a package holds 1 to 200 sessions');
    const validDays = inRange(input.valid_days, 1, 3660, 'valid_days', 'a package is valid for 1 to 3660 days');
    const price = checkPrice(input.price);
    const serviceId = input.service?.trim() || null;
    const service = serviceId === null ? null : find(this.services, serviceId, 'service').id;
    if (input.home_visit && service === null) {
      throw new BackendError('invalid_value', 'a home-visit package needs the service its visits are for', 'service');
    }
    this.allow(who, 'edit_settings');
    const added: PackageInfo = {
      id: `0190d5a0-0000-7000-8000-9a${String(100 + this.deps.till.packages.length).padStart(10, '0')}`,
      name,
      service,
      sessions,
      valid_days: validDays,
      price: { amount: price, currency: this.business.currency },
      active: true,
      ...(input.home_visit ? { home_visit: true } : {}),
    };
    this.deps.till.packages.push(added);
    this.deps.wrote(1);
    return structuredClone(added);
  }

  async editPackage(id: string, edit: PackageEditInput, approval?: Approval | null): Promise<PackageInfo> {
    const who = await this.approved(approval);
    const found = find(this.deps.till.packages, id, 'package');
    const next: PackageInfo = {
      ...found,
      name: edit.name == null ? found.name : required(edit.name, 'name', MAX_NAME),
      price: edit.price == null ? found.price : { ...found.price, amount: checkPrice(edit.price) },
      active: edit.active ?? found.active,
    };
    if (JSON.stringify(next) === JSON.stringify(found)) throw nothingToChange();
    this.allow(who, 'edit_settings');
    Object.assign(found, next);
    this.deps.wrote(1);
    return structuredClone(found);
  }

  async setupStaff(): Promise<StaffView[]> {
    await this.signedIn();
    return this.deps.staff.everyone().map((m) => this.view(m.id));
  }

  async addStaff(input: StaffInput, approval?: Approval | null): Promise<StaffView> {
    const who = await this.approved(approval);
    const name = required(input.name, 'name', MAX_NAME);
    const pin = input.pin?.trim() ? checkPin(input.pin) : null;
    const decider = this.allow(who, 'manage_staff');
    appoint(decider, input.role);
    const folded = foldForSearch(name);
    if (this.deps.staff.everyone().some((m) => m.active && foldForSearch(m.name) === folded)) {
      throw new BackendError('duplicate_staff', `an active staff member is already named ${name}`, 'name');
    }
    const added = this.deps.staff.add(name, input.role, pin);
    this.hours.set(added.id, days({}));
    this.deps.wrote(pin === null ? 1 : 2);
    return this.view(added.id);
  }

  async setStaffRole(id: string, role: Role, approval?: Approval | null): Promise<StaffView> {
    const who = await this.approved(approval);
    const target = this.member(id);
    const decider = this.allow(who, 'manage_staff');
    appoint(decider, target.role);
    appoint(decider, role);
    if (target.role !== role) {
      if (target.role === 'owner') this.keepAnOwner(target);
      this.deps.staff.update(target.id, { role });
      this.deps.wrote(1);
    }
    return this.view(target.id);
  }

  async resetStaffPin(id: string, pin: string, approval?: Approval | null): Promise<StaffView> {
    const who = await this.approved(approval);
    const target = this.member(id);
    const checked = checkPin(pin);
    if (target.id !== who.actor.id) {
      const decider = this.allow(who, 'manage_staff');
      appoint(decider, target.role);
    }
    this.deps.staff.update(target.id, { pin: checked });
    this.deps.wrote(1);
    return this.view(target.id);
  }

  async setStaffActive(id: string, active: boolean, approval?: Approval | null): Promise<StaffView> {
    const who = await this.approved(approval);
    const target = this.member(id);
    const decider = this.allow(who, 'manage_staff');
    appoint(decider, target.role);
    if (target.active !== active) {
      if (!active && target.role === 'owner') this.keepAnOwner(target);
      this.deps.staff.update(target.id, { active });
      this.deps.wrote(1);
    }
    return this.view(target.id);
  }

  async setStaffServices(id: string, services: string[], approval?: Approval | null): Promise<StaffView> {
    const who = await this.approved(approval);
    const target = this.member(id);
    const ids = [...new Set(services.map((s) => find(this.services, s, 'service').id))].sort();
    this.allow(who, 'manage_staff');
    this.performs.set(target.id, ids);
    this.deps.wrote(1);
    return this.view(target.id);
  }

  async setStaffWeek(id: string, week: DayInput[], approval?: Approval | null): Promise<StaffView> {
    const who = await this.approved(approval);
    const target = this.member(id);
    const checked = checkWeek(week);
    if (checked.length === 0) throw nothingToChange();
    this.allow(who, 'manage_staff');
    const current = this.hours.get(target.id) ?? days({});
    for (const day of checked) {
      const at = current.findIndex((d) => d.day === day.day);
      if (at >= 0) current[at] = day;
    }
    this.hours.set(target.id, current);
    this.deps.wrote(checked.length);
    return this.view(target.id);
  }

  async bookingPolicies(): Promise<BookingPolicies> {
    await this.signedIn();
    return structuredClone(this.booking);
  }

  async setBookingPolicies(policies: BookingPolicies, approval?: Approval | null): Promise<BookingPolicies> {
    const who = await this.approved(approval);
    const opening = checkWeek(policies.opening);
    if (policies.slot_minutes < 5 || policies.slot_minutes > 720) {
      throw new BackendError('invalid_settings', `the slot length must be 5 to 720 minutes, not ${policies.slot_minutes}`, 'slot_minutes');
    }
    if (policies.align_minutes <= 0 || 60 % policies.align_minutes !== 0) {
      throw new BackendError('invalid_settings', `slot alignment must divide an hour, not ${policies.align_minutes}`, 'align_minutes');
    }
    for (const field of ['lead_minutes', 'cancel_cutoff_minutes'] as const) {
      if (policies[field] > 10_080) {
        throw new BackendError('invalid_settings', `${field} must be at most 10080 minutes (a week)`, field);
      }
    }
    this.allow(who, 'edit_settings');
    const merged = this.booking.opening.map((day) => opening.find((d) => d.day === day.day) ?? day);
    this.booking = { ...structuredClone(policies), opening: merged };
    this.deps.wrote(1);
    return structuredClone(this.booking);
  }

  async salePolicies(): Promise<SalePolicies> {
    await this.signedIn();
    const { tax, discount_limit } = this.deps.till.settings;
    return { tax_rate: tax.rate, prices_include_tax: tax.prices_include_tax, discount_limit };
  }

  async setSalePolicies(policies: SalePolicies, approval?: Approval | null): Promise<SalePolicies> {
    const who = await this.approved(approval);
    if (policies.tax_rate > 10_000) {
      throw new BackendError('invalid_settings', `a tax rate must be 0 to 100 %, not ${policies.tax_rate} basis points`, 'tax_rate');
    }
    if (policies.discount_limit > 10_000) {
      throw new BackendError('invalid_settings', 'a discount limit must be 0 to 100 %', 'discount_limit');
    }
    this.allow(who, 'edit_settings');
    const settings = this.deps.till.settings;
    settings.tax = { rate: policies.tax_rate, prices_include_tax: policies.prices_include_tax };
    settings.discount_limit = policies.discount_limit;
    this.deps.wrote(1);
    return { ...policies };
  }

  async pairCounter(server: string, code: string, approval?: Approval | null): Promise<SyncStatus> {
    const url = server.trim().replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s/:][^\s]*$/.test(url)) {
      throw new BackendError('invalid_server_url', `"${server}" is not a server address`, 'server');
    }
    if (code.trim() === '') throw new BackendError('empty_field', 'the pairing code is empty', 'code');
    const who = await this.approved(approval);
    this.allow(who, 'edit_settings');
    const current = this.deps.sync();
    if (current.paired) throw new BackendError('already_paired', `this counter is already paired with ${current.server}`);
    if (url !== DEMO_SYNC_SERVER) {
      throw new BackendError('server_unreachable', `the server cannot be reached: ${url}`, 'server');
    }
    const typed = code.toUpperCase().replace(/[\s-]/g, '');
    if (typed !== DEMO_PAIRING_CODE.replace(/-/g, '')) {
      throw new BackendError('pairing_code_refused', 'the server refused (401 invalid_code): unknown or used pairing code', 'code');
    }
    this.deps.setSync({ ...current, paired: true, server: url, device: '0190d5a0-0000-7000-8000-de0000000001' });
    return { ...this.deps.sync() };
  }

  private async signedIn(): Promise<Staff> {
    await this.deps.pause();
    return this.deps.staff.actor();
  }

  /** For a write: who acts and the manager who approved, their PIN checked first (`acting_approved`). */
  private async approved(approval: Approval | null | undefined): Promise<Authority> {
    await this.deps.pause();
    return this.deps.staff.authority(approval);
  }

  /** `Store::authorize`: settings and staff are a manager's or the owner's; the one whose authority it is. */
  private allow(who: Authority, action: 'edit_settings' | 'manage_staff'): Staff {
    return authorize(who, action);
  }

  private member(id: string) {
    if (!UUID.test(id.trim())) throw new BackendError('invalid_id', `"${id}" is not a staff id (a UUID)`);
    const found = this.deps.staff.everyone().find((m) => m.id === id.trim());
    if (!found) throw new BackendError('not_found', `no staff member "${id}": expected a staff id or name`);
    return found;
  }

  private keepAnOwner(target: Staff): void {
    const owners = this.deps.staff.everyone().filter((m) => m.role === 'owner' && m.active);
    if (owners.length <= 1) throw new BackendError('last_owner', `${target.name} is the last active owner`);
  }

  private view(id: string): StaffView {
    const member = this.member(id);
    return {
      id: member.id,
      name: member.name,
      role: member.role,
      active: member.active,
      has_pin: member.has_pin,
      services: [...(this.performs.get(id) ?? [])],
      hours: structuredClone(this.hours.get(id) ?? days({})),
    };
  }

  private checkService(input: ServiceInput): Omit<ServiceView, 'id' | 'active'> {
    const name = required(input.name, 'name', MAX_NAME);
    const category = optional(input.category, 'category', 60);
    const minutes = inRange(input.minutes, 5, 720, 'minutes', 'a service lasts 5 to 720 minutes');
    const buffer = inRange(input.buffer_minutes ?? 0, 0, 240, 'buffer_minutes', 'a buffer is at most 240 minutes');
    const price = checkPrice(input.price);
    const rooms = (input.rooms ?? []).map((r) => find(this.rooms, r, 'room').id);
    return { name, category, minutes, buffer_minutes: buffer, price: { amount: price, currency: this.business.currency }, rooms };
  }
}

function required(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new BackendError('empty_field', `${field} must not be empty`, field);
  if (trimmed.length > max) throw new BackendError('too_long', `${field} is longer than ${max} characters`, field);
  return trimmed;
}

function optional(value: string | null | undefined, field: string, max: number): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > max) throw new BackendError('too_long', `${field} is longer than ${max} characters`, field);
  return trimmed;
}

function inRange(value: number, min: number, max: number, field: string, rule: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BackendError('invalid_value', `${rule}, not ${value}`, field);
  }
  return value;
}

function checkPrice(price: number): number {
  if (!Number.isSafeInteger(price)) throw new BackendError('invalid_value', `${price} is not a whole amount`, 'price');
  if (price < 0) throw new BackendError('invalid_value', 'a price cannot be negative', 'price');
  return price;
}

function checkCapacity(capacity: number): number {
  return inRange(capacity, 1, 500, 'capacity', 'a capacity is 1 to 500');
}

function checkPin(pin: string): string {
  if (!/^\d{4,8}$/.test(pin)) throw new BackendError('invalid_pin', 'a PIN is 4 to 8 digits', 'pin');
  return pin;
}

/** `Role::may_appoint`: nobody makes someone more powerful than themselves. */
function appoint(actor: Staff, role: Role): void {
  const may = actor.role === 'owner' || (actor.role === 'manager' && role !== 'owner');
  if (!may) throw new BackendError('cannot_appoint', `${actor.name} (${actor.role}) may not appoint or change a ${role}`, 'role');
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `Span::parse` and `DayHours::new` per day, refused on `hours.<day>`. */
function checkWeek(week: DayInput[]): DayInput[] {
  return week.map((input) => {
    const day = input.day.trim().toLowerCase();
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      throw new BackendError('invalid_hours', `"${input.day}" is not a day of the week`, 'hours');
    }
    const field = `hours.${day}`;
    const spans = input.spans.map(({ from, to }) => {
      const end = to.trim() === '24:00' ? '24:00' : to.trim();
      if (!HHMM.test(from.trim()) || (end !== '24:00' && !HHMM.test(end))) {
        throw new BackendError('invalid_hours', `"${from}"-"${to}" is not a time of day: expected HH:MM`, field);
      }
      if (end <= from.trim()) {
        throw new BackendError('invalid_hours', `${from} to ${to} is not a span: the end must come after the start`, field);
      }
      return { from: from.trim(), to: end };
    });
    spans.sort((a, b) => a.from.localeCompare(b.from));
    for (let i = 1; i < spans.length; i++) {
      const [before, after] = [spans[i - 1], spans[i]];
      if (before && after && after.from < before.to) {
        throw new BackendError('invalid_hours', `spans ${before.from}-${before.to} and ${after.from}-${after.to} overlap`, field);
      }
    }
    return { day, spans };
  });
}

function find<T extends { id: string }>(list: readonly T[], id: string, what: string): T {
  if (!UUID.test(id.trim())) throw new BackendError('invalid_id', `"${id}" is not a ${what} id (a UUID)`);
  const found = list.find((entry) => entry.id === id.trim());
  if (!found) throw new BackendError('not_found', `no ${what} "${id}": expected a ${what} id or name`);
  return found;
}

function byName<T extends { name: string; id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id));
}

function nothingToChange(): BackendError {
  return new BackendError('nothing_to_change', 'nothing to change: the values given are the current ones');
}
