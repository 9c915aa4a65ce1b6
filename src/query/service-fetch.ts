/**
 * The fetch Comunica uses for SERVICE calls of the server: a redirect is followed only when its target is
 * itself an allowed SERVICE endpoint (--allow-service), so that an allowed endpoint cannot send the
 * server to any other host; the error then names the endpoint the query called, never the target.
 */

/** How many redirects between allowed endpoints one request may follow. */
const MAX_REDIRECTS = 5;

/** An allowed endpoint redirected elsewhere (or too many times): the message names only the endpoint called. */
export class ServiceRedirectError extends Error {
  constructor(readonly endpoint: string, readonly status: number) {
    super(`SERVICE <${endpoint}> answered with a redirect (${status}) to an address that is not an allowed SERVICE endpoint; redirects are followed only to allowed endpoints`);
    this.name = 'ServiceRedirectError';
  }
}

/** An endpoint IRI without its query and fragment: a SERVICE call adds its own query string. */
const endpointOf = (url: URL) => `${url.origin}${url.pathname}`;

export function serviceFetch(allowed: readonly string[], fetchImpl: typeof fetch = globalThis.fetch): typeof fetch {
  const endpoints = new Set(allowed.map((iri) => endpointOf(new URL(iri))));
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const first = new URL(request?.url ?? (input instanceof URL ? input.href : String(input)));
    let url = first;
    let method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    let body = init?.body ?? request?.body ?? undefined;
    const headers = new Headers(init?.headers ?? request?.headers);
    for (let hop = 0; ; hop++) {
      const response = await fetchImpl(url, { ...init, method, headers, body, redirect: 'manual', ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || location === null) return response;
      await response.body?.cancel();
      let target: URL;
      try { target = new URL(location, url); } catch { throw new ServiceRedirectError(endpointOf(first), response.status); }
      if (hop >= MAX_REDIRECTS || !endpoints.has(endpointOf(target))) throw new ServiceRedirectError(endpointOf(first), response.status);
      // As browsers do: 303, and 301/302 after a POST, become a GET without a body; 307 and 308 keep both.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
        headers.delete('content-length');
      }
      url = target;
    }
  };
}
