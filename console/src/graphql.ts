/**
 * The console's one way to talk to the gateway: POST /graphql with the signed-in credential.
 * A document carries the types of its data and variables, so every call site is typed without a
 * code generator; pages add their documents beside them (queries.ts).
 */
import { readCredential } from "./session";

export interface GraphQLErrorItem {
  readonly message: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly extensions?: { readonly code?: string; readonly source?: string; readonly field?: string };
}

/** A GraphQL document with the shapes of what it answers and what it takes. */
export interface Document<Data, Variables> {
  readonly text: string;
  /** Never set: it only carries the types. */
  readonly types?: { data: Data; variables: Variables };
}

export function document<Data, Variables = Record<string, never>>(text: string): Document<Data, Variables> {
  return { text };
}

/**
 * What the gateway answered: data (possibly partial) and every error. A source that failed under a
 * list leaves the others' data and its own error here, so pages show both, never an empty list.
 */
export interface Answer<Data> {
  readonly data: Data | null;
  readonly errors: readonly GraphQLErrorItem[];
}

/** The request itself was refused (no data at all): 401, 403, 429, a bad request, the network. */
export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export const GRAPHQL_ENDPOINT = "/graphql";

/** `signal` abandons the request: the gateway then cancels the operation's upstream calls. */
export async function request<Data, Variables>(
  doc: Document<Data, Variables>,
  variables?: Variables,
  signal?: AbortSignal,
): Promise<Answer<Data>> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  const credential = readCredential();
  if (credential) headers.authorization = `Bearer ${credential}`;
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: "POST",
      headers,
      body: JSON.stringify({ query: doc.text, variables: variables ?? {} }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestFailed(`The gateway could not be reached (${String(error)})`, 0, undefined);
  }
  let body: { data?: Data | null; errors?: GraphQLErrorItem[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new RequestFailed(
      `The gateway answered ${response.status} without a GraphQL body`,
      response.status,
      undefined,
    );
  }
  const errors = body.errors ?? [];
  if (body.data === undefined || body.data === null) {
    const first = errors[0];
    throw new RequestFailed(
      first?.message ?? `The gateway answered ${response.status} without data`,
      response.status,
      first?.extensions?.code,
    );
  }
  return { data: body.data, errors };
}

/** Like request, for a page that needs its data whole: any error is thrown (a mutation's answer). */
export async function requestWhole<Data, Variables>(
  doc: Document<Data, Variables>,
  variables?: Variables,
): Promise<Data> {
  const answer = await request(doc, variables);
  const first = answer.errors[0];
  if (first || !answer.data)
    throw new RequestFailed(first?.message ?? "No data", 200, first?.extensions?.code);
  return answer.data;
}
