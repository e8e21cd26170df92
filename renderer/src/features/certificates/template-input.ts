import type { Input } from '../../../../shared/api/contract.js';
import type { CertificateTemplate } from '../../../../shared/awards/layout.js';

/** A template as the editor holds it: what certificates.saveTemplate takes. */
export type TemplateInput = Input<'certificates.saveTemplate'>;
export type FieldInput = TemplateInput['fields'][number];

export function toInput(t: CertificateTemplate): TemplateInput {
  return { id: t.id, ...(t.version > 0 ? { expectedVersion: t.version } : {}), name: t.name, mode: t.mode, paper: t.paper, heading: t.heading, awardCodes: t.awardCodes, border: t.border, fields: t.fields };
}
