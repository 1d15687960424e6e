import { START, type GlobalPosition } from '../event-store.port';

// Fixed width so that plain string comparison orders positions (the port's promise).
const WIDTH = 16;

export const encodePosition = (position: number): GlobalPosition =>
  position.toString().padStart(WIDTH, '0');

export function decodePosition(position: GlobalPosition | undefined): number {
  if (position === undefined || position === START) return 0;
  if (!/^\d{1,16}$/.test(position)) throw new RangeError(`not an embedded-store position: ${position}`);
  return Number(position);
}
