/**
 * Loaded into the gateway (`node --import`) by profile-snapshot.ts: every turn of the event loop
 * that came more than 50 ms late, as `<start> <end>` in microseconds of the monotonic clock V8's CPU
 * profiler stamps its samples with (both CLOCK_MONOTONIC on Linux), appended to $LOOP_GAPS_FILE.
 */
import { appendFileSync } from "node:fs";

const file = process.env.LOOP_GAPS_FILE;
const micros = () => Number(process.hrtime.bigint() / 1000n);
if (file) {
  let last = micros();
  setInterval(() => {
    const now = micros();
    if (now - last > 50_000) appendFileSync(file, `${last} ${now}\n`);
    last = now;
  }, 2).unref();
}
