import { describe, expect, it } from 'vitest';
import { OperationBudget, OperationBudgetExceeded } from '../../src/people/operationBudget.js';

describe('OperationBudget', () => {
  it('spends calls and names up to the limits, both included', () => {
    const budget = new OperationBudget({ calls: 2, names: 300 });
    budget.spend(1, 200);
    expect(budget.fits(1, 100)).toBe(true);
    budget.spend(1, 100);
    expect(budget.fits(1, 0)).toBe(false);
    expect(budget.fits(0, 1)).toBe(false);
    expect(budget.fits(0, 0)).toBe(true);
  });

  it('refuses what does not fit with OPERATION_BUDGET_EXCEEDED, spending nothing', () => {
    const budget = new OperationBudget({ calls: 3, names: 500 });
    budget.spend(1, 200);

    expect(() => {
      budget.spend(1, 301);
    }).toThrow(
      new OperationBudgetExceeded(
        'This operation would look up 501 resource names; the gateway allows 500 per operation.',
        { calls: 3, names: 500 },
      ),
    );
    expect(() => {
      budget.check(3, 0);
    }).toThrow(
      'This operation would make more than 3 People API calls, the gateway’s budget per operation. Send the fields in separate requests.',
    );
    // Nothing was spent by the refusals: what is left still fits.
    expect(budget.fits(2, 300)).toBe(true);
  });

  it('carries the code and the limits in its extensions', () => {
    const error = new OperationBudgetExceeded('Too much.', { calls: 25, names: 2000 });
    expect(error.message).toBe('Too much. Send the fields in separate requests.');
    expect(error.extensions).toEqual({
      code: 'OPERATION_BUDGET_EXCEEDED',
      budget: { calls: 25, names: 2000 },
    });
  });
});
