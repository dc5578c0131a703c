/** Writing an answer: Google's JSON (pretty unless `prettyPrint=false`) or the front end's HTML. */
import type { ServerResponse } from 'node:http';
import type { ApiError } from '../errors.js';

export interface Reply {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=UTF-8';

export function send(res: ServerResponse, reply: Reply, pretty = true): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string;
  if (reply.html !== undefined) {
    headers['Content-Type'] = 'text/html; charset=UTF-8';
    payload = reply.html;
  } else {
    headers['Content-Type'] = JSON_TYPE;
    headers.Vary = 'Origin, X-Origin, Referer';
    payload = JSON.stringify(reply.json ?? {}, null, pretty ? 2 : undefined);
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function errorReply(error: ApiError): Reply {
  return { status: error.httpStatus, json: error.toEnvelope(), headers: error.headers };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What Google's front end answers for a URL (or verb) no API route matches: HTML, not JSON. */
export function notFoundHtml(path: string): string {
  return `<!DOCTYPE html>
<html lang=en>
  <meta charset=utf-8>
  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">
  <title>Error 404 (Not Found)!!1</title>
  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>
  <p><b>404.</b> <ins>That’s an error.</ins>
  <p>The requested URL <code>${escapeHtml(path)}</code> was not found on this server.  <ins>That’s all we know.</ins>
`;
}
