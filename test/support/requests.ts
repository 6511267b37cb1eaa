import type { Response } from 'light-my-request';
import type { RouteCase } from './route-table';
import type { TestApp } from './test-app';
import { signIn } from './accounts';
import { multipart } from './multipart';
import type { PrincipalName, World } from './world';

export function fill(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return value;
  });
}

export interface Sent {
  response: Response;
  url: string;
  body: unknown;
}

/** Sends a route case as a principal: the session cookie and CSRF token unless the route is public. */
export async function send(
  t: TestApp,
  w: World,
  route: RouteCase,
  principal: PrincipalName,
  options: { params?: Record<string, string>; body?: unknown; extraBody?: Record<string, unknown> } = {},
): Promise<Sent> {
  const params = options.params ?? (route.params ? await route.params(w, t) : {});
  const url = fill(route.path, params);
  let session = w.sessions[principal];
  if (session && route.freshSession)
    session = await signIn(t, w.users[principal as Exclude<PrincipalName, 'anonymous'>]);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session && !route.public) Object.assign(headers, session.headers);
  const query = route.query ? `?${new URLSearchParams(route.query).toString()}` : '';
  if (route.upload && options.body === undefined) {
    const form = route.upload(w, t, principal, params);
    // defineProperty: a `__proto__` key becomes a field, not the object's prototype.
    for (const [key, value] of Object.entries(options.extraBody ?? {}))
      Object.defineProperty(form.fields, key, {
        value: typeof value === 'string' ? value : JSON.stringify(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    const { payload, contentType } = multipart(form);
    headers['content-type'] = contentType;
    const response = await t.app.inject({ method: route.method, url: `${url}${query}`, headers, payload });
    return { response, url, body: form.fields };
  }
  let body = options.body ?? (route.body ? await route.body(w, t, principal, params) : undefined);
  if (options.extraBody && body && typeof body === 'object') body = { ...body, ...options.extraBody };
  const hasBody = route.method !== 'GET' && body !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  const response = await t.app.inject({
    method: route.method,
    url: `${url}${query}`,
    headers,
    ...(hasBody ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { response, url, body };
}
