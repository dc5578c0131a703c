import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADA,
  UPDATE,
  VIEW_FIELDS,
  createAda,
  exchanges,
  readView,
  updateContact,
  PATCH,
  update,
  batchGet,
  newPhone,
  newName,
  phoneChangedElsewhere,
} from '../support/mergeOperations.js';
import { startRelay, type RelayedExchange, type Replacement } from '../support/relay.js';
import { startStack, type Stack } from '../support/stack.js';

/**
 * A third writer: while armed, right after the emulator answers one of the gateway's reads, and
 * before the gateway sees that answer, another client changes the contact's email addresses with
 * the etag the gateway just read. Deterministic: the gateway's next PATCH always comes after it.
 */
const thirdWriter = {
  armed: 0,
  emulatorUrl: '',
  /** The etags the gateway's reads returned, and the addresses written after each. */
  etagsRead: [] as string[],
  written: [] as string[],
  async onAnswer({ method, path, status, body }: RelayedExchange): Promise<undefined> {
    if (this.armed === 0 || method !== 'GET' || path !== batchGet || status !== 200) {
      return undefined;
    }
    this.armed -= 1;
    const { responses } = JSON.parse(body) as {
      responses: { person: { resourceName: string; etag: string } }[];
    };
    const person = responses[0]?.person;
    if (!person) throw new Error('the relay saw a read without a person');
    this.etagsRead.push(person.etag);
    const value = `third-${this.written.length + 1}@example.com`;
    this.written.push(value);
    const url = new URL(`v1/${person.resourceName}:updateContact`, this.emulatorUrl);
    url.searchParams.set('updatePersonFields', 'emailAddresses');
    const res = await fetch(url, {
      method: 'PATCH',
      headers: { authorization: 'Bearer demo', 'content-type': 'application/json' },
      body: JSON.stringify({ etag: person.etag, emailAddresses: [{ value }] }),
    });
    if (!res.ok) throw new Error(`the third writer's PATCH failed: ${res.status}`);
    return undefined;
  },
};

/** While above 0, the gateway gets a 503 instead of the emulator's answer to a read. */
let lostReads = 0;
const UNAVAILABLE: Replacement = {
  status: 503,
  body: JSON.stringify({
    error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' },
  }),
};

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    relay: (emulatorUrl) => {
      thirdWriter.emulatorUrl = emulatorUrl;
      return startRelay(emulatorUrl, async (exchange) => {
        if (lostReads > 0 && exchange.path === batchGet) {
          lostReads -= 1;
          return UNAVAILABLE;
        }
        return thirdWriter.onAnswer(exchange);
      });
    },
  });
});
afterAll(async () => {
  await stack.close();
});
afterEach(async () => {
  thirdWriter.armed = 0;
  lostReads = 0;
  await stack.faults(null);
});

describe('updateContact with previous, under retries and concurrent writers', () => {
  it('a merged PATCH that lands but loses its answer is recognised by its retry: success once (PATCH 400, read, PATCH 503, PATCH 400, read)', async () => {
    const ada = await phoneChangedElsewhere(stack);
    const current = await readView(stack, ada.resourceName);
    await stack.faults({ applyThenFailRate: 1 });
    await stack.clearRequests();

    const answer = await updateContact(
      stack,
      {
        resourceName: ada.resourceName,
        etag: ada.etag,
        names: newName,
        previous: { names: ADA.names },
      },
      ['NAMES'],
    );

    expect(answer).toEqual({
      __typename: 'UpdateContactSuccess',
      mergedOnto: current.etag,
      person: { ...current, etag: expect.any(String) as unknown, names: newName },
    });
    expect(await exchanges(stack)).toEqual([
      [PATCH, update(ada.resourceName), 400, ada.etag],
      ['GET', batchGet, 200, VIEW_FIELDS],
      [PATCH, update(ada.resourceName), 503, current.etag],
      [PATCH, update(ada.resourceName), 400, current.etag],
      ['GET', batchGet, 200, VIEW_FIELDS],
    ]);
    await stack.faults(null);
    expect(await readView(stack, ada.resourceName)).toEqual(answer.person);
  });

  it('a first PATCH that lands but loses its answer is the landed update, not a merge (PATCH 503, PATCH 400, read; mergedOnto null)', async () => {
    const ada = await createAda(stack);
    await stack.faults({ applyThenFailRate: 1 });
    await stack.clearRequests();

    const answer = await updateContact(
      stack,
      {
        resourceName: ada.resourceName,
        etag: ada.etag,
        names: newName,
        previous: { names: ADA.names },
      },
      ['NAMES'],
    );

    expect(answer).toMatchObject({
      __typename: 'UpdateContactSuccess',
      mergedOnto: null,
      person: { names: newName, phoneNumbers: ADA.phoneNumbers },
    });
    expect(await exchanges(stack)).toEqual([
      [PATCH, update(ada.resourceName), 503, ada.etag],
      [PATCH, update(ada.resourceName), 400, ada.etag],
      ['GET', batchGet, 200, VIEW_FIELDS],
    ]);
  });

  it('a third writer between each read and re-send ends in EtagConflict after two merges, overwriting nothing', async () => {
    const ada = await phoneChangedElsewhere(stack);
    thirdWriter.etagsRead = [];
    thirdWriter.written = [];
    thirdWriter.armed = 2;
    await stack.clearRequests();

    const answer = await updateContact(
      stack,
      {
        resourceName: ada.resourceName,
        etag: ada.etag,
        names: newName,
        previous: { names: ADA.names },
      },
      ['NAMES'],
    );

    const [read1, read2] = thirdWriter.etagsRead;
    const now = {
      etag: expect.any(String) as unknown,
      names: ADA.names,
      emailAddresses: [{ value: 'third-2@example.com' }],
      phoneNumbers: newPhone,
    };
    expect(answer).toEqual({
      __typename: 'EtagConflict',
      sentEtag: ada.etag,
      conflictingFields: [],
      current: now,
      message: `${ada.resourceName} changed since etag "${ada.etag}" was read. None of the masked fields differs from what you read, but the contact changed again after each merge: send it again with the current etag.`,
    });
    expect(await exchanges(stack)).toEqual([
      [PATCH, update(ada.resourceName), 400, ada.etag],
      ['GET', batchGet, 200, VIEW_FIELDS],
      [PATCH, update(ada.resourceName), 200, read1], // the third writer
      [PATCH, update(ada.resourceName), 400, read1],
      ['GET', batchGet, 200, VIEW_FIELDS],
      [PATCH, update(ada.resourceName), 200, read2], // the third writer
      [PATCH, update(ada.resourceName), 400, read2],
      // No third merge; `current` is read afresh, since the contact changed after the last read.
      ['GET', batchGet, 200, VIEW_FIELDS],
    ]);
    expect(await readView(stack, ada.resourceName)).toEqual(now);
  });
  it('a merge whose read fails past the retries answers that error, not a conflict; sent again, it merges', async () => {
    const ada = await phoneChangedElsewhere(stack);
    const input = {
      resourceName: ada.resourceName,
      etag: ada.etag,
      names: newName,
      previous: { names: ADA.names },
    };
    lostReads = 4; // the read and its three retries
    await stack.clearRequests();

    const res = await stack.gql<{ updateContact: unknown }>(UPDATE, { input, mask: ['NAMES'] });

    expect(res.body.data).toBeNull();
    expect(res.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['UPSTREAM_UNAVAILABLE']);
    // The emulator answered every read; the relay lost those answers on the way back.
    expect(await exchanges(stack)).toEqual([
      [PATCH, update(ada.resourceName), 400, ada.etag],
      ...Array.from({ length: 4 }, () => ['GET', batchGet, 200, VIEW_FIELDS]),
    ]);
    expect(await updateContact(stack, input, ['NAMES'])).toMatchObject({
      __typename: 'UpdateContactSuccess',
      mergedOnto: expect.any(String) as unknown,
      person: { names: newName, phoneNumbers: newPhone },
    });
  });
});
