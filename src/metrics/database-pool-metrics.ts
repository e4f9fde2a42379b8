import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { registerGauge } from './metrics-registry';

/** The parts of a mysql2 pool that say how busy it is (its own fields: mysql2 has no public API for them). */
interface Mysql2Pool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

export interface PoolUse {
  max: number | null;
  open: number;
  idle: number;
  waiting: number;
}

/** The pool's use, or null when there is no pool to read (SQLite runs in the process; not connected yet). */
export function poolUse(pool: unknown): PoolUse | null {
  const p = pool as Mysql2Pool | undefined;
  if (!p || !p._allConnections || !p._freeConnections) return null;
  return {
    max: p.config?.connectionLimit ?? null,
    open: p._allConnections.length,
    idle: p._freeConnections.length,
    waiting: p._connectionQueue?.length ?? 0,
  };
}

/**
 * The business database's connection pool (MySQL/MariaDB): connections open and idle, the pool's
 * size, and queries waiting for a connection. With SQLite there is no pool and no series.
 */
@Injectable()
export class DatabasePoolMetrics implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (this.dataSource.options.type !== 'mysql' && this.dataSource.options.type !== 'mariadb') return;
    const read = () => poolUse((this.dataSource.driver as unknown as { pool?: unknown }).pool);
    registerGauge<'state'>({
      name: 'petition_db_pool_connections',
      help: 'Business database connections of this process, by state (in_use, idle)',
      labelNames: ['state'],
      collect() {
        this.reset();
        const use = read();
        if (!use) return;
        this.set({ state: 'in_use' }, use.open - use.idle);
        this.set({ state: 'idle' }, use.idle);
      },
    });
    registerGauge({
      name: 'petition_db_pool_max_connections',
      help: 'The most business database connections this process may open (the pool size)',
      collect() {
        this.reset();
        const use = read();
        if (use?.max != null) this.set(use.max);
      },
    });
    registerGauge({
      name: 'petition_db_pool_waiting_requests',
      help: 'Queries of this process waiting for a free business database connection',
      collect() {
        this.reset();
        const use = read();
        if (use) this.set(use.waiting);
      },
    });
  }
}
