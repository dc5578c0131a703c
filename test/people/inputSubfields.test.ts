import { readFileSync } from 'node:fs';
import { Kind, parse, type InputObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { UPDATABLE_PERSON_FIELDS } from '../../src/people/fields.js';
import { INPUT_SUBFIELDS, type Subfields } from '../../src/people/inputSubfields.js';

const schema = parse(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

function inputType(name: string): InputObjectTypeDefinitionNode {
  const definition = schema.definitions.find(
    (d): d is InputObjectTypeDefinitionNode =>
      d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && d.name.value === name,
  );
  if (!definition) throw new Error(`no input ${name}`);
  return definition;
}

const namedType = (type: TypeNode): string =>
  type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);

/** An input type's fields as `Subfields`: nested input objects followed, `metadata` left out. */
function subfieldsOf(name: string): Subfields {
  const entries = (inputType(name).fields ?? [])
    .filter((field) => field.name.value !== 'metadata')
    .map((field) => {
      const type = namedType(field.type);
      const nested = schema.definitions.some(
        (d) => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && d.name.value === type,
      );
      return [field.name.value, nested ? subfieldsOf(type) : true] as const;
    });
  return Object.fromEntries(entries);
}

describe('INPUT_SUBFIELDS', () => {
  it('holds, for each of the 24 fields, the subfields of its UpdateContactInput item type', () => {
    const update = new Map(
      (inputType('UpdateContactInput').fields ?? []).map((f) => [f.name.value, f] as const),
    );
    const fromSchema = Object.fromEntries(
      UPDATABLE_PERSON_FIELDS.map((field) => {
        const input = update.get(field);
        if (!input) throw new Error(`UpdateContactInput has no ${field}`);
        return [field, subfieldsOf(namedType(input.type))];
      }),
    );
    expect(INPUT_SUBFIELDS).toEqual(fromSchema);
  });
});
