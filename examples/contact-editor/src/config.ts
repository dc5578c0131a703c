/**
 * Where the gateway is: `npm run example` writes it into the page's
 * `<meta name="gateway-url">`; `vite` dev mode falls back to `VITE_GATEWAY_URL` or port 4000.
 */
export function gatewayUrl(): string {
  const fromPage = document.querySelector<HTMLMetaElement>('meta[name="gateway-url"]')?.content;
  if (fromPage !== undefined && fromPage !== '') return fromPage;
  const fromEnv: unknown = import.meta.env['VITE_GATEWAY_URL'];
  return typeof fromEnv === 'string' && fromEnv !== '' ? fromEnv : 'http://127.0.0.1:4000/graphql';
}

/** The emulator's demo user, the default token in embedded mode. */
export const DEMO_TOKEN = 'demo';
