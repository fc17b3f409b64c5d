/**
 * A tiny browser without JavaScript for page tests through app.request(): it keeps
 * cookies, posts forms with the CSRF field of the last page it saw, and follows 303
 * redirects the way a browser does after a form post.
 */
import type { TestContext } from "./test-deps";

export function formBrowser(t: TestContext) {
  const jar = new Map<string, string>();
  let last = "";
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0]!;
      const i = pair.indexOf("=");
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (v) jar.set(k, v);
      else jar.delete(k);
    }
  };
  const settle = async (res: Response): Promise<{ status: number; html: string }> => {
    keep(res);
    if (res.status === 303) return get(res.headers.get("location")!);
    last = await res.text();
    return { status: res.status, html: last };
  };
  const get = async (path: string, headers: Record<string, string> = {}) =>
    settle(await t.app.request(path, { headers: { cookie: cookie(), ...headers } }));
  const post = async (path: string, fields: Record<string, string>) => {
    const csrf = /name="_csrf" value="([^"]+)"/.exec(last)?.[1] ?? "";
    const body = new URLSearchParams({ _csrf: csrf, ...fields }).toString();
    return settle(
      await t.app.request(path, {
        method: "POST",
        headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
        body,
      }),
    );
  };
  /** The value of a hidden field on the last page. */
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(last)?.[1] ?? "";
  return { get, post, field };
}
