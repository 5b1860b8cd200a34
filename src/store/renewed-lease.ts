/**
 * A lease held in the store and renewed every third of its length until released: how one process
 * at a time applies a plan or takes a snapshot on a shared store. A process that dies stops
 * renewing, and once its lease has run out another may take the work and resume it.
 */
export interface RenewedLease {
  /** True once a renewal failed or found the lease taken: the holder must stop doing the work. */
  readonly lost: boolean;
  release(): Promise<void>;
}

export interface LeaseTerms {
  /** Take or renew the lease until `until`; false when another holds it. */
  take(now: Date, until: Date): Promise<boolean>;
  /** Give it up (only called while still held). */
  release(): Promise<void>;
  /** How long a lease lasts without being renewed. */
  readonly ms: number;
  /** What to throw when another process holds it at the start. */
  busy(): Error;
}

export async function holdRenewedLease(terms: LeaseTerms): Promise<RenewedLease> {
  const take = () => {
    const now = new Date();
    return terms.take(now, new Date(now.getTime() + terms.ms));
  };
  if (!(await take())) throw terms.busy();
  let lost = false;
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = take().then(
        (held) => {
          if (!held) lost = true;
        },
        // A store that does not answer may let the lease run out: stop the work.
        () => {
          lost = true;
        },
      );
    },
    Math.max(1, Math.floor(terms.ms / 3)),
  );
  timer.unref();
  return {
    get lost() {
      return lost;
    },
    async release() {
      clearInterval(timer);
      await renewing;
      if (!lost) await terms.release();
    },
  };
}
