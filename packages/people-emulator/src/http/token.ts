/** `POST /token`, Google's OAuth token endpoint: form-encoded (or JSON) grant parameters. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TOKEN_PATH, type OAuthReply, type TokenEndpoint } from '../oauth/tokenEndpoint.js';
import { MIN_BODY_LIMIT, readBody } from './body.js';
import { send, type Reply } from './reply.js';

/** Google's token endpoint: tokens are never cached by intermediaries (RFC 6749 §5.1). */
export function oauthReply(reply: OAuthReply): Reply {
  return { ...reply, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
}

function grantParameters(req: IncomingMessage, text: string): URLSearchParams {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return new URLSearchParams(text);
  }
  const json = JSON.parse(text) as unknown;
  const entries = typeof json === 'object' && json !== null ? Object.entries(json) : ([] as const);
  return new URLSearchParams(
    entries.filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export function handleToken(
  tokenEndpoint: TokenEndpoint,
  rootUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (req.method !== 'POST') {
    req.resume();
    const refusal = { error: 'invalid_request', error_description: 'Use POST.' };
    send(res, oauthReply({ status: 405, json: refusal }));
    return;
  }
  readBody(req, MIN_BODY_LIMIT)
    .then((raw) => {
      const form = grantParameters(req, raw.toString('utf8'));
      // The key file's token_uri names the emulator by any host that reaches it.
      const audiences = [`${rootUrl}token`];
      if (req.headers.host) audiences.push(`http://${req.headers.host}${TOKEN_PATH}`);
      send(res, oauthReply(tokenEndpoint.exchange(form, audiences)));
    })
    .catch(() => {
      const refusal = { error: 'invalid_request', error_description: 'Bad Request' };
      send(res, oauthReply({ status: 400, json: refusal }));
    });
}
