/** The emulator's admin endpoints (request log, faults) and contact creation for bench users. */

import { entriesWithoutGaps, type RequestLog, type RequestLogEntry } from 'people-emulator';

export interface Contact {
  token: string;
  resourceName: string;
  etag: string;
}

export class EmulatorAdmin {
  constructor(readonly url: string) {}

  async requests(): Promise<RequestLogEntry[]> {
    const res = await fetch(`${this.url}__emulator/requests`);
    return entriesWithoutGaps((await res.json()) as RequestLog);
  }

  async clearRequests(): Promise<void> {
    const res = await fetch(`${this.url}__emulator/requests`, { method: 'DELETE' });
    await res.arrayBuffer();
  }

  /** Latency added to every People API answer; 0 removes all faults. */
  async latency(ms: number): Promise<void> {
    const res = await fetch(`${this.url}__emulator/faults`, {
      method: ms === 0 ? 'DELETE' : 'PUT',
      headers: { 'content-type': 'application/json' },
      ...(ms === 0 ? {} : { body: JSON.stringify({ latencyMs: ms }) }),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
  }

  /** `people.createContact` for an emulator user (other users than `demo` start empty). */
  createContact(token: string, givenName: string): Promise<Contact> {
    return this.createPerson(token, { names: [{ givenName }] });
  }

  /** `people.createContact` with a REST Person body. */
  async createPerson(token: string, body: object): Promise<Contact> {
    const res = await fetch(`${this.url}v1/people:createContact?personFields=names`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const person = (await res.json()) as { resourceName?: string; etag?: string };
    if (!res.ok || person.resourceName === undefined || person.etag === undefined) {
      throw new Error(`createContact for ${token}: HTTP ${res.status}`);
    }
    return { token, resourceName: person.resourceName, etag: person.etag };
  }
}
