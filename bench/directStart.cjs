// @ts-check
/**
 * The direct side of the start-up figure: what a user's own script does with the googleapis
 * People client (as installed, its own transport) to save a contact, started as the bench starts
 * the gateway (plain node, CommonJS like dist/main.js, the same environment). It saves the
 * editor's change once and prints the contact's new etag; the bench times spawn → that line.
 *
 * Environment: PEOPLE_API_URL, and BENCH_TOKEN, BENCH_RESOURCE_NAME, BENCH_ETAG, BENCH_N for the
 * contact and the n-th change (bench/editor.ts, `editorChange`).
 */
'use strict';
const { people } = require('googleapis/build/src/apis/people/index.js');

const env = (/** @type {string} */ name) => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};
const n = env('BENCH_N');
const api = people({ version: 'v1', rootUrl: env('PEOPLE_API_URL') });
api.people
  .updateContact(
    {
      resourceName: env('BENCH_RESOURCE_NAME'),
      updatePersonFields: 'names,emailAddresses',
      personFields: 'names,emailAddresses,metadata',
      requestBody: {
        etag: env('BENCH_ETAG'),
        names: [{ givenName: `Ada ${n}`, familyName: 'Lovelace' }],
        emailAddresses: [{ value: `ada.${n}@example.com`, type: 'work' }],
      },
    },
    { headers: { Authorization: `Bearer ${env('BENCH_TOKEN')}` }, retry: false },
  )
  .then(({ data }) => {
    process.stdout.write(`${data.etag ?? ''}\n`);
  })
  .catch((/** @type {unknown} */ error) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
