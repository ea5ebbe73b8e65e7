/**
 * Play / pause over a computed run: a cursor that walks steps 0..last on the main thread, one
 * animation frame at a time, without asking the engine anything. While it plays the step lives
 * here (the document is not rewritten 60 times a second); pausing, reaching the end or seeking
 * hands the step to `commit` (the document's view, so a link keeps it).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** A whole run plays in about this long, whatever its number of steps. */
export const PLAY_MS = 3000;

type Frame = (cb: () => void) => number;
const frame: Frame = (cb) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(cb) : setTimeout(cb, 16) as unknown as number);
const cancel = (id: number) => (typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame(id) : clearTimeout(id));

export interface Player {
  playing: boolean;
  /** The step shown: the cursor while playing, else the committed one. */
  at: number;
  play(): void;
  pause(): void;
  seek(step: number): void;
}

export function usePlayer(last: number, committed: number, commit: (step: number) => void): Player {
  const [playing, setPlaying] = useState(false);
  const [at, setAt] = useState(committed);
  const raf = useRef<number | null>(null);
  const atRef = useRef(at);
  const commitRef = useRef(commit);
  commitRef.current = commit;

  const stop = useCallback(() => {
    if (raf.current !== null) cancel(raf.current);
    raf.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const pause = useCallback(() => {
    stop();
    setPlaying(false);
    commitRef.current(atRef.current);
  }, [stop]);

  const play = useCallback(() => {
    stop();
    // From the end, a new play starts over.
    const from = committed >= last ? 0 : committed;
    const t0 = performance.now();
    // performance.now(), not the frame's timestamp: that is the frame's start, which can precede t0 (and jsdom's has another origin).
    const tick = () => {
      const k = Math.max(from, Math.min(last, from + Math.floor(((performance.now() - t0) / PLAY_MS) * last)));
      atRef.current = k;
      setAt(k);
      if (k >= last) {
        raf.current = null;
        setPlaying(false);
        commitRef.current(k);
        return;
      }
      raf.current = frame(tick);
    };
    atRef.current = from;
    setAt(from);
    setPlaying(true);
    raf.current = frame(tick);
  }, [committed, last, stop]);

  const seek = useCallback((step: number) => {
    stop();
    setPlaying(false);
    const k = Math.max(0, Math.min(last, Math.round(step)));
    atRef.current = k;
    setAt(k);
    commitRef.current(k);
  }, [last, stop]);

  // A new run (fewer steps) while playing: stop where it ends.
  useEffect(() => { if (playing && atRef.current > last) seek(last); }, [last, playing, seek]);

  return { playing, at: playing ? at : Math.min(committed, last), play, pause, seek };
}
