import { describe, expect, it } from 'vitest';
import {
  MAX_GROUP_OFFSET,
  fromGroupPageToken,
  toGroupPageToken,
} from '../../src/mappers/groupPage.js';

const GROUP = 'contactGroups/3a6f0c2d9b1e4f57';

describe('group page tokens', () => {
  it('give back the position for the same group', () => {
    expect(fromGroupPageToken(toGroupPageToken(GROUP, 200), GROUP)).toBe(200);
  });

  it.each([
    ['another group', toGroupPageToken('contactGroups/other', 200)],
    ['a connections.list token', 'CgYIgICAgBAQ'],
    ['a position of 0', toGroupPageToken(GROUP, 0)],
    ['a negative position', toGroupPageToken(GROUP, -5)],
    ['a position past the bound', toGroupPageToken(GROUP, MAX_GROUP_OFFSET + 1)],
    ['a fractional position', toGroupPageToken(GROUP, 1.5)],
    ['garbage after the prefix', 'g1.%%%'],
    ['JSON of another shape', `g1.${Buffer.from('{"g":1}').toString('base64url')}`],
  ])('refuse %s', (_what, token) => {
    expect(fromGroupPageToken(token, GROUP)).toBeNull();
  });
});
