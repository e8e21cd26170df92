/**
 * Awards domain: decisions (Quyết định khen thưởng), their award lines, the
 * register (sổ theo dõi khen thưởng), certificate templates and printers.
 * Plain data shared by the store, the renderer and the tests.
 */

export const DECISION_STATUSES = ['draft', 'issued'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const RECIPIENT_KINDS = ['person', 'collective'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Signature authority prefix (NĐ 30/2020 R-DOC-06). '' = the head signs in his own name. */
export const SIGN_MODES = ['', 'TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;
export type SignMode = (typeof SIGN_MODES)[number];

export const ROUNDING_MODES = ['ceil', 'nearest', 'floor'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export type Confidence = 'certain' | 'likely' | 'unsure';

/** One dated base-salary value (mức lương cơ sở). */
export interface BaseSalary {
  id: string;
  effectiveFrom: string;
  amount: number;
  source: string;
  confidence: Confidence;
}

/** A title or form of commendation with its prize coefficient, valid over a period. */
export interface AwardKind {
  id: string;
  code: string;
  name: string;
  /** 'title' = danh hiệu thi đua; 'form' = hình thức khen thưởng. */
  category: 'title' | 'form';
  subject: RecipientKind;
  coefficient: number;
  validFrom: string | null;
  validTo: string | null;
  source: string;
  confidence: Confidence;
  note: string | null;
  /** Register this kind is written into; null = the default register. */
  registerId: string | null;
  active: boolean;
  version: number;
}

export interface AwardRegister {
  id: string;
  code: string;
  name: string;
  isDefault: boolean;
  /** Numbers have been given from it: its code (printed, and signed into the QR codes) can no longer change. */
  used: boolean;
  /** Gives new numbers; a retired register keeps what it gave (searchable, verifiable, old awards still typed in). */
  active: boolean;
  version: number;
}

export interface AwardOptions {
  roundingMode: RoundingMode;
  /** Prize rounding step in đồng (NĐ 98/2023: hàng chục nghìn). */
  roundingStep: number;
}

export interface Decision {
  id: string;
  ownerUnitId: string;
  status: DecisionStatus;
  /** Null while a draft: numbers are given when the decision is issued (R-DOC-03). */
  number: number | null;
  symbol: string;
  decisionDate: string;
  year: number;
  place: string;
  parentBody: string;
  issuerName: string;
  /** "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN" — whose power the decision uses (the "X" in "X QUYẾT ĐỊNH:"). */
  authorityTitle: string;
  signMode: SignMode;
  /** After KT./TM./Q.: whose place the signer takes ("CHỦ TỊCH", "ỦY BAN NHÂN DÂN"); unused when the head signs. */
  signHeadTitle: string;
  /** Title of the one who signs when KT./TM. ("PHÓ CHỦ TỊCH"); the head's title otherwise. */
  signerTitle: string;
  signerName: string;
  subject: string;
  legalBases: string[];
  /** Article 2/3 text after the list article: who executes, money source. */
  executionText: string;
  recipients: string[];
  correctsDecisionId: string | null;
  correctionNote: string | null;
  issuedAt: string | null;
  issuedBy: string | null;
  version: number;
  updatedAt: string;
}

export interface AwardItem {
  id: string;
  decisionId: string;
  seq: number;
  recipientKind: RecipientKind;
  personId: string | null;
  unitId: string | null;
  /** "Ông" / "Bà" for a person (from their record), printed before the name. */
  recipientTitle: string | null;
  recipientName: string;
  /** Position (chức vụ) for a person. */
  recipientPosition: string | null;
  /** Where the person works, or the collective's parent. */
  recipientUnitName: string | null;
  awardKindId: string;
  awardCode: string;
  awardName: string;
  achievement: string;
  coefficient: number;
  baseSalary: number;
  prizeAmount: number;
  registerId: string | null;
  registerYear: number | null;
  registerNumber: number | null;
  /** 'removed' = taken out of a draft (rows are never deleted: the outbox only carries new versions). */
  status: 'draft' | 'issued' | 'cancelled' | 'removed';
  cancelReason: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  version: number;
}

export interface DecisionWithItems {
  decision: Decision;
  items: AwardItem[];
  /** The decision this one corrects, if any ("05/QĐ-UBND ngày 12/01/2026"). */
  correctsLabel: string | null;
}

/** One line of the register, as the register screen and history show it. */
export interface RegisterEntry {
  itemId: string;
  registerId: string;
  registerCode: string;
  registerYear: number;
  registerNumber: number;
  recipientKind: RecipientKind;
  personId: string | null;
  unitId: string | null;
  recipientName: string;
  recipientUnitName: string | null;
  awardCode: string;
  awardName: string;
  achievement: string;
  prizeAmount: number;
  decisionId: string | null;
  decisionLabel: string;
  decisionDate: string;
  status: 'issued' | 'cancelled';
  cancelReason: string | null;
  /** True for awards typed in from an older paper register (no decision in this store). */
  historical: boolean;
}

export interface PrintRecord {
  id: string;
  itemId: string;
  kind: 'print' | 'reprint';
  reason: string | null;
  printedBy: string;
  printedAt: string;
  templateId: string;
  printerName: string | null;
}
