/**
 * Apollo Server over the subgraph schema, with the guards every operation passes: GraphQL Armor's
 * depth, cost, alias and directive limits, the token limit of graphql-js's parser, no
 * subscriptions, masked internal errors, and draining through Apollo's own plugin.
 */
import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
// The two parts of @apollo/subgraph that run per request, without the federation-internals
// package that its buildSubgraphSchema needs (scripts/subgraphSchema.ts runs that at build time).
import { addResolversToSchema } from '@apollo/subgraph/dist/schema-helper/buildSchemaFromSDL.js';
import { entitiesResolver } from '@apollo/subgraph/dist/types.js';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { buildASTSchema, GraphQLError, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { Config } from '../config.js';
import type { GatewayContext } from '../context.js';
import { NoSubscriptionsRule } from '../documentLimits.js';
import { executableDocument, subgraphSdl } from '../generated/subgraph.js';
import { resolvers } from '../resolvers/index.js';
import type { CompiledExecution } from './execution.js';
import { formatError } from './formatError.js';
import { loggingPlugin } from './loggingPlugin.js';

/**
 * The Federation 2 subgraph schema, as `buildSubgraphSchema` would make it: the expanded schema
 * generated from schema.graphql (src/generated/subgraph.ts, checked fresh by CI), Apollo's own
 * `_entities` resolver and `_Entity` type resolution, then the gateway's resolvers.
 * `_service { sdl }` answers only callers allowed to compose the graph
 * (`GatewayContext.mayCompose`): with introspection off in production, the SDL must not be the
 * way around it.
 */
export function buildGatewaySchema(): GraphQLSchema {
  // Valid by construction: scripts/subgraphSchema.ts printed it from a schema graphql-js built
  // and validated (test/federation/subgraphSchema.test.ts compares the two), so neither the SDL
  // nor the schema is validated again at start (about 6 ms).
  const schema = buildASTSchema(executableDocument, { assumeValidSDL: true, assumeValid: true });
  addResolversToSchema(schema, {
    Query: {
      _service: (_source: unknown, _args: unknown, context: GatewayContext) => {
        if (!context.mayCompose) {
          throw new GraphQLError(
            'The subgraph SDL is served only to callers allowed to compose the graph.',
            { extensions: { code: 'FORBIDDEN' } },
          );
        }
        return { sdl: subgraphSdl };
      },
      _entities: (
        _source: unknown,
        { representations }: { representations: { __typename: string }[] },
        context: GatewayContext,
        info: GraphQLResolveInfo,
      ): unknown => entitiesResolver({ representations, context, info }) as unknown,
    },
    _Entity: {
      __resolveType: (parent: { __typename: string }) => parent.__typename,
    },
  });
  addResolversToSchema(schema, resolvers);
  return schema;
}

export function createApollo(
  config: Config,
  httpServer: Server,
  execution: CompiledExecution,
  apqCache: KeyValueCache | undefined,
): ApolloServer<GatewayContext> {
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.depth },
    costLimit: { maxCost: config.limits.cost },
    maxAliases: { n: config.limits.aliases },
    // Armor's token plugin turns every syntax error into a 500; graphql's own parser limit
    // (parseOptions below) reports an oversized document as the 400 syntax error it is.
    maxTokens: { enabled: false },
    maxDirectives: { n: config.limits.directives },
    // Suggestions help people in Sandbox; in production they would map the schema for attackers.
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  return new ApolloServer<GatewayContext>({
    // The schema and its executor: graphql-jit for documents that repeat (execution.ts).
    gateway: execution.gateway(),
    validationRules: [...armor.validationRules, NoSubscriptionsRule],
    plugins: [
      // Armor's plugins are written for any context and never read ours.
      ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
      loggingPlugin,
      // stop(): no new connections, requests in flight finish, then idle sockets end.
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: config.shutdownDrainMs,
      }),
      // Federation traces (ftv1) cost CPU on every request a gateway asks them for; off.
      ApolloServerPluginInlineTraceDisabled(),
      // No resolver sets cache hints: skip the plugin that would wrap every field.
      ApolloServerPluginCacheControlDisabled(),
    ],
    // main.ts owns SIGTERM/SIGINT: Apollo's own handler would stop and re-raise the signal
    // (exit 143) while requests are still in flight.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.limits.tokens },
    csrfPrevention: true,
    ...(apqCache ? { cache: apqCache } : {}),
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatError(config.production),
  });
}
