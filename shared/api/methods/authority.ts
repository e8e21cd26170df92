import { z } from 'zod';
import { command, query } from '../define.js';
import { idSchema, isoDate, optionalText, requiredText } from '../../schema/text.js';
import type { AuthorityCheck, AuthorityKind, AuthorityRule } from '../../awards/authority.js';

/**
 * Who may award what (issue 6, points 1 and 7): the authority table with its
 * legal sources, the check of one decision, and the admin's changes to the
 * rows that are not certain law.
 */

export interface AuthorityRulesView {
  rules: AuthorityRule[];
  /** The authority a new decision of this office is made under, from the office's level. */
  defaultAuthorityKind: AuthorityKind | null;
}

export interface DecisionAuthority extends AuthorityCheck {
  /** The authority the decision is made under (stored, or the office's default for older drafts). */
  authorityKind: AuthorityKind | null;
}

export const authorityQueries = {
  'awards.authorityRules': query<AuthorityRulesView>()(z.object({}), 'user'),
  /** The authority, dissolved-unit and one-achievement checks of one decision, as issuing would run them. */
  'awards.checkAuthority': query<DecisionAuthority>()(z.object({ id: idSchema }), 'user'),
};

export const authorityCommands = {
  /** Changes a configurable row (confidence not "certain"); certain rows are the law as read and stay as they are. */
  'awards.saveAuthorityRule': command<AuthorityRule>()(
    z.object({
      id: idSchema,
      expectedVersion: z.number().int().min(0).optional(),
      awardCodes: z
        .array(requiredText('Mã danh hiệu / hình thức', 20).pipe(z.string().regex(/^[A-Z0-9Đ-]+$/u, { error: 'Mã chỉ gồm chữ in hoa, số và dấu gạch ngang.' })))
        .min(1, { error: 'Cần ít nhất một mã danh hiệu / hình thức.' })
        .max(40),
      validFrom: isoDate('Hiệu lực từ').nullable(),
      validTo: isoDate('Hiệu lực đến').nullable(),
      enabled: z.boolean(),
      note: optionalText('Ghi chú', 1000),
    }),
    ['admin'],
  ),
};
