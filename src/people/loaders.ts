import DataLoader from 'dataloader';
import { BATCH_GET_LIMIT, type PeopleClient } from './client.js';
import { isPersonResourceName } from './resourceNames.js';
import type { OperationBudget } from './operationBudget.js';
import type { Person } from './types.js';

/** A person read: the key holds everything that changes the answer. */
export interface PersonKey {
  resourceName: string;
  /** The REST `personFields` value, already sorted (see `toPersonFieldsMask`). */
  personFields: string;
}

export type PersonLoader = DataLoader<PersonKey, Person | null, string>;

/**
 * Per-request loader onto `people.getBatchGet`: every read of one operation with the same
 * `personFields` becomes one call per 200 names. A name that cannot be a person resolves to null
 * without an upstream call. Never shared across requests: its cache holds one caller's contacts.
 */
export function createPersonLoader(client: PeopleClient, budget?: OperationBudget): PersonLoader {
  return new DataLoader<PersonKey, Person | null, string>(
    async (keys) => {
      const results = new Map<string, Person | null | Error>();
      const byFields = new Map<string, Set<string>>();
      for (const { resourceName, personFields } of keys) {
        // A name outside the grammar resolves to null, uncalled (federation references, say).
        if (!isPersonResourceName(resourceName)) continue;
        // A Set: an operation may ask for thousands of names, and a list search is quadratic.
        const names = byFields.get(personFields) ?? new Set<string>();
        names.add(resourceName);
        byFields.set(personFields, names);
      }
      // The whole batch fits the operation's budget, or none of it is sent.
      const sizes = [...byFields.values()].map((names) => names.size);
      budget?.check(
        sizes.reduce((n, size) => n + Math.ceil(size / BATCH_GET_LIMIT), 0),
        sizes.reduce((n, size) => n + size, 0),
      );
      const calls: Promise<void>[] = [];
      for (const [personFields, distinct] of byFields) {
        const names = [...distinct];
        for (let i = 0; i < names.length; i += BATCH_GET_LIMIT) {
          const chunk = names.slice(i, i + BATCH_GET_LIMIT);
          calls.push(
            client.getBatchGet(chunk, personFields).then(
              (persons) => {
                chunk.forEach((name, j) =>
                  results.set(`${personFields} ${name}`, persons[j] ?? null),
                );
              },
              (error: unknown) => {
                const failure = error instanceof Error ? error : new Error(String(error));
                for (const name of chunk) results.set(`${personFields} ${name}`, failure);
              },
            ),
          );
        }
      }
      await Promise.all(calls);
      return keys.map((key) => results.get(personKeyOf(key)) ?? null);
    },
    { cacheKeyFn: personKeyOf },
  );
}

function personKeyOf({ resourceName, personFields }: PersonKey): string {
  return `${personFields} ${resourceName}`;
}
