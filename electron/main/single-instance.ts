/** What the single-instance functions need from the app and a window. */
export interface AppLike {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

export interface WindowLike {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Brings a window to the front, restoring it first if it was minimised. */
export function focusWindow(window: WindowLike | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * One app per user: a second start would open the same data folder (the
 * folder lock would refuse it anyway, with a less friendly message). The
 * second instance quits at once; the first brings its window to the front.
 * Returns false in the second instance, which must then stop starting up.
 */
export function claimSingleInstance(app: AppLike, mainWindow: () => WindowLike | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(mainWindow()));
  return true;
}
