import { createHash } from 'node:crypto';

/*
 * Etags shaped like Google's (docs/people-api.md#etags): `%` + base64 of a protobuf-like message.
 *   field 1 (varint)   contact version
 *   field 2 (4 bytes)  hash of the read's personFields and sources: a read with other fields
 *                      gives another string for the same version, as at Google
 *   field 3 (8 bytes)  hash of (resource, version): binds the etag to one contact's version
 * updateContact compares only field 1 and 3, so any etag issued for the current version passes.
 * Source etags (`#` + base64) carry fields 1 and 3 only.
 */

function hash(text: string, bytes: number): Buffer {
  return createHash('sha256').update(text).digest().subarray(0, bytes);
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

function versionCheck(resourceKey: string, version: number): Buffer {
  return hash(`${resourceKey}@${version}`, 8);
}

export function personEtag(resourceKey: string, version: number, readKey: string): string {
  const message = Buffer.concat([
    Buffer.from([0x08]),
    varint(version),
    Buffer.from([0x12, 4]),
    hash(readKey, 4),
    Buffer.from([0x1a, 8]),
    versionCheck(resourceKey, version),
  ]);
  return `%${message.toString('base64')}`;
}

export function sourceEtag(resourceKey: string, version: number): string {
  const message = Buffer.concat([
    Buffer.from([0x08]),
    varint(version),
    Buffer.from([0x1a, 8]),
    versionCheck(resourceKey, version),
  ]);
  return `#${message.toString('base64')}`;
}

interface DecodedEtag {
  version: number;
  check: Buffer;
}

/** Decodes either etag form; undefined when it is not one of ours (then it is simply stale). */
function decode(etag: string): DecodedEtag | undefined {
  const prefix = etag[0];
  if (prefix !== '%' && prefix !== '#') return undefined;
  const bytes = Buffer.from(etag.slice(1), 'base64');
  let offset = 0;
  let version: number | undefined;
  let check: Buffer | undefined;
  while (offset < bytes.length) {
    const tag = bytes[offset++];
    if (tag === 0x08) {
      let value = 0;
      let scale = 1;
      for (;;) {
        const byte = bytes[offset++];
        if (byte === undefined) return undefined;
        value += (byte & 0x7f) * scale;
        scale *= 128;
        if ((byte & 0x80) === 0) break;
      }
      version = value;
    } else if (tag === 0x12 || tag === 0x1a) {
      const length = bytes[offset++];
      if (length === undefined || offset + length > bytes.length) return undefined;
      if (tag === 0x1a) check = bytes.subarray(offset, offset + length);
      offset += length;
    } else {
      return undefined;
    }
  }
  return version === undefined || check === undefined ? undefined : { version, check };
}

/** True when `etag` (person or source form) was issued for this resource at `version`. */
export function etagIsCurrent(etag: string, resourceKey: string, version: number): boolean {
  const decoded = decode(etag);
  return (
    decoded !== undefined &&
    decoded.version === version &&
    decoded.check.equals(versionCheck(resourceKey, version))
  );
}

/** Contact group etags look like `UPTmggxWH8g=` (8 bytes, base64). */
export function groupEtag(groupKey: string, updateTime: string): string {
  return hash(`${groupKey}@${updateTime}`, 8).toString('base64');
}
