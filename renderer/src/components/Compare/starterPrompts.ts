/**
 * Prompts a newcomer can try in Compare: two where safety steering should matter and two harmless
 * ones where it should change little (so its cost shows too). Each is the text
 * `compare.starters.<key>`, in the interface's language.
 */
export const STARTER_PROMPTS = ['lock', 'chemicals', 'dragon', 'bullied'] as const;
