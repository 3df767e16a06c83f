import { prepareDateFormats } from './dates';

// A dedicated worker (shared/warmDateFormats.ts): makes the first screen's date formatters for the language it is sent.
onmessage = (event: MessageEvent<string>) => {
  prepareDateFormats(event.data);
  postMessage(null);
};
