// The one source of "now" for a function: passed to whatever needs the time,
// so that tests can pin it.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
