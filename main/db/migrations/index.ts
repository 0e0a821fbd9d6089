import { migration0010 } from './0010_presets.js';
import { migration0020 } from './0020_conversations.js';
import { migration0030 } from './0030_search.js';
import { migration0040 } from './0040_family_audit.js';
import { migration0050 } from './0050_eval.js';
import { migration0060 } from './0060_chat_controls.js';
import { migration0070 } from './0070_chat_summary.js';
import { migration0080 } from './0080_eval_guard.js';
import type { Migration } from './migration.js';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
];
