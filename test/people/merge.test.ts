import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Metrics } from '../../src/metrics.js';
import { createUpstreamApi, PeopleClient } from '../../src/people/client.js';
import { isEtagFailure, type GoogleError } from '../../src/people/googleError.js';
import { StaleEtagError } from '../../src/people/merge.js';
import { UserMutationQueue } from '../../src/people/queue.js';
import type { UpdateContactRequest } from '../../src/people/requests.js';
import { ADA, createAda, exchanges, updateContact } from '../support/mergeOperations.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let metrics: Metrics;
let client: PeopleClient;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => {
  metrics = new Metrics(() => 0);
  // The gateway's own client, straight at the emulator, with metrics of its own to read.
  client = new PeopleClient(
    {
      ...createUpstreamApi(stack.emulator.url, 5_000),
      queue: new UserMutationQueue({ maxWaiting: 10, maxWaitMs: 5_000 }),
      retryPolicy: { retries: 0, budgetMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
      metrics,
    },
    { authorization: 'Bearer demo', userKey: 'direct' },
  );
});

/** Google's answer to the stale etag, as a batch refusal would carry it for one contact. */
const STALE: GoogleError = {
  httpStatus: 400,
  status: 'FAILED_PRECONDITION',
  message:
    'Request person.etag is different than the current person.etag. Clear local cache and get the latest person.',
  reasons: ['failedPrecondition'],
  fieldViolations: [],
  retryAfterSeconds: null,
};

const renameTo = (resourceName: string, etag: string): UpdateContactRequest => ({
  resourceName,
  updatePersonFields: 'names',
  personFields: 'names',
  requestBody: { etag, names: [{ givenName: 'Augusta Ada', familyName: 'King' }] },
});

/** Ada's contact and her etag, made stale by another client's new phone number. */
async function staleAda(): Promise<{ resourceName: string; etag: string }> {
  const ada = await createAda(stack);
  await updateContact(stack, { resourceName: ada.resourceName, etag: ada.etag, phoneNumbers: [] }, [
    'PHONE_NUMBERS',
  ]);
  await stack.clearRequests();
  return ada;
}

const counted = async (counter: {
  get(): Promise<{ values: { value: number; labels: object }[] }>;
}) => (await counter.get()).values.map(({ value, labels }) => ({ value, labels }));

describe('PeopleClient.updateContact with staleEtag (an item of a refused batch)', () => {
  it('starts at the read and merges onto the version read: read, PATCH, one merge counted', async () => {
    const ada = await staleAda();

    const updated = await client.updateContact(renameTo(ada.resourceName, ada.etag), {
      previous: { names: ADA.names },
      staleEtag: STALE,
    });

    const requests = await exchanges(stack);
    expect(requests.map(([method, , status]) => [method, status])).toEqual([
      ['GET', 200],
      ['PATCH', 200],
    ]);
    expect(updated.mergedOnto).toBe(requests[1]?.[3]);
    expect(updated.person.names).toMatchObject([{ givenName: 'Augusta Ada', familyName: 'King' }]);
    expect(await counted(metrics.merges)).toEqual([{ value: 1, labels: {} }]);
    expect(await counted(metrics.mergeRefusals)).toEqual([]);
  });

  it('without previous, throws the stale etag at once, with no call', async () => {
    const ada = await staleAda();

    const refused = client.updateContact(renameTo(ada.resourceName, ada.etag), {
      staleEtag: STALE,
    });

    await expect(refused).rejects.toBeInstanceOf(StaleEtagError);
    await expect(refused).rejects.toMatchObject({ conflictingFields: null, current: undefined });
    expect(await stack.requests()).toEqual([]);
  });

  it('refuses when a masked field changed: one read, the real conflict counted apart from merges', async () => {
    const ada = await staleAda();

    const refused = client.updateContact(
      { ...renameTo(ada.resourceName, ada.etag), updatePersonFields: 'names,phoneNumbers' },
      { previous: { names: ADA.names, phoneNumbers: ADA.phoneNumbers }, staleEtag: STALE },
    );

    await expect(refused).rejects.toMatchObject({
      conflictingFields: ['phoneNumbers'],
      current: { names: [expect.objectContaining({ givenName: 'Ada' })] },
    });
    const error = await refused.catch((e: unknown) => e);
    expect(error instanceof StaleEtagError && isEtagFailure(error.google)).toBe(true);
    expect((await exchanges(stack)).map(([method, , status]) => [method, status])).toEqual([
      ['GET', 200],
    ]);
    expect(await counted(metrics.merges)).toEqual([{ value: 0, labels: {} }]);
    expect(await counted(metrics.mergeRefusals)).toEqual([
      { value: 1, labels: { reason: 'conflict' } },
    ]);
  });
});
