/**
 * The three graphql-scalars the schema uses (DateTime, URL, Byte). Its package entry loads all of
 * its ~100 scalars, about 0.1 s of start-up; its `exports` map hides the single modules, so they
 * are required by file path from the package's CommonJS build.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GraphQLScalarType } from 'graphql';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('graphql-scalars'));

function scalar(file: string, name: string): GraphQLScalarType {
  const module = require(join(root, 'scalars', file)) as Record<string, GraphQLScalarType>;
  const found = module[name];
  if (!found) throw new Error(`graphql-scalars has no ${name} in ${file}`);
  return found;
}

export const DateTimeResolver = scalar('iso-date/DateTime.js', 'GraphQLDateTime');
export const URLResolver = scalar('URL.js', 'GraphQLURL');
export const GraphQLByte = scalar('Byte.js', 'GraphQLByte');
