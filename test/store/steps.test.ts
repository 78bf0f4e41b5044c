import { describe, expect, it } from 'vitest';
import { awaited, runAsync, runNow, type Answer, type Step } from '../../src/store/flows/steps.js';

/** A flow that asks its "transaction" twice and adds the answers. */
function* addTwo(first: () => Answer<number>, second: () => Answer<number>): Step<number> {
  const a = yield* awaited(first());
  const b = yield* awaited(second());
  return a + b;
}

describe('write flow steps', () => {
  it('runs a flow over values to its end at once, without a turn of the event loop', () => {
    expect(
      runNow(
        addTwo(
          () => 1,
          () => 2,
        ),
      ),
    ).toBe(3);
  });

  it('refuses to run a flow that was given a promise synchronously', () => {
    expect(() =>
      runNow(
        addTwo(
          () => Promise.resolve(1),
          () => 2,
        ),
      ),
    ).toThrow(/given a promise/);
  });

  it('resumes a flow with what each promise resolves to', async () => {
    await expect(
      runAsync(
        addTwo(
          () => Promise.resolve(1),
          () => Promise.resolve(2),
        ),
      ),
    ).resolves.toBe(3);
  });

  it('throws a rejection into the flow where it waited, so the flow stops there', async () => {
    let asked = 0;
    const flow = addTwo(
      () => Promise.reject(new Error('connection lost')),
      () => {
        asked++;
        return 2;
      },
    );
    await expect(runAsync(flow)).rejects.toThrow('connection lost');
    expect(asked).toBe(0);
  });
});
