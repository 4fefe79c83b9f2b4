import { options } from "preact";

/**
 * A Vitest setup file of the Preact packages that test in jsdom (messenger, admin).
 *
 * Preact runs effects after the next frame: on a requestAnimationFrame, with a 35 ms timer beside
 * it that calls cancelAnimationFrame. When a file's last test leaves an effect pending on a busy
 * machine, that timer fires after jsdom has gone, and cancelAnimationFrame with it: an uncaught
 * ReferenceError that fails the whole run. Tests have no frames to wait for, so effects run on the
 * next task instead (Preact's own test utilities hook in here the same way).
 */
options.requestAnimationFrame = (flush) => {
  setTimeout(flush);
};
