import { describe, expect, test, vi } from 'vitest';
import type { FamilyStatus, Result, RoseApi } from '../../shared/contract/index.js';
import { createFamilyModel } from '../src/stores/familyStore.js';

const status = (over: Partial<FamilyStatus> = {}): FamilyStatus => ({
  pinSet: true,
  childMode: true,
  tampered: false,
  parentSession: false,
  lockedOutUntil: null,
  attemptsLeft: 5,
  recoveryAvailable: true,
  values: {},
  ...over,
});
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });

describe('the family store', () => {
  test('a lockout keeps its code and message, and the status is read again', async () => {
    const locked = status({ attemptsLeft: 0, lockedOutUntil: '2026-01-01T12:01:00.000Z' });
    const api = {
      family: {
        status: vi.fn(async () => ok(locked)),
        unlock: vi.fn(async () => fail('pin-locked-out', 'Too many wrong PINs. Try again in 1 minute.')),
      },
    } as unknown as RoseApi;
    const onPolicyChange = vi.fn();
    const model = createFamilyModel(api, onPolicyChange);
    expect(await model.unlock('000001')).toBe(false);
    await vi.waitFor(() => expect(model.store.get().status).toEqual(locked));
    expect(model.store.get().errorCode).toBe('pin-locked-out');
    expect(model.store.get().error).toMatch(/Try again in 1 minute/);
    expect(onPolicyChange).toHaveBeenCalled();
  });

  test('setting a PIN keeps the recovery code until it is dismissed', async () => {
    const api = {
      family: {
        setPin: vi.fn(async () => ok({ recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD' })),
        status: vi.fn(async () => ok(status({ childMode: false, parentSession: true }))),
      },
    } as unknown as RoseApi;
    const model = createFamilyModel(api, () => {});
    expect(await model.setPin('482916')).toBe(true);
    expect(model.store.get().recoveryCode).toBe('AAAAA-BBBBB-CCCCC-DDDDD');
    expect(model.store.get().status?.parentSession).toBe(true);
    model.dismissRecoveryCode();
    expect(model.store.get().recoveryCode).toBeNull();
  });
});
