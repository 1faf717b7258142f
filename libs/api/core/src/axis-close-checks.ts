import { Injectable } from '@nestjs/common';
import type { ApiErrorCode } from '@miroir/shared/contracts';

/** Why an axis cannot be closed yet: answered as a 409 with this code. */
export interface AxisCloseBlocker {
  code: ApiErrorCode;
  message: string;
}

export type AxisCloseCheck = (axisId: string) => Promise<AxisCloseBlocker | null>;

/**
 * Features attached to axes (threads) register checks here; the feature that owns axes (plans)
 * runs them before closing one, so that neither imports the other.
 */
@Injectable()
export class AxisCloseChecks {
  private readonly checks: AxisCloseCheck[] = [];

  register(check: AxisCloseCheck): void {
    this.checks.push(check);
  }

  /** The first reason the axis cannot be closed, or null. */
  async firstBlocker(axisId: string): Promise<AxisCloseBlocker | null> {
    for (const check of this.checks) {
      const blocker = await check(axisId);
      if (blocker) return blocker;
    }
    return null;
  }
}
