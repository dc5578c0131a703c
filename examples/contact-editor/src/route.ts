/**
 * Hash routes, so any static server can host the page: `#/` (all contacts), `#/group/<group>`
 * (one group's members), `#/search/<text>` (server-side search), `#/groups` (manage groups),
 * `#/contact/<resourceName>` and `#/new`.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { view: 'list'; group?: string }
  | { view: 'search'; query: string }
  | { view: 'groups' }
  | { view: 'edit'; resourceName: string }
  | { view: 'create' };

const PATTERNS: [RegExp, (param: string) => Route][] = [
  [/^\/contact\/(.+)$/, (resourceName) => ({ view: 'edit', resourceName })],
  [/^\/group\/(.+)$/, (group) => ({ view: 'list', group })],
  [/^\/search\/(.+)$/, (query) => ({ view: 'search', query })],
];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  for (const [pattern, route] of PATTERNS) {
    const param = pattern.exec(path)?.[1];
    if (param !== undefined) return route(decodeURIComponent(param));
  }
  if (path === '/new') return { view: 'create' };
  if (path === '/groups') return { view: 'groups' };
  return { view: 'list' };
}

export function hrefOf(route: Route): string {
  switch (route.view) {
    case 'list':
      return route.group === undefined ? '#/' : `#/group/${encodeURIComponent(route.group)}`;
    case 'search':
      return `#/search/${encodeURIComponent(route.query)}`;
    case 'groups':
      return '#/groups';
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
