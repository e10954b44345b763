import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createEngineStore, type EngineState } from './store/engine';
import { Terminal } from './terminal/Terminal';

const selectStatus = (s: EngineState) => s.status;
const selectError = (s: EngineState) => s.error;

/** The page: a header and the host's terminal. */
export function App() {
  // `?link=instant` (or `?link=10MB`) sets how fast pulls and pushes go.
  const store = useMemo(() => createEngineStore(undefined, undefined, new URLSearchParams(window.location.search).get('link') ?? undefined), []);
  const status = useStore(store, selectStatus);
  const error = useStore(store, selectError);
  return (
    <div className="app">
      <header className="bar">
        <span className="logo" aria-hidden="true">▣</span>
        <h1>DockerSim</h1>
        <span className="subtitle">a Linux host with a Docker engine, in your browser</span>
        <span className={`status status-${status}`} data-testid="engine-status">
          {status === 'ready' ? 'host running' : status === 'starting' ? 'starting…' : `engine failed: ${error ?? ''}`}
        </span>
      </header>
      <main className="workspace">
        <section className="panel terminal-panel" aria-label="Terminal">
          <div className="panel-title">student@host — bash</div>
          <Terminal store={store} />
        </section>
      </main>
    </div>
  );
}
