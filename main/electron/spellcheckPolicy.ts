// Rose loads nothing from the network. Chromium's spellchecker on Windows and Linux uses Hunspell
// dictionaries that it downloads from Google's CDN the first time; on macOS it uses the system's
// own spellchecker (NSSpellChecker), which is local and downloads nothing. So: on where the
// dictionaries are local, off everywhere else. Pure, tested under Node.
import { APP_SCHEME } from './appUrl.js';

export type SpellcheckPolicy = {
  enabled: boolean;
  /**
   * Where Chromium would fetch dictionaries from. Pointed at Rose's own scheme (which serves no
   * dictionaries), so that even a spellchecker switched on later could not reach the network.
   */
  dictionaryUrl: string | null;
  why: string;
};

export const NO_DICTIONARIES_URL = `${APP_SCHEME}://app/no-dictionaries/`;

export function spellcheckPolicy(platform: NodeJS.Platform): SpellcheckPolicy {
  if (platform === 'darwin') {
    return {
      enabled: true,
      dictionaryUrl: null,
      why: "macOS's own spellchecker: local, nothing is downloaded",
    };
  }
  return {
    enabled: false,
    dictionaryUrl: NO_DICTIONARIES_URL,
    why: 'Chromium would download Hunspell dictionaries from the network on this platform',
  };
}
