/** Named selectors over the store. */
import type { VigieState } from './vigieStore.ts';

export const selectConnection = (s: VigieState) => s.connection;
export const selectLang = (s: VigieState) => s.lang;
export const selectSync = (s: VigieState) => s.sync;
export const selectDemo = (s: VigieState) => (s.sync.kind === 'empty' ? false : s.sync.state.demo);
export const selectClock = (s: VigieState) => (s.sync.kind === 'empty' ? null : s.sync.state.clock);
export const selectSession = (s: VigieState) => s.session;
/** The registry the viewer/staff copy came with (names of hospitals and GHU), or null without one. */
export const selectRegistry = (s: VigieState) => (s.sync.kind === 'situation' ? s.sync.registry : null);
