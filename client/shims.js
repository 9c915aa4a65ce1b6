// Node globals that Comunica's dependencies expect in a browser bundle.
export { Buffer } from 'buffer';
export const process = { env: {}, nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)), version: '', versions: {}, platform: 'browser', browser: true, emitWarning: () => {} };
