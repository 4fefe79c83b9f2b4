/** Open streams one contact may hold on an instance (tabs of one browser): past it, the oldest is closed. */
export const MAX_STREAMS_PER_CONTACT = 10;
/** Open streams one network address may hold on an instance: past it, new ones are refused. */
export const MAX_STREAMS_PER_ADDRESS = 100;
/** How often every open stream is checked against what allowed it (session, enforcement, origins). */
export const STREAM_RECHECK_MS = 30_000;

/** Why a stream still may stay open: null, or the reason it must close. */
export type StreamCheck = () => Promise<string | null>;

export interface StreamHandle {
  /** Resolves with the reason once the stream must close (no longer allowed, or one too many). */
  readonly closing: Promise<string>;
  /** Forgets the stream; call once it has ended, whoever ended it. */
  release(): void;
}

interface OpenStream {
  contactId: string;
  address: string;
  check: StreamCheck;
  close: (reason: string) => void;
  /** Set once it was told to close (it stays counted until it has ended). */
  closing: boolean;
}

/**
 * The streams open on this instance, by contact and by address. A stream was allowed when it
 * opened, but a session expires, enforcement may be switched on and an origin may stop being
 * trusted while it stays open for hours: every STREAM_RECHECK_MS each one is checked again and
 * closed when it no longer would be let in (the Messenger reconnects, and is told why then).
 */
export class OpenStreams {
  readonly #streams = new Set<OpenStream>();
  readonly #byContact = new Map<string, OpenStream[]>();
  readonly #byAddress = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<number> | undefined;

  constructor(
    private readonly limits: { perContact: number; perAddress: number; recheckMs: number } = {
      perContact: MAX_STREAMS_PER_CONTACT,
      perAddress: MAX_STREAMS_PER_ADDRESS,
      recheckMs: STREAM_RECHECK_MS,
    },
  ) {}

  get size(): number {
    return this.#streams.size;
  }

  /** Takes a new stream in, or answers null when its address already holds as many as it may. */
  admit(contactId: string, address: string, check: StreamCheck): StreamHandle | null {
    if ((this.#byAddress.get(address) ?? 0) >= this.limits.perAddress) return null;
    let close!: (reason: string) => void;
    const closing = new Promise<string>((resolve) => (close = resolve));
    const stream: OpenStream = {
      contactId,
      address,
      check,
      close: (reason) => {
        stream.closing = true;
        close(reason);
      },
      closing: false,
    };
    this.#streams.add(stream);
    this.#byAddress.set(address, (this.#byAddress.get(address) ?? 0) + 1);
    const ofContact = this.#byContact.get(contactId) ?? [];
    ofContact.push(stream);
    this.#byContact.set(contactId, ofContact);
    // A contact past its cap: its oldest stream goes (a forgotten tab), the new one stays.
    const staying = ofContact.filter((other) => !other.closing);
    for (const oldest of staying.slice(0, Math.max(0, staying.length - this.limits.perContact))) oldest.close("too many open streams for this contact");
    let released = false;
    return {
      closing,
      release: () => {
        if (released) return;
        released = true;
        this.#forget(stream);
      },
    };
  }

  /** Checks every open stream once; closes those no longer allowed. Answers how many it closed. */
  recheck(): Promise<number> {
    // One pass at a time: a slow database never piles checks up.
    this.#checking ??= this.#recheck().finally(() => (this.#checking = undefined));
    return this.#checking;
  }

  async #recheck(): Promise<number> {
    let closed = 0;
    // One after another: a check is a couple of indexed reads, and thousands at once would queue anyway.
    for (const stream of [...this.#streams]) {
      if (!this.#streams.has(stream) || stream.closing) continue;
      let reason: string | null;
      try {
        reason = await stream.check();
      } catch {
        // The database did not answer: the stream stays; the next pass decides.
        continue;
      }
      if (reason !== null) {
        stream.close(reason);
        closed++;
      }
    }
    return closed;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.recheck(), this.limits.recheckMs).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #forget(stream: OpenStream): void {
    if (!this.#streams.delete(stream)) return;
    const count = (this.#byAddress.get(stream.address) ?? 1) - 1;
    if (count > 0) this.#byAddress.set(stream.address, count);
    else this.#byAddress.delete(stream.address);
    const ofContact = (this.#byContact.get(stream.contactId) ?? []).filter((other) => other !== stream);
    if (ofContact.length > 0) this.#byContact.set(stream.contactId, ofContact);
    else this.#byContact.delete(stream.contactId);
  }
}
