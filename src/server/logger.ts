import type { FastifyServerOptions } from "fastify";

/** JSON logs (pino). Credentials can't be logged: request logs carry no headers, and these paths
 *  are censored wherever a log line might pick them up. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions["logger"] {
  return {
    level,
    ...(stream && { stream }),
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
      ],
      censor: "[redacted]",
    },
  };
}
