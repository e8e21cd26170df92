import { expect, screenshot, test } from './fixtures.js';
import { ShellPage } from './pages/shell-page.js';
import { sessionToken, signedIn } from './support.js';

interface TemplateField {
  id: string;
  key: string;
  text: string | null;
  xMm: number;
  yMm: number;
  wMm: number;
  hMm: number;
  font: string;
}

/**
 * The template editor as an office fits the overlay to its own blank: drag a
 * box on the preview, nudge it with the arrow keys, resize it by its corner,
 * choose a font, add a line of fixed text, save; the saved template holds
 * exactly those millimetres and the preview (the printout's own HTML) shows
 * the font.
 */
test('the template editor moves a field by dragging and by the arrow keys, resizes it, changes its font, adds fixed text and saves', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const token = await sessionToken(page);
  await new ShellPage(page).open('certificates');
  await page.getByTestId('template-select').click();
  await page.getByRole('option', { name: 'Giấy khen — in lên phôi A4 ngang' }).click();
  await expect(page.getByTestId('field-name-xMm')).toHaveValue('40');

  // Drag the recipient's box 20 mm right and 10 mm down on the preview (the page's 297 mm fill the overlay's width).
  const sheet = await page.getByTestId('field-overlay').boundingBox();
  const box = page.getByTestId('overlay-name');
  const b = await box.boundingBox();
  if (!b || !sheet) throw new Error('no overlay box');
  const pxPerMm = sheet.width / 297;
  await page.mouse.move(b.x + 30, b.y + 10);
  await page.mouse.down();
  await page.mouse.move(b.x + 30 + 10 * pxPerMm, b.y + 10 + 5 * pxPerMm, { steps: 4 });
  await page.mouse.move(b.x + 30 + 20 * pxPerMm, b.y + 10 + 10 * pxPerMm, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('field-name-xMm')).toHaveValue('60');
  await expect(page.getByTestId('field-name-yMm')).toHaveValue('98');

  // Arrow keys: 0.5 mm, with Shift 5 mm.
  await box.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(page.getByTestId('field-name-xMm')).toHaveValue('59.5');
  await expect(page.getByTestId('field-name-yMm')).toHaveValue('93');

  // Resize by the corner handle: 10 mm narrower.
  const handle = page.getByTestId('overlay-name-resize');
  const h = await handle.boundingBox();
  if (!h) throw new Error('no resize handle');
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(h.x + h.width / 2 - 10 * pxPerMm, h.y + h.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('field-name-wMm')).toHaveValue('207');

  // A box cannot be dragged off the page: it stops at the edge.
  const q = await page.getByTestId('overlay-qr').boundingBox();
  if (!q) throw new Error('no qr box');
  await page.mouse.move(q.x + 5, q.y + 5);
  await page.mouse.down();
  await page.mouse.move(q.x - 60 * pxPerMm, q.y + 5, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('field-qr-xMm')).toHaveValue('0');

  // The name in Arimo (its row selects it); the preview is the printout's HTML, so its box really is set in Arimo.
  await page.getByTestId('field-row-name').click();
  await expect(page.getByTestId('field-properties')).toContainText('Người / tập thể được khen');
  await page.getByTestId('field-font').click();
  await page.getByRole('option', { name: 'Arimo (như Arial)' }).click();
  const preview = page.frameLocator('[data-testid="certificate-preview"]');
  await expect(preview.locator('[data-field="recipientName"]')).toHaveCSS('font-family', 'Arimo');

  // A line of fixed text, typed in the table.
  await page.getByTestId('field-add').click();
  await page.getByTestId('field-add-literal').click();
  await page.getByTestId('field-text').fill('Khen thưởng đột xuất');
  await expect(preview.locator('[data-field="literal:literal"]')).toHaveText('Khen thưởng đột xuất');
  await page.waitForTimeout(800);
  await screenshot(page, '69-certificate-editor-drag');

  await page.getByTestId('template-save').click();
  await expect(page.getByText('Đã lưu mẫu “Giấy khen — in lên phôi A4 ngang”.')).toBeVisible();
  const saved = (await webApp.call<{ id: string; fields: TemplateField[] }[]>('certificates.templates', {}, token)).find((t) => t.id.endsWith(':tpl:gk-overlay-a4'));
  const name = saved?.fields.find((f) => f.id === 'name');
  expect(name).toMatchObject({ xMm: 59.5, yMm: 93, wMm: 207, hMm: 19, font: 'arimo' });
  expect(saved?.fields.find((f) => f.id === 'qr')?.xMm).toBe(0);
  expect(saved?.fields.find((f) => f.key === 'literal')?.text).toBe('Khen thưởng đột xuất');

  // Removing the fixed text again.
  await page.getByTestId('field-literal-remove').click();
  await expect(page.getByTestId('field-row-literal')).toHaveCount(0);
});
