import { useState } from 'react';
import { displayName, type Person } from '../person';

/** Contacts checked in the list, by resource name, with the names to say what is selected. */
export interface Selection {
  names: ReadonlyMap<string, string>;
  toggle: (person: Person, selected: boolean) => void;
  clear: () => void;
}

export function useSelection(): Selection {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  return {
    names,
    toggle: (person, selected) => {
      setNames((current) => {
        const next = new Map(current);
        if (selected) next.set(person.resourceName, displayName(person));
        else next.delete(person.resourceName);
        return next;
      });
    },
    clear: () => {
      setNames(new Map());
    },
  };
}

/** "1 contact", "2 contacts". */
export const contactCount = (n: number): string => (n === 1 ? '1 contact' : `${n} contacts`);
