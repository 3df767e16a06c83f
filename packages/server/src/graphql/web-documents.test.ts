/**
 * The web app's documents as the server receives them: the manifest's texts (colocated fragments and
 * all, Apollo's client-only `@unmask` left out) each pass the schema's validation and the server's
 * limits, so no screen of the web app is refused for a fragment it spreads.
 */
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import persisted from '../../../web/src/gql/persisted-documents.json' with { type: 'json' };
import { checkDocument, limitRules } from './limits.js';

const schema = buildSchema(readFileSync(new URL('../../../../schema.graphql', import.meta.url), 'utf8'));
const documents = Object.values(persisted as Record<string, string>);
const nameOf = (text: string) => /(?:query|mutation|subscription) (\w+)/.exec(text)?.[1] ?? text.slice(0, 40);

describe("the web app's documents", () => {
  it('each passes the schema and the limits as the server checks them', () => {
    expect(documents.length).toBeGreaterThan(100);
    const refused = documents.flatMap((text) => {
      const { errors } = checkDocument(schema, text, limitRules({ introspection: false }));
      return errors ? [`${nameOf(text)}: ${errors.map((e) => e.message).join('; ')}`] : [];
    });
    expect(refused).toEqual([]);
  });
});
