import { useState } from 'react';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';

/** A one-field form that runs `submit` and shows its error under the field. */
function OneField(props: {
  id: string;
  label: string;
  placeholder: string;
  button: string;
  submit: (value: string) => Promise<unknown>;
}) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await props.submit(value.trim());
          setValue('');
        } catch (err) {
          setError(messageOf(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        value={value}
        placeholder={props.placeholder}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button" disabled={busy || !value.trim()}>
        {props.button}
      </button>
      {error && (
        <p role="alert" className="download__error">
          {error}
        </p>
      )}
    </form>
  );
}

/** Download by link (hf: URI or http(s) URL) and import a file already on this computer. */
export function AddModelForms({ idPrefix }: { idPrefix: string }) {
  const { t } = useTranslation();
  const app = useApp();
  return (
    <div className="add-model">
      <OneField
        id={`${idPrefix}-download-uri`}
        label={t('models.add.linkLabel')}
        placeholder={t('models.add.linkPlaceholder')}
        button={t('models.add.linkButton')}
        submit={(uri) => app.models.download(uri, uri.split('/').pop() || uri)}
      />
      <OneField
        id={`${idPrefix}-import-path`}
        label={t('models.add.pathLabel')}
        placeholder={t('models.add.pathPlaceholder')}
        button={t('models.add.pathButton')}
        submit={(path) => app.models.importFile(path)}
      />
    </div>
  );
}
