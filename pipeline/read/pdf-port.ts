/**
 * A same-thread message port for pdf.js that hands messages over without
 * cloning them.
 *
 * In: what pdf.js's main-thread and worker-side message handlers post to each
 * other when both run in one thread (Node). Out: the same messages, delivered
 * asynchronously (a microtask later, as pdf.js's own LoopbackPort does) to
 * every listener of the port.
 *
 * Why: pdf.js's LoopbackPort structuredClones every message, and operator
 * lists and text content are large trees of small objects: the clone and the
 * garbage it makes cost about a tenth of a plan PDF's read. Nothing needs the
 * clone but two containers pdf.js reuses once it has sent them: a stream
 * chunk's own object (text content: `items` replaced) and the arrays in it
 * (operator list: `fnArray.length = 0`). So the message is copied down to
 * those arrays (`SHALLOW_DEPTH` levels) and what they hold is shared: built
 * afresh for each message and not changed once sent.
 *
 * Transferred buffers are shared, not detached: pdf.js never touches a buffer
 * once it has transferred it (in a real worker that would throw).
 *
 * A font the worker posts reaches the other side flagged not to be loaded as
 * a font face (`withoutFontFace`): nothing here draws, and loading one turns
 * the whole font file into base64 for a CSS rule (a twentieth of a PDF's read).
 */

type Listener = (this: DirectPort, event: { data: unknown }) => void;

/** Message, chunk, arrays of the chunk: the containers a sender reuses after sending. */
const SHALLOW_DEPTH = 3;

export class DirectPort {
  #listeners = new Map<Listener, (() => void) | null>();
  #deferred = Promise.resolve();

  postMessage(message: unknown, _transfer?: unknown): void {
    const event = { data: withoutFontFace(handOver(message, SHALLOW_DEPTH)) };
    void this.#deferred.then(() => {
      for (const [listener] of this.#listeners) listener.call(this, event);
    });
  }

  addEventListener(_type: string, listener: Listener, options?: { signal?: AbortSignal } | null): void {
    let unhook: (() => void) | null = null;
    const signal = options?.signal;
    if (signal) {
      // pdf.js removes a message handler's listener by aborting its signal: keep that, or listeners pile up per document.
      if (signal.aborted) return;
      const onAbort = (): void => this.removeEventListener(_type, listener);
      unhook = () => signal.removeEventListener('abort', onAbort);
      signal.addEventListener('abort', onAbort);
    }
    this.#listeners.set(listener, unhook);
  }

  removeEventListener(_type: string, listener: Listener): void {
    this.#listeners.get(listener)?.();
    this.#listeners.delete(listener);
  }

  terminate(): void {
    for (const [, unhook] of this.#listeners) unhook?.();
    this.#listeners.clear();
  }

  /** Listeners attached (one per live pdf.js message handler). */
  get listenerCount(): number {
    return this.#listeners.size;
  }
}

/** Plain objects and arrays copied `depth` levels down; anything else, and anything deeper, shared. */
export function handOver(value: unknown, depth: number): unknown {
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = handOver(value[i], depth - 1);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  for (const key of Object.keys(value)) out[key] = handOver((value as Record<string, unknown>)[key], depth - 1);
  return out;
}

/**
 * pdf.js's worker posts each font once, as `commonobj` [id, "Font", data],
 * for the side that draws pages to load as a font face: to do so it turns the
 * whole font file into base64 for a CSS rule. Nothing here draws, but that
 * side's font object is still read (its name says a legacy encoding, its
 * flags bold). So the font arrives flagged `disableFontFace`, as pdf.js flags
 * one a browser refused: the object is there, with every other property as
 * sent, and no face is loaded. What a page reads as is made in the worker and
 * does not change.
 *
 * The flag is set in the font's compiled info (pdfjs-dist 5.6, pinned:
 * obj_bin_transform FONT_INFO), two bits per flag from the first byte,
 * 0b10 for true; the buffer was transferred, so the worker no longer uses it.
 */
export function withoutFontFace(message: unknown): unknown {
  const m = message as { action?: unknown; data?: unknown } | null;
  if (m === null || typeof m !== 'object' || m.action !== 'commonobj' || !Array.isArray(m.data) || m.data[1] !== 'Font') return message;
  const buffer = (m.data[2] as { buffer?: unknown } | null)?.buffer;
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) return message;
  const flags = new Uint8Array(buffer, 0, 1);
  const shift = DISABLE_FONT_FACE * 2;
  flags[0] = (flags[0]! & ~(0b11 << shift)) | (0b10 << shift);
  return message;
}

/** Place of `disableFontFace` among FONT_INFO.bools: black, bold, disableFontFace, … */
const DISABLE_FONT_FACE = 2;

interface WorkerModule {
  WorkerMessageHandler: { initializeFromPort(port: unknown): void };
}

interface WorkerLib<W> {
  // pdf.js declares `port` as null only; it takes any Worker-like port.
  PDFWorker: new (params: { port?: null; verbosity?: number }) => W;
}

/**
 * A pdf.js worker that parses in this thread over a DirectPort, for
 * `getDocument({ worker })`: one serves every document (pdf.js keeps a
 * document's state under its own id, and a worker it was given outlives
 * the loading task).
 */
export function sameThreadWorker<W>(lib: WorkerLib<W>, workerModule: WorkerModule, verbosity: number): W {
  const port = new DirectPort();
  workerModule.WorkerMessageHandler.initializeFromPort(port);
  return new lib.PDFWorker({ port: port as unknown as null, verbosity });
}
