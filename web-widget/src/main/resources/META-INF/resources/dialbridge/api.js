// JSON (null for 204), or throws {code, status, detail, until, call}; status 0: server not reached.
// A body is POSTed unless `method` says otherwise.
export async function api(base, path, body, method) {
  const post = body !== undefined;
  const res = await fetch(base + path, {
    method: method || (post ? 'POST' : 'GET'),
    headers: {
      Accept: 'application/json',
      ...(post && { 'X-Dialbridge-Request': '1' }),
      ...(body && { 'Content-Type': 'application/json' })
    },
    body: body && JSON.stringify(body)
  }).catch(() => {
    throw { code: 'network', status: 0 };
  });
  if (res.status === 204) return null;
  const data = await res.json().catch(() => ({}));
  if (res.ok) return data;
  const code = data.code || (res.status === 404 ? 'unavailable' : 'http_' + res.status);
  if (code === 'unavailable' && !warned) {
    warned = true;
    console.warn(`Dialbridge: ${base} answers 404, so calling is off. Check the server log for the "Dialbridge mounted"`
      + ' line; a Spring Boot app needs org.dialbridge:dialbridge-spring-boot-starter.');
  }
  const until = Date.now() + (+res.headers.get('Retry-After') || 1) * 1000;
  throw { code, status: res.status, detail: data.detail || data.title, until, call: data.call };
}
let warned;

// one /me and /me/call per page and API base, for any number of buttons
const asked = {};
export const ask = (base, path, fresh) => (!fresh && asked[base + path]) || (asked[base + path] = api(base, path).catch(error => ({ error })));
