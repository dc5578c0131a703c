/**
 * A gateway replica as a process of its own, for the test that kills one mid-mutation:
 * `node --import tsx test/redis/replica.ts` with REDIS_URL, PEOPLE_API_URL and LEASE_MS; prints
 * `listening <graphql url>` once it serves.
 */
import { startReplica } from './replicaServer.js';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

const replica = await startReplica({
  redisUrl: required('REDIS_URL'),
  rootUrl: required('PEOPLE_API_URL'),
  leaseMs: Number(required('LEASE_MS')),
});
process.stdout.write(`listening ${replica.gateway.url}\n`);
