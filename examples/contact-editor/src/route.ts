/** Hash routes (`#/`, `#/contact/<resourceName>`, `#/new`), so any static server can host the page. */
import { useSyncExternalStore } from 'react';

export type Route = { view: 'list' } | { view: 'edit'; resourceName: string } | { view: 'create' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const edit = /^\/contact\/(.+)$/.exec(path);
  if (edit?.[1] !== undefined) return { view: 'edit', resourceName: decodeURIComponent(edit[1]) };
  if (path === '/new') return { view: 'create' };
  return { view: 'list' };
}

export function hrefOf(route: Route): string {
  switch (route.view) {
    case 'list':
      return '#/';
    case 'create':
      return '#/new';
    case 'edit':
      return `#/contact/${encodeURIComponent(route.resourceName)}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
};

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
