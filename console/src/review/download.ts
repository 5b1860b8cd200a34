/**
 * Downloads an export with the signed-in credential. A plain link would not do: the browser sends
 * no Authorization header on a navigation, and the credential lives in sessionStorage, not in a
 * cookie. So the file is fetched with the header, then saved from a Blob under the name the
 * gateway gave it (Content-Disposition).
 */
import { RequestFailed } from "../graphql";
import { readCredential } from "../session";

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
}

export async function downloadExport(path: string): Promise<string> {
  const headers: Record<string, string> = {};
  const credential = readCredential();
  if (credential) headers.authorization = `Bearer ${credential}`;
  let response: Response;
  try {
    response = await fetch(path, { headers });
  } catch (error) {
    throw new RequestFailed(`The gateway could not be reached (${String(error)})`, 0, undefined);
  }
  if (!response.ok) {
    // Refusals are JSON ({ error, code, field }) from the exports, or the guard's GraphQL-style body.
    let message = `The gateway answered ${response.status}`;
    let code: string | undefined;
    try {
      const body = (await response.json()) as {
        error?: string;
        code?: string;
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      };
      message = body.error ?? body.errors?.[0]?.message ?? message;
      code = body.code ?? body.errors?.[0]?.extensions?.code;
    } catch {
      // Not JSON: the status says it.
    }
    throw new RequestFailed(message, response.status, code);
  }
  const name = fileNameOf(response, path.split("/").pop()?.split("?")[0] ?? "export");
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the Blob to the browser's download; the URL is not needed after.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return name;
}
