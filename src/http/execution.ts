/**
 * Compiled execution for repeated documents. graphql-js interprets an operation on every request
 * (collect fields, coerce variables, resolve and complete every field through generic code);
 * graphql-jit compiles a validated document once into a function that does the same work for
 * that one operation. An editor sends the same few documents over and over, so a document is
 * compiled the `compileAfter`-th time it runs and every run after that uses the compiled
 * function; a document seen fewer times runs on graphql-js, so a stream of one-off documents
 * never pays for compilation. graphql-jit is loaded only once a document first repeats.
 *
 * Apollo Server runs a custom executor only through its gateway interface
 * (https://www.apollographql.com/docs/apollo-server/api/apollo-server#gateway); this module is
 * that interface over a fixed schema. Parsing, validation (GraphQL Armor's limits included), the
 * plugins, error formatting and the HTTP answer stay Apollo's.
 */
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import {
  execute,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { CompiledQuery } from 'graphql-jit';

type Jit = typeof import('graphql-jit');

/** graphql-jit, once loaded (by the first document that repeats, or at start with compileAfter 1). */
let jit: Jit | undefined;
let loading: Promise<void> | undefined;

function loadJit(): Promise<void> {
  // Should the chunk fail to load, graphql-js goes on running every operation.
  loading ??= import('graphql-jit').then(
    (module) => {
      jit = module;
    },
    () => undefined,
  );
  return loading;
}

/**
 * Compiled operations kept at most; the least recently used is dropped past it. A compiled
 * operation of a large document (eight aliased pages of every Person field) holds about 0.5 MB,
 * so this bounds what a caller sending many distinct documents can make the gateway keep (~100
 * MB); an application's own operations number in the tens.
 */
export const MAX_COMPILED_OPERATIONS = 200;

/** One operation of one document: how often it ran, and its compiled form once it has one. */
interface Operation {
  runs: number;
  /** Compiled, or `false` when graphql-jit refused the document (graphql-js runs it). */
  compiled?: CompiledQuery | false;
}

/**
 * graphql-jit reports errors in a class of its own whose message and extensions cannot be
 * written (GraphQL Armor rewrites messages in production) and that Apollo Server does not
 * recognise as graphql-js's own: each becomes the GraphQLError graphql-js would have raised.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  if (Object.getPrototypeOf(error) === GraphQLError.prototype) return error;
  const copy = new GraphQLError(error.message, {
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    // graphql-jit's own errors may have none: graphql-js then takes the original error's.
    extensions: error.extensions,
  });
  Object.defineProperty(copy, 'locations', { value: error.locations, enumerable: true });
  return copy;
}

export class CompiledExecution {
  /** Documents by identity: Apollo's document store hands out one parsed document per text. */
  readonly #operations = new WeakMap<DocumentNode, Map<string, Operation>>();
  /** Compiled operations, least recently used first. */
  readonly #compiled = new Set<Operation>();

  /**
   * `compileAfter`: the run at which a document is compiled (1: the first; 0: never, graphql-js
   * runs everything).
   */
  constructor(
    readonly schema: GraphQLSchema,
    readonly compileAfter: number,
  ) {}

  /** Operations compiled and kept now. */
  get compiledCount(): number {
    return this.#compiled.size;
  }

  /** Apollo Server's gateway interface over this schema and executor. */
  gateway(): GatewayInterface {
    const executor: GatewayExecutor = async (requestContext) => {
      const { document, request, context } = requestContext;
      const result = await this.execute(
        document,
        request.operationName,
        request.variables,
        context,
      );
      return result as GatewayExecutionResult;
    };
    return {
      onSchemaLoadOrUpdate: (callback) => {
        // No supergraph here: a subgraph's schema, fixed for the life of the process.
        callback({ apiSchema: this.schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      load: async () => {
        // Compiling from the first run: graphql-jit ready before the first request.
        if (this.compileAfter === 1) await loadJit();
        return { executor };
      },
      stop: () => Promise.resolve(),
    };
  }

  async execute(
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown> | undefined,
    context: unknown,
  ): Promise<ExecutionResult> {
    const operation = this.#operationOf(document, operationName);
    if (operation.compiled === undefined && this.compileAfter > 0) {
      operation.runs += 1;
      if (operation.runs >= this.compileAfter) this.#compile(operation, document, operationName);
    }
    if (operation.compiled) {
      this.#compiled.delete(operation);
      this.#compiled.add(operation);
      const result = await operation.compiled.query(undefined, context, variables ?? {});
      if ('data' in result) {
        return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
      }
      // No data: graphql-jit refused the variables, and nothing ran. graphql-js refuses them in
      // the words Apollo Server recognises as the client's (400 BAD_USER_INPUT), so it answers.
    }
    return execute({
      schema: this.schema,
      document,
      contextValue: context,
      variableValues: variables,
      operationName,
    });
  }

  #operationOf(document: DocumentNode, name: string | undefined): Operation {
    let byName = this.#operations.get(document);
    if (!byName) {
      byName = new Map();
      this.#operations.set(document, byName);
    }
    const key = name ?? '';
    let operation = byName.get(key);
    if (!operation) {
      operation = { runs: 0 };
      byName.set(key, operation);
    }
    return operation;
  }

  #compile(operation: Operation, document: DocumentNode, name: string | undefined): void {
    if (!jit) {
      // Compiled at a later run, once graphql-jit is loaded.
      void loadJit();
      return;
    }
    let compiled: CompiledQuery | undefined;
    try {
      const result = jit.compileQuery(this.schema, document, name);
      if (jit.isCompiledQuery(result)) compiled = result;
    } catch {
      // Refused, like a document graphql-jit reports it cannot compile.
    }
    if (!compiled) {
      operation.compiled = false;
      return;
    }
    operation.compiled = compiled;
    this.#compiled.add(operation);
    for (const oldest of this.#compiled) {
      if (this.#compiled.size <= MAX_COMPILED_OPERATIONS) break;
      // Dropped: it counts its runs again, and is compiled again if it comes back.
      this.#compiled.delete(oldest);
      delete oldest.compiled;
      oldest.runs = 0;
    }
  }
}
