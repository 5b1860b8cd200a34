/**
 * A turn of the event loop, for store work that runs long: libsql runs SQLite synchronously on
 * the main thread and a chain of awaited promises never lets timers or sockets in, so a large
 * write would otherwise hold the whole process (the server answering nobody) until it ends.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
