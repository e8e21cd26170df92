import { useCallback, useSyncExternalStore } from 'react';

/**
 * Hash routing ("#/people?open=new"): the app loads from app:// in the
 * desktop shell and from the loopback server in the web build, so only the
 * hash is ours to change. No router library needed.
 */
export interface Route {
  /** "/people" */
  path: string;
  params: URLSearchParams;
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

const getHash = () => window.location.hash;

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/u, '') || '/';
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  return { path: path.startsWith('/') ? path : `/${path}`, params: new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '') };
}

export function useRoute(): Route {
  return parseHash(useSyncExternalStore(subscribe, getHash));
}

export function navigate(path: string, params?: Record<string, string>): void {
  const query = params ? new URLSearchParams(params).toString() : '';
  window.location.hash = query ? `${path}?${query}` : path;
}

/** Removes query params (e.g. after a screen consumed "?open=new") without a history entry. */
export function useClearParams(): () => void {
  return useCallback(() => {
    const { path } = parseHash(window.location.hash);
    window.history.replaceState(null, '', `#${path}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, []);
}
