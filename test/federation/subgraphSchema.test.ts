import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  isAbstractType,
  isEnumType,
  isObjectType,
  isScalarType,
  parse,
  printSchema,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/http/apollo.js';
import { resolvers } from '../../src/resolvers/index.js';

/** Every resolver the schema holds: field resolvers, type resolution, scalar coercion, enum values. */
function resolution(schema: GraphQLSchema): string[] {
  const lines: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.resolve) lines.push(`${type.name}.${field.name} resolve`);
      }
    } else if (isAbstractType(type) && type.resolveType) {
      lines.push(`${type.name} resolveType`);
    } else if (isScalarType(type)) {
      lines.push(`${type.name} ${type.serialize.name}/${type.parseValue.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        lines.push(`${type.name}.${value.name}=${String(value.value)}`);
      }
    }
  }
  return lines.sort();
}

describe('the subgraph schema expanded at build time (src/generated/subgraph.ts)', () => {
  const expected = buildSubgraphSchema([
    { typeDefs: parse(readFileSync('schema.graphql', 'utf8')), resolvers },
  ]);
  const built = buildGatewaySchema();

  it('prints exactly as @apollo/subgraph builds it from schema.graphql', () => {
    expect(printSchema(built)).toBe(printSchema(expected));
  });

  it('resolves the same fields, types, scalars and enum values', () => {
    expect(resolution(built)).toEqual(resolution(expected));
    expect(resolution(built)).toContain('Query._entities resolve');
    expect(resolution(built)).toContain('_Entity resolveType');
    expect(resolution(built)).toContain('UpdatablePersonField.EMAIL_ADDRESSES=emailAddresses');
  });
});
