/**
 * The one API contract. Every transport (IPC, HTTP, in-process) serves this
 * table and nothing else; reads and writes are kept in separate maps.
 * Features add their maps here.
 */
import type { InputOf, OutputOf } from './define.js';
import { systemCommands, systemQueries } from './methods/system.js';
import { unitCommands, unitQueries } from './methods/units.js';
import { peopleCommands, peopleQueries } from './methods/people.js';
import { draftCommands, draftQueries } from './methods/drafts.js';
import { backupCommands, backupQueries } from './methods/backup.js';
import { awardCommands, awardQueries } from './methods/awards.js';
import { authorityCommands, authorityQueries } from './methods/authority.js';
import { planCommands, planQueries } from './methods/plans.js';
import { syncCommands, syncQueries } from './methods/sync.js';
import { reviewCommands, reviewQueries } from './methods/reviews.js';
import { attachmentCommands, attachmentQueries } from './methods/attachments.js';
import { provinceCommands, provinceQueries } from './methods/province.js';

export const queries = {
  ...systemQueries,
  ...unitQueries,
  ...peopleQueries,
  ...draftQueries,
  ...backupQueries,
  ...awardQueries,
  ...authorityQueries,
  ...planQueries,
  ...syncQueries,
  ...reviewQueries,
  ...attachmentQueries,
  ...provinceQueries,
};

export const commands = {
  ...systemCommands,
  ...unitCommands,
  ...peopleCommands,
  ...draftCommands,
  ...backupCommands,
  ...awardCommands,
  ...authorityCommands,
  ...planCommands,
  ...syncCommands,
  ...reviewCommands,
  ...attachmentCommands,
  ...provinceCommands,
};

export const contract = { ...queries, ...commands };

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type QueryName = keyof typeof queries;
export type CommandName = keyof typeof commands;
export type Input<M extends MethodName> = InputOf<Contract[M]>;
export type Output<M extends MethodName> = OutputOf<Contract[M]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
