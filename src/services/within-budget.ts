/**
 * The work's result if it settles within `ms`, else the error `late` makes. The work itself
 * goes on (a database statement cannot be taken back from here); the caller only stops waiting.
 */
export function withinBudget<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
