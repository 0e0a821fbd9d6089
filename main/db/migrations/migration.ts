import type { Db } from '../database.js';

/** One schema change. Versions go in steps of 10 so a fix can be slotted in between. */
export type Migration = {
  version: number;
  name: string;
  up(db: Db): void;
};
