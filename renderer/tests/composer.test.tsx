import { afterEach, describe, expect, test, vi } from 'vitest';
import { MessageBox } from '../src/components/Composer/MessageBox.js';
import { shortcutFor } from '../src/lib/shortcuts.js';
import { buttonNamed, click, type Mounted, mount, press, settle, typeInto } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

function setup(busy = false, accept = true) {
  const onSend = vi.fn(async () => accept);
  const onStop = vi.fn();
  mounted = mount(<MessageBox busy={busy} onSend={onSend} onStop={onStop} />);
  const box = mounted.container.querySelector('textarea')!;
  return { onSend, onStop, box, container: mounted.container };
}

describe('composer keyboard paths', () => {
  test('the message box is a textbox named "Message"', () => {
    const { box, container } = setup();
    const label = container.querySelector(`label[for="${box.id}"]`);
    expect(label?.textContent).toBe('Message');
  });

  test('Enter sends the text and empties the box', async () => {
    const { onSend, box } = setup();
    typeInto(box, 'Hello there');
    const notPrevented = press(box, 'Enter');
    await settle();
    expect(notPrevented).toBe(false);
    expect(onSend).toHaveBeenCalledWith('Hello there');
    expect(box.value).toBe('');
  });

  test('Shift+Enter does not send (the new line is left to the textbox)', () => {
    const { onSend, box } = setup();
    typeInto(box, 'line one');
    const notPrevented = press(box, 'Enter', { shiftKey: true });
    expect(notPrevented).toBe(true);
    expect(onSend).not.toHaveBeenCalled();
  });

  test('Enter while an input method is composing does not send', () => {
    const { onSend, box } = setup();
    typeInto(box, 'に');
    press(box, 'Enter', { isComposing: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  test('an empty or blank message is not sent', () => {
    const { onSend, box, container } = setup();
    typeInto(box, '   ');
    press(box, 'Enter');
    expect(onSend).not.toHaveBeenCalled();
    expect(buttonNamed(container, 'Send')?.disabled).toBe(true);
  });

  test('the Send button sends', async () => {
    const { onSend, box, container } = setup();
    typeInto(box, 'via button');
    click(buttonNamed(container, 'Send')!);
    await settle();
    expect(onSend).toHaveBeenCalledWith('via button');
  });

  test('a refused message is put back in the box', async () => {
    const { box } = setup(false, false);
    typeInto(box, 'keep me');
    press(box, 'Enter');
    await settle();
    expect(box.value).toBe('keep me');
  });

  test('while a reply is written: Stop replaces Send, Esc stops, Enter does not send', () => {
    const { onSend, onStop, box, container } = setup(true);
    expect(buttonNamed(container, 'Send')).toBeNull();
    typeInto(box, 'next question');
    press(box, 'Enter');
    expect(onSend).not.toHaveBeenCalled();
    press(box, 'Escape');
    expect(onStop).toHaveBeenCalledTimes(1);
    click(buttonNamed(container, 'Stop')!);
    expect(onStop).toHaveBeenCalledTimes(2);
  });

  test('Esc with no reply being written does nothing', () => {
    const { onStop, box } = setup(false);
    press(box, 'Escape');
    expect(onStop).not.toHaveBeenCalled();
  });
});

describe('app shortcuts', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) =>
    shortcutFor({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

  test('Ctrl+N and Cmd+N start a new chat', () => {
    expect(key('n', { ctrlKey: true })).toBe('new-chat');
    expect(key('N', { metaKey: true })).toBe('new-chat');
  });

  test('Ctrl+K and Cmd+K focus the search', () => {
    expect(key('k', { ctrlKey: true })).toBe('focus-search');
    expect(key('k', { metaKey: true })).toBe('focus-search');
  });

  test('Esc asks to stop; plain letters and other combinations do nothing', () => {
    expect(key('Escape')).toBe('stop');
    expect(key('n')).toBeNull();
    expect(key('k', { ctrlKey: true, shiftKey: true })).toBeNull();
    expect(key('n', { ctrlKey: true, altKey: true })).toBeNull();
  });
});
