/**
 * The engine's public surface. The UI (through the worker), the `dockersim` command-line front and
 * tests use only what is exported here.
 */
export { Host, parseLinkRate, type HostOptions, type Terminal, type TerminalOptions } from './host/host';
export type { EngineEvent, Listener } from './kernel/events';
export { ManualClock, RealClock, type Clock } from './kernel/clock';
export type { Who } from './vfs/vfs';
