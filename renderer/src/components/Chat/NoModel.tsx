import { useState } from 'react';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { Notice } from '../Notice/Notice.js';

/** The first-run state: no model yet, and how to get one. */
export function NoModel() {
  const app = useApp();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Notice kind="empty" title="No model yet">
      <p>
        Rose needs a GGUF instruct model. Download one with <code>rose models download</code> (see{' '}
        <code>rose models catalog</code>), or import a GGUF file that is already on this computer:
      </p>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await app.models.importFile(path.trim());
            setPath('');
          } catch (err) {
            setError(messageOf(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label htmlFor="import-model-path">Model file path</label>
        <input
          id="import-model-path"
          value={path}
          placeholder="/path/to/model.gguf"
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy || !path.trim()}>
          Import model
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
    </Notice>
  );
}
