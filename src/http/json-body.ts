import type { FastifyInstance } from 'fastify';

/**
 * Stands in for a body that is not valid JSON. The parser does not fail at once, because the refusal
 * order of SPEC §13 puts 404 (an unknown id in the path) before 400 (a malformed body): the route
 * turns this marker into a 400 at the point where inputs are checked.
 */
export const MALFORMED_JSON = Object.freeze({ malformedJson: true });

export function registerJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json/,
    { parseAs: 'string', bodyLimit: 1024 * 1024 },
    (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      try {
        done(null, JSON.parse(text));
      } catch {
        done(null, MALFORMED_JSON);
      }
    },
  );
}
