import type { Message } from '../../../../shared/domain.js';
import { useApp } from '../../appContext.js';
import { type TFunction, useTranslation } from '../../i18n/index.js';
import { replyStatsText, roseChipDetail, roseChipText } from '../../lib/chip.js';
import { presetName } from '../../lib/presetLabels.js';
import { useStore } from '../../stores/createStore.js';
import { versionInfo } from '../../stores/presetsStore.js';

/** Under a reply: tokens, tokens per second, time to first token, and the ROSE chip. */
export function ReplyFooter({ message }: { message: Message }) {
  const app = useApp();
  const { t } = useTranslation();
  const presets = useStore(app.presets.store);
  const provenance = message.provenance;
  if (!provenance) return null;
  const info = versionInfo(presets, provenance.presetVersionId);
  const shownPreset = info
    ? info.preset.latest.id === info.version.id
      ? presetName(info.preset, t)
      : `${presetName(info.preset, t)} v${info.version.number}`
    : null;
  const timings = provenance.timings ?? {};
  const stats = replyStatsText(
    {
      generated: provenance.generated,
      tokensPerSecond: timings.tokensPerSecond ?? null,
      firstTokenMs: timings.firstTokenMs ?? null,
    },
    t,
  );
  const chipInput = {
    roseEnabled: provenance.roseEnabled,
    alpha: provenance.alpha,
    steered: provenance.steered,
    generated: provenance.generated,
    presetName: shownPreset,
  };
  const chip = roseChipText(chipInput, t);
  return (
    <footer className="reply-footer">
      {stats && <span className="reply-footer__stats">{stats}</span>}
      <span
        className={`chip${provenance.roseEnabled ? ' chip--on' : ''}`}
        title={`${roseChipDetail(chipInput, t)} · ${roseTitle(message, t)}`}
      >
        {chip}
      </span>
    </footer>
  );
}

function roseTitle(message: Message, t: TFunction): string {
  const p = message.provenance!;
  const parts = [t('chat.stats.model', { file: p.modelFile }), `β ${p.beta}`];
  if (p.logitsSource) parts.push(t('chat.stats.logits', { source: p.logitsSource }));
  if (p.stopReason) parts.push(t('chat.stats.stoppedBy', { reason: p.stopReason }));
  return parts.join(' · ');
}
