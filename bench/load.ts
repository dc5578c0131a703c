/**
 * Closed-loop load: each worker sends its next request when the previous one answered (it chains
 * the etag), for a warm-up and then a measured window. Latency is per request, end to end.
 */
import { people, type people_v1 } from 'googleapis/build/src/apis/people/index.js';
import { Pool } from 'undici';
import { createHttpAdapter } from '../src/people/transport.js';
import {
  EDITOR_LIST,
  EDITOR_READ,
  EDITOR_UPDATE,
  editorChange,
  type EditorRequests,
} from './editor.js';
import type { Contact } from './emulator.js';

/** What a worker does in a loop: the etag-only update and read, and the editor's operations. */
export type Kind = 'update' | 'read' | 'editorUpdate' | 'editorRead' | 'editorList';

/** A way to the People API: the gateway, or the googleapis client in this process. */
export interface Side {
  step(kind: Kind, contact: Contact): Step;
  /** The kinds this side takes; every kind when left out. */
  kinds?: readonly Kind[];
}

/** One request of one worker; resolves when it succeeded, throws otherwise. */
export type Step = () => Promise<void>;

export interface LoadOptions {
  warmupMs: number;
  durationMs: number;
}

/** One measured window. */
export interface Slice {
  /** Latency of each answer in the window, ms. */
  latencies: number[];
  seconds: number;
  /** Successful answers including the warm-up. */
  completed: number;
  errors: number;
  firstError: string | undefined;
}

export interface LoadResult {
  /** Answers in the measured windows. */
  requests: number;
  /** Successful answers including the warm-ups. */
  completed: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  firstError: string | undefined;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Several windows of the same run as one: total rate, percentiles over all answers. */
export function combineSlices(slices: Slice[]): LoadResult {
  const sorted = Float64Array.from(slices.flatMap((s) => s.latencies)).sort();
  const seconds = slices.reduce((sum, s) => sum + s.seconds, 0);
  return {
    requests: sorted.length,
    completed: slices.reduce((sum, s) => sum + s.completed, 0),
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    errors: slices.reduce((sum, s) => sum + s.errors, 0),
    firstError: slices.find((s) => s.firstError !== undefined)?.firstError,
  };
}

/**
 * Runs every worker's step in a loop; records the answers that arrive in the measured window.
 * `onWindow` is called as the window opens and closes (CPU snapshots).
 */
export async function runClosedLoop(
  steps: Step[],
  options: LoadOptions,
  onWindow: (edge: 'open' | 'close') => void = () => undefined,
): Promise<Slice> {
  let phase: 'warmup' | 'measure' | 'stop' = 'warmup';
  const latencies: number[] = [];
  let errors = 0;
  let completed = 0;
  let firstError: string | undefined;
  const loops = steps.map(async (step) => {
    while (phase !== 'stop') {
      const started = performance.now();
      try {
        await step();
      } catch (error) {
        errors += phase === 'measure' ? 1 : 0;
        firstError ??= error instanceof Error ? error.message : String(error);
        continue;
      }
      completed++;
      if (phase === 'measure') latencies.push(performance.now() - started);
    }
  });
  await new Promise((resolve) => setTimeout(resolve, options.warmupMs));
  phase = 'measure';
  onWindow('open');
  const opened = performance.now();
  await new Promise((resolve) => setTimeout(resolve, options.durationMs));
  phase = 'stop';
  const seconds = (performance.now() - opened) / 1000;
  onWindow('close');
  await Promise.all(loops);
  return { latencies, seconds, completed, errors, firstError };
}

export const UPDATE_MUTATION =
  'mutation($input: UpdateContactInput!){ updateContact(input:$input, mask:[NAMES]){ __typename ... on UpdateContactSuccess { person { etag } } } }';
export const PERSON_QUERY = 'query($n: ID!){ person(resourceName:$n){ etag names { givenName } } }';

interface GraphQLAnswer {
  data?: {
    updateContact?: { __typename: string; person?: { etag: string } };
    person?: { etag: string } | null;
    contacts?: { persons: { etag: string }[] };
  } | null;
  errors?: { message: string }[];
}

/** GraphQL over HTTP to the gateway: an undici pool with one connection per worker. */
export class GatewayClient implements Side {
  private readonly pool: Pool;
  private readonly path: string;

  /** `kinds`: what the server at `url` takes (the floor takes the editor's reads only). */
  constructor(
    url: string,
    connections: number,
    readonly kinds?: readonly Kind[],
  ) {
    const endpoint = new URL(url);
    this.pool = new Pool(endpoint.origin, { connections, pipelining: 1 });
    this.path = endpoint.pathname;
  }

  async post(token: string, query: string, variables: object): Promise<GraphQLAnswer> {
    const { statusCode, body } = await this.pool.request({
      method: 'POST',
      path: this.path,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await body.json()) as GraphQLAnswer;
    if (statusCode !== 200 || answer.errors) {
      throw new Error(`gateway HTTP ${statusCode}: ${answer.errors?.[0]?.message ?? ''}`);
    }
    return answer;
  }

  step(kind: Kind, contact: Contact): Step {
    switch (kind) {
      case 'update':
        return this.updateStep(contact, UPDATE_MUTATION, (n) => ({
          names: [{ givenName: `Bench ${n}` }],
        }));
      case 'editorUpdate':
        return this.updateStep(contact, EDITOR_UPDATE, editorChange);
      case 'read':
        return this.readStep(contact, PERSON_QUERY);
      case 'editorRead':
        return this.readStep(contact, EDITOR_READ);
      case 'editorList':
        return async () => {
          const answer = await this.post(contact.token, EDITOR_LIST, {});
          if (!answer.data?.contacts?.persons[0]?.etag) throw new Error('contacts answered none');
        };
    }
  }

  /** updateContact on the worker's own contact, chaining the etag. */
  private updateStep(contact: Contact, mutation: string, change: (n: number) => object): Step {
    let n = 0;
    return async () => {
      const answer = await this.post(contact.token, mutation, {
        input: { resourceName: contact.resourceName, etag: contact.etag, ...change(++n) },
      });
      const result = answer.data?.updateContact;
      if (result?.__typename !== 'UpdateContactSuccess' || !result.person) {
        throw new Error(`updateContact answered ${result?.__typename ?? 'nothing'}`);
      }
      contact.etag = result.person.etag;
    };
  }

  private readStep(contact: Contact, query: string): Step {
    return async () => {
      const answer = await this.post(contact.token, query, { n: contact.resourceName });
      if (!answer.data?.person?.etag) throw new Error('person answered null');
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** The `personFields` (and the update's `updatePersonFields`) the gateway sent, by operation. */
export interface DirectFields {
  update: string;
  read: string;
  editor: EditorRequests;
}

/** googleapis' own transport (gaxios over node-fetch, as installed), or the gateway's. */
export type Transport = 'googleapis' | 'gateway';

/**
 * The googleapis People client straight at the emulator: what the gateway is measured against.
 * It sends what the gateway sends for the same GraphQL selections (`fields`).
 */
export class DirectClient implements Side {
  private readonly api: people_v1.People;

  constructor(
    rootUrl: string,
    private readonly fields: DirectFields,
    transport: Transport,
  ) {
    this.api =
      transport === 'googleapis'
        ? people({ version: 'v1', rootUrl })
        : people({ version: 'v1', rootUrl, adapter: createHttpAdapter(30_000) });
  }

  private static options(contact: Contact) {
    return { headers: { Authorization: `Bearer ${contact.token}` }, retry: false };
  }

  step(kind: Kind, contact: Contact): Step {
    const { editor } = this.fields;
    switch (kind) {
      case 'update':
        return this.updateStep(contact, 'names', this.fields.update, (n) => ({
          names: [{ givenName: `Bench ${n}` }],
        }));
      case 'editorUpdate':
        return this.updateStep(
          contact,
          editor.update.updatePersonFields,
          editor.update.personFields,
          editorChange,
        );
      case 'read':
        return this.readStep(contact, this.fields.read);
      case 'editorRead':
        return this.readStep(contact, editor.read.personFields);
      case 'editorList':
        return async () => {
          const { data } = await this.api.people.connections.list(
            { resourceName: 'people/me', pageSize: 10, personFields: editor.list.personFields },
            DirectClient.options(contact),
          );
          if (!data.connections?.[0]?.etag) throw new Error('connections.list answered none');
        };
    }
  }

  private updateStep(
    contact: Contact,
    updatePersonFields: string,
    personFields: string,
    change: (n: number) => people_v1.Schema$Person,
  ): Step {
    let n = 0;
    return async () => {
      const { data } = await this.api.people.updateContact(
        {
          resourceName: contact.resourceName,
          updatePersonFields,
          personFields,
          requestBody: {
            ...change(++n),
            resourceName: contact.resourceName,
            etag: contact.etag,
          },
        },
        DirectClient.options(contact),
      );
      if (!data.etag) throw new Error('updateContact answered no etag');
      contact.etag = data.etag;
    };
  }

  private readStep(contact: Contact, personFields: string): Step {
    return async () => {
      const { data } = await this.api.people.getBatchGet(
        { resourceNames: [contact.resourceName], personFields },
        DirectClient.options(contact),
      );
      if (!data.responses?.[0]?.person?.etag) throw new Error('getBatchGet answered no person');
    };
  }
}
