import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Kind, parse } from 'graphql';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  PERSON_FIELDS,
  PersonField,
  SINGLETON_FIELDS,
  UPDATABLE_PERSON_FIELDS,
  UpdatablePersonField,
} from '../../src/people/fields.js';

/** The values of a GraphQL enum of schema.graphql, in their order there. */
function schemaEnumValues(name: string): string[] {
  const document = parse(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  const definition = document.definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name,
  );
  if (definition?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error(`no enum ${name}`);
  return (definition.values ?? []).map((v) => v.name.value);
}

/**
 * The doc comments of the properties of `people_v1.<name>` in googleapis' People API types, which
 * googleapis generates from the discovery document's descriptions.
 */
function discoveryDescriptions(name: string): Map<string, string> {
  const path = createRequire(import.meta.url)
    .resolve('googleapis/build/src/apis/people/v1.js')
    .replace(/\.js$/, '.d.ts');
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const descriptions = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) {
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) continue;
        const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
        descriptions.set(
          member.name.text,
          docs.map((d) => ts.getTextOfJSDocComment(d.comment)).join(' '),
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (descriptions.size === 0) throw new Error(`no interface ${name} in ${path}`);
  return descriptions;
}

/** "… Valid values are: * addresses * ageRanges …" → the paths. */
function validValues(description: string | undefined): string[] {
  const list = description?.split('Valid values are:')[1] ?? '';
  return list
    .split('*')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const screamingSnake = (path: string) => path.replace(/([A-Z])/g, '_$1').toUpperCase();

describe('the People API field lists', () => {
  it('name every value of the schema enums, in the schema order', () => {
    expect(Object.keys(UpdatablePersonField)).toEqual(schemaEnumValues('UpdatablePersonField'));
    expect(Object.keys(PersonField)).toEqual(schemaEnumValues('PersonField'));
  });

  it('map each GraphQL value to the REST path it spells', () => {
    for (const [name, path] of [
      ...Object.entries(UpdatablePersonField),
      ...Object.entries(PersonField),
    ]) {
      expect(screamingSnake(path)).toBe(name);
    }
  });

  it('are the 24 updatePersonFields paths of people.updateContact', () => {
    const description = discoveryDescriptions('Params$Resource$People$Updatecontact').get(
      'updatePersonFields',
    );
    expect(UPDATABLE_PERSON_FIELDS).toEqual(validValues(description));
    expect(UPDATABLE_PERSON_FIELDS).toHaveLength(24);
  });

  it('are the 29 personFields paths of people.get', () => {
    const description = discoveryDescriptions('Params$Resource$People$Get').get('personFields');
    expect(PERSON_FIELDS).toEqual(validValues(description));
    expect(PERSON_FIELDS).toHaveLength(29);
  });

  it('hold as singletons the Person fields the discovery document calls singletons for contacts', () => {
    const singletons = [...discoveryDescriptions('Schema$Person')]
      .filter(([, description]) => description.includes('singleton for contact sources'))
      .map(([field]) => field);
    expect(SINGLETON_FIELDS).toEqual(singletons);
  });
});
