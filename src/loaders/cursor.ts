import { InputError } from "../model/errors.js";

/**
 * A list cursor names a source and a position in that source's ordering, so a page can end in
 * one source and the next page resume there, then run on into the following sources.
 * Opaque to clients (base64url), but stable: the same position always gives the same cursor.
 */
export interface ListPosition {
  readonly sourceId: string;
  readonly position: number;
}

/**
 * The furthest position a cursor may name. No vendor list holds a billion accounts, and offsets
 * and counts worked out from a position past this could leave GraphQL's 32-bit Int (a forged
 * cursor at 2^31 failed `totalCount` as an internal error).
 */
const MAX_POSITION = 2 ** 30;

const position = (digits: string, cursor: string, argument: string): number => {
  const value = Number(digits);
  if (value > MAX_POSITION) throw new InputError(`"${cursor}" is not a cursor Rollcall issued`, argument);
  return value;
};

export function encodeCursor(sourceId: string, position: number): string {
  return Buffer.from(`${sourceId}:${position}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, argument = "after"): ListPosition {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^([a-z][a-z0-9-]*):(\d+)$/.exec(text);
  if (!match) throw new InputError(`"${cursor}" is not a cursor Rollcall issued`, argument);
  return { sourceId: match[1] as string, position: position(match[2] as string, cursor, argument) };
}

/** Cursors of in-memory relation lists (User.teams, Team.members…): just the index. */
export function encodeIndexCursor(index: number): string {
  return Buffer.from(`#${index}`, "utf8").toString("base64url");
}

export function decodeIndexCursor(cursor: string, argument = "after"): number {
  const match = /^#(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new InputError(`"${cursor}" is not a cursor of this list`, argument);
  return position(match[1] as string, cursor, argument);
}

/**
 * Cursors of lists ordered by a key (people, by their key): the key itself, so the next page
 * starts after it wherever it now stands, however many were added or removed before it.
 */
export function encodeKeyCursor(key: string): string {
  return Buffer.from(`=${key}`, "utf8").toString("base64url");
}

export function decodeKeyCursor(cursor: string, argument = "after"): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith("=") || text.length < 2 || text.includes("\uFFFD"))
    throw new InputError(`"${cursor}" is not a cursor of this list`, argument);
  return text.slice(1);
}
