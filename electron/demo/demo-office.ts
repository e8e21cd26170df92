import type { StoreDeps } from '../store/deps.js';

// TODO(helper): implemented in the demo-data task.
export async function loadDemoOffice(_deps: StoreDeps): Promise<{ officeUnitId: string; units: number; people: number }> {
  throw new Error('not implemented');
}
