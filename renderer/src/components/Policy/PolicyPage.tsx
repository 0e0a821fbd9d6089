import { useEffect } from 'react';
import type { PolicySettingView } from '../../../../shared/contract/index.js';
import { useApp } from '../../appContext.js';
import { type TFunction, Trans, useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { ruleTitle, setByText } from '../../stores/policyStore.js';
import { PageNotice } from '../Notice/PageNotice.js';

type QuietSpan = { start: string; end: string };

function isQuietSpan(v: unknown): v is QuietSpan {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as QuietSpan).start === 'string' &&
    typeof (v as QuietSpan).end === 'string'
  );
}

/** "21:00" as the language writes a time of day ("9:00 PM", "21:00"); "24:00" is midnight. */
function timeOfDay(hhmm: string, language: string): string {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const at = new Date(2000, 0, 1, hours, minutes);
  return Number.isNaN(at.getTime())
    ? hhmm
    : new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(at);
}

/** How a value reads for people: lists joined, "not set" for nothing, numbers and times as the language writes them. */
function showValue(setting: PolicySettingView, t: TFunction, language: string): string {
  const { value } = setting;
  if (value === null || value === undefined) return t('policy.value.notSet');
  if (typeof value === 'boolean') return value ? t('policy.value.yes') : t('policy.value.no');
  if (typeof value === 'number') {
    if (setting.key === 'dailyLimitMinutes')
      return new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(
        value,
      );
    return new Intl.NumberFormat(language, { maximumFractionDigits: 6 }).format(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('policy.value.none');
    if (setting.key === 'quietHours' && value.every(isQuietSpan))
      return value
        .map((span) =>
          t('policy.value.span', {
            start: timeOfDay(span.start, language),
            end: timeOfDay(span.end, language),
          }),
        )
        .join(', ');
    return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Every policy setting with its effective value and who set it; the sources and their problems. */
export function PolicyPage() {
  const app = useApp();
  const { t, i18n } = useTranslation();
  const state = useStore(app.policy.store);
  useEffect(() => {
    void app.policy.load();
  }, [app]);

  if (state.status === 'loading')
    return <PageNotice heading={t('policy.title')} kind="loading" title={t('policy.loading')} />;
  if (!state.view)
    return (
      <PageNotice
        heading={t('policy.title')}
        kind="error"
        title={t('policy.loadError')}
        action={{ label: t('common.tryAgain'), run: () => void app.policy.load() }}
      >
        {state.error}
      </PageNotice>
    );
  const { view } = state;
  const broken = view.sources.filter((s) => s.status !== 'ok');
  return (
    <div className="policy">
      <h1>{t('policy.title')}</h1>
      {broken.length > 0 && (
        <p role="alert" className="policy__banner">
          {t('policy.banner', { count: broken.length })}
        </p>
      )}
      {state.error && (
        <p role="alert" className="composer__error">
          {state.error}
        </p>
      )}
      {view.childMode && <p className="policy__child">{t('policy.childMode')}</p>}
      <table className="policy__table">
        <thead>
          <tr>
            <th scope="col">{t('policy.column.setting')}</th>
            <th scope="col">{t('policy.column.value')}</th>
            <th scope="col">{t('policy.column.setBy')}</th>
          </tr>
        </thead>
        <tbody>
          {view.settings.map((s) => (
            <tr key={s.key} data-locked={s.locked || undefined}>
              <th scope="row">{ruleTitle(t, s)}</th>
              <td>{showValue(s, t, i18n.language)}</td>
              <td title={s.origin ?? undefined}>
                {s.locked && <span aria-hidden="true">🔒 </span>}
                {setByText(t, s, view)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('policy.sources')}</h2>
      {view.sources.length === 0 ? (
        <p>{t('policy.noSources')}</p>
      ) : (
        <ul className="policy__sources">
          {view.sources.map((s) => (
            <li key={s.origin}>
              <code>{s.origin}</code> — {t(`policy.sourceStatus.${s.status}`, { defaultValue: s.status })}
              {s.problem && `: ${s.problem}`}
            </li>
          ))}
        </ul>
      )}
      {view.problems.some((p) => p.key) && (
        <>
          <h2>{t('policy.invalidTitle')}</h2>
          <ul>
            {view.problems
              .filter((p) => p.key)
              .map((p) => (
                <li key={`${p.origin}:${p.key}`}>
                  <Trans
                    i18nKey="policy.invalidValue"
                    values={{ key: p.key, origin: p.origin, problem: p.problem }}
                    components={{ code: <code /> }}
                  />
                </li>
              ))}
          </ul>
        </>
      )}
      <button type="button" className="button" onClick={() => void app.policy.reload()}>
        {t('policy.reload')}
      </button>
    </div>
  );
}
