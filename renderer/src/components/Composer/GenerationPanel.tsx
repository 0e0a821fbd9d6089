import { useState } from 'react';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { effectiveTemperature, GenerationFields } from './GenerationFields.js';

/**
 * "Generation" under the composer: temperature, top-p, top-k, seed, max tokens and stop texts for
 * this chat (or the new one). An empty box means the app's default (Settings), shown in it.
 */
export function GenerationPanel({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const app = useApp();
  const chat = useStore(app.chat.store);
  const defaults = useStore(app.settings.store, (s) => s.settings?.generationDefaults ?? null);
  const generation = chat.view ? chat.view.conversation.generation : chat.draft.generation;
  const [typedTemperature, setTypedTemperature] = useState<string | null>(null);
  const shownTemperature = effectiveTemperature(
    typedTemperature ?? (generation?.temperature === undefined ? '' : String(generation.temperature)),
    defaults,
  );
  const maxTokens = generation?.maxTokens ?? defaults?.maxTokens;
  return (
    <details className="generation-panel">
      <summary>
        {t('composer.generation.title')}
        <span className="generation-panel__summary">
          {' · '}
          {shownTemperature === 0
            ? t('composer.generation.greedy')
            : t('composer.generation.temperature', { value: shownTemperature })}
          {maxTokens ? ` · ${t('composer.generation.upTo', { value: maxTokens })}` : ''}
        </span>
      </summary>
      <GenerationFields
        generation={generation}
        defaults={defaults}
        disabled={disabled}
        idPrefix="generation"
        resetLabel={t('composer.generation.useDefaults')}
        onSave={(next) => void app.chat.configure({ generation: next })}
        onTyped={(texts) => setTypedTemperature(texts.temperature)}
      />
    </details>
  );
}
