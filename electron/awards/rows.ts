import type { AwardItem, AwardKind, AwardRegister, BaseSalary, Decision, PrintRecord, RegisterEntry, SignMode } from '../../shared/awards/types.js';
import { DEFAULT_FONT, FONT_IDS, type CertificateTemplate, type FieldBox, type PaperName, type PrinterCalibration, type TemplateMode } from '../../shared/awards/layout.js';
import { decisionLabel } from '../../shared/awards/decision.js';

/** Rows (snake_case, as PGlite/pg return them) to domain objects. */
type R = Record<string, unknown>;

const str = (v: unknown): string => (v == null ? '' : String(v));
const strOrNull = (v: unknown): string | null => (v == null ? null : String(v));
/** DATE columns come back as Date objects from pg and PGlite; keep the calendar day. */
export function isoDay(v: unknown): string {
  if (v instanceof Date) {
    const y = v.getFullYear();
    return `${y}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  }
  return str(v).slice(0, 10);
}
const isoDayOrNull = (v: unknown): string | null => (v == null ? null : isoDay(v));
const isoTime = (v: unknown): string => (v instanceof Date ? v.toISOString() : str(v));
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));

export function baseSalaryFromRow(r: R): BaseSalary {
  return { id: str(r.id), effectiveFrom: isoDay(r.effective_from), amount: num(r.amount), source: str(r.source), confidence: r.confidence as BaseSalary['confidence'] };
}

export function kindFromRow(r: R): AwardKind {
  return {
    id: str(r.id),
    code: str(r.code),
    name: str(r.name),
    category: r.category as AwardKind['category'],
    subject: r.subject as AwardKind['subject'],
    coefficient: num(r.coefficient),
    validFrom: isoDayOrNull(r.valid_from),
    validTo: isoDayOrNull(r.valid_to),
    source: str(r.source),
    confidence: r.confidence as AwardKind['confidence'],
    note: strOrNull(r.note),
    registerId: strOrNull(r.register_id),
    active: Boolean(r.active),
    version: num(r.version),
  };
}

export function registerFromRow(r: R): AwardRegister {
  return { id: str(r.id), code: str(r.code), name: str(r.name), isDefault: Boolean(r.is_default), used: Boolean(r.used), active: r.active !== false, version: num(r.version) };
}

export function decisionFromRow(r: R): Decision {
  return {
    id: str(r.id),
    ownerUnitId: str(r.owner_unit_id),
    status: r.status as Decision['status'],
    number: numOrNull(r.number),
    symbol: str(r.symbol),
    decisionDate: isoDay(r.decision_date),
    year: num(r.year),
    place: str(r.place),
    parentBody: str(r.parent_body),
    issuerName: str(r.issuer_name),
    authorityTitle: str(r.authority_title),
    signMode: str(r.sign_mode) as SignMode,
    signHeadTitle: str(r.sign_head_title),
    signerTitle: str(r.signer_title),
    signerName: str(r.signer_name),
    subject: str(r.subject),
    legalBases: (r.legal_bases as string[] | null) ?? [],
    executionText: str(r.execution_text),
    recipients: (r.recipients as string[] | null) ?? [],
    correctsDecisionId: strOrNull(r.corrects_decision_id),
    correctionNote: strOrNull(r.correction_note),
    issuedAt: r.issued_at == null ? null : isoTime(r.issued_at),
    issuedBy: strOrNull(r.issued_by),
    version: num(r.version),
    updatedAt: isoTime(r.updated_at),
  };
}

export function itemFromRow(r: R): AwardItem {
  return {
    id: str(r.id),
    decisionId: str(r.decision_id),
    seq: num(r.seq),
    recipientKind: r.recipient_kind as AwardItem['recipientKind'],
    personId: strOrNull(r.person_id),
    unitId: strOrNull(r.unit_id),
    recipientTitle: strOrNull(r.recipient_title),
    recipientName: str(r.recipient_name),
    recipientPosition: strOrNull(r.recipient_position),
    recipientUnitName: strOrNull(r.recipient_unit_name),
    awardKindId: str(r.award_kind_id),
    awardCode: str(r.award_code),
    awardName: str(r.award_name),
    achievement: str(r.achievement),
    coefficient: num(r.coefficient),
    baseSalary: num(r.base_salary),
    prizeAmount: num(r.prize_amount),
    registerId: strOrNull(r.register_id),
    registerYear: numOrNull(r.register_year),
    registerNumber: numOrNull(r.register_number),
    status: r.status as AwardItem['status'],
    cancelReason: strOrNull(r.cancel_reason),
    cancelledAt: r.cancelled_at == null ? null : isoTime(r.cancelled_at),
    cancelledBy: strOrNull(r.cancelled_by),
    version: num(r.version),
  };
}

/** A register line from an award_items row joined with its decision (d_*) and register (reg_code). */
export function registerEntryFromRow(r: R): RegisterEntry {
  const historical = r.decision_id == null;
  const label = historical
    ? str(r.historical_decision)
    : decisionLabel({ number: numOrNull(r.d_number), symbol: str(r.d_symbol), decisionDate: isoDay(r.d_decision_date) });
  return {
    itemId: str(r.id),
    registerId: str(r.register_id),
    registerCode: str(r.reg_code),
    registerYear: num(r.register_year),
    registerNumber: num(r.register_number),
    recipientKind: r.recipient_kind as RegisterEntry['recipientKind'],
    personId: strOrNull(r.person_id),
    unitId: strOrNull(r.unit_id),
    recipientName: str(r.recipient_name),
    recipientUnitName: strOrNull(r.recipient_unit_name),
    awardCode: str(r.award_code),
    awardName: str(r.award_name),
    achievement: str(r.achievement),
    prizeAmount: num(r.prize_amount),
    decisionId: strOrNull(r.decision_id),
    decisionLabel: label,
    decisionDate: historical ? isoDay(r.historical_date) : isoDay(r.d_decision_date),
    status: r.status === 'cancelled' ? 'cancelled' : 'issued',
    cancelReason: strOrNull(r.cancel_reason),
    historical,
  };
}

export function templateFromRow(r: R): CertificateTemplate {
  return {
    id: str(r.id),
    name: str(r.name),
    mode: r.mode as TemplateMode,
    paper: r.paper as PaperName,
    heading: str(r.heading),
    awardCodes: (r.award_codes as string[] | null) ?? [],
    border: Boolean(r.border),
    // Fields saved before fonts were selectable carry none: they print in the default, as they always did.
    fields: ((r.fields as Partial<FieldBox>[] | null) ?? []).map((f) => ({ ...f, font: f.font && FONT_IDS.includes(f.font) ? f.font : DEFAULT_FONT }) as FieldBox),
    builtin: Boolean(r.builtin),
    version: num(r.version),
  };
}

export function calibrationFromRow(r: R): PrinterCalibration {
  return { printerName: str(r.printer_name), offsetXMm: num(r.offset_x_mm), offsetYMm: num(r.offset_y_mm), scale: num(r.scale) };
}

export function printFromRow(r: R): PrintRecord {
  return {
    id: str(r.id),
    itemId: str(r.item_id),
    kind: r.kind as PrintRecord['kind'],
    reason: strOrNull(r.reason),
    printedBy: str(r.printed_by),
    printedAt: isoTime(r.printed_at),
    templateId: str(r.template_id),
    printerName: strOrNull(r.printer_name),
  };
}
