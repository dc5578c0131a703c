import { readFileSync } from 'node:fs';

/**
 * The text of schema.graphql. This module sits at the top of src/ so that the file is one folder
 * up from it both compiled (dist/schemaSource.js) and bundled (dist/main.js, scripts/build.js).
 */
export const typeDefs = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
