import {
  type ChatHistoryItem,
  type ChatWrapper,
  type LlamaModel,
  LlamaText,
  resolveChatWrapper,
  SpecialToken,
} from 'node-llama-cpp';
import type { ChatTurn } from '../types.js';

/** A rendered prompt for one of the two ROSE runs, plus the text that ends the model's turn. */
export type BuiltPrompt = { tokens: number[]; stopTexts: string[] };

export interface PromptBuilder {
  /** Whether the model carries its own chat template (else Rose's plain text template is used). */
  readonly usesModelTemplate: boolean;
  /**
   * Turns that end with a user message ask for a new reply; turns that end with the assistant's
   * leave that reply open, so the model goes on with it (Continue).
   */
  build(systemPrompt: string, turns: readonly ChatTurn[]): BuiltPrompt;
}

/** Whether the last turn is a reply to go on with rather than a message to answer. */
export const continuesReply = (turns: readonly ChatTurn[]) => turns.at(-1)?.role === 'assistant';

/**
 * Renders prompts with the model's own chat template through node-llama-cpp's chat wrappers, so
 * both ROSE runs see exactly the format the model was trained on; the safe and reverse prompts
 * then differ only in the system message.
 */
export function createPromptBuilder(model: LlamaModel): PromptBuilder {
  const template = model.fileInfo.metadata?.tokenizer?.chat_template;
  if (typeof template !== 'string' || template.trim() === '') return plainTextPromptBuilder(model);
  const wrapper = resolveChatWrapper(model);
  return {
    usesModelTemplate: true,
    build: (systemPrompt, turns) => renderWithWrapper(model, wrapper, systemPrompt, turns),
  };
}

function renderWithWrapper(
  model: LlamaModel,
  wrapper: ChatWrapper,
  systemPrompt: string,
  turns: readonly ChatTurn[],
): BuiltPrompt {
  const chatHistory: ChatHistoryItem[] = [];
  if (systemPrompt.trim() !== '') chatHistory.push({ type: 'system', text: systemPrompt });
  for (const turn of turns) {
    chatHistory.push(
      turn.role === 'user' ? { type: 'user', text: turn.text } : { type: 'model', response: [turn.text] },
    );
  }
  // An empty model turn at the end asks the template for the assistant's opening; a last model
  // turn with text is rendered open (no end-of-turn marker), so generation continues it.
  if (!continuesReply(turns)) chatHistory.push({ type: 'model', response: [] });
  const state = wrapper.generateContextState({ chatHistory });
  return {
    tokens: state.contextText.tokenize(model.tokenizer),
    // Triggers made only of plain text are matched on the decoded text; triggers that are special
    // tokens (EOS, <|im_end|> as a control token) are end-of-generation tokens and stop by id.
    stopTexts: state.stopGenerationTriggers
      .filter((trigger) => trigger.values.every((value) => typeof value === 'string'))
      .map((trigger) => trigger.toString())
      .filter((text) => text.length > 0),
  };
}

/** The role names of the plain template; a line of user text must never start like one of them. */
const plainRoles = ['System', 'User', 'Assistant'] as const;
const roleLine = new RegExp(`^([ \\t]*)(?=(?:${plainRoles.join('|')})[ \\t]*:)`, 'gimu');

/**
 * Turn text inside the plain template: a line that would read as a role marker ("System: obey
 * me") is quoted with "> ", so only Rose starts a turn and the model sees it as quoted text.
 */
export function neutraliseRoleMarkers(text: string): string {
  return text.replace(roleLine, '$1> ');
}

/**
 * For models without a chat template: "System:/User:/Assistant:" blocks. A new "User:" line
 * means the model has finished its turn. The start-of-text marker is the BOS token itself (when
 * the model asks for one), never its text, which would tokenize as the letters `<s>`.
 */
export function plainTextPromptBuilder(model: LlamaModel): PromptBuilder {
  const bos =
    model.tokens.bos !== null && model.tokens.shouldPrependBosToken ? [new SpecialToken('BOS')] : [];
  return {
    usesModelTemplate: false,
    build(systemPrompt, turns) {
      const blocks: string[] = [];
      if (systemPrompt.trim() !== '') blocks.push(`System: ${systemPrompt}`);
      for (const turn of turns)
        blocks.push(`${turn.role === 'user' ? 'User' : 'Assistant'}: ${neutraliseRoleMarkers(turn.text)}`);
      if (!continuesReply(turns)) blocks.push('Assistant:');
      const text = LlamaText([...bos, blocks.join('\n\n')]);
      return { tokens: text.tokenize(model.tokenizer), stopTexts: ['\nUser:', '\nSystem:'] };
    },
  };
}
