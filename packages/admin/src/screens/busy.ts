/**
 * A button that waits for the server: marked unavailable with aria-disabled rather than disabled,
 * because a disabled button loses the keyboard focus (to the page's top) the moment it is pressed.
 * Its handler ignores presses while busy.
 */
export function whileBusy(busy: boolean): { "aria-disabled"?: "true" } {
  return busy ? { "aria-disabled": "true" } : {};
}
