import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { docxToText } from '../../electron/plans/docx-text.js';
import { expect, screenshot, test } from './fixtures.js';
import { ShellPage } from './pages/shell-page.js';
import { PlansPage } from './pages/plans-page.js';
import { sessionToken, signedIn } from './support.js';
import { dakLak2024 } from '../fixtures/plans/index.js';

const MOVEMENT = 'Phong trào thi đua “Cán bộ Tư pháp vì nhân dân phục vụ”';
const EVENT = 'Ngày thành lập Hội Luật gia Việt Nam';
const TASK_HEADING = 'Nâng cao chất lượng hòa giải ở cơ sở';
const SUB_TASK = 'Tập huấn kỹ năng hòa giải cho 100% hòa giải viên ở các xã vùng cao';

/** The name of movement `index` in the local (Dexie) draft of the editor, read straight from IndexedDB. */
async function draftMovementName(page: Page, key: string, index: number): Promise<string | null> {
  return page.evaluate(
    async ({ key, index }) =>
      new Promise<string | null>((resolve) => {
        const open = indexedDB.open('thidua-drafts');
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const all = open.result.transaction('drafts', 'readonly').objectStore('drafts').getAll();
          all.onerror = () => resolve(null);
          all.onsuccess = () => {
            const rows = all.result as { key: string; data: { movements?: { name?: string }[] } }[];
            resolve(rows.find((r) => r.key === key)?.data.movements?.[index]?.name ?? null);
            open.result.close();
          };
        };
      }),
    { key, index },
  );
}

test('the plan editor adds a movement, a commemoration with its anniversary and a nested task, keeps a draft, saves them', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  // A draft plan of this office: the Đăk Lăk 2024 plan as entered through the model.
  const created = await webApp.call<{ id: string }>('plans.create', { content: dakLak2024 }, await sessionToken(page));
  const plans = new PlansPage(page);
  const openEditor = async () => {
    await new ShellPage(page).open('plans');
    await page.getByTestId('plan-open').click();
    await expect(plans.status).toHaveText('Dự thảo');
    await page.getByTestId('plan-edit').click();
    await expect(plans.editor).toBeVisible();
  };
  const mv = dakLak2024.movements.length;
  const comm = dakLak2024.phases[0]?.commemorations.length ?? 0;
  const task = dakLak2024.tasks.length;

  await openEditor();
  await screenshot(page, 'plans-editor-general');

  // 1. A movement: an empty one is refused with a Vietnamese error and nothing is written.
  await page.getByTestId('plan-editor-tab-movements').click();
  await page.getByTestId('mv-add').click();
  await page.getByTestId('plan-save').click();
  await expect(page.getByTestId('plan-editor-errors')).toContainText('Tên phong trào: không được để trống.');
  expect((await webApp.call<{ plan: { content: { movements: unknown[] } } }>('plans.get', { id: created.id }, await sessionToken(page))).plan.content.movements).toHaveLength(mv);
  await page.getByTestId(`mv-${mv}-name`).fill(MOVEMENT);
  await page.getByTestId(`mv-${mv}-kind`).click();
  await page.getByRole('option', { name: 'Chuyên đề' }).click();
  await page.getByTestId(`mv-${mv}-period`).fill('2021 - 2025');
  await expect(page.getByTestId(`mv-${mv}`)).toContainText('Từ năm 2021 đến năm 2025');
  await page.getByTestId(`mv-${mv}-description`).fill('Mỗi cán bộ Tư pháp gần dân, hiểu dân, giúp dân.');
  // Moving it up one place and back down exercises the reorder buttons.
  await page.getByTestId(`mv-${mv}-up`).click();
  await expect(page.getByTestId(`mv-${mv - 1}-name`)).toHaveValue(MOVEMENT);
  await page.getByTestId(`mv-${mv - 1}-down`).click();
  await expect(page.getByTestId(`mv-${mv}-name`)).toHaveValue(MOVEMENT);
  await screenshot(page, 'plans-editor-movements');

  // 2. The typing is kept as a draft: reload before saving and get it back.
  await expect(page.getByTestId('plan-draft-saved')).toBeVisible();
  // The draft is written 400 ms after the last keystroke: wait until the IndexedDB copy holds the movement as typed.
  await expect.poll(() => draftMovementName(page, `plans.edit:${created.id}`, mv)).toBe(MOVEMENT);
  await page.reload();
  await openEditor();
  await expect(page.getByTestId('draft-offer')).toBeVisible();
  await page.getByTestId('draft-restore').click();
  await page.getByTestId('plan-editor-tab-movements').click();
  await expect(page.getByTestId(`mv-${mv}-name`)).toHaveValue(MOVEMENT);

  // 3. A commemoration saluted by phase 1, with the anniversary computed for 2024.
  await page.getByTestId('plan-editor-tab-phases').click();
  await page.getByTestId('phase-0-comm-add').click();
  await page.getByTestId(`phase-0-comm-${comm}-event`).fill(EVENT);
  await page.getByTestId(`phase-0-comm-${comm}-date`).fill('28/4/1955');
  await expect(page.getByTestId(`phase-0-comm-${comm}-number`)).toHaveText('69 năm');
  await screenshot(page, 'plans-editor-phases');

  // 4. A focus task with a sub-item (two levels, labelled as the seeds number them).
  await page.getByTestId('plan-editor-tab-tasks').click();
  await page.getByTestId('task-add').click();
  await expect(page.getByTestId(`task-${task}-label`)).toHaveValue(`${task + 1}.`);
  await page.getByTestId(`task-${task}-heading`).fill(TASK_HEADING);
  await page.getByTestId(`task-${task}-add-child`).click();
  await expect(page.getByTestId(`task-${task}-0-label`)).toHaveValue('a)');
  await page.getByTestId(`task-${task}-0-text`).fill(SUB_TASK);
  await page.getByTestId(`task-${task}`).scrollIntoViewIfNeeded();
  await screenshot(page, 'plans-editor-tasks');

  // An imported text keeps its own wording unless asked; here the printed body is rewritten from the parts.
  await expect(page.getByTestId('plan-rewrite-body')).not.toBeChecked();
  await page.getByTestId('plan-rewrite-body').check();
  await page.getByTestId('plan-save').click();
  await expect(plans.editor).toHaveCount(0);

  // 5. After a reload the plan shows what was added, and the editor holds it (no stale draft offered).
  await page.reload();
  await new ShellPage(page).open('plans');
  await page.getByTestId('plan-open').click();
  await expect(plans.view).toContainText(MOVEMENT);
  await expect(page.getByTestId('plan-phase-1')).toContainText(`69 năm ${EVENT} (28/4/1955 - 28/4/2024)`);
  await expect(page.getByTestId('plan-tasks-view')).toContainText(`${task + 1}. ${TASK_HEADING}`);
  await expect(page.getByTestId('plan-tasks-view')).toContainText(`a) ${SUB_TASK}`);
  await screenshot(page, 'plans-editor-saved-view');
  await page.getByTestId('plan-edit').click();
  await expect(page.getByTestId('draft-offer')).toHaveCount(0);
  await page.getByTestId('plan-editor-tab-movements').click();
  await expect(page.getByTestId(`mv-${mv}-name`)).toHaveValue(MOVEMENT);
  await expect(page.getByTestId(`mv-${mv}-period`)).toHaveValue('2021 - 2025');
  await page.getByTestId('plan-editor-tab-phases').click();
  await expect(page.getByTestId(`phase-0-comm-${comm}-number`)).toHaveText('69 năm');
  await page.getByTestId('plan-editor-tab-tasks').click();
  await expect(page.getByTestId(`task-${task}-0-text`)).toHaveValue(SUB_TASK);
  // The other sections, for the record (looked at, not compared).
  for (const tab of ['bases', 'subjects', 'deadlines', 'responsibilities']) {
    await page.getByTestId(`plan-editor-tab-${tab}`).click();
    await screenshot(page, `plans-editor-${tab}`);
  }

  await page.keyboard.press('Escape');
  await expect(plans.editor).toHaveCount(0);

  // The exported .docx prints what was added.
  const download = page.waitForEvent('download');
  await page.getByTestId('plan-export-docx').click();
  const text = docxToText(readFileSync(await (await download).path()));
  for (const s of [MOVEMENT, `kỷ niệm 69 năm ${EVENT} (28/4/1955 - 28/4/2024)`, TASK_HEADING, SUB_TASK]) expect(text).toContain(s);

  // The stored plan, read through the API, holds the parts as typed.
  const stored = (await webApp.call<{ plan: { content: typeof dakLak2024 } }>('plans.get', { id: created.id }, await sessionToken(page))).plan.content;
  expect(stored.movements[mv]).toMatchObject({ name: MOVEMENT, kind: 'thematic', periodText: '2021 - 2025', fromYear: 2021, toYear: 2025 });
  expect(stored.phases[0]?.commemorations[comm]).toMatchObject({ event: EVENT, originalDate: { text: '28/4/1955', iso: '1955-04-28', precision: 'day' }, writtenNumber: null });
  expect(stored.tasks[task]).toEqual({ label: `${task + 1}.`, heading: TASK_HEADING, text: '', children: [{ label: 'a)', heading: '', text: SUB_TASK, children: [] }] });
});
