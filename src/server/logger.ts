import type { FastifyServerOptions } from "fastify";
import { servedRequest } from "../telemetry/served-request.js";
import { activeTraceId } from "../telemetry/spans.js";
import type { SecretSet } from "../vendors/http/secrets.js";

/**
 * What a line logged while serving a request says of it: the request's id (`reqId`, as fastify's
 * own request lines name it) and, when it is traced, its trace id (`traceId`), so a log line leads
 * to its trace and back. Lines logged through the request's own logger already carry `reqId`.
 */
export function requestFields(
  _merge: object,
  _level: number,
  logger?: { bindings(): Record<string, unknown> },
): Record<string, string> {
  const served = servedRequest();
  if (!served) return {};
  const traceId = activeTraceId();
  const fields: Record<string, string> = traceId ? { traceId } : {};
  if (logger?.bindings().reqId === undefined) fields.reqId = served.requestId;
  return fields;
}

/** Every string in a logged value (keys included) scrubbed; numbers and the like stay as they are. */
function scrubStrings(value: unknown, secrets: SecretSet): unknown {
  if (typeof value === "string") return secrets.scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, secrets));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [secrets.scrub(key), scrubStrings(item, secrets)]),
    );
  return value;
}

/**
 * One log line as it leaves, with every form of every source secret scrubbed. A line that mentions
 * none (nearly all) is written as it is; one that does is scrubbed string by string, so the line
 * stays valid JSON whatever the secret's characters.
 */
export function scrubLogLine(line: string, secrets: SecretSet): string {
  if (!secrets.mentions(line)) return line;
  const newline = line.endsWith("\n") ? "\n" : "";
  try {
    return JSON.stringify(scrubStrings(JSON.parse(line), secrets)) + newline;
  } catch {
    return secrets.scrub(line);
  }
}

/**
 * JSON logs (pino). Credentials can't be logged: request logs carry no headers, these paths are
 * censored wherever a log line might pick them up, and — whatever a line holds — every form of
 * every source secret (configured, or a token obtained by logging in) is scrubbed from it as it is
 * written: vendor text reaches logs only already scrubbed by the connector, so this is the net under
 * any path nobody thought of.
 */
export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream,
  secrets?: SecretSet,
): FastifyServerOptions["logger"] {
  return {
    level,
    mixin: requestFields,
    ...(stream && { stream }),
    ...(secrets && { hooks: { streamWrite: (line: string) => scrubLogLine(line, secrets) } }),
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.authentication",
        "req.headers.cookie",
        "*.password",
        "*.token",
        "*.auth",
        "*.apiKey",
        "config.sources[*].auth",
        "config.telemetry.otlp.headers",
      ],
      censor: "[redacted]",
    },
  };
}
