import { describe, expect, it } from 'vitest';
import type { ChatGeneration } from '../../shared/domain.js';
import { DEFAULT_SAMPLING } from '../../shared/generationLimits.js';
import { GenerationFields } from '../src/components/Composer/GenerationFields.js';
import { mount, press, typeInto } from './support/dom.js';

const box = (container: HTMLElement, label: string) =>
  [...container.querySelectorAll('label')]
    .find((l) => l.querySelector('span')?.textContent === label)
    ?.querySelector('input, textarea') as HTMLInputElement;

describe('generation fields', () => {
  it('show the app defaults in empty boxes of a chat, and the built-in ones without them', () => {
    const chat = mount(
      <GenerationFields
        generation={{ topK: 7 }}
        defaults={{ temperature: 0.8, stop: ['END'] }}
        onSave={() => {}}
        disabled={false}
        idPrefix="a"
        resetLabel="Reset"
      />,
    );
    expect(box(chat.container, 'Temperature').placeholder).toBe('0.8');
    expect(box(chat.container, 'Top-k').value).toBe('7');
    expect(box(chat.container, 'Top-p').placeholder).toBe(String(DEFAULT_SAMPLING.topP));
    chat.unmount();

    const app = mount(
      <GenerationFields
        generation={null}
        defaults={null}
        onSave={() => {}}
        disabled={false}
        idPrefix="b"
        resetLabel="Reset"
      />,
    );
    expect(box(app.container, 'Temperature').placeholder).toBe(String(DEFAULT_SAMPLING.temperature));
    app.unmount();
  });

  it('save only values that can be used, and nothing while one cannot', () => {
    const saved: Array<ChatGeneration | null> = [];
    const view = mount(
      <GenerationFields
        generation={null}
        defaults={null}
        onSave={(next) => saved.push(next)}
        disabled={false}
        idPrefix="c"
        resetLabel="Reset"
      />,
    );
    const temperature = box(view.container, 'Temperature');
    typeInto(temperature, '99');
    press(temperature, 'Enter');
    expect(saved).toEqual([]);
    expect(view.container.querySelector('[role="alert"]')?.textContent).toMatch(/Temperature/);
    typeInto(temperature, '0.6');
    press(temperature, 'Enter');
    expect(saved).toEqual([{ temperature: 0.6 }]);
    view.unmount();
  });
});
