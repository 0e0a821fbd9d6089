/**
 * Chat templates a synthetic model can carry. The ChatML template is the plain form that
 * node-llama-cpp recognises as its ChatML wrapper; llama.cpp treats `<|im_end|>` (a control
 * token) as an end-of-generation token.
 */

/** `chatml` writes a ChatML `tokenizer.chat_template`; `none` writes no template at all. */
export type SyntheticTemplate = 'chatml' | 'none';

export const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** The control tokens each template needs in the vocabulary. */
export function controlTokensFor(template: SyntheticTemplate): readonly string[] {
  return template === 'chatml' ? ['<|im_start|>', '<|im_end|>'] : [];
}

export function chatTemplateFor(template: SyntheticTemplate): string | undefined {
  return template === 'chatml' ? CHATML_TEMPLATE : undefined;
}
