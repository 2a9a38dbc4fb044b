import { describe, expect, it } from 'vitest';
import { chooseStudent } from '../../../src/lib/align/student';

const run = (runId: number, state: string | null, lastStep: number | null) => ({
  runId,
  name: `r${runId}`,
  state,
  lastStep,
});

describe('chooseStudent', () => {
  it('picks the run that is still running, and says it is because of its state', () => {
    const c = chooseStudent([
      run(1, 'finished', 100),
      run(2, 'running', 900),
      run(3, 'finished', 50),
    ]);
    expect(c).toEqual({ runId: 2, reason: 'it is still running (state from the tracker)' });
  });

  it('picks the least far along of several running runs', () => {
    const c = chooseStudent([
      run(1, 'RUNNING', 800),
      run(2, 'running', 300),
      run(3, 'finished', 50),
    ]);
    expect(c?.runId).toBe(2);
    expect(c?.reason).toMatch(/of the 2 runs still running.*last step 300/);
  });

  it('falls back to the smallest last step when nothing runs', () => {
    const c = chooseStudent([run(1, 'finished', 800), run(2, null, 300), run(3, 'FINISHED', null)]);
    expect(c?.runId).toBe(2);
    expect(c?.reason).toMatch(/no run is marked running.*last step 300/);
  });

  it('takes the user’s pick over any rule, and ignores a pick outside the runs', () => {
    const runs = [run(1, 'running', 10), run(2, 'finished', 20)];
    expect(chooseStudent(runs, 2)).toEqual({ runId: 2, reason: 'picked by you' });
    expect(chooseStudent(runs, 9)?.runId).toBe(1);
    expect(chooseStudent([])).toBeNull();
  });
});
