// A seed's scenario: what the demo runs for one seed document.
import type { DemoContext } from './demo-context.ts';

/** The seeds the demo knows. */
export const SEED_IDS = ['000', '001', '002', '003'] as const;
export type SeedId = (typeof SEED_IDS)[number];

/** One seed's scenario. */
export interface SeedScenario {
  readonly id: SeedId;
  /** The heading printed for it. */
  readonly title: string;
  /** Its directory under examples/. */
  readonly dir: string;
  run(ctx: DemoContext): Promise<void>;
}
