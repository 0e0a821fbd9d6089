import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConversationId, MessageId } from '../../shared/domain.js';
import { createPrng } from '../../shared/prng.js';
import { compactDatabase, inTransaction, openDatabase } from '../db/database.js';
import * as conversationsRepo from '../db/conversationsRepo.js';
import * as messagesRepo from '../db/messagesRepo.js';
import { countMessageMatches } from '../db/searchRepo.js';
import { listConversations, openConversation, searchChats } from './chatsService.js';

export type DbBenchOptions = {
  /** Folder for the benchmark database (a fresh `rose-bench.sqlite` is written there). */
  dir: string;
  conversations?: number;
  messages?: number;
  /** Messages in the one long conversation that is opened. */
  longConversation?: number;
  /** Timed repetitions of each query; the median is reported. */
  runs?: number;
  seed?: number;
};

export type DbBenchResult = {
  conversations: number;
  messages: number;
  fillMs: number;
  databaseBytes: number;
  runs: number;
  /** Medians over `runs`, after one untimed warm-up. */
  listFirstPageMs: number;
  openConversationMs: number;
  openConversationMessages: number;
  /** A word of middling frequency, as a person would search for. */
  searchMs: number;
  searchHitsInRows: number;
  /** A very common word: the worst case for ranking. */
  searchCommonWordMs: number;
  /** The slowest single run of each. */
  maxMs: { listFirstPage: number; openConversation: number; search: number; searchCommonWord: number };
};

/**
 * Fill a database the size of a heavy user's (10,000 conversations / 200,000 messages by default,
 * text with a natural word-frequency spread) and time the three things the UI does all day:
 * list the first page of conversations, open a long conversation, run a full-text search.
 */
export function runDbBench(options: DbBenchOptions): DbBenchResult {
  const conversations = options.conversations ?? 10_000;
  const messages = options.messages ?? 200_000;
  const longConversation = Math.min(options.longConversation ?? 500, messages);
  const runs = options.runs ?? 15;
  const file = join(options.dir, 'rose-bench.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

  const db = openDatabase(file);
  try {
    const words = vocabulary(5000, options.seed ?? 7);
    const next = createPrng(options.seed ?? 7);
    // Zipf-like pick: word i is chosen with weight ~ 1/(i+1).
    const pick = () =>
      words[Math.min(words.length - 1, Math.floor(Math.exp(next() * Math.log(words.length + 1))) - 1)]!;
    const sentence = (n: number) => Array.from({ length: n }, pick).join(' ');

    const fillStart = performance.now();
    let longId: ConversationId | null = null;
    const perConversation = Math.floor((messages - longConversation) / Math.max(1, conversations - 1));
    let remaining = messages;
    for (let c = 0; c < conversations; c++) {
      // The first conversation is the long one; the last takes what division left over.
      const size =
        c === 0
          ? longConversation
          : c === conversations - 1
            ? remaining
            : Math.min(perConversation, remaining);
      remaining -= size;
      inTransaction(db, () => {
        const at = 1_700_000_000_000 + c * 60_000;
        const conversation = conversationsRepo.insertConversation(db, {
          title: sentence(5),
          createdAt: at,
          presetVersionId: null,
          model: '/models/bench.gguf',
          alpha: null,
          beta: null,
          roseEnabled: true,
        });
        let parentId: MessageId | null = null;
        for (let m = 0; m < size; m++) {
          parentId = messagesRepo.insertMessage(db, {
            conversationId: conversation.id,
            parentId,
            role: m % 2 === 0 ? 'user' : 'assistant',
            text: sentence(m % 2 === 0 ? 12 : 40),
            status: 'complete',
            createdAt: at + m,
          }).id;
        }
        conversationsRepo.updateConversation(db, conversation.id, {
          activeLeafId: parentId,
          updatedAt: at + size,
        });
        if (c === 0) longId = conversation.id;
      });
    }
    const fillMs = performance.now() - fillStart;
    compactDatabase(db);

    const middling = words[300]!;
    const common = words[0]!;
    const list = time(runs, () => listConversations(db, { limit: 50 }));
    const open = time(runs, () => openConversation(db, longId!));
    const search = time(runs, () => searchChats(db, middling, 50));
    const searchCommon = time(runs, () => searchChats(db, common, 50));
    const hits = countMessageMatches(db, middling);

    return {
      conversations,
      messages,
      fillMs: round(fillMs),
      databaseBytes: statSync(file).size,
      runs,
      listFirstPageMs: list.median,
      openConversationMs: open.median,
      openConversationMessages: openConversation(db, longId!).messages.length,
      searchMs: search.median,
      searchHitsInRows: hits,
      searchCommonWordMs: searchCommon.median,
      maxMs: {
        listFirstPage: list.max,
        openConversation: open.max,
        search: search.max,
        searchCommonWord: searchCommon.max,
      },
    };
  } finally {
    db.close();
  }
}

function time(runs: number, work: () => unknown): { median: number; max: number } {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: round(samples[Math.floor(samples.length / 2)]!), max: round(samples.at(-1)!) };
}

/** Pronounceable made-up words, so the text tokenizes like language without copying any. */
function vocabulary(size: number, seed: number): string[] {
  const next = createPrng(seed * 31 + 1);
  const consonants = 'bcdfghklmnprstvz';
  const vowels = 'aeiou';
  const words = new Set<string>();
  while (words.size < size) {
    const syllables = 1 + Math.floor(next() * 3);
    let word = '';
    for (let s = 0; s < syllables; s++) {
      word +=
        consonants[Math.floor(next() * consonants.length)]! + vowels[Math.floor(next() * vowels.length)]!;
    }
    words.add(word);
  }
  return [...words];
}

const round = (ms: number) => Math.round(ms * 100) / 100;
