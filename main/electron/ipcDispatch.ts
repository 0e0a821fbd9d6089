import { fail, type Result, transportErrorCodes } from '../../shared/contract/index.js';
import { dispatch, type Handlers } from '../app/dispatch.js';
import { isTrustedSender, type SenderFrame } from './senderCheck.js';

/** Why a call was refused before reaching any service. */
export const FORBIDDEN_SENDER = 'forbidden-sender';

/**
 * One IPC call, start to finish, with no Electron in sight: refuse a sender that is not the app's
 * own top frame, then hand the raw input to the app's checked handler (which refuses unknown
 * channels and validates the input with the channel's zod schema before any service runs). The
 * renderer always gets an envelope, even if something throws.
 */
export async function dispatchIpcCall(options: {
  channel: string;
  input: unknown;
  frame: SenderFrame;
  appUrl: string;
  handlers: Handlers;
  log?: (message: string) => void;
}): Promise<Result<unknown>> {
  const { channel, input, frame, appUrl } = options;
  if (!isTrustedSender(frame, appUrl)) {
    options.log?.(`refused ${channel} from ${frame?.url ?? 'a destroyed frame'}`);
    return fail(FORBIDDEN_SENDER, 'this window may not call Rose');
  }
  try {
    return await dispatch(options.handlers, channel, input);
  } catch (error) {
    options.log?.(
      `${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return fail(transportErrorCodes.internal, 'Something went wrong inside Rose; details are in the log.');
  }
}
