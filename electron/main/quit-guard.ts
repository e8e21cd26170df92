/**
 * Holds the app's quit until the store has closed: the store drains its
 * write queue and closes PGlite, so no acknowledged write is cut off halfway.
 * The first before-quit is cancelled, the store is closed, then quit() runs
 * again and is let through. Quits asked for while closing are swallowed.
 */
export function createQuitGuard(closeStore: () => Promise<void>, quit: () => void, onError: (error: unknown) => void = () => undefined) {
  let state: 'running' | 'closing' | 'closed' = 'running';
  return {
    onBeforeQuit(event: { preventDefault(): void }): void {
      if (state === 'closed') return;
      event.preventDefault();
      if (state === 'closing') return;
      state = 'closing';
      closeStore()
        .catch(onError)
        .finally(() => {
          state = 'closed';
          quit();
        });
    },
  };
}
