import { type BrowserWindow, ipcMain, type WebContents } from 'electron';
import { channels, fail, isWindowEvent } from '../../shared/contract/index.js';
import { createEventCoalescer } from '../app/coalesceEvents.js';
import type { Rose } from '../app/createRose.js';
import { dispatchIpcCall, FORBIDDEN_SENDER } from './ipcDispatch.js';
import { EVENT_CHANNEL } from './ipcChannels.js';

/**
 * One `ipcMain.handle` per contract channel. A call is served only when it comes from a window this
 * app created (`ownsContents`) and from that window's own top frame on the app's URL; the input is
 * validated by the app's checked handler. Returns the function that removes the handlers.
 */
export function registerIpcHandlers(options: {
  rose: Rose;
  appUrl: string;
  ownsContents: (contents: WebContents) => boolean;
  log: (message: string) => void;
}): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!options.ownsContents(event.sender)) {
        options.log(`refused ${channel} from a web contents Rose did not create`);
        return fail(FORBIDDEN_SENDER, 'this window may not call Rose');
      }
      return dispatchIpcCall({
        channel,
        input,
        frame: event.senderFrame,
        appUrl: options.appUrl,
        handlers: options.rose.handlers,
        log: options.log,
      });
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * Sends app events to a window, token deltas merged per ~frame (see coalesceEvents.ts) so a fast
 * model does not flood IPC. Stops when the window closes; returns the function that stops early.
 */
export function forwardEvents(rose: Rose, window: BrowserWindow): () => void {
  const contents = window.webContents;
  const coalescer = createEventCoalescer((event) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
  const unsubscribe = rose.events.subscribe((event) => {
    if (isWindowEvent(event)) coalescer.push(event);
  });
  const stop = () => {
    unsubscribe();
    coalescer.flush();
  };
  window.once('closed', stop);
  return stop;
}
