import type { ConversationView } from '../../../../shared/domain.js';
import { useTranslation } from '../../i18n/index.js';

/**
 * How full the model's context was at the latest reply: both ROSE runs hold the conversation, so
 * when it no longer fits the oldest messages are left out (and the reply says so).
 */
export function ContextMeter({ view }: { view: ConversationView | null }) {
  const { t } = useTranslation();
  const latest = view?.messages.findLast((m) => m.provenance?.context);
  const context = latest?.provenance?.context;
  if (!context || context.size <= 0) return null;
  const used = Math.min(context.size, context.promptTokens + (latest!.provenance!.generated ?? 0));
  const label = t('composer.context.label', { used, size: context.size });
  return (
    <div className="context-meter" title={t('composer.context.title')}>
      <meter min={0} max={context.size} value={used} high={context.size * 0.85} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
