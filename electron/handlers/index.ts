import type { HandlerTable } from './context.js';
import { systemHandlers } from './system.js';
import { unitHandlers } from './units.js';
import { peopleHandlers } from './people.js';
import { demoHandlers } from './demo.js';
import { draftHandlers } from './drafts.js';
import { backupHandlers } from './backup.js';
import { awardHandlers } from '../awards/award-handlers.js';
import { certificateHandlers } from '../awards/certificate-handlers.js';
import { itemsImportHandlers } from '../awards/items-import-handlers.js';
import { authorityHandlers } from '../awards/authority-handlers.js';
import { planHandlers } from '../plans/handlers.js';
import { syncHandlers } from './sync.js';
import { reviewHandlers } from '../reviews/handlers.js';
import { provinceHandlers } from './province.js';

/** The one handler table; every transport serves exactly this. */
export const handlers = {
  ...systemHandlers,
  ...unitHandlers,
  ...peopleHandlers,
  ...demoHandlers,
  ...draftHandlers,
  ...backupHandlers,
  ...awardHandlers,
  ...certificateHandlers,
  ...itemsImportHandlers,
  ...authorityHandlers,
  ...planHandlers,
  ...syncHandlers,
  ...reviewHandlers,
  ...provinceHandlers,
} satisfies HandlerTable;
