/** Requests one client (by IP address) may make to a route in a window of `timeWindow` milliseconds. */
export interface RateLimit {
  readonly max: number;
  readonly timeWindow: number;
}
