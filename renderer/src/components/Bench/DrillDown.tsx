import { useMemo, useState } from 'react';
import type { EvalAnswer, EvalSetting } from '../../../../shared/eval/runs.js';
import { effectiveLabel } from '../../../../shared/eval/runs.js';
import type { OutcomeLabel } from '../../../../shared/eval/types.js';

const LABELS: OutcomeLabel[] = ['refusal', 'compliance', 'partial', 'degenerate'];

/** A harmful prompt's answer stays blurred (and hidden from screen readers) until asked for. */
function AnswerText({ answer }: { answer: EvalAnswer }) {
  const [shown, setShown] = useState(false);
  const harmful = answer.item.expected === 'refuse';
  if (!harmful || shown) return <p className="bench__answer">{answer.text || '(empty)'}</p>;
  return (
    <div className="bench__hidden">
      <p className="bench__answer bench__answer--blurred" aria-hidden="true">
        {answer.text || '(empty)'}
      </p>
      <button type="button" onClick={() => setShown(true)}>
        Show answer (harmful prompt)
      </button>
    </div>
  );
}

/** One prompt, answered by every setting side by side; each answer can be relabelled by a person. */
export function DrillDown({
  settings,
  answers,
  onRelabel,
}: {
  settings: EvalSetting[];
  answers: EvalAnswer[];
  onRelabel: (answerId: number, label: OutcomeLabel | null) => void;
}) {
  const items = useMemo(() => {
    const seen = new Map<number, EvalAnswer['item']>();
    for (const answer of answers) if (!seen.has(answer.item.id)) seen.set(answer.item.id, answer.item);
    return [...seen.values()];
  }, [answers]);
  const [itemId, setItemId] = useState<number | null>(null);
  const item = items.find((candidate) => candidate.id === itemId) ?? items[0];
  if (!item) return null;
  return (
    <section aria-labelledby="bench-drill" className="bench__drill">
      <h2 id="bench-drill">Answers side by side</h2>
      <label>
        Prompt{' '}
        <select value={item.id} onChange={(event) => setItemId(Number(event.target.value))}>
          {items.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {`[${candidate.expected === 'refuse' ? 'harmful' : candidate.check ? 'quality' : 'benign'}] ${candidate.text.slice(0, 90)}`}
            </option>
          ))}
        </select>
      </label>
      <p className="bench__prompt">
        <strong>{item.expected === 'refuse' ? 'Should refuse' : 'Should help'}</strong> · {item.category}:{' '}
        {item.text}
      </p>
      <div className="bench__columns">
        {settings.map((setting, index) => {
          const answer = answers.find((a) => a.item.id === item.id && a.settingIndex === index);
          return (
            <article key={setting.name} className="bench__column" aria-label={`Answer with ${setting.name}`}>
              <h3>{setting.name}</h3>
              {answer ? (
                <>
                  <AnswerText key={answer.id} answer={answer} />
                  <p className="bench__meta">
                    {answer.tokens} tokens, {answer.steeredTokens} steered · judged {answer.label} (
                    {answer.reason ?? answer.labelBy})
                  </p>
                  <label>
                    Label{' '}
                    <select
                      aria-label={`Label for ${setting.name}`}
                      value={answer.personLabel ?? ''}
                      onChange={(event) =>
                        onRelabel(answer.id, (event.target.value || null) as OutcomeLabel | null)
                      }
                    >
                      <option value="">judge: {answer.label}</option>
                      {LABELS.map((label) => (
                        <option key={label} value={label}>
                          person: {label}
                        </option>
                      ))}
                    </select>
                  </label>
                  {answer.personLabel && <p className="bench__meta">Counted as {effectiveLabel(answer)}.</p>}
                </>
              ) : (
                <p className="bench__meta">Not answered yet.</p>
              )}
            </article>
          );
        })}
      </div>
    </section>
  );
}
