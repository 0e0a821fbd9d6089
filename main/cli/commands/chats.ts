import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { asConversationId, type ConversationId, type SnippetPart } from '../../../shared/domain.js';
import { UserError } from '../../../shared/errors.js';
import * as chats from '../../services/chatsService.js';
import { exportConversation } from '../../services/conversationExport.js';
import { numberFlag } from '../args.js';
import { checkChannelPolicy } from '../policyGate.js';
import { dataDirOption, formatTime, printJson, withStore } from '../store.js';

export const summary =
  'Stored conversations: list, show ID, search QUERY, export ID --format md|json, rename, delete.';

export const usage =
  'usage: rose chats list|show ID|search QUERY|export ID --format md|json|rename ID TITLE|delete ID';

/** Every flag `rose chats` takes; also listed by `rose chats --help`. */
export const options = {
  ...dataDirOption,
  json: { type: 'boolean' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  limit: { type: 'string' },
  offset: { type: 'string' },
} as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options,
  });
  const [action, ...rest] = positionals;
  return withStore(values['data-dir'], async (db, dataDir) => {
    switch (action) {
      case 'list': {
        const limit = numberFlag('limit', values.limit, 50, { min: 1, max: 1000, integer: true });
        const offset = numberFlag('offset', values.offset, 0, { min: 0, integer: true });
        const list = chats.listConversations(db, { limit, offset });
        if (values.json) printJson(list);
        else if (list.length === 0) process.stdout.write('No conversations yet.\n');
        else
          for (const c of list) {
            process.stdout.write(
              `${String(c.id).padStart(6)}  ${c.pinned ? '*' : ' '} ${formatTime(c.updatedAt)}  ${c.title}\n`,
            );
          }
        return 0;
      }
      case 'show': {
        const view = chats.openConversation(db, conversationIdArg(rest[0]));
        if (values.json) {
          printJson(view);
          return 0;
        }
        process.stdout.write(`# ${view.conversation.title}\n`);
        for (const m of view.messages) {
          const branch = m.branch.count > 1 ? ` · branch ${m.branch.index + 1}/${m.branch.count}` : '';
          const status = m.status === 'complete' ? '' : ` · ${m.status}`;
          process.stdout.write(`\n[${m.role} #${m.id}${status}${branch}]\n${m.text}\n`);
          if (m.errorMessage) process.stdout.write(`(error: ${m.errorMessage})\n`);
        }
        return 0;
      }
      case 'search': {
        const query = rest.join(' ');
        if (!query.trim())
          throw new UserError('missing-query', 'give words to search for, e.g. rose chats search "tea"');
        const hits = chats.searchChats(
          db,
          query,
          numberFlag('limit', values.limit, 20, { min: 1, max: 500, integer: true }),
        );
        if (values.json) printJson(hits);
        else if (hits.length === 0) process.stdout.write('No matches.\n');
        else
          for (const hit of hits) {
            const where = hit.kind === 'title' ? 'title' : `${hit.role} #${hit.messageId}`;
            process.stdout.write(
              `${String(hit.conversationId).padStart(6)}  ${hit.conversationTitle}\n        ${where}: ${render(hit.snippet)}\n`,
            );
          }
        return 0;
      }
      case 'export': {
        const format = values.format;
        if (format !== 'md' && format !== 'json')
          throw new UserError('bad-flag', '--format must be md or json');
        await checkChannelPolicy(db, dataDir, 'app:chats.export', {
          conversationId: conversationIdArg(rest[0]),
          format,
        });
        const text = exportConversation(db, conversationIdArg(rest[0]), format);
        if (values.output) writeFileSync(values.output, text);
        else process.stdout.write(text);
        return 0;
      }
      case 'rename': {
        const conversation = chats.renameConversation(
          db,
          conversationIdArg(rest[0]),
          rest.slice(1).join(' '),
        );
        if (values.json) printJson(conversation);
        return 0;
      }
      case 'delete': {
        await checkChannelPolicy(db, dataDir, 'app:chats.delete', {
          conversationId: conversationIdArg(rest[0]),
        });
        chats.deleteConversation(db, conversationIdArg(rest[0]));
        return 0;
      }
      default:
        throw new UserError('bad-command', usage);
    }
  });
}

function conversationIdArg(value: string | undefined): ConversationId {
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new UserError(
      'bad-argument',
      `give a conversation number (from 'rose chats list'), got '${value ?? ''}'`,
    );
  }
  return asConversationId(Number(value));
}

function render(parts: SnippetPart[]): string {
  const [open, close] = process.stdout.isTTY ? ['\x1b[1m', '\x1b[22m'] : ['[', ']'];
  return parts
    .map((p) => (p.match ? `${open}${p.text}${close}` : p.text))
    .join('')
    .replace(/\s+/g, ' ');
}
