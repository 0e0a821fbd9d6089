/**
 * What ROSE does, in one sentence a parent can read: it lowers the odds of an unsafe reply and
 * makes no promise beyond that.
 */
export function RoseExplainer({ roseEnabled }: { roseEnabled: boolean }) {
  return (
    <p className="rose-explainer">
      {roseEnabled
        ? 'ROSE safety steering nudges each word away from what an unsafe version of the assistant would say. It lowers the chance of unsafe answers; it does not make them impossible.'
        : 'ROSE safety steering is off: replies come from the model alone.'}
    </p>
  );
}
