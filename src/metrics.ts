/**
 * Prometheus metrics for operators (`GET /metrics`, text format): operations, People API calls by
 * method and outcome, latencies, retries, etag conflicts, merges on a stale etag and real conflicts,
 * error members, queue depth.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();

  readonly operations = new Counter({
    name: 'gateway_graphql_operations_total',
    help: 'GraphQL operations by operation name and outcome (ok, or error when any top-level error).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly operationSeconds = new Histogram({
    name: 'gateway_graphql_operation_duration_seconds',
    help: 'Time to answer a GraphQL operation.',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly upstreamCalls = new Counter({
    name: 'gateway_people_api_calls_total',
    help: 'People API calls by method and outcome (HTTP status, or no_answer).',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly upstreamSeconds = new Histogram({
    name: 'gateway_people_api_call_duration_seconds',
    help: 'People API call latency by method.',
    labelNames: ['method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly retries = new Counter({
    name: 'gateway_people_api_retries_total',
    help: 'Retries of People API calls after 429, 5xx or no answer.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly resultMembers = new Counter({
    name: 'gateway_mutation_results_total',
    help: 'Mutation results by union member (UpdateContactSuccess, EtagConflict, …).',
    labelNames: ['member'] as const,
    registers: [this.registry],
  });

  readonly etagConflicts = new Counter({
    name: 'gateway_etag_conflicts_total',
    help: 'Updates answered EtagConflict.',
    registers: [this.registry],
  });

  readonly merges = new Counter({
    name: 'gateway_update_merges_total',
    help: 'Updates with a stale etag merged onto the current version: no masked field had changed since the client read it (UpdateContactInput.previous).',
    registers: [this.registry],
  });

  readonly mergeRefusals = new Counter({
    name: 'gateway_update_merge_refusals_total',
    help: 'Updates with a stale etag and previous values answered EtagConflict, by reason: conflict (a masked field had changed: a real conflict), still_changing (the contact changed again after each of two merges).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor(queueDepth: () => number, compiledOperations: () => number = () => 0) {
    new Gauge({
      name: 'gateway_mutation_queue_depth',
      help: 'Mutations in flight or waiting in the per-user queues of this replica.',
      registers: [this.registry],
      collect() {
        this.set(queueDepth());
      },
    });
    new Gauge({
      name: 'gateway_compiled_operations',
      help: 'Operations compiled by graphql-jit and kept for their next runs (src/http/execution.ts).',
      registers: [this.registry],
      collect() {
        this.set(compiledOperations());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'gateway_' });
  }

  /** Counts a union result as it is resolved. */
  countResult(member: string): void {
    this.resultMembers.inc({ member });
    if (member === 'EtagConflict') this.etagConflicts.inc();
  }
}
