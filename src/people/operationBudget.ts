/**
 * What one GraphQL operation may cost upstream, whatever its aliases: every HTTP request to the
 * People API is one call (retries included), and every resource name sent to `getBatchGet` is one
 * name. One budget per request (src/context.ts), spent by the client, checked whole by the person
 * loader before a batch goes out, so an operation that asks too much is refused before any call.
 */
import { GraphQLError } from 'graphql';

export interface OperationLimits {
  /** Upstream HTTP requests per operation, retries included. */
  calls: number;
  /** Resource names sent to `getBatchGet` per operation. */
  names: number;
}

/**
 * MAX_UPSTREAM_CALLS_PER_OPERATION and MAX_PEOPLE_PER_OPERATION by default. A contact editor's
 * heaviest operation (a page, a person, an update and EtagConflict.current) makes 4 calls, 16 with
 * every retry; 2,000 names are two full `people` fields, 10 getBatchGet calls.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = { calls: 25, names: 2_000 };

/** A read the budget cannot pay: a top-level error; mutations answer `RateLimited` instead. */
export class OperationBudgetExceeded extends GraphQLError {
  constructor(message: string, limits: OperationLimits) {
    super(`${message} Send the fields in separate requests.`, {
      extensions: { code: 'OPERATION_BUDGET_EXCEEDED', budget: { ...limits } },
    });
  }
}

export class OperationBudget {
  private calls = 0;
  private names = 0;

  constructor(readonly limits: OperationLimits) {}

  /** Whether `calls` more requests sending `names` more names still fit. */
  fits(calls: number, names: number): boolean {
    return this.calls + calls <= this.limits.calls && this.names + names <= this.limits.names;
  }

  /** Throws `OperationBudgetExceeded`, spending nothing, when they do not fit. */
  check(calls: number, names: number): void {
    if (this.names + names > this.limits.names) {
      throw new OperationBudgetExceeded(
        `This operation would look up ${this.names + names} resource names; the gateway allows ${this.limits.names} per operation.`,
        this.limits,
      );
    }
    if (this.calls + calls > this.limits.calls) {
      throw new OperationBudgetExceeded(
        `This operation would make more than ${this.limits.calls} People API calls, the gateway’s budget per operation.`,
        this.limits,
      );
    }
  }

  /** `check`, then count them as spent. */
  spend(calls: number, names: number): void {
    this.check(calls, names);
    this.calls += calls;
    this.names += names;
  }
}
