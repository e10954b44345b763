import { useEffect, useRef } from 'react';
import { Terminal as XTerm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { StoreApi } from 'zustand/vanilla';
import type { EngineState } from '../store/engine';

/** The terminal: draws what the engine's tty sends and forwards every keystroke to it. */
export function Terminal({ store }: { store: StoreApi<EngineState> }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const term = new XTerm({
      cursorBlink: true,
      fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
      fontSize: 14,
      // Room below the baseline, so underscores are not clipped by the next row.
      lineHeight: 1.2,
      scrollback: 5000,
      theme: { background: '#1e1e2e', foreground: '#e4e4ef', cursor: '#f5e0dc', selectionBackground: '#45475a' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    fit.fit();
    const engine = store.getState();
    // Acknowledge what xterm has drawn, so the engine pauses output rather than flooding the page.
    const offOutput = engine.onOutput((data) => term.write(data, () => store.getState().ack(data.length)));
    const offInput = term.onData((data) => store.getState().input(data));
    const offResize = term.onResize(({ cols, rows }) => store.getState().resize(cols, rows));
    engine.start(term.cols, term.rows);
    term.focus();
    const onWindow = () => fit.fit();
    const observer = new ResizeObserver(onWindow);
    observer.observe(el);
    window.addEventListener('resize', onWindow);
    return () => {
      window.removeEventListener('resize', onWindow);
      observer.disconnect();
      offOutput();
      offInput.dispose();
      offResize.dispose();
      term.dispose();
    };
  }, [store]);
  return <div className="terminal" ref={box} data-testid="terminal" />;
}
