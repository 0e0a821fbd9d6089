import { describe, expect, test } from 'vitest';
import { replyAnnouncement } from '../src/lib/replyAnnouncement.js';
import { emptyStream, type ReplyStream, type StreamPhase } from '../src/stores/streamReducer.js';

const at = (phase: StreamPhase) => ({ ...emptyStream, phase }) as ReplyStream;
const all = () => true;

describe('"reply finished" for screen readers', () => {
  test('said once, when a reply of the open conversation ends', () => {
    expect(replyAnnouncement({ 8: at('streaming') }, { 8: at('complete') }, all)).toBe('Reply finished');
    expect(replyAnnouncement({ 8: at('complete') }, { 8: at('complete') }, all)).toBeNull();
    expect(replyAnnouncement({ 8: at('streaming') }, { 8: at('streaming') }, all)).toBeNull();
  });

  test('stopped and failed replies are said as such', () => {
    expect(replyAnnouncement({ 8: at('streaming') }, { 8: at('stopped') }, all)).toBe('Reply stopped');
    expect(replyAnnouncement({}, { 8: at('error') }, all)).toBe('Reply failed');
  });

  test("another conversation's reply is not announced", () => {
    expect(replyAnnouncement({ 8: at('streaming') }, { 8: at('complete') }, (id) => id !== 8)).toBeNull();
  });
});
