import type { SimResponse } from "../../../simulator/router.js";

/** Squash TM answers errors as `{exception, message}` with the Java exception's class name (REFERENCE §2.3). */
const EXCEPTIONS: Record<number, string> = {
  400: "java.lang.IllegalArgumentException",
  401: "org.springframework.security.authentication.InsufficientAuthenticationException",
  403: "org.springframework.security.access.AccessDeniedException",
  404: "javax.persistence.EntityNotFoundException",
  405: "org.springframework.web.HttpRequestMethodNotSupportedException",
  406: "org.springframework.web.HttpMediaTypeNotAcceptableException",
  409: "org.squashtest.tm.exception.DomainException",
  415: "org.springframework.web.HttpMediaTypeNotSupportedException",
};

export function squashErrorBody(status: number, message: string, exception?: string): SimResponse {
  return {
    status,
    body: { exception: exception ?? EXCEPTIONS[status] ?? "java.lang.RuntimeException", message },
  };
}

/** [I] Squash's refusal of a body field: 400 whose message starts with the field, like the
 *  simulator's own checks of user bodies (`login must not be blank`). */
export function squashFieldRefusal(property: string): SimResponse {
  return squashErrorBody(400, `${property} is not valid`);
}

/** A failure a route answers with its own Java exception class (the shared SimHttpError only carries a status). */
export class SquashFault extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly exception?: string,
  ) {
    super(message);
  }
}
