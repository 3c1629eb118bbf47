/**
 * piscina reports a late result from a destroyed task, and a thread that died while idle, as 'error' events
 * on the pool. Unheard, an 'error' event is an uncaught exception: it crashed a test run once, when a batch
 * failed on one chunk while another thread was finishing its own. Every pool drillsim starts must hear them.
 */
import { describe, expect, it } from 'vitest';
import { startThreads } from '../../engine/batch/threads.js';

describe('startThreads', () => {
  it("routes the pool's 'error' events to onError instead of throwing them", async () => {
    const seen: string[] = [];
    const pool = startThreads('worker', 1, { module: 'unused', payload: null }, (err) => seen.push(err.message));
    try {
      expect(() => pool.emit('error', new Error('Unexpected message from Worker: {taskId: 25}'))).not.toThrow();
      expect(seen).toEqual(['Unexpected message from Worker: {taskId: 25}']);
    } finally {
      await pool.destroy();
    }
  });

  it('ignores them when no onError is given', async () => {
    const pool = startThreads('worker', 1, { module: 'unused', payload: null });
    try {
      expect(() => pool.emit('error', new Error('late result'))).not.toThrow();
    } finally {
      await pool.destroy();
    }
  });
});
