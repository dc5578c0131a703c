/**
 * The three graphql-scalars the schema uses (DateTime, URL, Byte). The package is free of side
 * effects, so the production bundle (scripts/build.js) keeps only these three of its ~100.
 */
export { DateTimeResolver, GraphQLByte, URLResolver } from 'graphql-scalars';
