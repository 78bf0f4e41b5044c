import type { AuditLog } from './audit-log.js';

/** Signs a fresh checkpoint on a timer while entries arrive (issue: at least every second). */
export class CheckpointPublisher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly audit: AuditLog,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    // One at a time: a slow store must not pile up signing rounds.
    if (this.running) return;
    this.running = this.audit
      .publishCheckpoint()
      .then(() => undefined, this.onError)
      .finally(() => {
        this.running = undefined;
      });
  }
}
