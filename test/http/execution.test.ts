import { buildSchema, execute, parse, type ExecutionResult } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/http/apollo.js';
import { CompiledExecution, MAX_COMPILED_OPERATIONS } from '../../src/http/execution.js';

const schema = buildSchema(`type Query { hello(name: String!): String! }`);
const hello = schema.getQueryType()?.getFields()['hello'];
if (hello) hello.resolve = (_source, args: { name: string }) => `hello ${args.name}`;

/** An executor with graphql-jit loaded (compileAfter 1 loads it before the first request). */
async function ready(compileAfter: number): Promise<CompiledExecution> {
  await new CompiledExecution(schema, 1).gateway().load({ apollo: {} });
  return new CompiledExecution(schema, compileAfter);
}

describe('CompiledExecution', () => {
  it('compiles a document at its compileAfter-th run and answers the same before and after', async () => {
    const execution = await ready(3);
    const document = parse(`query($n: String!) { hello(name: $n) }`);
    const answers = [];
    for (let run = 1; run <= 4; run++) {
      answers.push(await execution.execute(document, undefined, { n: 'Ada' }, {}));
      expect(execution.compiledCount).toBe(run >= 3 ? 1 : 0);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify({ data: { hello: 'hello Ada' } })]),
    );
  });

  it('keeps at most MAX_COMPILED_OPERATIONS, dropping the least recently used', async () => {
    const execution = await ready(1);
    const first = parse(`{ hello(name: "0") }`);
    await execution.execute(first, undefined, undefined, {});
    for (let i = 1; i <= MAX_COMPILED_OPERATIONS; i++) {
      await execution.execute(parse(`{ hello(name: "${i}") }`), undefined, undefined, {});
    }
    expect(execution.compiledCount).toBe(MAX_COMPILED_OPERATIONS);
    // The first was dropped: it runs, and is compiled again, evicting the next oldest.
    expect(await execution.execute(first, undefined, undefined, {})).toEqual({
      data: { hello: 'hello 0' },
    });
    expect(execution.compiledCount).toBe(MAX_COMPILED_OPERATIONS);
  });

  it('runs a document graphql-jit refuses on graphql-js, with graphql-js answer', async () => {
    const execution = await ready(1);
    // Two operations and no name: graphql-jit cannot pick one to compile.
    const document = parse(`query A { hello(name: "a") } query B { hello(name: "b") }`);
    const answer = await execution.execute(document, undefined, undefined, {});
    expect(answer.errors?.map((e) => e.message)).toEqual([
      'Must provide operation name if query contains multiple operations.',
    ]);
    expect(await execution.execute(document, 'B', undefined, {})).toEqual({
      data: { hello: 'hello b' },
    });
    expect(execution.compiledCount).toBe(1);
  });

  it('never compiles with compileAfter 0', async () => {
    const execution = await ready(0);
    const document = parse(`{ hello(name: "x") }`);
    for (let run = 0; run < 5; run++) await execution.execute(document, undefined, undefined, {});
    expect(execution.compiledCount).toBe(0);
  });

  // patches/graphql-jit+0.8.9.patch: graphql-jit generated a variable parser inline for the whole
  // tree of each variable's input type (864 KB of JavaScript for one UpdateContactInput, built
  // and compiled for every new document); graphql-js's getVariableValues coerces instead.
  it('compiles an update document without generating code for its input type tree, and coerces as graphql-js', async () => {
    const gatewaySchema = buildGatewaySchema();
    const document = parse(
      `mutation($input: UpdateContactInput!) { updateContact(input: $input, mask: [NAMES]) { __typename } }`,
    );
    const generated: number[] = [];
    const sourceLength = (args: unknown[]) => {
      const body = args.at(-1);
      return typeof body === 'string' ? body.length : 0;
    };
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, {
      construct(target, args: unknown[]) {
        generated.push(sourceLength(args));
        return Reflect.construct(target, args) as object;
      },
      apply(target, self, args: unknown[]) {
        generated.push(sourceLength(args));
        return Reflect.apply(target, self, args) as unknown;
      },
    });
    let compiled;
    try {
      compiled = compileQuery(gatewaySchema, document);
    } finally {
      globalThis.Function = original;
    }
    expect(isCompiledQuery(compiled)).toBe(true);
    expect(generated.length).toBeGreaterThan(0);
    expect(generated.reduce((sum, n) => sum + n, 0)).toBeLessThan(100_000);
    if (!isCompiledQuery(compiled)) return;
    // Refused variables: graphql-js's own errors, and nothing runs (no data).
    const input = { names: 'Ada', emailAddresses: [{ value: 7 }] };
    const refused: ExecutionResult = await compiled.query(undefined, {}, { input });
    const reference = await execute({ schema: gatewaySchema, document, variableValues: { input } });
    expect('data' in refused).toBe(false);
    const messages = (result: ExecutionResult) => result.errors?.map((e) => e.message);
    expect(messages(refused)).toHaveLength(4);
    expect(messages(refused)).toEqual(messages(reference));
  });
});
