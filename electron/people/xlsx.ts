import type { PeopleImportIssue } from '../../shared/api/methods/people.js';
import type { Person } from '../../shared/domain/people.js';
import type { PersonInput } from '../handlers/people.js';
import type { UnitRow } from '../handlers/rows.js';

// TODO(helper): implemented in the people import/export task.
export async function buildPeopleTemplate(_unitNames: string[]): Promise<Buffer> {
  throw new Error('not implemented');
}
export async function buildPeopleWorkbook(_people: Person[], _unitNames: Map<string, string>): Promise<Buffer> {
  throw new Error('not implemented');
}
export async function parsePeopleWorkbook(_file: Buffer, _units: UnitRow[], _today: string): Promise<{ people: PersonInput[]; issues: PeopleImportIssue[] }> {
  throw new Error('not implemented');
}
