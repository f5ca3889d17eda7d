// A tiny HTTP client for API v1 in tests: real requests over the loopback, answers as {status, body}.
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  as(token: string | null) {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, raw?: string): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined || raw !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>("DELETE", path);
  }
}

let counter = 0;

/** Signs a new person up, gives them an API token and (optionally) joins them to boards. */
export async function newMember(api: ApiClient, opts: { name?: string; boards?: string[] } = {}) {
  const n = `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `person-${n}@example.test`;
  const password = "correct horse battery";
  const name = opts.name ?? `Person ${n}`;
  const account = await api.post("/accounts", { email, password, name });
  if (account.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(account.body)}`);
  const token = await api.post("/tokens", { email, password, label: "test" });
  if (token.status !== 201) throw new Error(`token failed: ${JSON.stringify(token.body)}`);
  const client = api.as(token.body.token);
  for (const slug of opts.boards ?? []) {
    const j = await client.post(`/boards/${slug}/members`);
    if (j.status !== 201) throw new Error(`join ${slug} failed: ${JSON.stringify(j.body)}`);
  }
  return { id: account.body.id as string, email, password, name, token: token.body.token as string, api: client };
}

/** A resource specification to post signals against. */
export async function newSpec(api: ApiClient, name = "Face shield v3", unit = "each") {
  const r = await api.post("/resource-specs", { name, unit, category: "PPE" });
  if (r.status !== 201) throw new Error(`spec failed: ${JSON.stringify(r.body)}`);
  return r.body as { id: string; name: string; unit: string };
}
