/** The only source of "now" for command handling; tests swap it for a fixed clock. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');
