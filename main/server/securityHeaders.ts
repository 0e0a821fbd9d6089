import { contentSecurityPolicy } from '../../shared/contentSecurityPolicy.js';

/**
 * Headers on every page response: the renderer's one Content-Security-Policy (shared with the
 * Electron shell), no sniffing, no referrer, no framing.
 */
export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
