import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADA,
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
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

describe('updateContact with previous', () => {
  it('merges onto the current etag when no masked field changed since the read (PATCH, read, PATCH), keeping both edits', async () => {
    const ada = await phoneChangedElsewhere(stack);
    // The version the gateway will read, with the fields it will read: same etag string.
    const current = await readView(stack, ada.resourceName);
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
      person: {
        etag: expect.any(String) as unknown,
        names: newName,
        emailAddresses: ADA.emailAddresses,
        phoneNumbers: newPhone,
      },
    });
    expect(await exchanges(stack)).toEqual([
      [PATCH, update(ada.resourceName), 400, ada.etag],
      ['GET', batchGet, 200, VIEW_FIELDS],
      [PATCH, update(ada.resourceName), 200, current.etag],
    ]);
    expect(await readView(stack, ada.resourceName)).toEqual(answer.person);
  });

  it('answers EtagConflict with the changed masked fields and the contact read, overwriting nothing (PATCH, read)', async () => {
    const ada = await phoneChangedElsewhere(stack);
    const current = await readView(stack, ada.resourceName);
    await stack.clearRequests();

    const answer = await updateContact(
      stack,
      {
        resourceName: ada.resourceName,
        etag: ada.etag,
        names: newName,
        phoneNumbers: [{ value: '+44 20 7946 0003' }],
        previous: { names: ADA.names, phoneNumbers: ADA.phoneNumbers },
      },
      ['NAMES', 'PHONE_NUMBERS'],
    );

    expect(answer).toEqual({
      __typename: 'EtagConflict',
      sentEtag: ada.etag,
      conflictingFields: ['PHONE_NUMBERS'],
      // The read the merge made, with the fields `current` selects: no further call.
      current: { ...current, etag: expect.any(String) as unknown },
      message: `${ada.resourceName} changed since etag "${ada.etag}" was read. PHONE_NUMBERS no longer holds what you read: decide on it, then send the update again with the current etag.`,
    });
    expect(await exchanges(stack)).toEqual([
      [PATCH, update(ada.resourceName), 400, ada.etag],
      ['GET', batchGet, 200, VIEW_FIELDS],
    ]);
    expect(await readView(stack, ada.resourceName)).toEqual(current);
  });

  it('compares every masked field: one left out of previous was read empty', async () => {
    const ada = await phoneChangedElsewhere(stack);
    await stack.clearRequests();

    const answer = await updateContact(
      stack,
      {
        resourceName: ada.resourceName,
        etag: ada.etag,
        names: newName,
        emailAddresses: [],
        previous: { names: ADA.names },
      },
      ['NAMES', 'EMAIL_ADDRESSES'],
    );

    expect(answer).toMatchObject({
      __typename: 'EtagConflict',
      conflictingFields: ['EMAIL_ADDRESSES'],
    });
    expect((await readView(stack, ada.resourceName)).emailAddresses).toEqual(ADA.emailAddresses);
  });

  it('answers FieldNotInMask, with no upstream call, when previous names a field outside the mask', async () => {
    const ada = await createAda(stack);
    await stack.clearRequests();

    const answer = await updateContact(
      stack,
      {
        resourceName: ada.resourceName,
        etag: ada.etag,
        names: newName,
        previous: { names: ADA.names, phoneNumbers: ADA.phoneNumbers, urls: [] },
      },
      ['NAMES'],
    );

    expect(answer).toEqual({
      __typename: 'FieldNotInMask',
      fields: ['PHONE_NUMBERS', 'URLS'],
      message:
        'previous holds PHONE_NUMBERS, URLS but the mask leaves them out: previous carries what you read in the masked fields only. Add them to the mask or leave them out of previous.',
    });
    expect(await stack.requests()).toEqual([]);
  });

  it('without previous, answers EtagConflict with conflictingFields null and never merges (PATCH, then the read of current)', async () => {
    const ada = await phoneChangedElsewhere(stack);
    const current = await readView(stack, ada.resourceName);
    await stack.clearRequests();

    const answer = await updateContact(
      stack,
      { resourceName: ada.resourceName, etag: ada.etag, names: newName },
      ['NAMES'],
    );

    expect(answer).toEqual({
      __typename: 'EtagConflict',
      sentEtag: ada.etag,
      conflictingFields: null,
      current,
      message: `${ada.resourceName} changed since etag "${ada.etag}" was read. Merge your edit into the current contact and send it again with the current etag.`,
    });
    expect(await exchanges(stack)).toEqual([
      [PATCH, update(ada.resourceName), 400, ada.etag],
      ['GET', batchGet, 200, VIEW_FIELDS],
    ]);
  });

  it('sends the update once when the etag is current: previous costs nothing then (mergedOnto null)', async () => {
    const ada = await createAda(stack);
    await stack.clearRequests();

    const answer = await updateContact(
      stack,
      { resourceName: ada.resourceName, etag: ada.etag, names: newName, previous: { names: [] } },
      ['NAMES'],
    );

    expect(answer).toMatchObject({ __typename: 'UpdateContactSuccess', mergedOnto: null });
    expect(await exchanges(stack)).toEqual([[PATCH, update(ada.resourceName), 200, ada.etag]]);
  });
});
