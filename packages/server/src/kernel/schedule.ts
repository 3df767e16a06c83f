/** A background job running on a timer in this process (main.ts stops them on shutdown). */
export interface Schedule {
  stop(): Promise<void>;
}
